// libFuzzer harness: JWK and JWK Set parsing with key preparation, thumbprints and jwk-to-pem of
// whatever was accepted; the HMAC secrets loader on the same bytes.
import PureJWT

/// An HS256 token with kid "k" (its MAC is for another secret: verification runs to the tag check).
let hmacToken = "eyJhbGciOiJIUzI1NiIsImtpZCI6ImsifQ.eyJzdWIiOiJ4In0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    if let set = try? JWKSet(jsonKeyOrSet: input) {
        for key in set.keys {
            _ = key.thumbprint()
            _ = key.pem(.spki)
        }
    }
    _ = try? JWK(json: input)
    // The HMAC secrets loader (kty "oct"), then a verification with whatever it accepted.
    if let secrets = try? KeySource.hmacSecrets(jwkJSON: input) {
        let verifier = JWSVerifier(keys: secrets, algorithms: [.hs256, .hs384, .hs512], clock: .fixed(NumericDate(0)))
        _ = try? verifier.verifySync(hmacToken)
    }
    return 0
}
