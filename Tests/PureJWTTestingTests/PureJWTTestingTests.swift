import Foundation
import Testing
import VectorSupport
import PureBase64URL
import PureJWT
import PureRSA
import PureSHA2
@testable import PureJWTTesting

/// PureJWTTesting: what it mints verifies (and only with the right key), its RSA signatures are
/// byte-identical to OpenSSL's (PKCS#1 v1.5 is deterministic), its HMACs to Python's, and the
/// Cognito presets and the fake fetcher drive every verifier path.
@Suite struct PureJWTTestingTests {
    static let now = NumericDate(1_800_000_000)

    @Test func rs256TokensVerifyWithTheSignersKeySetOnly() throws {
        let claims: JSONValue = ["iss": "https://issuer.test", "aud": "api", "sub": "u1", "exp": 1_800_000_600]
        let token = TestSigner.rs256.sign(claims)
        let policy = VerificationPolicy(issuers: ["https://issuer.test"], audiences: ["api"])
        let verified = try TokenVerifier(keys: .static(TestSigner.rs256.jwks), policy: policy, clock: .fixed(Self.now)).verifySync(token)
        #expect(verified.claims.subject == "u1")
        #expect(verified.header.keyID == "purejwt-test-rsa-1")
        // The second key's set has another kid; with the first key's kid forced, the signature fails.
        #expect(throws: JWTError(.keyNotFound, "")) {
            try TokenVerifier(keys: .static(TestSigner.rs256Second.jwks), policy: policy, clock: .fixed(Self.now)).verifySync(token)
        }
        let forged = TestSigner.rsa(.second, keyID: "purejwt-test-rsa-1").sign(claims)
        #expect(throws: JWTError(.invalidSignature, "")) {
            try TokenVerifier(keys: .static(TestSigner.rs256.jwks), policy: policy, clock: .fixed(Self.now)).verifySync(forged)
        }
        for alg in [TestSigner.Algorithm.rs384, .rs512] {
            let signer = TestSigner.rsa(algorithm: alg)
            let t = signer.sign(claims)
            let p = VerificationPolicy(issuer: ["https://issuer.test"], audience: ["api"], algorithms: [alg == .rs384 ? .rs384 : .rs512])
            #expect((try? TokenVerifier(keys: .static(signer.jwks), policy: p, clock: .fixed(Self.now)).verifySync(t)) != nil, "\(alg)")
        }
    }

    /// The test signer against OpenSSL (pyca/cryptography) with the same private key: equal signatures.
    @Test func signaturesMatchOpenSSL() throws {
        guard PythonScript.hasModule("cryptography") else {
            if Vectors.isCI { throw Vectors.Missing(description: "cryptography is required under CI=true") }
            print("note: python3 with cryptography not found; skipping"); return
        }
        let messages = ["", "abc", String(repeating: "x", count: 1000)]
        var input = ""
        for (i, key) in [TestRSAKey.first, .second].enumerated() {
            for alg in ["sha256", "sha384", "sha512"] {
                for m in messages { input += "\(i + 1) \(alg) \(Hex.encode(Array(m.utf8)))\n" }
            }
            _ = key
        }
        let script = """
            import sys
            from cryptography.hazmat.primitives import hashes, serialization
            from cryptography.hazmat.primitives.asymmetric import padding
            keys = {str(i): serialization.load_pem_private_key(open(f"Vectors/testing/private/rsa_{i}.pem", "rb").read(), None) for i in (1, 2)}
            for line in sys.stdin.read().splitlines():
                k, alg, msg = (line.split(" ") + [""])[:3]
                h = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}[alg]
                print(keys[k].sign(bytes.fromhex(msg), padding.PKCS1v15(), h).hex())
            """
        FileManager.default.changeCurrentDirectoryPath(Vectors.root.path)
        guard let out = try PythonScript.run(script, stdin: Array(input.utf8)) else { return }
        var expected = out.split(separator: "\n").makeIterator()
        for key in [TestRSAKey.first, .second] {
            for hash in [RSAHashAlgorithm.sha256, .sha384, .sha512] {
                for m in messages {
                    #expect(Hex.encode(key.signVariableTimeTestOnly(Array(m.utf8), hash: hash)) == expected.next().map(String.init), "\(key.keyID) \(hash)")
                }
            }
        }
    }

    @Test func hmacTokensCarryTheRightMAC() throws {
        let secret = Array("a test secret of thirty-two bytes".utf8)
        let token = TestSigner.hmac(secret: secret, keyID: "h1").sign(["sub": "u"])
        let parts = token.split(separator: ".")
        #expect(parts.count == 3)
        let mac = HMAC.sha256(key: secret, message: Array("\(parts[0]).\(parts[1])".utf8)).bytes
        #expect(String(parts[2]) == Base64URL.encode(mac))
        let header = try UnverifiedToken.decodeUnverified(Array(token.utf8)).header
        #expect(header["alg"] == "HS256" && header["kid"] == "h1")
    }

    @Test func cognitoPresetsDriveTheVerifier() throws {
        let pool = CognitoTestPool()
        let clock = JWTClock.fixed(Self.now)
        let access = try pool.verifier(tokenUse: .access, clock: clock)
        let id = try pool.verifier(tokenUse: .id, clock: clock)
        let t = try access.verifySync(pool.accessToken(groups: ["admin"], issuedAt: Self.now))
        #expect(t.claims.groups == ["admin"] && t.claims.tokenUse == "access" && t.claims.clientID == pool.clientID)
        #expect(try id.verifySync(pool.idToken(issuedAt: Self.now)).claims.audience == [pool.clientID])
        // Every refusal a handler maps, from a token built for it.
        let past = NumericDate(secondsSince1970: Self.now.secondsSince1970 - 7200)
        #expect(throws: JWTError(.expired, "")) { try access.verifySync(pool.accessToken(issuedAt: past)) }
        #expect(throws: JWTError(.invalidTokenUse, "")) { try access.verifySync(pool.idToken(issuedAt: Self.now)) }
        #expect(throws: JWTError(.insufficientScope, "")) { try access.verifySync(pool.accessToken(issuedAt: Self.now), groups: ["billing"]) }
        #expect(throws: JWTError(.insufficientScope, "")) { try access.verifySync(pool.accessToken(issuedAt: Self.now), scopes: ["admin:write"]) }
        #expect(throws: JWTError(.invalidAudience, "")) { try access.verifySync(pool.accessToken(issuedAt: Self.now, overrides: [("client_id", "other")])) }
        #expect(throws: JWTError(.invalidClaim, "")) { try access.verifySync(pool.accessToken(issuedAt: Self.now, overrides: [("exp", nil)])) }
        #expect(throws: JWTError(.invalidIssuer, "")) {
            try access.verifySync(pool.accessToken(issuedAt: Self.now, overrides: [("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other")]))
        }
        let otherKey = CognitoTestPool(signer: .rs256Second)
        #expect(throws: JWTError(.keyNotFound, "")) { try access.verifySync(otherKey.accessToken(issuedAt: Self.now)) }
    }

    @Test func fakeFetcherServesRotatesAndFails() async throws {
        let pool = CognitoTestPool()
        let fake = FakeJWKSFetcher(serving: pool.jwks)
        let time = TestClock(Self.now)
        let verifier = try CognitoVerifier(userPoolID: pool.poolID, clientIDs: [pool.clientID], tokenUse: .access,
                                           fetcher: fake.fetcher, clock: time.clock)
        _ = try await verifier.verify(pool.accessToken(issuedAt: Self.now))
        #expect(fake.fetchCount == 1)
        #expect(fake.fetchedURLs == ["https://cognito-idp.us-east-1.amazonaws.com/us-east-1_PureJWTTest/.well-known/jwks.json"])
        // Rotation: a token of the new key right after the first fetch is refused (the 30 s cooldown
        // holds the refetch back); once the cooldown has passed the one refetch brings the new key.
        let rotated = CognitoTestPool(signer: .rs256Second)
        fake.serve(TestSigner.jwks(.rs256, .rs256Second))
        await #expect(throws: JWTError(.keyNotFound, "")) { try await verifier.verify(rotated.accessToken(issuedAt: time.now)) }
        #expect(fake.fetchCount == 1)
        time.advance(by: 31)
        _ = try await verifier.verify(rotated.accessToken(issuedAt: time.now))
        #expect(fake.fetchCount == 2)
        // A dead endpoint with nothing cached: jwks-fetch-failed.
        let dead = FakeJWKSFetcher(.failure("connection refused"))
        let v2 = try CognitoVerifier(userPoolID: pool.poolID, clientIDs: [pool.clientID], tokenUse: .access,
                                     fetcher: dead.fetcher, clock: .fixed(Self.now))
        await #expect(throws: JWTError(.jwksFetchFailed, "")) { try await v2.verify(pool.accessToken(issuedAt: Self.now)) }
    }
}
