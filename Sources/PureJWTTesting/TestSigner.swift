// Minting signed tokens for tests: a `TestSigner` holds a test key (one of the published RSA-2048
// pairs, or an HMAC secret you choose) and signs any header and claims into a compact JWS
// (RFC 7515 §7.1: BASE64URL(header) ‖ '.' ‖ BASE64URL(payload) ‖ '.' ‖ BASE64URL(signature)).
// With the public JWK Set it gives, your own tests reach every 401 and 403 path without Python.
//
// ⚠︎ TEST-ONLY: the RSA keys are published and their signing is variable-time (TestRSAKey.swift).
import PureBase64URL
import PureJSON
import PureJWK
import PureJWT
import PureRSA
import PureSHA2

/// Signs test tokens. **Test-only.**
public struct TestSigner: Sendable {
    /// A signature algorithm the signer can produce (RFC 7518 §3.1 names).
    public enum Algorithm: String, Sendable, CaseIterable {
        /// RSASSA-PKCS1-v1_5 with SHA-256.
        case rs256 = "RS256"
        /// RSASSA-PKCS1-v1_5 with SHA-384.
        case rs384 = "RS384"
        /// RSASSA-PKCS1-v1_5 with SHA-512.
        case rs512 = "RS512"
        /// RSASSA-PSS with SHA-256, MGF1 SHA-256, a 32-octet salt.
        case ps256 = "PS256"
        /// RSASSA-PSS with SHA-384, MGF1 SHA-384, a 48-octet salt.
        case ps384 = "PS384"
        /// RSASSA-PSS with SHA-512, MGF1 SHA-512, a 64-octet salt.
        case ps512 = "PS512"
        /// HMAC with SHA-256.
        case hs256 = "HS256"
        /// HMAC with SHA-384.
        case hs384 = "HS384"
        /// HMAC with SHA-512.
        case hs512 = "HS512"
    }

    enum Key: Sendable {
        case rsa(TestRSAKey)
        case hmac([UInt8])
    }

    let key: Key
    /// The algorithm this signer uses.
    public let algorithm: Algorithm
    /// The `kid` put in headers (nil: no `kid`).
    public let keyID: String?

    /// RS256 with the first published test key, `kid` "purejwt-test-rsa-1".
    public static let rs256 = TestSigner(key: .rsa(.first), algorithm: .rs256, keyID: TestRSAKey.first.keyID)
    /// RS256 with the second published test key, `kid` "purejwt-test-rsa-2" (rotation, wrong-key tests).
    public static let rs256Second = TestSigner(key: .rsa(.second), algorithm: .rs256, keyID: TestRSAKey.second.keyID)

    /// An RSA signer with one of the published test keys. `algorithm` must be RS256, RS384, RS512,
    /// PS256, PS384 or PS512 (a test that passes another stops here). For a token whose `alg` lies about its
    /// signature, sign with a fitting algorithm and replace `alg` in `sign(_:header:)`.
    public static func rsa(_ which: TestRSAKey = .first, algorithm: Algorithm = .rs256, keyID: String? = nil) -> TestSigner {
        precondition([.rs256, .rs384, .rs512, .ps256, .ps384, .ps512].contains(algorithm),
                     "TestSigner.rsa: \(algorithm.rawValue) is not an RSA algorithm")
        return TestSigner(key: .rsa(which), algorithm: algorithm, keyID: keyID ?? which.keyID)
    }

    /// An HMAC signer with your test secret; `algorithm` must be HS256, HS384 or HS512. (The classic
    /// algorithm-confusion token is `hmac(secret: Array(publicKeyPEM.utf8))`.)
    public static func hmac(secret: [UInt8], algorithm: Algorithm = .hs256, keyID: String? = nil) -> TestSigner {
        precondition([.hs256, .hs384, .hs512].contains(algorithm), "TestSigner.hmac: \(algorithm.rawValue) is not an HMAC algorithm")
        return TestSigner(key: .hmac(secret), algorithm: algorithm, keyID: keyID)
    }

    /// The key source an HMAC signer's tokens verify with: its secret, by its `kid`
    /// (`KeySource.hmacSecret`); nil for RSA signers (use `jwks`).
    public var hmacKeySource: KeySource? {
        guard case .hmac(let secret) = key else { return nil }
        return .hmacSecret(secret, keyID: keyID)
    }

    /// The public JWK Set verifiers need for this signer's tokens (empty for HMAC: a shared secret
    /// is never published in a JWKS).
    public var jwks: JWKSet {
        guard case .rsa(let k) = key else { return JWKSet(keys: []) }
        return JWKSet(keys: [JWK(rsaKey: k.publicKey, keyID: keyID, algorithm: algorithm.rawValue)])
    }

    /// The JWK Sets of several signers in one set (e.g. before and after a rotation).
    public static func jwks(_ signers: TestSigner...) -> JWKSet { JWKSet(keys: signers.flatMap { $0.jwks.keys }) }

    /// A compact JWS of `claims` (any JSON value; a JWT's claims are an object). The header is
    /// `{"alg": …, "kid": …}` followed by `header`'s members; give a member again to replace it
    /// (e.g. `["alg": "none"]`), or `.null` in `removing` style with `removingHeader`.
    public func sign(_ claims: JSONValue, header: [(String, JSONValue)] = [], removingHeader: [String] = []) -> String {
        var members: [(String, JSONValue)] = [("alg", .string(algorithm.rawValue))]
        if let keyID { members.append(("kid", .string(keyID))) }
        for (name, value) in header {
            if let i = members.firstIndex(where: { $0.0 == name }) { members[i].1 = value } else { members.append((name, value)) }
        }
        members.removeAll { removingHeader.contains($0.0) }
        return sign(headerJSON: JSONValue.object(JSONObject(members)).jsonBytes, payload: claims.jsonBytes)
    }

    /// A compact JWS over exact header and payload bytes (for malformed-JSON and canonicalisation tests).
    public func sign(headerJSON: [UInt8], payload: [UInt8]) -> String {
        let signingInput = Base64URL.encode(headerJSON) + "." + Base64URL.encode(payload)
        return signingInput + "." + Base64URL.encode(signature(Array(signingInput.utf8)))
    }

    /// The signature over `signingInput` with this signer's key and algorithm.
    public func signature(_ signingInput: [UInt8]) -> [UInt8] {
        switch (key, algorithm) {
        case (.rsa(let k), .rs256): k.signVariableTimeTestOnly(signingInput, hash: .sha256)
        case (.rsa(let k), .rs384): k.signVariableTimeTestOnly(signingInput, hash: .sha384)
        case (.rsa(let k), .rs512): k.signVariableTimeTestOnly(signingInput, hash: .sha512)
        case (.rsa(let k), .ps256): k.signPSSVariableTimeTestOnly(signingInput, hash: .sha256, saltLength: 32)
        case (.rsa(let k), .ps384): k.signPSSVariableTimeTestOnly(signingInput, hash: .sha384, saltLength: 48)
        case (.rsa(let k), .ps512): k.signPSSVariableTimeTestOnly(signingInput, hash: .sha512, saltLength: 64)
        case (.hmac(let s), .hs256): HMAC.sha256(key: s, message: signingInput).bytes
        case (.hmac(let s), .hs384): HMAC.sha384(key: s, message: signingInput).bytes
        case (.hmac(let s), .hs512): HMAC.sha512(key: s, message: signingInput).bytes
        case (.rsa, _), (.hmac, _): preconditionFailure("unreachable: the factories pair keys with their algorithms")
        }
    }
}
