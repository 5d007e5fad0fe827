// Errors and limits of PureJSON. Every rejection names its kind and the byte offset where it was
// detected; every limit has a documented default and is checked before the work it bounds.

/// Why a document was rejected, and where.
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The rule that was broken.
    public enum Kind: Equatable, Sendable {
        /// The text ended inside a value.
        case unexpectedEndOfInput
        /// A byte that the grammar does not allow here (RFC 8259 §2–§7).
        case unexpectedCharacter
        /// Not exactly `true`, `false` or `null` (RFC 8259 §3).
        case invalidLiteral
        /// A number outside the RFC 8259 §6 grammar (leading zeros, a bare `.`, `+1` …).
        case invalidNumber
        /// A backslash escape other than the eight of RFC 8259 §7, or a bad `\uXXXX`.
        case invalidEscape
        /// A `\u` escape that is a lone surrogate (RFC 7493 §2.1; RFC 8259 §8.2).
        case loneSurrogateEscape
        /// Bytes that are not well-formed UTF-8 (RFC 3629 §4; RFC 8259 §8.1).
        case invalidUTF8
        /// U+0000–U+001F unescaped inside a string (RFC 8259 §7).
        case controlCharacterInString
        /// A member name that appears twice in one object (compared after unescaping, as bytes).
        case duplicateMemberName
        /// A UTF-8 byte order mark at the start (RFC 8259 §8.1: "MUST NOT add a byte order mark").
        case byteOrderMark
        /// Bytes after the one value (RFC 8259 §2: a text is one value).
        case trailingData
        /// Nesting deeper than `JSONLimits.maxDepth`.
        case depthLimitExceeded
        /// More members in one object than `JSONLimits.maxMembersPerObject`.
        case memberLimitExceeded
        /// More values (of any kind, at any depth) than `JSONLimits.maxValues`.
        case valueLimitExceeded
        /// More bytes than `JSONLimits.maxInputBytes`.
        case inputTooLarge
        /// A string longer (decoded) than `JSONLimits.maxStringBytes`.
        case stringTooLong
    }

    /// The rule that was broken.
    public let kind: Kind
    /// The byte offset where it was detected.
    public let offset: Int

    /// An error of `kind` at byte `offset`.
    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// "<kind> at byte <offset>".
    public var description: String { "\(kind) at byte \(offset)" }
}

/// Bounds on the work and memory one document can cost. Exceeding any is an error, never a trap.
///
/// Memory: a parsed document holds one `JSONValue` slot (40 bytes) per value, one heap block per
/// non-empty array or object (nothing is reserved ahead: an object's member storage grows as members
/// arrive) and one per string or number lexeme longer than 15 bytes. So a document of `b` bytes and
/// `v` values retains at most about 40·v + 2·b bytes plus one allocation header per container and
/// long string; `maxValues` and `maxInputBytes` bound both terms.
public struct JSONLimits: Sendable, Equatable {
    /// Maximum nesting of arrays and objects (the top-level value is depth 1). Default 32. The
    /// parser keeps nesting on an explicit heap stack (it does not recurse), so depth costs no call
    /// stack; values above `JSONLimits.depthCeiling` (128) are still clamped to it, which bounds
    /// that heap stack and the work a deeply nested document can ask for.
    public var maxDepth: Int {
        get { storedMaxDepth }
        set { storedMaxDepth = min(max(newValue, 0), Self.depthCeiling) }
    }
    private var storedMaxDepth: Int

    /// The largest depth the parser will go to, whatever `maxDepth` says.
    public static let depthCeiling = 128
    /// Maximum members in one object. Default 1,000.
    public var maxMembersPerObject: Int
    /// Maximum number of values in the whole document, counting every scalar, array and object at
    /// any depth. Default 100,000.
    public var maxValues: Int
    /// Maximum document size in bytes. Default 1 MiB.
    public var maxInputBytes: Int
    /// Maximum length of one string, in bytes after unescaping. Default 64 KiB.
    public var maxStringBytes: Int

    /// Limits; each parameter is the property of the same name.
    public init(maxDepth: Int = 32, maxMembersPerObject: Int = 1_000, maxValues: Int = 100_000,
                maxInputBytes: Int = 1 << 20, maxStringBytes: Int = 1 << 16) {
        self.storedMaxDepth = min(max(maxDepth, 0), Self.depthCeiling)
        self.maxMembersPerObject = maxMembersPerObject
        self.maxValues = maxValues
        self.maxInputBytes = maxInputBytes
        self.maxStringBytes = maxStringBytes
    }

    /// Every default above.
    public static let `default` = JSONLimits()
}
