// JSON Web Keys (RFC 7517) holding RSA public keys (RFC 7518 §6.3.1).
//
// Rules enforced at parse, each a rejection with `invalid-jwks`:
// - `kty` is a string (RFC 7517 §4.1); `kid`, `alg`, `use` are strings when present (§4.5, §4.4,
//   §4.2); `key_ops` is an array of distinct strings (§4.3: "Duplicate key operation values MUST
//   NOT be present").
// - No private key members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`; RFC 7518 §6.3.2; `k` for oct,
//   §6.4.1): a key set served to verifiers must not hold private keys.
// - RSA: `n` and `e` present, strict base64url (RFC 7518 §6.3.1: Base64urlUInt), in the minimum
//   number of octets (§2 "Base64urlUInt … MUST utilize the minimum number of octets"; §6.3.1.1
//   warns of a leading zero octet on `n` in particular).
// An RSA key that is well-formed but refused by the key policy (size, exponent) is kept as
// *unusable* with its reason: selection reports `key-not-usable` for it, and the other keys of the
// set keep working. Keys of other types (`EC`, `OKP`, `oct`, unknown) are kept as *unsupported* in a
// set and skipped by selection; a single JWK of such a type is an error.
import PureBase64URL
import PureDER
import PureJSON
import PureRSA

/// One public key from a JWK or JWK Set.
public struct JWK: Sendable {
    /// What the key can be used for.
    public enum Material: Sendable {
        /// A usable RSA public key.
        case rsa(RSAPublicKey)
        /// A well-formed RSA key the policy refuses (reason in words, e.g. its size).
        case rsaRefused(reason: String)
        /// An HMAC secret (`kty` "oct"): only in an HMAC key source, never in a parsed public set.
        case symmetric(SymmetricKey)
        /// A key type PureJWT does not verify with (yet).
        case unsupported
    }

    /// `kty` (RFC 7517 §4.1).
    public let keyType: String
    /// `kid` (§4.5), compared byte for byte during selection.
    public let keyID: String?
    /// `alg` (§4.4).
    public let algorithm: String?
    /// `use` (§4.2).
    public let use: String?
    /// `key_ops` (§4.3).
    public let keyOperations: [String]?
    /// The key itself.
    public let material: Material
    /// For RSA keys (usable or refused): the minimal big-endian modulus and exponent.
    public let rsaComponents: RSAPublicKeyComponents?

    /// The usable RSA key, if any.
    public var rsaKey: RSAPublicKey? { if case .rsa(let k) = material { return k }; return nil }

    /// Size of the RSA modulus in bits (usable or refused keys).
    public var modulusBits: Int? {
        guard let m = rsaComponents?.modulus, let first = m.first else { return nil }
        return m.count * 8 - first.leadingZeroBitCount
    }

    /// A JWK for an RSA public key you already hold (e.g. imported from PEM with
    /// `RSAPublicKey(pem:)`), to verify tokens with it: `JWKSet(keys: [JWK(rsaKey: key, keyID: "k1")])`.
    public init(rsaKey: RSAPublicKey, keyID: String? = nil, algorithm: String? = nil, use: String? = "sig") {
        keyType = "RSA"
        self.keyID = keyID
        self.algorithm = algorithm
        self.use = use
        keyOperations = nil
        material = .rsa(rsaKey)
        rsaComponents = rsaKey.components
    }

    init(keyType: String, keyID: String?, algorithm: String?, use: String?, keyOperations: [String]?, material: Material,
         rsaComponents: RSAPublicKeyComponents?) {
        self.keyType = keyType
        self.keyID = keyID
        self.algorithm = algorithm
        self.use = use
        self.keyOperations = keyOperations
        self.material = material
        self.rsaComponents = rsaComponents
    }

    /// The metadata members of a JWK object — `kid`, `alg`, `use`, `key_ops` — checked, with no
    /// key material (`kty` "none"); for parsers that read the material themselves.
    init(metadataOf o: JSONObject, context: String) throws(JWKError) {
        var ops: [String]? = nil
        if let value = o["key_ops"] {
            guard case .array(let items) = value else { throw JWKError(invalid: "\(context): \"key_ops\" must be an array") }
            var list: [String] = []
            for item in items {
                guard case .string(let s) = item else { throw JWKError(invalid: "\(context): \"key_ops\" must hold strings") }
                guard !list.contains(where: { utf8Equal($0, s) }) else {
                    throw JWKError(invalid: "\(context): duplicate \"key_ops\" value \(displayQuoted(s)) (RFC 7517 §4.3)")
                }
                list.append(s)
            }
            ops = list
        }
        self.init(keyType: "none", keyID: try Self.optionalString(o, "kid", context), algorithm: try Self.optionalString(o, "alg", context),
                  use: try Self.optionalString(o, "use", context), keyOperations: ops, material: .unsupported, rsaComponents: nil)
    }

    /// Parses one JWK from JSON bytes. A key type other than RSA is an error here.
    public init(json: [UInt8], limits: JWKSetLimits = .default) throws(JWKError) {
        guard json.count <= limits.maxBytes else { throw JWKError(invalid: "JWK is \(json.count) bytes, over the \(limits.maxBytes)-byte limit") }
        let value: JSONValue
        do { value = try JSONParser.parse(json, limits: limits.json) } catch { throw JWKError(json: error) }
        guard case .object(let object) = value else { throw JWKError(invalid: "a JWK must be a JSON object, found \(value.kindName)") }
        try self.init(object: object, policy: limits.rsaPolicy, context: "JWK")
        if case .unsupported = material { throw JWKError(invalid: "unsupported key type \(displayQuoted(keyType))") }
    }

    /// Parses one JWK from a JSON object; `context` names it in messages (e.g. "keys[2]").
    init(object o: JSONObject, policy: RSAKeyPolicy, context: String) throws(JWKError) {
        guard case .string(let kty)? = o["kty"] else { throw JWKError(invalid: "\(context): \"kty\" must be a string") }
        keyType = kty
        let metadata = try JWK(metadataOf: o, context: context)
        keyID = metadata.keyID
        algorithm = metadata.algorithm
        use = metadata.use
        keyOperations = metadata.keyOperations
        for member in ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] where o[member] != nil {
            throw JWKError(invalid: "\(context): private key member \"\(member)\" present; a verifier's key set must hold public keys only")
        }
        guard utf8Equal(kty, "RSA") else {
            material = .unsupported
            rsaComponents = nil
            return
        }
        let n = try Self.base64urlUInt(o, "n", context)
        let e = try Self.base64urlUInt(o, "e", context)
        rsaComponents = RSAPublicKeyComponents(modulus: n, exponent: e)
        do {
            material = .rsa(try RSAPublicKey(modulus: n, exponent: e, policy: policy))
        } catch {
            material = .rsaRefused(reason: error.description)
        }
    }

    static func optionalString(_ o: JSONObject, _ name: String, _ context: String) throws(JWKError) -> String? {
        guard let v = o[name] else { return nil }
        guard case .string(let s) = v else { throw JWKError(invalid: "\(context): \"\(name)\" must be a string") }
        return s
    }

    /// RFC 7518 §2 Base64urlUInt: strict base64url, non-empty, no leading zero octet.
    static func base64urlUInt(_ o: JSONObject, _ name: String, _ context: String) throws(JWKError) -> [UInt8] {
        guard case .string(let s)? = o[name] else { throw JWKError(invalid: "\(context): RSA member \"\(name)\" must be a string") }
        let bytes: [UInt8]
        do { bytes = try Base64URL.decode(s) } catch {
            throw JWKError(invalid: "\(context): \"\(name)\" is not strict base64url (\(error))")
        }
        guard let first = bytes.first else { throw JWKError(invalid: "\(context): \"\(name)\" is empty") }
        guard first != 0 else {
            throw JWKError(invalid: "\(context): \"\(name)\" has a leading zero octet (RFC 7518 §6.3.1.1: minimum number of octets)")
        }
        return bytes
    }
}
