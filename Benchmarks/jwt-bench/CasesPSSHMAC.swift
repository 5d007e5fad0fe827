// PS256 and HS256: the RSASSA-PSS primitive at 2048 bits, and whole tokens with the Cognito access
// token's payload (the same bytes as access_token.jwt) signed PS256 with a published test key and
// HS256 with a fixed 32-byte bench secret. Benchmarks/Peers/pss-verify.c times OpenSSL's PSS verify
// on the same kind of key; Benchmarks/Peers/node-hmac.mjs builds the identical HS256 token and
// verifies it with Node's createHmac.
import PureBase64URL
import PureJWK
import PureJWT
import PureJWTTesting
import PureRSA

/// The HS256 bench secret (32 bytes, ASCII); node-hmac.mjs uses the same.
let benchHMACSecret = Array("purejwt-bench-hs256-secret-32byt".utf8)

func pssHMACCases() -> [BenchCase] {
    let key = TestRSAKey.first
    let message = Array(fixtureText("access_token.jwt").split(separator: ".").prefix(2).joined(separator: ".").utf8)
    let pss = key.signPSSVariableTimeTestOnly(message, hash: .sha256, saltLength: 32)
    guard key.publicKey.isValidPSSSignature(pss, message: message, hash: .sha256, mgfHash: .sha256, saltLength: 32) else {
        fatalError("jwt-bench: PSS fixture does not verify")
    }
    let payloadSegment = String(fixtureText("access_token.jwt").split(separator: ".")[1])
    guard let payload = try? Base64URL.decode(payloadSegment) else { fatalError("jwt-bench: payload") }
    let clock = JWTClock.fixed(NumericDate(1_763_900_000))
    let ps256 = TestSigner.rsa(.first, algorithm: .ps256, keyID: "bench-ps256")
    let hs256 = TestSigner.hmac(secret: benchHMACSecret, algorithm: .hs256, keyID: "bench-hs256")
    let psToken = ps256.sign(headerJSON: Array("{\"alg\":\"PS256\",\"kid\":\"bench-ps256\"}".utf8), payload: payload)
    let hsToken = hs256.sign(headerJSON: Array("{\"alg\":\"HS256\",\"kid\":\"bench-hs256\"}".utf8), payload: payload)
    guard let psVerifier = try? CognitoVerifier(userPoolID: "us-east-1_AbC123xyz", clientIDs: ["4h8d2j9k1l0m3n5p7q6r2s4t8u"], tokenUse: .access,
                                                 keys: .static(ps256.jwks), algorithms: [.ps256], clock: clock),
          let hsKeys = hs256.hmacKeySource,
          let hsVerifier = try? CognitoVerifier(userPoolID: "us-east-1_AbC123xyz", clientIDs: ["4h8d2j9k1l0m3n5p7q6r2s4t8u"], tokenUse: .access,
                                                 keys: hsKeys, algorithms: [.hs256], clock: clock),
          (try? psVerifier.verifySync(psToken)) != nil, (try? hsVerifier.verifySync(hsToken)) != nil else {
        fatalError("jwt-bench: PS256/HS256 tokens do not verify")
    }
    return [
        // Hashing the ~1 KB message is inside the loop, as in the OpenSSL loop it is compared with.
        BenchCase(name: "ps256 verify (rsa2048)", bytes: nil) { n in
            for _ in 0..<n {
                sink &+= key.publicKey.isValidPSSSignature(pss, message: message, hash: .sha256, mgfHash: .sha256, saltLength: 32) ? 1 : 0
            }
        },
        BenchCase(name: "jwt verify cognito access token PS256", bytes: nil) { n in
            for _ in 0..<n { sink &+= UInt64((try? psVerifier.verifySync(psToken))?.claims.count ?? 0) }
        },
        BenchCase(name: "jwt verify cognito access token HS256", bytes: nil) { n in
            for _ in 0..<n { sink &+= UInt64((try? hsVerifier.verifySync(hsToken))?.claims.count ?? 0) }
        },
    ]
}
