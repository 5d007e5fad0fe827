// A validating scan of a JSON object that records where its top-level members are — byte ranges,
// not values — for the verification hot path: a JWT header or claims set is checked against exactly
// the grammar of JSONParser.swift (RFC 8259 §2–§8, strict UTF-8, lone surrogates refused, the same
// limits) in one pass that builds no String, array or object.
//
// What it records per top-level member: the key's and the value's byte ranges (strings without
// their quotes), the value's kind, and whether either string has escapes. What it leaves to the
// full parser: member-name uniqueness inside *nested* objects (RFC 7515 §4, RFC 7519 §4 ask for it
// at every level) and top-level uniqueness when a key is escaped or there are more than 32 members.
// In those cases `needsFullValidation` is set and the caller runs JSONParser over the same bytes, so
// a document is accepted by the scanner exactly when the parser accepts it (tested against the
// parser on the grammar suite and by fuzzing).
//
// Nesting is tracked in a 128-bit mask (one bit per level: object or array), which is why
// JSONLimits.depthCeiling is 128. All reads are after a `pos < count` check.

/// One top-level member of a scanned object: where its name and value are in the scanned buffer.
public struct JSONMember: Sendable, Equatable {
    /// The kind of a member's value.
    public enum Kind: UInt8, Sendable {
        /// A string.
        case string
        /// A number.
        case number
        /// `true`.
        case `true`
        /// `false`.
        case `false`
        /// `null`.
        case null
        /// An array.
        case array
        /// An object.
        case object
    }

    /// The name's bytes, between the quotes.
    public var keyStart: Int32, keyEnd: Int32
    /// The value's bytes: for a string, between the quotes; otherwise the whole lexeme or container.
    public var valueStart: Int32, valueEnd: Int32
    /// The kind of the value.
    public var kind: Kind
    /// The name contains a backslash escape (compare it decoded).
    public var keyEscaped: Bool
    /// The (string) value contains a backslash escape.
    public var valueEscaped: Bool

    /// The name's bytes, as a range.
    public var keyRange: Range<Int> { Int(keyStart)..<Int(keyEnd) }
    /// The value's bytes, as a range.
    public var valueRange: Range<Int> { Int(valueStart)..<Int(valueEnd) }
}

/// The outcome of scanning a document meant to be an object.
public struct JSONScanResult: Sendable {
    /// The kind of the top-level value: `.object` unless the document is valid JSON of another kind
    /// (then there are no members).
    public var topLevelKind: JSONMember.Kind
    /// Members written to the output buffer.
    public var memberCount: Int
    /// Some uniqueness rule is left to the full parser (see the file comment).
    public var needsFullValidation: Bool
}

/// A validating scan of one JSON text that records an object's top-level members as byte ranges,
/// for reading in place (PureJWT reads headers and claims this way). It accepts exactly what
/// `JSONParser` accepts; when it cannot check everything itself it says so
/// (`JSONScanResult.needsFullValidation`) and the caller runs the parser.
public enum JSONScanner {
    /// The most top-level members whose names are checked for uniqueness here (pairwise); beyond
    /// it the full parser checks them.
    public static let pairwiseUniquenessLimit = 32

    /// Scans `buffer`, which must hold exactly one JSON value, writing an object's top-level members
    /// to `members` (at most `members.count`; more is `memberLimitExceeded`).
    public static func scanObject(_ buffer: UnsafeBufferPointer<UInt8>, limits: JSONLimits,
                                   members: UnsafeMutableBufferPointer<JSONMember>) throws(JSONError) -> JSONScanResult {
        guard buffer.count <= limits.maxInputBytes else { throw JSONError(.inputTooLarge, at: limits.maxInputBytes) }
        if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            throw JSONError(.byteOrderMark, at: 0)
        }
        var s = Scanner(buffer: buffer, limits: limits)
        let result = try s.scanTopObject(members)
        s.skipWhitespace()
        guard s.pos == buffer.count else { throw JSONError(.trailingData, at: s.pos) }
        return result
    }
}

/// The scanning state: position, value count and whether the full parser must look too.
struct Scanner {
    let buffer: UnsafeBufferPointer<UInt8>
    let limits: JSONLimits
    var pos = 0
    var values = 0
    var needsFullValidation = false

    init(buffer: UnsafeBufferPointer<UInt8>, limits: JSONLimits) {
        self.buffer = buffer
        self.limits = limits
    }

    @inline(__always) mutating func skipWhitespace() {
        while pos < buffer.count {
            switch buffer[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            default: return
            }
        }
    }

    @inline(__always) func peek() throws(JSONError) -> UInt8 {
        guard pos < buffer.count else { throw JSONError(.unexpectedEndOfInput, at: pos) }
        return buffer[pos]
    }

    @inline(__always) mutating func countValue() throws(JSONError) {
        values &+= 1
        guard values <= limits.maxValues else { throw JSONError(.valueLimitExceeded, at: pos) }
    }

    mutating func scanTopObject(_ out: UnsafeMutableBufferPointer<JSONMember>) throws(JSONError) -> JSONScanResult {
        skipWhitespace()
        try countValue()
        let c = try peek()
        guard c == UInt8(ascii: "{") else {
            // Valid JSON of another kind is reported as such (the caller names the rule it breaks).
            let value = try scanValue(depth: 0)
            return JSONScanResult(topLevelKind: value.kind, memberCount: 0, needsFullValidation: needsFullValidation)
        }
        guard limits.maxDepth >= 1 else { throw JSONError(.depthLimitExceeded, at: pos) }
        pos += 1
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") { pos += 1; return JSONScanResult(topLevelKind: .object, memberCount: 0, needsFullValidation: needsFullValidation) }
        var count = 0
        while true {
            skipWhitespace()
            let keyAt = pos
            guard try peek() == UInt8(ascii: "\"") else { throw JSONError(.unexpectedCharacter, at: pos) }
            let key = try scanString()
            guard count < limits.maxMembersPerObject, count < out.count else { throw JSONError(.memberLimitExceeded, at: keyAt) }
            skipWhitespace()
            guard try peek() == UInt8(ascii: ":") else { throw JSONError(.unexpectedCharacter, at: pos) }
            pos += 1
            skipWhitespace()
            try countValue()
            let value = try scanValue(depth: 1)
            let member = JSONMember(keyStart: Int32(key.start), keyEnd: Int32(key.end),
                                    valueStart: Int32(value.start), valueEnd: Int32(value.end), kind: value.kind,
                                    keyEscaped: key.escaped, valueEscaped: value.escaped)
            // RFC 7515 §4 / RFC 7519 §4: member names are unique. Compared here as raw bytes when
            // neither name is escaped and the object is small; otherwise left to the full parser.
            if key.escaped || count >= JSONScanner.pairwiseUniquenessLimit {
                needsFullValidation = true
            } else {
                for i in 0..<count where !out[i].keyEscaped && bytesEqual(out[i].keyRange, member.keyRange) {
                    throw JSONError(.duplicateMemberName, at: keyAt)
                }
            }
            out[count] = member
            count += 1
            skipWhitespace()
            let c = try peek()
            pos += 1
            if c == UInt8(ascii: "}") { return JSONScanResult(topLevelKind: .object, memberCount: count, needsFullValidation: needsFullValidation) }
            guard c == UInt8(ascii: ",") else { throw JSONError(.unexpectedCharacter, at: pos - 1) }
        }
    }

    func bytesEqual(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        var i = a.lowerBound, j = b.lowerBound
        while i < a.upperBound { if buffer[i] != buffer[j] { return false }; i += 1; j += 1 }
        return true
    }

    /// One value at `depth` (its container's depth). Scalars are scanned directly; containers
    /// iteratively by `scanContainer`.
    mutating func scanValue(depth: Int) throws(JSONError) -> (start: Int, end: Int, kind: JSONMember.Kind, escaped: Bool) {
        let start = pos
        switch try peek() {
        case UInt8(ascii: "\""):
            let s = try scanString()
            return (s.start, s.end, .string, s.escaped)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let isObject = buffer[pos] == UInt8(ascii: "{")
            try scanContainer(depth: depth)
            return (start, pos, isObject ? .object : .array, false)
        case UInt8(ascii: "t"): try expectLiteral("true"); return (start, pos, .true, false)
        case UInt8(ascii: "f"): try expectLiteral("false"); return (start, pos, .false, false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return (start, pos, .null, false)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try scanNumber()
            return (start, pos, .number, false)
        default:
            throw JSONError(.unexpectedCharacter, at: pos)
        }
    }

    /// One bit per nesting level 0…127 (two words: no 128-bit integer, which older Apple systems lack).
    struct LevelBits {
        private var low: UInt64 = 0, high: UInt64 = 0
        subscript(level: Int) -> Bool {
            get { (level < 64 ? low >> UInt64(level) : high >> UInt64(level - 64)) & 1 == 1 }
            set {
                let bit: UInt64 = 1 << UInt64(level & 63)
                if level < 64 { low = newValue ? low | bit : low & ~bit } else { high = newValue ? high | bit : high & ~bit }
            }
        }
    }

    /// A whole array or object, starting at its bracket, validated iteratively: `objects` has bit
    /// `level` set while the container at that nesting level is an object. A nested object sends the
    /// document to the full parser for its member-name uniqueness.
    mutating func scanContainer(depth: Int) throws(JSONError) {
        var objects = LevelBits()
        var level = 0
        var justOpened = false
        /// Opens the container at `pos`.
        func open(_ s: inout Scanner, _ objects: inout LevelBits, _ level: inout Int) throws(JSONError) {
            guard depth + level + 1 <= s.limits.maxDepth, level + 1 < 128 else { throw JSONError(.depthLimitExceeded, at: s.pos) }
            level += 1
            let isObject = s.buffer[s.pos] == UInt8(ascii: "{")
            objects[level] = isObject
            if isObject { s.needsFullValidation = true }
            s.pos += 1
        }
        try open(&self, &objects, &level)
        justOpened = true
        while true {
            skipWhitespace()
            let isObject = objects[level]
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let next = try peek()
            if justOpened && next == close {
                pos += 1
                level -= 1
                if level == 0 { return }
            } else {
                if isObject {
                    guard try peek() == UInt8(ascii: "\"") else { throw JSONError(.unexpectedCharacter, at: pos) }
                    _ = try scanString()
                    skipWhitespace()
                    guard try peek() == UInt8(ascii: ":") else { throw JSONError(.unexpectedCharacter, at: pos) }
                    pos += 1
                    skipWhitespace()
                }
                try countValue()
                let c = try peek()
                if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                    try open(&self, &objects, &level)
                    justOpened = true
                    continue
                }
                _ = try scanValue(depth: depth + level)
            }
            // After a value (or a closed container): ',' continues this container, its bracket
            // closes it (and possibly its parents).
            justOpened = false
            while true {
                skipWhitespace()
                let isObjectNow = objects[level]
                let c = try peek()
                pos += 1
                if c == UInt8(ascii: ",") { break }
                guard c == (isObjectNow ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { throw JSONError(.unexpectedCharacter, at: pos - 1) }
                level -= 1
                if level == 0 { return }
            }
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let start = pos
        let n = literal.utf8CodeUnitCount
        guard buffer.count - pos >= n else { throw JSONError(.invalidLiteral, at: start) }
        let lit = literal.utf8Start
        for i in 0..<n where buffer[pos + i] != lit[i] { throw JSONError(.invalidLiteral, at: start) }
        pos += n
    }

    /// §6 number grammar, as JSONParser.parseNumber, without building a value.
    mutating func scanNumber() throws(JSONError) {
        if buffer[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < buffer.count, isDigit(buffer[pos]) else { throw JSONError(.invalidNumber, at: pos) }
        if buffer[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < buffer.count, isDigit(buffer[pos]) { throw JSONError(.invalidNumber, at: pos) }
        } else {
            while pos < buffer.count, isDigit(buffer[pos]) { pos += 1 }
        }
        if pos < buffer.count, buffer[pos] == UInt8(ascii: ".") {
            pos += 1
            guard pos < buffer.count, isDigit(buffer[pos]) else { throw JSONError(.invalidNumber, at: pos) }
            while pos < buffer.count, isDigit(buffer[pos]) { pos += 1 }
        }
        if pos < buffer.count, buffer[pos] == UInt8(ascii: "e") || buffer[pos] == UInt8(ascii: "E") {
            pos += 1
            if pos < buffer.count, buffer[pos] == UInt8(ascii: "+") || buffer[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < buffer.count, isDigit(buffer[pos]) else { throw JSONError(.invalidNumber, at: pos) }
            while pos < buffer.count, isDigit(buffer[pos]) { pos += 1 }
        }
    }

    @inline(__always) func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    /// §7 string at the opening quote: validated exactly as JSONParser.parseString (escapes, lone
    /// surrogates, control characters, UTF-8, the unescaped-length limit). Returns the range
    /// between the quotes and whether it has escapes.
    mutating func scanString() throws(JSONError) -> (start: Int, end: Int, escaped: Bool) {
        let open = pos
        pos += 1
        let start = pos
        var decodedLength = 0
        var escaped = false
        let raw = UnsafeRawBufferPointer(buffer)
        while true {
            // Eight plain bytes at a time (no quote, backslash, control or non-ASCII byte), the rest
            // one by one. The word test only decides where to look; every byte it passes over is
            // one the switch below would have accepted as a single plain byte.
            while pos &+ 8 <= buffer.count, decodedLength &+ 8 <= limits.maxStringBytes,
                  allPlainStringBytes(raw.loadUnaligned(fromByteOffset: pos, as: UInt64.self)) {
                pos &+= 8
                decodedLength &+= 8
            }
            guard pos < buffer.count else { throw JSONError(.unexpectedEndOfInput, at: pos) }
            let c = buffer[pos]
            switch c {
            case UInt8(ascii: "\""):
                guard decodedLength <= limits.maxStringBytes else { throw JSONError(.stringTooLong, at: open) }
                let end = pos
                pos += 1
                return (start, end, escaped)
            case UInt8(ascii: "\\"):
                escaped = true
                decodedLength += try scanEscape()
            case 0x00..<0x20:
                throw JSONError(.controlCharacterInString, at: pos)
            case 0x20..<0x80:
                pos += 1
                decodedLength += 1
            default:
                let n = try utf8SequenceLength(at: pos)
                pos += n
                decodedLength += n
            }
            guard decodedLength <= limits.maxStringBytes + 4 else { throw JSONError(.stringTooLong, at: open) }
        }
    }

    /// One escape (§7) at the backslash; returns how many UTF-8 bytes it stands for.
    mutating func scanEscape() throws(JSONError) -> Int {
        let start = pos
        guard pos + 1 < buffer.count else { throw JSONError(.unexpectedEndOfInput, at: buffer.count) }
        let e = buffer[pos + 1]
        pos += 2
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return 1
        case UInt8(ascii: "u"):
            let scalar = try hex4()
            if scalar >= 0xD800 && scalar <= 0xDBFF {
                guard pos + 1 < buffer.count, buffer[pos] == UInt8(ascii: "\\"), buffer[pos + 1] == UInt8(ascii: "u") else {
                    throw JSONError(.loneSurrogateEscape, at: start)
                }
                pos += 2
                let low = try hex4()
                guard low >= 0xDC00 && low <= 0xDFFF else { throw JSONError(.loneSurrogateEscape, at: start) }
                return 4
            }
            if scalar >= 0xDC00 && scalar <= 0xDFFF { throw JSONError(.loneSurrogateEscape, at: start) }
            return scalar < 0x80 ? 1 : (scalar < 0x800 ? 2 : 3)
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

    /// The length of the well-formed UTF-8 sequence at `i` (lead byte ≥ 0x80), RFC 3629 §4.
    func utf8SequenceLength(at i: Int) throws(JSONError) -> Int {
        let b0 = buffer[i]
        let length: Int
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lo = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; hi = 0x9F
        case 0xF0: length = 4; lo = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; hi = 0x8F
        default: throw JSONError(.invalidUTF8, at: i)
        }
        guard buffer.count - i >= length else { throw JSONError(.invalidUTF8, at: i) }
        let b1 = buffer[i + 1]
        guard b1 >= lo && b1 <= hi else { throw JSONError(.invalidUTF8, at: i + 1) }
        for j in 2..<length where buffer[i + j] & 0xC0 != 0x80 { throw JSONError(.invalidUTF8, at: i + j) }
        return length
    }
}
