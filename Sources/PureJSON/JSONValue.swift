// The document model of PureJSON: an RFC 8259 value with object members kept in document order.
//
// Member lookup compares keys as UTF-8 bytes (RFC 8259 §8.3: "comparing ... code unit by code
// unit"), never with Swift's `String ==`, which is Unicode canonical equivalence: "caf\u{E9}" and
// "cafe\u{301}" are different member names here, as they are to every other JSON parser.

/// A JSON value.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The member named `key` when this is an object (byte-exact comparison).
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var numberValue: JSONNumber? { if case .number(let n) = self { return n }; return nil }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var objectValue: JSONObject? { if case .object(let o) = self { return o }; return nil }
    public var isNull: Bool { if case .null = self { return true }; return false }

    /// A short name of the value's kind, for error messages ("string", "number", …).
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// A JSON number: its exact lexeme, the exact `Int64` when the lexeme is an integer in range, and
/// a `Double` on demand. Numbers outside every range (`1e400`, 400-digit integers) are kept as
/// lexemes; `double` is then ±infinity or 0, never a trap.
public struct JSONNumber: Sendable, Equatable, CustomStringConvertible {
    /// The number exactly as written in the document (RFC 8259 §6 grammar).
    public let lexeme: String
    /// The value when the lexeme is an integer (no fraction, no exponent) within Int64.
    public let int64: Int64?

    package init(lexeme: String, int64: Int64?) {
        self.lexeme = lexeme
        self.int64 = int64
    }

    /// The nearest Double (correctly rounded by the standard library); ±infinity beyond range.
    public var double: Double {
        if let i = int64 { return Double(i) }
        return Double(lexeme) ?? .nan
    }

    /// True when the lexeme has neither a fraction nor an exponent.
    public var isIntegerLexeme: Bool { !lexeme.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) }

    public var description: String { lexeme }
}

/// A JSON object: members in document order, unique names (duplicates are rejected at parse).
public struct JSONObject: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        public let key: String
        public let value: JSONValue
    }

    public let members: [Member]

    package init(members: [Member]) { self.members = members }

    /// The value of the member whose name equals `key` byte for byte.
    public subscript(key: String) -> JSONValue? {
        for m in members where utf8Equal(m.key, key) { return m.value }
        return nil
    }

    /// The names of the members, in document order.
    public var keys: [String] { members.map { $0.key } }
    public var count: Int { members.count }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count && zip(lhs.members, rhs.members).allSatisfy {
            utf8Equal($0.key, $1.key) && $0.value == $1.value
        }
    }
}
