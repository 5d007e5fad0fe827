// JSON Web Keys (RFC 7517) holding RSA public keys (RFC 7518 §6.3.1) and Ed25519 public keys
// (RFC 8037 §2: `kty` "OKP", `crv` "Ed25519", `x` of exactly 32 octets).
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
// - OKP: `crv` a string; for "Ed25519", `x` strict base64url of exactly 32 octets that decodes to a
//   point (RFC 8032 §5.1.3, y < p) — anything else is `invalid-jwks`. Other curves (Ed448, X25519,
//   X448) are kept as unsupported.
// An RSA key that is well-formed but refused by the key policy (size, exponent) is kept as
// *unusable* with its reason: selection reports `key-not-usable` for it, and the other keys of the
// set keep working. Keys of other types (`EC`, `OKP`, `oct`, unknown) are kept as *unsupported* in a
// set and skipped by selection; a single JWK of such a type is an error.
import PureBase64URL
import PureDER
import PureEC
import PureEd25519
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
        /// An Ed25519 public key (`kty` "OKP", `crv` "Ed25519").
        case ed25519(Ed25519PublicKey)
        /// An EC public key on P-256, P-384 or P-521 (`kty` "EC").
        case ec(ECPublicKey)
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

    /// `crv` of an OKP key (RFC 8037 §2), e.g. "Ed25519"; nil for other key types.
    public let curve: String?

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
        curve = nil
    }

    /// A JWK for an Ed25519 public key you already hold (e.g. from `Ed25519PublicKey(pem:)`):
    /// `kty` "OKP", `crv` "Ed25519" (RFC 8037 §2).
    public init(ed25519Key: Ed25519PublicKey, keyID: String? = nil, algorithm: String? = "EdDSA", use: String? = "sig") {
        self.init(keyType: "OKP", keyID: keyID, algorithm: algorithm, use: use, keyOperations: nil, material: .ed25519(ed25519Key),
                  rsaComponents: nil, curve: "Ed25519")
    }

    /// A JWK for an EC public key you already hold (e.g. from `ECPublicKey(pem:)`): `kty` "EC"
    /// with the key's `crv` (RFC 7518 §6.2.1).
    public init(ecKey: ECPublicKey, keyID: String? = nil, algorithm: String? = nil, use: String? = "sig") {
        self.init(keyType: "EC", keyID: keyID, algorithm: algorithm, use: use, keyOperations: nil, material: .ec(ecKey),
                  rsaComponents: nil, curve: ecKey.curve.rawValue)
    }

    /// The EC key, if this is one.
    public var ecKey: ECPublicKey? { if case .ec(let k) = material { return k }; return nil }

    /// The Ed25519 key, if this is one.
    public var ed25519Key: Ed25519PublicKey? { if case .ed25519(let k) = material { return k }; return nil }

    init(keyType: String, keyID: String?, algorithm: String?, use: String?, keyOperations: [String]?, material: Material,
         rsaComponents: RSAPublicKeyComponents?, curve: String? = nil) {
        self.keyType = keyType
        self.keyID = keyID
        self.algorithm = algorithm
        self.use = use
        self.keyOperations = keyOperations
        self.material = material
        self.rsaComponents = rsaComponents
        self.curve = curve
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
        if utf8Equal(kty, "OKP") {
            rsaComponents = nil
            guard case .string(let crv)? = o["crv"] else { throw JWKError(invalid: "\(context): OKP member \"crv\" must be a string (RFC 8037 §2)") }
            curve = crv
            guard utf8Equal(crv, "Ed25519") else {
                material = .unsupported     // Ed448, X25519, X448: not verified here
                return
            }
            guard case .string(let x)? = o["x"] else { throw JWKError(invalid: "\(context): OKP member \"x\" must be a string (RFC 8037 §2)") }
            let raw: [UInt8]
            do { raw = try Base64URL.decode(x) } catch { throw JWKError(invalid: "\(context): \"x\" is not strict base64url (\(error))") }
            do { material = .ed25519(try Ed25519PublicKey(rawRepresentation: raw)) } catch {
                throw JWKError(invalid: "\(context): \(error.description)")
            }
            return
        }
        if utf8Equal(kty, "EC") {
            rsaComponents = nil
            guard case .string(let crv)? = o["crv"] else { throw JWKError(invalid: "\(context): EC member \"crv\" must be a string (RFC 7518 §6.2.1.1)") }
            curve = crv
            guard let ecCurve = ECCurve.allCases.first(where: { utf8Equal($0.rawValue, crv) }) else {
                material = .unsupported     // secp256k1, brainpool, …: not verified here
                return
            }
            // RFC 7518 §6.2.1.2–3: x and y, each "the full size of a coordinate for the curve".
            func coordinate(_ name: String) throws(JWKError) -> [UInt8] {
                guard case .string(let v)? = o[name] else { throw JWKError(invalid: "\(context): EC member \"\(name)\" must be a string") }
                let bytes: [UInt8]
                do { bytes = try Base64URL.decode(v) } catch { throw JWKError(invalid: "\(context): \"\(name)\" is not strict base64url (\(error))") }
                guard bytes.count == ecCurve.coordinateByteCount else {
                    throw JWKError(invalid: "\(context): \"\(name)\" is \(bytes.count) octets; \(crv) needs exactly \(ecCurve.coordinateByteCount) (RFC 7518 §6.2.1.2)")
                }
                return bytes
            }
            let x = try coordinate("x"), y = try coordinate("y")
            do { material = .ec(try ECPublicKey(curve: ecCurve, x: x, y: y)) } catch { throw JWKError(invalid: "\(context): \(error.description)") }
            return
        }
        curve = nil
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
