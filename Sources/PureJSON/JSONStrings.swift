// RFC 8259 §7 strings and §8.1 UTF-8, strictly.
//
//   string = quotation-mark *char quotation-mark
//   char   = unescaped / escape ( " \ / b f n r t / uXXXX )
//   unescaped = %x20-21 / %x23-5B / %x5D-10FFFF
//
// Raw bytes must be well-formed UTF-8 (RFC 3629 §4 table): no overlong forms, no encoded
// surrogates (ED A0..BF), nothing above U+10FFFF (F4 90.., F5..FF), no stray or missing
// continuation bytes. `\uD800`–`\uDFFF` must form a high-low pair (RFC 8259 §7, RFC 7493 §2.1).
// The fast path (ASCII, no escapes) makes the String straight from the input bytes.

/// True when none of the eight bytes of `w` ends or complicates a string (RFC 8259 §7): no '"',
/// no '\\', no control byte < 0x20, no byte ≥ 0x80. By SWAR (bit-twiddling "has a byte less than
/// n" and "has a zero byte"): each test is exact as a whole-word yes/no.
@inline(__always)
func allPlainStringBytes(_ w: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    @inline(__always) func hasZeroByte(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & high }
    let control = (w &- ones &* 0x20) & ~w & high             // some byte < 0x20
    let quote = hasZeroByte(w ^ (ones &* 0x22))
    let backslash = hasZeroByte(w ^ (ones &* 0x5C))
    return (control | quote | backslash | (w & high)) == 0
}

extension Parser {
    mutating func parseString() throws(JSONError) -> String {
        let open = pos
        pos += 1  // opening quote
        let start = pos
        // Fast path: printable ASCII without escapes, eight bytes at a time, then byte by byte.
        let raw = UnsafeRawBufferPointer(buffer)
        while pos &+ 8 <= buffer.count, allPlainStringBytes(raw.loadUnaligned(fromByteOffset: pos, as: UInt64.self)) { pos &+= 8 }
        while pos < buffer.count {
            let c = buffer[pos]
            if c == UInt8(ascii: "\"") {
                guard pos - start <= limits.maxStringBytes else { throw JSONError(.stringTooLong, at: open) }
                let s = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<pos]), as: UTF8.self)
                pos += 1
                return s
            }
            if c == UInt8(ascii: "\\") || c < 0x20 || c >= 0x80 { break }
            pos += 1
        }
        // Slow path: escapes, control characters, non-ASCII.
        var out: [UInt8] = Array(UnsafeBufferPointer(rebasing: buffer[start..<pos]))
        while true {
            guard pos < buffer.count else { throw JSONError(.unexpectedEndOfInput, at: pos) }
            guard out.count <= limits.maxStringBytes else { throw JSONError(.stringTooLong, at: open) }
            let c = buffer[pos]
            switch c {
            case UInt8(ascii: "\""):
                pos += 1
                return String(decoding: out, as: UTF8.self)  // out is valid UTF-8 by construction
            case UInt8(ascii: "\\"):
                try parseEscape(into: &out)
            case 0x00..<0x20:
                throw JSONError(.controlCharacterInString, at: pos)
            case 0x20..<0x80:
                out.append(c); pos += 1
            default:
                let n = try validateUTF8Sequence(at: pos)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[pos..<(pos + n)]))
                pos += n
            }
        }
    }

    /// Length of the well-formed UTF-8 sequence starting at `i` (lead byte ≥ 0x80), per the
    /// RFC 3629 §4 syntax; throws `.invalidUTF8` at the offending byte.
    func validateUTF8Sequence(at i: Int) throws(JSONError) -> Int {
        let b0 = buffer[i]
        let length: Int
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF   // allowed range of the second byte
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lo = 0xA0                 // no overlong 3-byte forms
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; hi = 0x9F                 // no UTF-16 surrogates U+D800–U+DFFF
        case 0xF0: length = 4; lo = 0x90                 // no overlong 4-byte forms
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; hi = 0x8F                 // nothing above U+10FFFF
        default: throw JSONError(.invalidUTF8, at: i)     // 80–C1 (stray/overlong lead), F5–FF
        }
        guard buffer.count - i >= length else { throw JSONError(.invalidUTF8, at: i) }
        let b1 = buffer[i + 1]
        guard b1 >= lo && b1 <= hi else { throw JSONError(.invalidUTF8, at: i + 1) }
        for j in 2..<length where buffer[i + j] & 0xC0 != 0x80 { throw JSONError(.invalidUTF8, at: i + j) }
        return length
    }

    /// One escape sequence (§7), appended as UTF-8.
    mutating func parseEscape(into out: inout [UInt8]) throws(JSONError) {
        let start = pos
        guard pos + 1 < buffer.count else { throw JSONError(.unexpectedEndOfInput, at: buffer.count) }
        let e = buffer[pos + 1]
        pos += 2
        switch e {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if scalar >= 0xD800 && scalar <= 0xDBFF {
                // A high surrogate must be followed by \u and a low surrogate.
                guard pos + 1 < buffer.count, buffer[pos] == UInt8(ascii: "\\"), buffer[pos + 1] == UInt8(ascii: "u") else {
                    throw JSONError(.loneSurrogateEscape, at: start)
                }
                pos += 2
                let low = try hex4()
                guard low >= 0xDC00 && low <= 0xDFFF else { throw JSONError(.loneSurrogateEscape, at: start) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                throw JSONError(.loneSurrogateEscape, at: start)
            }
            appendUTF8(scalar, to: &out)
        default:
            throw JSONError(.invalidEscape, at: start)
        }
    }

    mutating func hex4() throws(JSONError) -> UInt32 {
        guard buffer.count - pos >= 4 else { throw JSONError(.invalidEscape, at: pos) }
        var v: UInt32 = 0
        for i in 0..<4 {
            let c = buffer[pos + i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw JSONError(.invalidEscape, at: pos + i)
            }
            v = v << 4 | d
        }
        pos += 4
        return v
    }

    func appendUTF8(_ s: UInt32, to out: inout [UInt8]) {
        switch s {
        case 0..<0x80: out.append(UInt8(s))
        case 0x80..<0x800:
            out.append(0xC0 | UInt8(s >> 6)); out.append(0x80 | UInt8(s & 0x3F))
        case 0x800..<0x10000:
            out.append(0xE0 | UInt8(s >> 12)); out.append(0x80 | UInt8(s >> 6 & 0x3F)); out.append(0x80 | UInt8(s & 0x3F))
        default:
            out.append(0xF0 | UInt8(s >> 18)); out.append(0x80 | UInt8(s >> 12 & 0x3F))
            out.append(0x80 | UInt8(s >> 6 & 0x3F)); out.append(0x80 | UInt8(s & 0x3F))
        }
    }
}
