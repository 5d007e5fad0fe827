// JWK Sets (RFC 7517 §5): `{"keys": [ … ]}`. Members other than "keys" are ignored (§5: "Additional
// members can be present … if not understood by implementations encountering them, they MUST be
// ignored"). Bounded by `JWKSetLimits`: size checked before parsing, key count before any key work.
import PureJSON

/// A parsed JWK Set: every key, in document order, usable or not.
public struct JWKSet: Sendable {
    /// Every key, in document order: usable, refused by the policy, or of an unsupported type.
    public let keys: [JWK]

    /// A set of keys you already hold (e.g. `JWK(rsaKey:keyID:)` from a PEM key).
    public init(keys: [JWK]) { self.keys = keys }

    /// Parses `{"keys":[…]}`.
    public init(json: [UInt8], limits: JWKSetLimits = .default) throws(JWKError) {
        let object = try Self.parseObject(json, limits: limits)
        try self.init(object: object, limits: limits)
    }

    /// Parses either a JWK Set or a single JWK (which becomes a one-key set).
    public init(jsonKeyOrSet json: [UInt8], limits: JWKSetLimits = .default) throws(JWKError) {
        let object = try Self.parseObject(json, limits: limits)
        if object["keys"] != nil {
            try self.init(object: object, limits: limits)
        } else {
            let key = try JWK(object: object, policy: limits.rsaPolicy, context: "JWK")
            if case .unsupported = key.material { throw JWKError(invalid: "unsupported key type \(displayQuoted(key.keyType))") }
            self.init(keys: [key])
        }
    }

    init(object: JSONObject, limits: JWKSetLimits) throws(JWKError) {
        guard case .array(let items)? = object["keys"] else { throw JWKError(invalid: "a JWK Set needs a \"keys\" array (RFC 7517 §5.1)") }
        guard items.count <= limits.maxKeys else { throw JWKError(invalid: "JWK Set has \(items.count) keys, over the limit of \(limits.maxKeys)") }
        var keys: [JWK] = []
        keys.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard case .object(let o) = item else { throw JWKError(invalid: "keys[\(i)] must be a JSON object") }
            keys.append(try JWK(object: o, policy: limits.rsaPolicy, context: "keys[\(i)]"))
        }
        self.keys = keys
    }

    static func parseObject(_ json: [UInt8], limits: JWKSetLimits) throws(JWKError) -> JSONObject {
        guard json.count <= limits.maxBytes else { throw JWKError(invalid: "JWK Set is \(json.count) bytes, over the \(limits.maxBytes)-byte limit") }
        let value: JSONValue
        do { value = try JSONParser.parse(json, limits: limits.json) } catch { throw JWKError(json: error) }
        guard case .object(let o) = value else { throw JWKError(invalid: "a JWK Set must be a JSON object, found \(value.kindName)") }
        return o
    }

    /// True when a key's `kid` equals `kid` byte for byte (no allocation).
    public func containsKey(withID kid: String) -> Bool {
        keys.contains { $0.keyID.map { utf8Equal($0, kid) } ?? false }
    }

    /// True when a key's `kid` satisfies `matches` (verification compares the token's kid in place).
    public func containsKey(where matches: (String) -> Bool) -> Bool {
        keys.contains { $0.keyID.map(matches) ?? false }
    }

    /// Keys whose `kid` equals `kid` byte for byte.
    public func keys(withID kid: String) -> [JWK] {
        keys.filter { $0.keyID.map { utf8Equal($0, kid) } ?? false }
    }
}
