// Errors and limits of PureJWK. Two outcomes matter to callers and map to PureJWT's stable codes:
// the bytes are not JSON (`malformed-json`), or they are JSON but not an acceptable JWK / JWK Set
// (`invalid-jwks`). The message says which member and which rule.
import PureJSON
import PureRSA

/// Why a JWK or JWK Set was rejected.
public struct JWKError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class of failure, which maps to PureJWT's codes.
    public enum Kind: Equatable, Sendable {
        /// Not valid JSON (see `jsonError`).
        case malformedJSON
        /// Valid JSON that is not an acceptable JWK / JWK Set.
        case invalidJWKS
    }

    /// The class of failure.
    public let kind: Kind
    /// What is wrong, naming the member (sanitized).
    public let message: String
    /// The parser's error when `kind == .malformedJSON`.
    public let jsonError: JSONError?

    init(invalid message: String) { kind = .invalidJWKS; self.message = message; jsonError = nil }
    init(json: JSONError) { kind = .malformedJSON; message = "invalid JSON: \(json)"; jsonError = json }

    /// The stable error code: `malformed-json` or `invalid-jwks`.
    public var code: String { kind == .malformedJSON ? "malformed-json" : "invalid-jwks" }
    /// "<code>: <message>".
    public var description: String { "\(code): \(message)" }
}

/// Bounds on a JWK Set: what a hostile or broken key endpoint can make a verifier do.
public struct JWKSetLimits: Sendable, Equatable {
    /// Maximum document size in bytes. Default 1 MiB.
    public var maxBytes: Int
    /// Maximum number of keys. Default 100.
    public var maxKeys: Int
    /// Which RSA keys are usable (size floor and ceiling).
    public var rsaPolicy: RSAKeyPolicy
    /// Limits for the JSON parser (depth, members per object, string size).
    public var json: JSONLimits

    /// Limits; each parameter is the property of the same name.
    public init(maxBytes: Int = 1 << 20, maxKeys: Int = 100, rsaPolicy: RSAKeyPolicy = .default,
                json: JSONLimits = JSONLimits(maxDepth: 8)) {
        self.maxBytes = maxBytes
        self.maxKeys = maxKeys
        self.rsaPolicy = rsaPolicy
        self.json = json
    }

    /// 1 MiB, 100 keys, RSA 2048–8192 bits, JSON depth 8.
    public static let `default` = JWKSetLimits()
}
