// One value for every bound on untrusted input (docs/ARCHITECTURE.md "Behaviour users rely on", Limits), with the worst-case
// cost each one buys. Defaults are safe; raise them knowingly.
import PureJSON
import PureJWK
import PureRSA

/// Bounds on the work one token or key set can cause.
public struct Limits: Sendable, Equatable {
    /// Maximum token length in bytes, checked before any decoding. Default 16 KiB.
    /// Worst case: one linear scan, then base64 and JSON work proportional to this.
    public var maxTokenBytes: Int
    /// Maximum length of the encoded header segment, checked before it is decoded. Default 4 KiB
    /// (a Cognito header is about 100 bytes; the header is parsed before the signature is checked,
    /// so it gets a tighter bound than the payload).
    public var maxHeaderBytes: Int
    /// Maximum JSON nesting in a header or payload. Default 32 (no recursion beyond it).
    public var maxJSONDepth: Int
    /// Maximum members in one JSON object. Default 1,000.
    public var maxJSONMembers: Int
    /// Maximum JSON values (scalars, arrays, objects at any depth) in a header or payload. Default 4,096.
    public var maxJSONValues: Int
    /// Key set limits: 1 MiB, 100 keys, RSA 2048–8192 bits by default. An 8192-bit key costs
    /// about 16× a 2048-bit one per verification; the ceiling bounds it.
    public var keySet: JWKSetLimits

    /// Limits; each parameter is the property of the same name.
    public init(maxTokenBytes: Int = 16 * 1024, maxHeaderBytes: Int = 4 * 1024, maxJSONDepth: Int = 32,
                maxJSONMembers: Int = 1_000, maxJSONValues: Int = 4_096, keySet: JWKSetLimits = .default) {
        self.maxTokenBytes = maxTokenBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxJSONDepth = maxJSONDepth
        self.maxJSONMembers = maxJSONMembers
        self.maxJSONValues = maxJSONValues
        self.keySet = keySet
    }

    /// Every default above.
    public static let `default` = Limits()

    var json: JSONLimits {
        JSONLimits(maxDepth: maxJSONDepth, maxMembersPerObject: maxJSONMembers, maxValues: maxJSONValues,
                   maxInputBytes: maxTokenBytes, maxStringBytes: maxTokenBytes)
    }
}
