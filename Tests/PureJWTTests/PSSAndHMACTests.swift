import Foundation
import Testing
import VectorSupport
import PureBase64URL
import PureJSON
import PureJWK
import PureRSA
import PureSHA2
import PureJWTTesting
@testable import PureJWT

struct RFCHMACJWS: Decodable { let jwk: [String: String]; let token: String }

/// PS256/384/512 and HS256/384/512 through the whole stack, and the rules that keep them from
/// being confused with each other: an RSA key is never an HMAC secret, a secret never comes from a
/// public key set, HS* is never allowed by default, a short secret or a truncated tag is refused.
@Suite struct PSSAndHMACTests {
    static let now = NumericDate(secondsSince1970: 1_763_903_000)
    static let claims: JSONValue = ["sub": "user-1", "iss": "https://issuer.example", "exp": 1_763_906_600]

    func generic(_ keys: KeySource, _ algorithms: [JWSAlgorithm]) -> TokenVerifier {
        TokenVerifier(keys: keys, policy: VerificationPolicy(issuer: ["https://issuer.example"], audience: .notChecked, algorithms: algorithms),
                      clock: .fixed(Self.now))
    }

    // MARK: RSASSA-PSS

    /// RFC 7520 §4.2: the PS384 example verifies, and a flipped bit anywhere does not.
    @Test func rfc7520PS384() throws {
        let (keys, doc) = try rfcVector("rfc7520_4_2.json")
        let verifier = JWSVerifier(keys: keys, algorithms: [.ps384])
        let (header, payload) = try verifier.verifySync(doc.token)
        #expect(header.algorithmName == "PS384" && String(decoding: payload, as: UTF8.self) == doc.payload)
        for i in stride(from: 5, to: doc.token.utf8.count, by: 97) {
            var bytes = Array(doc.token.utf8)
            guard bytes[i] != UInt8(ascii: ".") else { continue }
            bytes[i] = bytes[i] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            #expect(throws: JWTError.self) { try verifier.verifySync(bytes) }
        }
        // PS384 is not RS384, and is not allowed unless named.
        #expect(throws: JWTError(.unsupportedAlgorithm, "")) { try JWSVerifier(keys: keys).verifySync(doc.token) }
    }

    @Test("PS256/384/512 round trip with the test signer", arguments: [TestSigner.Algorithm.ps256, .ps384, .ps512])
    func pssRoundTrip(_ alg: TestSigner.Algorithm) throws {
        let signer = TestSigner.rsa(algorithm: alg)
        let algorithm = try #require(JWSAlgorithm(rawValue: alg.rawValue))
        let token = signer.sign(Self.claims)
        #expect(try generic(.static(signer.jwks), [algorithm]).verifySync(token).algorithm == algorithm)
        // The same key under its JWK "alg" (PS*) cannot verify RS256, and vice versa.
        let rs = TestSigner.rsa(algorithm: .rs256).sign(Self.claims)
        #expect(throws: JWTError(.keyNotUsable, "")) { try generic(.static(signer.jwks), [algorithm, .rs256]).verifySync(rs) }
        // A PSS signature presented as PKCS#1 v1.5 (alg swapped) fails on the signature.
        let parts = token.split(separator: ".")
        let swapped = Base64URL.encode(Array("{\"alg\":\"RS256\",\"kid\":\"\(signer.keyID ?? "")\"}".utf8)) + "." + parts[1] + "." + parts[2]
        let anyAlg = JWKSet(keys: [JWK(rsaKey: TestRSAKey.first.publicKey, keyID: signer.keyID)])
        #expect(throws: JWTError(.invalidSignature, "")) { try generic(.static(anyAlg), [.rs256, algorithm]).verifySync(swapped) }
    }

    /// JWS PS* fixes the salt to the hash length (RFC 7518 §3.5): other salt lengths are refused,
    /// though they are valid RSASSA-PSS signatures for the generic primitive.
    @Test func otherSaltLengthsAreRefused() throws {
        let key = TestRSAKey.first
        let keys = JWKSet(keys: [JWK(rsaKey: key.publicKey, keyID: "k")])
        let header = Base64URL.encode(Array("{\"alg\":\"PS256\",\"kid\":\"k\"}".utf8))
        let payload = Base64URL.encode(Array(Self.claims.jsonText.utf8))
        let input = Array((header + "." + payload).utf8)
        for salt in [0, 20, 31, 33, 64] {
            let sig = key.signPSSVariableTimeTestOnly(input, hash: .sha256, saltLength: salt)
            #expect(key.publicKey.isValidPSSSignature(sig, message: input, hash: .sha256, mgfHash: .sha256, saltLength: salt))
            let token = header + "." + payload + "." + Base64URL.encode(sig)
            #expect(throws: JWTError(.invalidSignature, "")) { try generic(.static(keys), [.ps256]).verifySync(token) }
        }
        let good = header + "." + payload + "." + Base64URL.encode(key.signPSSVariableTimeTestOnly(input, hash: .sha256, saltLength: 32))
        #expect(try generic(.static(keys), [.ps256]).verifySync(good).claims.subject == "user-1")
    }

    // MARK: HMAC

    /// RFC 7515 Appendix A.1, through the explicitly named secret source.
    @Test func rfc7515A1HS256() throws {
        let doc = try JSONDecoder().decode(RFCHMACJWS.self, from: Data(Vectors.data("rfc/rfc7515_a1.json")))
        let keys = try KeySource.hmacSecrets(jwkJSON: Array(JSONEncoder().encode(doc.jwk)))
        let verifier = JWSVerifier(keys: keys, algorithms: [.hs256], clock: .fixed(Self.now))
        let (header, payload) = try verifier.verifySync(doc.token)
        #expect(header.algorithmName == "HS256" && String(decoding: payload, as: UTF8.self).contains("\"iss\":\"joe\""))
        var bytes = Array(doc.token.utf8)
        bytes[bytes.count - 2] = bytes[bytes.count - 2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(throws: JWTError(.invalidSignature, "")) { try verifier.verifySync(bytes) }
        // As a JWT judged at a time before its exp (1300819380).
        let jwt = TokenVerifier(keys: keys, policy: VerificationPolicy(issuer: ["joe"], audience: .notChecked, algorithms: [.hs256]),
                                clock: .fixed(NumericDate(secondsSince1970: 1_300_000_000)))
        #expect(try jwt.verifySync(doc.token).claims.issuer == "joe")
    }

    @Test("HS256/384/512 round trip", arguments: [TestSigner.Algorithm.hs256, .hs384, .hs512])
    func hmacRoundTrip(_ alg: TestSigner.Algorithm) throws {
        let secret = Array("a shared secret that is long enough for HS512 — sixty-four bytes!".utf8)
        #expect(secret.count >= 64)
        let signer = TestSigner.hmac(secret: secret, algorithm: alg, keyID: "s1")
        let algorithm = try #require(JWSAlgorithm(rawValue: alg.rawValue))
        let keys = try #require(signer.hmacKeySource)
        #expect(try generic(keys, [algorithm]).verifySync(signer.sign(Self.claims)).algorithm == algorithm)
        // Another secret of the same kid: invalid-signature.
        let other = TestSigner.hmac(secret: Array(secret.reversed()), algorithm: alg, keyID: "s1")
        #expect(throws: JWTError(.invalidSignature, "")) { try generic(keys, [algorithm]).verifySync(other.sign(Self.claims)) }
    }

    /// RFC 7518 §3.2: a key shorter than the hash output is refused (key-not-usable), per algorithm.
    @Test func shortSecretsAreRefused() throws {
        let secret32 = [UInt8](repeating: 7, count: 32), secret31 = [UInt8](repeating: 7, count: 31)
        let hs256 = TestSigner.hmac(secret: secret32, algorithm: .hs256, keyID: "k")
        #expect(throws: Never.self) { try generic(.hmacSecret(secret32, keyID: "k"), [.hs256]).verifySync(hs256.sign(Self.claims)) }
        let short = TestSigner.hmac(secret: secret31, algorithm: .hs256, keyID: "k")
        #expect(throws: JWTError(.keyNotUsable, "")) { try generic(.hmacSecret(secret31, keyID: "k"), [.hs256]).verifySync(short.sign(Self.claims)) }
        let hs384 = TestSigner.hmac(secret: secret32, algorithm: .hs384, keyID: "k")
        #expect(throws: JWTError(.keyNotUsable, "")) { try generic(.hmacSecret(secret32, keyID: "k"), [.hs384]).verifySync(hs384.sign(Self.claims)) }
    }

    /// The full tag only: a truncated HMAC (as Wycheproof's truncated-tag groups) is invalid.
    @Test func truncatedTagsAreRefused() throws {
        let secret = [UInt8](repeating: 9, count: 32)
        let token = TestSigner.hmac(secret: secret, algorithm: .hs256, keyID: "k").sign(Self.claims)
        let parts = token.split(separator: ".").map(String.init)
        let tag = try Base64URL.decode(parts[2])
        for length in [0, 1, 16, 31] {
            let truncated = parts[0] + "." + parts[1] + "." + Base64URL.encode(Array(tag.prefix(length)))
            #expect(throws: JWTError.self) { try generic(.hmacSecret(secret, keyID: "k"), [.hs256]).verifySync(truncated) }
        }
        let extended = parts[0] + "." + parts[1] + "." + Base64URL.encode(tag + [0])
        #expect(throws: JWTError(.invalidSignature, "")) { try generic(.hmacSecret(secret, keyID: "k"), [.hs256]).verifySync(extended) }
    }

    /// HS* is never in a default allowlist, even with an HMAC key source.
    @Test func hmacIsNeverAllowedByDefault() throws {
        let secret = [UInt8](repeating: 1, count: 32)
        let token = TestSigner.hmac(secret: secret, algorithm: .hs256).sign(Self.claims)
        let defaults = TokenVerifier(keys: .hmacSecret(secret), policy: VerificationPolicy(issuer: ["https://issuer.example"], audience: .notChecked),
                                     clock: .fixed(Self.now))
        #expect(throws: JWTError(.unsupportedAlgorithm, "")) { try defaults.verifySync(token) }
        #expect(throws: JWTError(.unsupportedAlgorithm, "")) { try JWSVerifier(keys: .hmacSecret(secret), clock: .fixed(Self.now)).verifySync(token) }
        let pool = CognitoTestPool()
        #expect(throws: JWTError(.unsupportedAlgorithm, "")) { try pool.verifier(tokenUse: .any, clock: .fixed(Self.now)).verifySync(token) }
    }

    // MARK: algorithm confusion

    /// The classic forgery: HS256 "signed" with the RSA public key (its PEM, DER, JWK or modulus
    /// bytes as the secret), sent to a verifier that allows both RS256 and HS256 over a public key
    /// set. The RSA key is never used as an HMAC secret: key-not-usable with the kid, key-not-found
    /// without — never a valid token.
    @Test func publicKeyAsHMACSecretIsRefused() throws {
        let rsa = TestRSAKey.first
        let jwks = TestSigner.rs256.jwks
        let jwk = jwks.keys[0]
        let secrets: [(String, [UInt8])] = [
            ("SPKI PEM", Array((jwk.pem(.spki) ?? "").utf8)), ("PKCS#1 PEM", Array((jwk.pem(.pkcs1) ?? "").utf8)),
            ("JWK JSON", Array((jwk.jsonValue?.jsonText ?? "").utf8)), ("modulus", rsa.publicKey.modulus.bigEndianBytes),
        ]
        let verifier = generic(.static(jwks), [.rs256, .hs256])
        for (what, secret) in secrets {
            #expect(secret.count >= 32, "\(what)")
            let withKid = TestSigner.hmac(secret: secret, algorithm: .hs256, keyID: rsa.keyID).sign(Self.claims)
            #expect(throws: JWTError(.keyNotUsable, ""), "\(what)") { try verifier.verifySync(withKid) }
            let withoutKid = TestSigner.hmac(secret: secret, algorithm: .hs256).sign(Self.claims)
            #expect(throws: JWTError(.keyNotFound, ""), "\(what)") { try verifier.verifySync(withoutKid) }
        }
        // The genuine RS256 token still verifies with the same verifier.
        #expect(try verifier.verifySync(TestSigner.rs256.sign(Self.claims)).algorithm == .rs256)
    }

    /// An HMAC secret never verifies an RSA algorithm, and a public key set never supplies secrets.
    @Test func secretsStayInTheirSource() throws {
        let secret = [UInt8](repeating: 3, count: 64)
        // RS256/PS256 tokens with the secret's kid: the secret does not fit RSA.
        let rs = TestSigner.rsa(algorithm: .rs256, keyID: "s").sign(Self.claims)
        #expect(throws: JWTError(.keyNotUsable, "")) { try generic(.hmacSecret(secret, keyID: "s"), [.rs256, .hs256]).verifySync(rs) }
        // A public JWK Set (parsed, fetched, or served) carrying "k" fails as a whole.
        let oct = "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"s\",\"k\":\"\(Base64URL.encode(secret))\"}]}"
        #expect(throws: JWKError.self) { try JWKSet(json: Array(oct.utf8)) }
        #expect(throws: JWKError.self) { try JWKSet(jsonKeyOrSet: Array("{\"kty\":\"oct\",\"k\":\"\(Base64URL.encode(secret))\"}".utf8)) }
        // A key set that names oct without k parses, but the key is unsupported there: no secret.
        let noK = try JWKSet(json: Array("{\"keys\":[{\"kty\":\"oct\",\"kid\":\"s\"}]}".utf8))
        #expect(noK.keys[0].symmetricKey == nil)
        // The secrets API takes oct keys only.
        #expect(throws: JWTError(.invalidJWKS, "")) { try KeySource.hmacSecrets(jwkJSON: Array(TestSigner.rs256.jwks.jsonText.utf8)) }
        #expect(throws: JWTError(.invalidJWKS, "")) { try KeySource.hmacSecrets(jwkJSON: Array("{\"kty\":\"oct\",\"k\":\"\"}".utf8)) }
        #expect(throws: JWTError(.invalidJWKS, "")) { try KeySource.hmacSecrets(jwkJSON: Array("{\"kty\":\"oct\",\"k\":\"a+b\"}".utf8)) }
        #expect(throws: JWTError(.malformedJSON, "")) { try KeySource.hmacSecrets(jwkJSON: Array("{".utf8)) }
        // Rotation by kid from a secrets file; alg restricts a secret to one algorithm.
        let file = "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"old\",\"alg\":\"HS256\",\"k\":\"\(Base64URL.encode(secret))\"},"
            + "{\"kty\":\"oct\",\"kid\":\"new\",\"k\":\"\(Base64URL.encode(Array(secret.reversed())))\"}]}"
        let rotating = try KeySource.hmacSecrets(jwkJSON: Array(file.utf8))
        let v = generic(rotating, [.hs256, .hs512])
        #expect(try v.verifySync(TestSigner.hmac(secret: secret, algorithm: .hs256, keyID: "old").sign(Self.claims)).claims.subject == "user-1")
        #expect(try v.verifySync(TestSigner.hmac(secret: Array(secret.reversed()), algorithm: .hs512, keyID: "new").sign(Self.claims)).algorithm == .hs512)
        #expect(throws: JWTError(.keyNotUsable, "")) { try v.verifySync(TestSigner.hmac(secret: secret, algorithm: .hs512, keyID: "old").sign(Self.claims)) }
    }

    /// A secret never shows: not in a description, an export or a listing; thumbprints follow
    /// RFC 7638 §3.2 with the oct members (k, kty).
    @Test func secretsNeverShow() throws {
        let secret = Array("correct horse battery staple, thirty-two+".utf8)
        let keys = try KeySource.hmacSecrets(jwkJSON: Array("{\"kty\":\"oct\",\"kid\":\"s\",\"k\":\"\(Base64URL.encode(secret))\"}".utf8))
        guard case .fixed(let set) = keys.storage, let key = set.keys.first, let symmetric = key.symmetricKey else {
            Issue.record("no secret loaded"); return
        }
        #expect(symmetric.description == "SymmetricKey(\(secret.count) bytes)" && symmetric.byteCount == secret.count)
        #expect(symmetric == SymmetricKey(secret) && symmetric != SymmetricKey(Array(secret.dropLast())) && symmetric != SymmetricKey(secret.reversed()))
        let exported = set.jsonText
        #expect(exported == "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"s\"}]}")
        #expect(!exported.contains(Base64URL.encode(secret)) && !"\(key)".contains(Base64URL.encode(secret)))
        let thumbprintInput = "{\"k\":\"\(Base64URL.encode(secret))\",\"kty\":\"oct\"}"
        #expect(key.thumbprint() == Base64URL.encode(SHA256.hash(Array(thumbprintInput.utf8)).bytes))
    }

    /// The verified-token cache works with HMAC keys too (and a hit requires the secret still held).
    @Test func cacheWithHMAC() throws {
        let secret = [UInt8](repeating: 5, count: 32)
        let v = TokenVerifier(keys: .hmacSecret(secret, keyID: "k"),
                              policy: VerificationPolicy(issuer: ["https://issuer.example"], audience: .notChecked, algorithms: [.hs256]),
                              clock: .fixed(Self.now), cache: VerifiedTokenCacheOptions())
        let token = TestSigner.hmac(secret: secret, keyID: "k").sign(Self.claims)
        _ = try v.verifySync(token)
        _ = try v.verifySync(token)
        #expect(v.tokenCacheStatus?.hits == 1)
    }
}

/// Wycheproof `hmac_sha{256,384,512}_test.json` through the JWS tag check (RFC 7518 §3.2): in the
/// full-length groups every `valid` tag verifies and every `invalid` one fails; in the
/// truncated-tag groups every tag fails, valid or not — a JWS verifier takes the whole MAC only.
@Suite(.enabled(if: Vectors.runWycheproof, "Wycheproof vectors not found (set WYCHEPROOF_DIR)"))
struct WycheproofHMACJWSTests {
    struct File: Decodable {
        struct Group: Decodable { let keySize: Int; let tagSize: Int; let tests: [Case] }
        struct Case: Decodable { let tcId: Int; let key: String; let msg: String; let tag: String; let result: String }
        let testGroups: [Group]
    }

    @Test("Wycheproof HMAC as JWS tags", arguments: [(JWSAlgorithm.hs256, "hmac_sha256_test.json"), (.hs384, "hmac_sha384_test.json"),
                                                    (.hs512, "hmac_sha512_test.json")])
    func tags(_ algorithm: JWSAlgorithm, _ name: String) throws {
        let file = try JSONDecoder().decode(File.self, from: try Vectors.wycheproof(name))
        var fullValid = 0, fullInvalid = 0, truncatedRefused = 0
        for g in file.testGroups {
            let full = g.tagSize / 8 == algorithm.hash.digestByteCount
            for t in g.tests {
                let tag = Hex.decode(t.tag), msg = Hex.decode(t.msg)
                let ok = tag.withUnsafeBufferPointer { s in
                    msg.withUnsafeBytes { m in SignatureCheck.isValidHMAC(s, over: m, algorithm.hash, SymmetricKey(Hex.decode(t.key))) }
                }
                if !full {
                    #expect(!ok, "\(name) tcId \(t.tcId): a truncated tag verified"); truncatedRefused += 1
                } else if t.result == "valid" {
                    #expect(ok, "\(name) tcId \(t.tcId): valid tag refused"); fullValid += 1
                } else {
                    #expect(!ok, "\(name) tcId \(t.tcId): invalid tag accepted"); fullInvalid += 1
                }
            }
        }
        #expect(fullValid > 0 && fullInvalid > 0 && truncatedRefused > 0)
        print("Wycheproof \(name) as \(algorithm.rawValue) tags: full-length valid \(fullValid) accepted, invalid \(fullInvalid) rejected; truncated \(truncatedRefused) refused")
    }
}
