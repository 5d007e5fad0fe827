// Building JSON values in code and writing them as compact RFC 8259 text: for tools and tests that
// make documents (PureJWTTesting mints tokens with it). Parsing never goes through here.
//
// Output: no whitespace; members in the order given; strings with `"`, `\` and the C0 controls
// escaped (RFC 8259 §7: "All Unicode characters may be placed within the quotation marks, except
// for the characters that MUST be escaped: quotation mark, reverse solidus, and the control
// characters (U+0000 through U+001F)"), as \b \f \n \r \t or \u00XX, everything else as UTF-8;
// numbers as their lexemes. The writer does not check member names for duplicates: a document
// built with two equal names is written as given (and the parser would then reject it).

extension JSONNumber {
    /// An integer.
    public init(_ value: Int64) { self.init(lexeme: "\(value)", int64: value) }

    /// A finite Double, written as Swift's shortest round-tripping decimal; nil for NaN or ±infinity
    /// (JSON has no such numbers).
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        if let exact = Int64(exactly: value) { self.init(exact); return }
        self.init(lexeme: "\(value)", int64: nil)
    }
}

extension JSONObject {
    /// An object with these members, in this order.
    public init(_ members: [(String, JSONValue)]) {
        self.init(members: members.map { Member(key: $0.0, value: $0.1) })
    }
}

extension JSONObject.Member {
    /// A member named `key`.
    public init(_ key: String, _ value: JSONValue) { self.init(key: key, value: value) }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
                     ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    /// `nil` is `null`.
    public init(nilLiteral: ()) { self = .null }
    /// A boolean literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer literal.
    public init(integerLiteral value: Int64) { self = .number(JSONNumber(value)) }
    /// A string literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An array literal.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// An object literal; members keep the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }

    /// An integer value.
    public static func integer(_ value: Int64) -> JSONValue { .number(JSONNumber(value)) }

    /// The value as compact JSON text, UTF-8.
    public var jsonBytes: [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }

    /// The value as compact JSON text.
    public var jsonText: String { String(decoding: jsonBytes, as: UTF8.self) }

    func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.lexeme.utf8)
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (i, m) in o.members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(m.key, into: &out)
                out.append(UInt8(ascii: ":"))
                m.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x00..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
