// Pretty-printing of a parsed JSON value for `jwt decode` and the demo: two-space indentation,
// members in document order, numbers exactly as their lexemes, strings re-escaped per RFC 8259 §7.
import PureJSON

enum JSONPrinter {
    static func pretty(_ v: JSONValue, indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent)
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.lexeme
        case .string(let s): return quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + "  " + pretty($0, indent: indent + 1) }.joined(separator: ",\n") + "\n" + pad + "]"
        case .object(let o):
            if o.members.isEmpty { return "{}" }
            return "{\n" + o.members.map { pad + "  " + quote($0.key) + ": " + pretty($0.value, indent: indent + 1) }.joined(separator: ",\n") + "\n" + pad + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where isDisplayUnsafe(u):   // C0, DEL, C1, U+2028/2029, bidi controls (all BMP)
                out += escape(u)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// The JSON escape \uXXXX of a BMP scalar (RFC 8259 §7).
    static func escape(_ u: Unicode.Scalar) -> String {
        let hex = String(u.value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// A valid JSON text with every display-unsafe scalar other than the JSON whitespace tab, LF and
    /// CR written as a \uXXXX escape. In valid JSON such scalars (DEL, C1, U+2028/2029, bidi
    /// controls; raw C0 is not allowed at all) can only stand inside strings, where the escape means
    /// the same character: the output is the same JSON value, safe to show on a terminal.
    static func escapingDisplayUnsafe(_ json: [UInt8]) -> [UInt8] {
        let text = String(decoding: json, as: UTF8.self)
        guard text.unicodeScalars.contains(where: { isDisplayUnsafe($0) && !isJSONWhitespace($0) }) else { return json }
        var out = ""
        for u in text.unicodeScalars {
            if isDisplayUnsafe(u) && !isJSONWhitespace(u) { out += escape(u) } else { out.unicodeScalars.append(u) }
        }
        return Array(out.utf8)
    }

    static func isJSONWhitespace(_ u: Unicode.Scalar) -> Bool { u == "\t" || u == "\n" || u == "\r" }
}
