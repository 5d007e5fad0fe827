// Reading scanned members in place (see JSONScanner.swift): names matched and strings compared as
// UTF-8 bytes without building a String (decoding escapes only when a string has them), array
// elements walked, numbers read. The buffer must be the one the scanner validated: these functions
// rely on its grammar and do not re-check it.

/// Reads values of a document scanned by `JSONScanner`.
public struct JSONDocumentReader {
    /// The scanned bytes.
    public let buffer: UnsafeBufferPointer<UInt8>

    /// A reader over `buffer`, the scanned document.
    public init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

    /// The first member (of `members`) whose name equals `name` byte for byte, decoded.
    public func find(_ name: StaticString, in members: UnsafeBufferPointer<JSONMember>) -> JSONMember? {
        let n = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        for m in members where stringEquals(m.keyRange, escaped: m.keyEscaped, n) { return m }
        return nil
    }

    /// The first member whose name equals `name` byte for byte, decoded.
    public func find(_ name: String, in members: UnsafeBufferPointer<JSONMember>) -> JSONMember? {
        var name = name
        return name.withUTF8 { n in
            for m in members where stringEquals(m.keyRange, escaped: m.keyEscaped, n) { return m }
            return nil
        }
    }

    /// Whether the string at `range` (between its quotes), decoded, is exactly `bytes`.
    public func stringEquals(_ range: Range<Int>, escaped: Bool, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if !escaped {
            guard range.count == bytes.count else { return false }
            var i = range.lowerBound, j = 0
            while j < bytes.count { if buffer[i] != bytes[j] { return false }; i += 1; j += 1 }
            return true
        }
        // Decoded, an escaped string is shorter than its source: walk it with the decoder.
        var j = 0
        var equal = true
        decode(range) { byte in
            if j < bytes.count && bytes[j] == byte { j += 1 } else { equal = false }
        }
        return equal && j == bytes.count
    }

    /// Whether the string at `range`, decoded, equals `string`'s UTF-8 bytes.
    public func stringEquals(_ range: Range<Int>, escaped: Bool, _ string: String) -> Bool {
        var s = string
        return s.withUTF8 { stringEquals(range, escaped: escaped, $0) }
    }

    /// The string at `range` (between its quotes), decoded.
    public func string(_ range: Range<Int>, escaped: Bool) -> String {
        if !escaped { return String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        decode(range) { out.append($0) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Feeds the decoded UTF-8 bytes of a validated string's contents to `body` (RFC 8259 §7).
    public func decode(_ range: Range<Int>, _ body: (UInt8) -> Void) {
        var i = range.lowerBound
        while i < range.upperBound {
            let c = buffer[i]
            guard c == UInt8(ascii: "\\") else { body(c); i += 1; continue }
            let e = buffer[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): body(0x08)
            case UInt8(ascii: "f"): body(0x0C)
            case UInt8(ascii: "n"): body(0x0A)
            case UInt8(ascii: "r"): body(0x0D)
            case UInt8(ascii: "t"): body(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(at: i)
                i += 4
                if scalar >= 0xD800 && scalar <= 0xDBFF {     // a validated pair: \uD8xx\uDCxx
                    let low = hex4(at: i + 2)
                    i += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                utf8(scalar, body)
            default: body(e)   // " \ /
            }
        }
    }

    private func hex4(at i: Int) -> UInt32 {
        var v: UInt32 = 0
        for j in 0..<4 {
            let c = buffer[i + j]
            v = v << 4 | UInt32(c <= 0x39 ? c &- 0x30 : (c | 0x20) &- 0x61 &+ 10)
        }
        return v
    }

    private func utf8(_ s: UInt32, _ body: (UInt8) -> Void) {
        switch s {
        case 0..<0x80: body(UInt8(s))
        case 0x80..<0x800: body(0xC0 | UInt8(s >> 6)); body(0x80 | UInt8(s & 0x3F))
        case 0x800..<0x10000:
            body(0xE0 | UInt8(s >> 12)); body(0x80 | UInt8(s >> 6 & 0x3F)); body(0x80 | UInt8(s & 0x3F))
        default:
            body(0xF0 | UInt8(s >> 18)); body(0x80 | UInt8(s >> 12 & 0x3F))
            body(0x80 | UInt8(s >> 6 & 0x3F)); body(0x80 | UInt8(s & 0x3F))
        }
    }

    /// Calls `body` with each element of the validated array at `range` (brackets included): its
    /// kind, its range (strings between their quotes) and, for strings, whether it has escapes.
    /// Nested containers are passed whole. Returns early when `body` returns false.
    public func forEachElement(ofArray range: Range<Int>, _ body: (JSONMember.Kind, Range<Int>, Bool) -> Bool) {
        var i = range.lowerBound + 1
        let end = range.upperBound - 1
        while i < end {
            let c = buffer[i]
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","): i += 1; continue
            case UInt8(ascii: "\""):
                let start = i + 1
                var j = start
                var escaped = false
                while buffer[j] != UInt8(ascii: "\"") {
                    if buffer[j] == UInt8(ascii: "\\") { escaped = true; j += 2 } else { j += 1 }
                }
                if !body(.string, start..<j, escaped) { return }
                i = j + 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let start = i
                i = skipContainer(from: i)
                if !body(c == UInt8(ascii: "{") ? .object : .array, start..<i, false) { return }
            default:
                let start = i
                while i < end, !isDelimiter(buffer[i]) { i += 1 }
                let kind: JSONMember.Kind = switch c {
                case UInt8(ascii: "t"): .true
                case UInt8(ascii: "f"): .false
                case UInt8(ascii: "n"): .null
                default: .number
                }
                if !body(kind, start..<i, false) { return }
            }
        }
    }

    private func isDelimiter(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }

    /// The index just past the validated container starting at `i`.
    private func skipContainer(from start: Int) -> Int {
        var depth = 0
        var i = start
        repeat {
            let c = buffer[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                while buffer[i] != UInt8(ascii: "\"") { i += buffer[i] == UInt8(ascii: "\\") ? 2 : 1 }
            } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                depth += 1
            } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                depth -= 1
            }
            i += 1
        } while depth > 0
        return i
    }

    /// The value of the validated number lexeme at `range`: exact for integers of up to 15 digits
    /// (every NumericDate of our time), correctly rounded otherwise (through the standard library).
    public func double(_ range: Range<Int>) -> Double {
        var i = range.lowerBound
        let negative = buffer[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var value: Int64 = 0
        var simple = range.upperBound - i <= 15
        while simple && i < range.upperBound {
            let d = buffer[i] &- 0x30
            if d >= 10 { simple = false; break }
            value = value * 10 + Int64(d)
            i += 1
        }
        if simple { return negative ? -Double(value) : Double(value) }
        return JSONNumber(lexeme: String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self), int64: nil).double
    }

    /// The number lexeme at `range` as a JSONNumber.
    public func number(_ range: Range<Int>) -> JSONNumber {
        let lexeme = String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        var int64: Int64? = nil
        if !lexeme.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            int64 = Int64(lexeme)
        }
        return JSONNumber(lexeme: lexeme, int64: int64)
    }
}
