// JWKs and JWK Sets written back as JSON (RFC 7517 §4–§5; RSA members per RFC 7518 §6.3.1): for
// serving a key set in tests and tools, and for `jwt jwks`-style output. Only public members are
// ever written: an HMAC (`oct`) key is written with its metadata and without `k` — its secret is
// never exported. Keys of types PureJWT does not read (EC, OKP, unknown) are left out, since their
// parameters were not kept.
import PureBase64URL
import PureDER
import PureEC
import PureEd25519
import PureJSON

extension JWK {
    /// The key as a JWK object — `kty`, `kid`, `use`, `alg`, `key_ops` as present, and `n`, `e` in
    /// minimal base64url (RFC 7518 §6.3.1) — or nil for a key whose parameters were not kept.
    /// An `oct` key is written without `k`: the secret never leaves.
    public var jsonValue: JSONValue? {
        let rsa = rsaComponents
        guard rsa != nil || symmetricKey != nil || ed25519Key != nil || ecKey != nil else { return nil }
        var members: [(String, JSONValue)] = [("kty", .string(keyType))]
        if let keyID { members.append(("kid", .string(keyID))) }
        if let use { members.append(("use", .string(use))) }
        if let algorithm { members.append(("alg", .string(algorithm))) }
        if let keyOperations { members.append(("key_ops", .array(keyOperations.map { .string($0) }))) }
        if let ec = ecKey {
            members.append(("crv", .string(ec.curve.rawValue)))
            members.append(("x", .string(Base64URL.encode(ec.x))))
            members.append(("y", .string(Base64URL.encode(ec.y))))
        }
        if let ed = ed25519Key {
            members.append(("crv", "Ed25519"))
            members.append(("x", .string(Base64URL.encode(ed.rawRepresentation))))
        }
        guard let rsa else { return .object(JSONObject(members)) }
        members.append(("n", .string(Base64URL.encode(rsa.modulus))))
        members.append(("e", .string(Base64URL.encode(rsa.exponent))))
        return .object(JSONObject(members))
    }
}

extension JWKSet {
    /// `{"keys":[…]}` with every key that `JWK.jsonValue` can write, in order.
    public var jsonValue: JSONValue {
        ["keys": .array(keys.compactMap { $0.jsonValue })]
    }

    /// The set as compact JSON text.
    public var jsonText: String { jsonValue.jsonText }

    /// Parses `{"keys":[…]}` from text.
    public init(json: String, limits: JWKSetLimits = .default) throws(JWKError) {
        try self.init(json: Array(json.utf8), limits: limits)
    }
}
