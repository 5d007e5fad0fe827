// Symmetric keys for HMAC (JWS HS256/384/512): JWK `kty: "oct"` with `k` (RFC 7518 §6.4), or raw
// secret bytes. A secret is loaded only through its own, explicitly named API — never from a key
// set fetched or parsed as public keys (`JWKSet(json:)` keeps refusing `k` as a whole: a public
// endpoint must not carry secrets). Its bytes never appear in a description, an export, a message
// or a log; comparing two keys runs in time that depends only on their lengths.
import PureBase64URL
import PureJSON
import PureSHA2

/// A secret key for HMAC. Its `description` shows its length only.
public struct SymmetricKey: Sendable, Equatable, CustomStringConvertible {
    let bytes: [UInt8]

    /// A key of these secret bytes.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The key's length in octets.
    public var byteCount: Int { bytes.count }

    /// "SymmetricKey(32 bytes)": never the secret.
    public var description: String { "SymmetricKey(\(bytes.count) bytes)" }

    /// The secret, for the HMAC computation only.
    package func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        bytes.withUnsafeBytes(body)
    }

    /// Equal when the bytes are, compared without an early exit (constant time for equal lengths).
    public static func == (lhs: SymmetricKey, rhs: SymmetricKey) -> Bool {
        guard lhs.bytes.count == rhs.bytes.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<lhs.bytes.count { diff |= lhs.bytes[i] ^ rhs.bytes[i] }
        return diff == 0
    }
}

extension JWK {
    /// A JWK holding an HMAC secret (`kty` "oct"). Package-internal: PureJWT builds these only in an
    /// HMAC key source (`KeySource.hmacSecret`, `KeySource.hmacSecrets(jwkJSON:)`), so no public key
    /// set can ever hold one.
    package init(symmetricKey: SymmetricKey, keyID: String?, algorithm: String? = nil, use: String? = nil, keyOperations: [String]? = nil) {
        self.init(keyType: "oct", keyID: keyID, algorithm: algorithm, use: use, keyOperations: keyOperations,
                  material: .symmetric(symmetricKey), rsaComponents: nil)
    }

    /// The HMAC secret of an `oct` key; nil for other keys.
    public var symmetricKey: SymmetricKey? { if case .symmetric(let k) = material { return k }; return nil }

    /// Parses JWKs of `kty` "oct" (RFC 7518 §6.4.1: `k`, strict base64url, non-empty) from a JWK or
    /// a JWK Set — the explicitly named way to load HMAC secrets. Any key of another type is an
    /// error here (a secret file holds secrets only). Package-internal: reached through
    /// `KeySource.hmacSecrets(jwkJSON:)` and the CLI.
    package static func symmetricKeys(json: [UInt8], limits: JWKSetLimits = .default) throws(JWKError) -> [JWK] {
        guard json.count <= limits.maxBytes else { throw JWKError(invalid: "secret key file is \(json.count) bytes, over the \(limits.maxBytes)-byte limit") }
        let value: JSONValue
        do { value = try JSONParser.parse(json, limits: limits.json) } catch { throw JWKError(json: error) }
        guard case .object(let top) = value else { throw JWKError(invalid: "a JWK or JWK Set must be a JSON object, found \(value.kindName)") }
        var objects: [(JSONObject, String)] = []
        if let keys = top["keys"] {
            guard case .array(let items) = keys else { throw JWKError(invalid: "\"keys\" must be an array") }
            guard items.count <= limits.maxKeys else { throw JWKError(invalid: "\(items.count) keys, over the limit of \(limits.maxKeys)") }
            for (i, item) in items.enumerated() {
                guard case .object(let o) = item else { throw JWKError(invalid: "keys[\(i)] must be an object") }
                objects.append((o, "keys[\(i)]"))
            }
        } else {
            objects.append((top, "JWK"))
        }
        var out: [JWK] = []
        for (o, context) in objects {
            guard case .string(let kty)? = o["kty"] else { throw JWKError(invalid: "\(context): \"kty\" must be a string") }
            guard utf8Equal(kty, "oct") else {
                throw JWKError(invalid: "\(context): key type \(displayQuoted(kty)) in a secret key file; HMAC secrets are \"oct\" keys only")
            }
            guard case .string(let k)? = o["k"] else { throw JWKError(invalid: "\(context): \"k\" must be a string (RFC 7518 §6.4.1)") }
            let secret: [UInt8]
            do { secret = try Base64URL.decode(k) } catch { throw JWKError(invalid: "\(context): \"k\" is not strict base64url") }
            guard !secret.isEmpty else { throw JWKError(invalid: "\(context): \"k\" is empty") }
            let probe = try JWK(metadataOf: o, context: context)
            out.append(JWK(symmetricKey: SymmetricKey(secret), keyID: probe.keyID, algorithm: probe.algorithm, use: probe.use,
                           keyOperations: probe.keyOperations))
        }
        return out
    }

    /// RFC 7638 §3.2 for `oct` (RFC 7518 §6.4): {"k":…,"kty":"oct"}.
    static func symmetricThumbprint(_ key: SymmetricKey) -> String {
        let input = "{\"k\":\"\(Base64URL.encode(key.bytes))\",\"kty\":\"oct\"}"
        return Base64URL.encode(SHA256.hash(Array(input.utf8)).bytes)
    }
}
