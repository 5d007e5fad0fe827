// A strict RFC 8259 parser: exactly the grammar of §2–§7, nothing more.
//
//   JSON-text = ws value ws                       (§2; any value at top level)
//   ws        = *( %x20 / %x09 / %x0A / %x0D )    (§2; nothing else is whitespace)
//   value     = false / null / true / object / array / number / string
//   object    = { [ member *( , member ) ] }      (§4; no trailing comma)
//   array     = [ [ value *( , value ) ] ]        (§5)
//   number    = [ - ] int [ frac ] [ exp ]         (§6; int = 0 / [1-9] *DIGIT, no leading zeros)
//   string    = " *char "                          (§7; see JSONStrings.swift)
//
// Rejected on purpose: comments, trailing commas, NaN/Infinity, single quotes, a byte order mark
// (§8.1), duplicate member names (RFC 7515 §4: "JWS parsers MUST either reject JWSs with duplicate
// Header Parameter names or use a JSON parser that returns only the lexically last duplicate member
// name"; RFC 7519 §4 the same for claims — we reject, so no two parsers can disagree on a claim),
// lone surrogate escapes (RFC 7493 §2.1).
//
// Bounded: nesting ≤ limits.maxDepth ≤ JSONLimits.depthCeiling (checked when a container opens, so
// a million `[` fail at depth maxDepth + 1) and kept on an explicit stack, not the call stack —
// the parser does not recurse; members ≤ limits.maxMembersPerObject, values in the whole document
// ≤ limits.maxValues, input and string sizes capped. Containers reserve nothing ahead, so memory
// grows with what the input really holds (see JSONLimits).
// Works on one raw view of the input; indices are checked against its count before every read.

/// The strict RFC 8259 parser (file header): one JSON text to a `JSONValue`, or a `JSONError`
/// naming the broken rule and its byte offset.
public enum JSONParser {
    /// Parses a complete JSON text.
    public static func parse(_ bytes: [UInt8], limits: JSONLimits = .default) throws(JSONError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (b) throws(JSONError) in try parse(b, limits: limits) }
    }

    /// Parses a complete JSON text.
    public static func parse(_ bytes: ArraySlice<UInt8>, limits: JSONLimits = .default) throws(JSONError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (b) throws(JSONError) in try parse(b, limits: limits) }
    }

    /// Parses a complete JSON text given as a String (its UTF-8 bytes).
    public static func parse(_ text: String, limits: JSONLimits = .default) throws(JSONError) -> JSONValue {
        try parse(Array(text.utf8), limits: limits)
    }

    /// Parses a complete JSON text from a buffer (no copy).
    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>, limits: JSONLimits = .default) throws(JSONError) -> JSONValue {
        guard buffer.count <= limits.maxInputBytes else { throw JSONError(.inputTooLarge, at: limits.maxInputBytes) }
        // §8.1: a BOM is not part of JSON text; we reject it rather than skip it.
        if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            throw JSONError(.byteOrderMark, at: 0)
        }
        var p = Parser(buffer: buffer, limits: limits)
        let value = try p.parseValue(depth: 0)
        p.skipWhitespace()
        guard p.pos == buffer.count else { throw JSONError(.trailingData, at: p.pos) }
        return value
    }
}

struct Parser {
    let buffer: UnsafeBufferPointer<UInt8>
    let limits: JSONLimits
    var pos = 0
    /// Values started so far (checked against limits.maxValues).
    var values = 0

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

    /// An array or object being filled, on the parser's explicit stack.
    enum OpenContainer {
        case array([JSONValue])
        /// Members so far, the name of the member whose value is being parsed, and the names as
        /// bytes once the object has more than 16 members (for duplicate detection by hashing).
        case object([JSONObject.Member], pendingKey: String, seen: Set<[UInt8]>?)
    }

    /// Parses one value, iteratively: nesting lives on an explicit stack (a heap array), never on
    /// the thread's call stack, so no input and no setting can overflow it. Depth is checked when a
    /// container opens (§4, §5), before anything inside it is read.
    mutating func parseValue(depth _: Int) throws(JSONError) -> JSONValue {
        var stack: [OpenContainer] = []
        var value: JSONValue
        while true {
            // 1. A value starts here: a scalar completes at once; a non-empty container is pushed.
            skipWhitespace()
            values &+= 1
            guard values <= limits.maxValues else { throw JSONError(.valueLimitExceeded, at: pos) }
            switch try peek() {
            case UInt8(ascii: "{"):
                guard stack.count + 1 <= limits.maxDepth else { throw JSONError(.depthLimitExceeded, at: pos) }
                pos += 1
                skipWhitespace()
                if try peek() == UInt8(ascii: "}") { pos += 1; value = .object(JSONObject(members: [])); break }
                let keyStart = pos
                let key = try parseMemberName()
                guard limits.maxMembersPerObject > 0 else { throw JSONError(.memberLimitExceeded, at: keyStart) }
                stack.append(.object([], pendingKey: key, seen: nil))
                continue
            case UInt8(ascii: "["):
                guard stack.count + 1 <= limits.maxDepth else { throw JSONError(.depthLimitExceeded, at: pos) }
                pos += 1
                skipWhitespace()
                if try peek() == UInt8(ascii: "]") { pos += 1; value = .array([]); break }
                stack.append(.array([]))
                continue
            case UInt8(ascii: "\""): value = .string(try parseString())
            case UInt8(ascii: "t"): try expectLiteral("true"); value = .bool(true)
            case UInt8(ascii: "f"): try expectLiteral("false"); value = .bool(false)
            case UInt8(ascii: "n"): try expectLiteral("null"); value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(try parseNumber())
            default: throw JSONError(.unexpectedCharacter, at: pos)
            }
            // 2. `value` is complete: hand it to the innermost open container, closing containers
            //    as their closing bracket comes, until one wants another value (or none is open).
            while true {
                guard let open = stack.popLast() else { return value }
                skipWhitespace()
                let c = try peek()
                pos += 1
                switch consume open {
                case .array(var elements):
                    elements.append(value)
                    if c == UInt8(ascii: ",") { stack.append(.array(elements)); break }
                    guard c == UInt8(ascii: "]") else { throw JSONError(.unexpectedCharacter, at: pos - 1) }
                    value = .array(elements)
                    continue
                case .object(var members, let key, var seen):
                    members.append(JSONObject.Member(key: key, value: value))
                    if c == UInt8(ascii: ",") {
                        skipWhitespace()
                        let keyStart = pos
                        let next = try parseMemberName()
                        guard members.count < limits.maxMembersPerObject else { throw JSONError(.memberLimitExceeded, at: keyStart) }
                        // Duplicate names (RFC 7515 §4, RFC 7519 §4), compared as bytes: a linear scan
                        // for small objects, a set of byte arrays beyond 16 members (so 1,000 members
                        // cost 1,000 hash lookups, not 500,000 compares).
                        if members.count < 16 {
                            for m in members where utf8Equal(m.key, next) { throw JSONError(.duplicateMemberName, at: keyStart) }
                        } else {
                            if seen == nil { seen = Set(members.map { Array($0.key.utf8) }) }
                            guard seen?.insert(Array(next.utf8)).inserted == true else { throw JSONError(.duplicateMemberName, at: keyStart) }
                        }
                        stack.append(.object(members, pendingKey: next, seen: seen))
                        break
                    }
                    guard c == UInt8(ascii: "}") else { throw JSONError(.unexpectedCharacter, at: pos - 1) }
                    value = .object(JSONObject(members: members))
                    continue
                }
                break   // a container wants its next value
            }
        }
    }

    /// `member = string name-separator value` (§4): reads the name and the ':' after it.
    mutating func parseMemberName() throws(JSONError) -> String {
        skipWhitespace()
        guard try peek() == UInt8(ascii: "\"") else { throw JSONError(.unexpectedCharacter, at: pos) }
        let key = try parseString()
        skipWhitespace()
        guard try peek() == UInt8(ascii: ":") else { throw JSONError(.unexpectedCharacter, at: pos) }
        pos += 1
        return key
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let start = pos
        let n = literal.utf8CodeUnitCount
        guard buffer.count - pos >= n else { throw JSONError(.invalidLiteral, at: start) }
        let lit = literal.utf8Start
        for i in 0..<n where buffer[pos + i] != lit[i] { throw JSONError(.invalidLiteral, at: start) }
        pos += n
    }

    /// §6 number: [ minus ] int [ frac ] [ exp ]. The lexeme is kept; Int64 computed when integral.
    mutating func parseNumber() throws(JSONError) -> JSONNumber {
        let start = pos
        var negative = false
        if buffer[pos] == UInt8(ascii: "-") { negative = true; pos += 1 }
        // int = zero / ( digit1-9 *DIGIT )
        guard pos < buffer.count, isDigit(buffer[pos]) else { throw JSONError(.invalidNumber, at: pos) }
        var integral = true
        var magnitude: UInt64 = 0
        var overflow = false
        if buffer[pos] == UInt8(ascii: "0") {
            pos += 1
            // "01" is not a number: after a leading zero only frac, exp or the end may follow.
            if pos < buffer.count, isDigit(buffer[pos]) { throw JSONError(.invalidNumber, at: pos) }
        } else {
            while pos < buffer.count, isDigit(buffer[pos]) {
                let d = UInt64(buffer[pos] &- 0x30)
                let (m1, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (m2, o2) = m1.addingReportingOverflow(d)
                if o1 || o2 { overflow = true }
                magnitude = m2
                pos += 1
            }
        }
        // frac = decimal-point 1*DIGIT
        if pos < buffer.count, buffer[pos] == UInt8(ascii: ".") {
            integral = false
            pos += 1
            guard pos < buffer.count, isDigit(buffer[pos]) else { throw JSONError(.invalidNumber, at: pos) }
            while pos < buffer.count, isDigit(buffer[pos]) { pos += 1 }
        }
        // exp = e [ minus / plus ] 1*DIGIT
        if pos < buffer.count, buffer[pos] == UInt8(ascii: "e") || buffer[pos] == UInt8(ascii: "E") {
            integral = false
            pos += 1
            if pos < buffer.count, buffer[pos] == UInt8(ascii: "+") || buffer[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < buffer.count, isDigit(buffer[pos]) else { throw JSONError(.invalidNumber, at: pos) }
            while pos < buffer.count, isDigit(buffer[pos]) { pos += 1 }
        }
        let lexeme = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<pos]), as: UTF8.self)
        var int64: Int64? = nil
        if integral && !overflow {
            if negative {
                if magnitude <= UInt64(Int64.max) { int64 = -Int64(magnitude) }
                else if magnitude == UInt64(Int64.max) + 1 { int64 = Int64.min }
            } else if magnitude <= UInt64(Int64.max) {
                int64 = Int64(magnitude)
            }
        }
        return JSONNumber(lexeme: lexeme, int64: int64)
    }

    @inline(__always) func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
}
