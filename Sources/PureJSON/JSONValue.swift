// The document model of PureJSON: an RFC 8259 value with object members kept in document order.
//
// Member lookup compares keys as UTF-8 bytes (RFC 8259 §8.3: "comparing ... code unit by code
// unit"), never with Swift's `String ==`, which is Unicode canonical equivalence: "caf\u{E9}" and
// "cafe\u{301}" are different member names here, as they are to every other JSON parser.

/// A JSON value.
public enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, kept as its exact lexeme.
    case number(JSONNumber)
    /// A string, unescaped.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, members in document order.
    case object(JSONObject)

    /// The member named `key` when this is an object (byte-exact comparison).
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// The string, when this is one.
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    /// The boolean, when this is one.
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    /// The number, when this is one.
    public var numberValue: JSONNumber? { if case .number(let n) = self { return n }; return nil }
    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    /// The object, when this is one.
    public var objectValue: JSONObject? { if case .object(let o) = self { return o }; return nil }
    /// True for `null`.
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

    /// The number as a `T` when its exact decimal value is an integer that `T` represents, decided
    /// on the lexeme alone (never through a rounded `Double`): `1.0`, `1e2` and `-0.0` convert,
    /// `0.99999999999999999999` and `9007199254740993.5` do not, and `9007199254740993.0` is
    /// exactly 9007199254740993. Exponents of any size are handled without overflow.
    public func exactInteger<T: FixedWidthInteger>(_ type: T.Type = T.self) -> T? {
        if let i = int64 { return T(exactly: i) }
        // RFC 8259 §6: [ minus ] int [ frac ] [ exp ]. The lexeme was validated by the parser, but
        // this type can be built by `package` code too, so nothing here assumes more than ASCII.
        var negative = false
        var digits: [UInt8] = []          // significant digits of int ‖ frac, leading zeros dropped
        var fractionDigits = 0
        var exponent = 0                  // saturates at ±1,000,000: far beyond any integer width
        var exponentNegative = false
        var part = 0                      // 0 int, 1 frac, 2 exp
        for c in lexeme.utf8 {
            switch c {
            case UInt8(ascii: "-") where part == 0: negative = true
            case UInt8(ascii: "-"): exponentNegative = true
            case UInt8(ascii: "+"): break
            case UInt8(ascii: "."): part = 1
            case UInt8(ascii: "e"), UInt8(ascii: "E"): part = 2
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let d = c &- UInt8(ascii: "0")
                if part == 2 {
                    exponent = min(exponent &* 10 &+ Int(d), 1_000_000)
                } else {
                    if part == 1 { fractionDigits += 1 }
                    if !(digits.isEmpty && d == 0) { digits.append(d) }
                }
            default: return nil
            }
        }
        // value = digits × 10^scale, with scale = ±exponent − (fraction digits after the first
        // significant one). A leading-zero fraction digit ("0.05") was skipped above but still counts.
        var scale = (exponentNegative ? -exponent : exponent) - fractionDigits
        while let last = digits.last, last == 0 { digits.removeLast(); scale += 1 }
        guard !digits.isEmpty else { return T(exactly: 0) }      // 0, -0, 0.000e5
        guard scale >= 0 else { return nil }                      // a non-zero digit after the point
        guard digits.count + scale <= 20 else { return nil }      // ≥ 10^20 > UInt64.max
        var magnitude: UInt64 = 0
        for d in digits + [UInt8](repeating: 0, count: scale) {
            let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(d))
            guard !o1 && !o2 else { return nil }
            magnitude = s
        }
        if negative {
            guard T.isSigned, magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? T(exactly: Int64.min) : T(exactly: -Int64(magnitude))
        }
        return T(exactly: magnitude)
    }

    /// True when the lexeme has neither a fraction nor an exponent.
    public var isIntegerLexeme: Bool { !lexeme.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) }

    /// The lexeme.
    public var description: String { lexeme }
}

/// A JSON object: members in document order, unique names (duplicates are rejected at parse).
public struct JSONObject: Sendable, Equatable {
    /// One member: a name and its value.
    public struct Member: Sendable, Equatable {
        /// The member name, unescaped.
        public let key: String
        /// The value.
        public let value: JSONValue
    }

    /// The members, in document order.
    public let members: [Member]

    package init(members: [Member]) { self.members = members }

    /// The value of the member whose name equals `key` byte for byte.
    public subscript(key: String) -> JSONValue? {
        for m in members where utf8Equal(m.key, key) { return m.value }
        return nil
    }

    /// The names of the members, in document order.
    public var keys: [String] { members.map { $0.key } }
    /// The number of members.
    public var count: Int { members.count }

    /// Equal when the members are, in order, names compared as bytes.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count && zip(lhs.members, rhs.members).allSatisfy {
            utf8Equal($0.key, $1.key) && $0.value == $1.value
        }
    }
}
