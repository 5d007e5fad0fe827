import Foundation
import Testing
import VectorSupport
import PureJSON

func parse(_ s: String, _ limits: JSONLimits = .default) throws(JSONError) -> JSONValue { try JSONParser.parse(Array(s.utf8), limits: limits) }
func parseBytes(_ b: [UInt8], _ limits: JSONLimits = .default) throws(JSONError) -> JSONValue { try JSONParser.parse(b, limits: limits) }

/// Valid documents, one or more per production of RFC 8259.
let validDocuments: [String] = [
    // §2 JSON-text: any value at top level, whitespace of the four kinds around it
    "null", "true", "false", "0", "\"\"", "[]", "{}", " \t\r\n[ \t\r\n] \t\r\n",
    // §4 objects
    "{\"a\":1}", "{\"a\":1,\"b\":[true,false,null]}", "{ \"a\" : { \"b\" : {} } }", "{\"\":0}",
    // §5 arrays
    "[1,2,3]", "[[[]]]", "[{}, [], \"x\", 0.5, -0]",
    // §6 numbers
    "-0", "0.0", "1e5", "1E+5", "1e-5", "-1.25e10", "123456789012345678901234567890", "1e400", "1E-400",
    "9223372036854775807", "-9223372036854775808", "9223372036854775808",
    // §7 strings: every escape, unescaped range edges, non-ASCII, surrogate pair
    "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"", "\"\\u0041\\u00e9\\u20AC\"", "\"\\ud83d\\ude00\"", "\" !#[]~\u{7F}\"",
    "\"caf\u{E9} \u{20AC} \u{1F600}\"", "\"\\u0000\"",
]

/// Invalid documents with the error kind expected, covering each rejection rule.
let invalidDocuments: [(String, JSONError.Kind)] = [
    ("", .unexpectedEndOfInput), (" ", .unexpectedEndOfInput), ("[", .unexpectedEndOfInput), ("{\"a\":", .unexpectedEndOfInput),
    ("[1,]", .unexpectedCharacter), ("{\"a\":1,}", .unexpectedCharacter), ("[,1]", .unexpectedCharacter),
    ("{a:1}", .unexpectedCharacter), ("{'a':1}", .unexpectedCharacter), ("['a']", .unexpectedCharacter),
    ("{\"a\" 1}", .unexpectedCharacter), ("[1 2]", .unexpectedCharacter), ("{\"a\":1 \"b\":2}", .unexpectedCharacter),
    ("// c\n1", .unexpectedCharacter), ("/* c */ 1", .unexpectedCharacter), ("[1] // c", .trailingData), ("1 2", .trailingData),
    ("NaN", .unexpectedCharacter), ("Infinity", .unexpectedCharacter), ("-Infinity", .invalidNumber),
    ("tru", .invalidLiteral), ("nul", .invalidLiteral), ("True", .unexpectedCharacter), ("nulll", .trailingData),
    ("01", .invalidNumber), ("-01", .invalidNumber), ("00", .invalidNumber), ("1.", .invalidNumber), (".5", .unexpectedCharacter),
    ("1e", .invalidNumber), ("1e+", .invalidNumber), ("-", .invalidNumber), ("+1", .unexpectedCharacter), ("0x10", .trailingData),
    ("1.e5", .invalidNumber), ("--1", .invalidNumber),
    ("\"abc", .unexpectedEndOfInput), ("\"\\x\"", .invalidEscape), ("\"\\u12\"", .invalidEscape), ("\"\\u12G4\"", .invalidEscape),
    ("\"\\'\"", .invalidEscape), ("\"a\tb\"", .controlCharacterInString), ("\"a\nb\"", .controlCharacterInString),
    ("\"\\ud800\"", .loneSurrogateEscape), ("\"\\udc00\"", .loneSurrogateEscape), ("\"\\ud800\\u0041\"", .loneSurrogateEscape),
    ("\"\\ud800x\"", .loneSurrogateEscape), ("\"\\udbff\\udbff\"", .loneSurrogateEscape),
    ("{\"a\":1,\"a\":2}", .duplicateMemberName), ("{\"a\":1,\"\\u0061\":2}", .duplicateMemberName),
    ("\u{0C}1", .unexpectedCharacter), ("\u{A0}1", .unexpectedCharacter),
]

/// Byte sequences that are not UTF-8 (RFC 3629 §4), inside a string.
let invalidUTF8: [(String, [UInt8])] = [
    ("stray continuation", [0x80]), ("stray continuation BF", [0xBF]),
    ("overlong 2-byte C0", [0xC0, 0x80]), ("overlong 2-byte C1", [0xC1, 0xBF]),
    ("overlong 3-byte", [0xE0, 0x80, 0x80]), ("overlong 3-byte E0 9F", [0xE0, 0x9F, 0xBF]),
    ("overlong 4-byte", [0xF0, 0x80, 0x80, 0x80]), ("overlong 4-byte F0 8F", [0xF0, 0x8F, 0xBF, 0xBF]),
    ("encoded surrogate D800", [0xED, 0xA0, 0x80]), ("encoded surrogate DFFF", [0xED, 0xBF, 0xBF]),
    ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]), ("F5 lead", [0xF5, 0x80, 0x80, 0x80]), ("FF", [0xFF]), ("FE", [0xFE]),
    ("truncated 2-byte", [0xC3]), ("truncated 3-byte", [0xE2, 0x82]), ("truncated 4-byte", [0xF0, 0x9F, 0x98]),
    ("bad continuation", [0xC3, 0x28]), ("bad third byte", [0xE2, 0x82, 0x28]),
]

@Suite struct JSONGrammarTests {
    @Test("valid documents", arguments: validDocuments)
    func valid(_ doc: String) throws {
        _ = try parse(doc)
    }

    @Test("invalid documents", arguments: invalidDocuments)
    func invalid(_ doc: String, _ kind: JSONError.Kind) {
        do {
            let v = try parse(doc)
            Issue.record("accepted \(doc.debugDescription) as \(v)")
        } catch {
            #expect(error.kind == kind, "\(doc.debugDescription)")
        }
    }

    @Test("invalid UTF-8 is rejected", arguments: invalidUTF8)
    func utf8(_ name: String, _ bytes: [UInt8]) {
        let doc: [UInt8] = [0x22] + bytes + [0x22]
        #expect(throws: JSONError.self, "\(name)") { try parseBytes(doc) }
        do { _ = try parseBytes(doc) } catch { #expect(error.kind == .invalidUTF8, "\(name)") }
    }

    @Test func validUTF8EdgesAccepted() throws {
        for bytes: [UInt8] in [[0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
                               [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF]] {
            let v = try parseBytes([0x22] + bytes + [0x22])
            #expect(Array(v.stringValue?.utf8 ?? "".utf8) == bytes)
        }
    }

    @Test func byteOrderMarkRejected() {
        #expect(throws: JSONError(.byteOrderMark, at: 0)) { try parseBytes([0xEF, 0xBB, 0xBF] + Array("{}".utf8)) }
    }

    @Test func escapesDecode() throws {
        #expect(try parse("\"\\ud83d\\ude00\"").stringValue == "\u{1F600}")
        #expect(try parse("\"\\u00e9\"").stringValue == "\u{E9}")
        #expect(try parse("\"a\\/b\"").stringValue == "a/b")
        #expect(try parse("\"\\u0000\"").stringValue == "\u{0}")
    }

    @Test func numbersKeepLexemeAndNeverTrap() throws {
        #expect(try parse("42").numberValue?.int64 == 42)
        #expect(try parse("-0").numberValue?.int64 == 0)
        #expect(try parse("-0").numberValue?.lexeme == "-0")
        #expect(try parse("9223372036854775807").numberValue?.int64 == Int64.max)
        #expect(try parse("-9223372036854775808").numberValue?.int64 == Int64.min)
        #expect(try parse("9223372036854775808").numberValue?.int64 == nil)
        #expect(try parse("1e400").numberValue?.double == .infinity)
        #expect(try parse("-1e400").numberValue?.double == -.infinity)
        #expect(try parse("1E-400").numberValue?.double == 0)
        let big = String(repeating: "9", count: 400)
        #expect(try parse(big).numberValue?.int64 == nil)
        #expect(try parse(big).numberValue?.lexeme == big)
        #expect(try parse("1.5").numberValue?.double == 1.5)
        #expect(try parse("1.0").numberValue?.int64 == nil)
    }

    @Test func keysCompareAsBytes() throws {
        // "café" precomposed vs decomposed: distinct names, both kept, each found only by its own bytes.
        let v = try parse("{\"caf\\u00e9\":1,\"cafe\\u0301\":2}")
        #expect(v.objectValue?.count == 2)
        #expect(v["caf\u{E9}"]?.numberValue?.int64 == 1)
        #expect(v["cafe\u{301}"]?.numberValue?.int64 == 2)
        #expect(v["cafe"] == nil)
    }

    @Test func membersKeepDocumentOrder() throws {
        let v = try parse("{\"z\":1,\"a\":2,\"m\":3}")
        #expect(v.objectValue?.keys == ["z", "a", "m"])
    }
}

@Suite struct JSONLimitTests {
    @Test func depthAtAndPastTheLimit() throws {
        let limits = JSONLimits.default
        _ = try parse(String(repeating: "[", count: 32) + String(repeating: "]", count: 32))
        #expect(throws: JSONError.self) { try parse(String(repeating: "[", count: 33) + String(repeating: "]", count: 33)) }
        do { _ = try parse(String(repeating: "[", count: 33) + String(repeating: "]", count: 33)) } catch { #expect(error.kind == .depthLimitExceeded) }
        _ = try parse(String(repeating: "{\"a\":", count: 31) + "[]" + String(repeating: "}", count: 31), limits)
        #expect(throws: JSONError.self) { try parse(String(repeating: "{\"a\":", count: 33) + "1" + String(repeating: "}", count: 33)) }
    }

    @Test func depthSettingIsClampedSoNoInputOverflowsTheStack() {
        var limits = JSONLimits(maxDepth: 1_000_000, maxInputBytes: 4_000_000)
        #expect(limits.maxDepth == JSONLimits.depthCeiling)
        limits.maxDepth = -5
        #expect(limits.maxDepth == 0)
        let deep = [UInt8](repeating: UInt8(ascii: "["), count: 1_000_000)
        #expect(throws: JSONError(.depthLimitExceeded, at: 128)) { try parseBytes(deep, JSONLimits(maxDepth: .max, maxInputBytes: 4_000_000)) }
    }

    /// The parser does not recurse: arrays and objects nested to the ceiling parse on a thread with
    /// a 512 KiB stack in this (debug, possibly sanitized) build. (The recursive parser overflowed
    /// such a stack at depth 512 in debug, and at about 110 under AddressSanitizer.)
    @Test func ceilingDepthFitsA512KiBThreadStack() async {
        let limits = JSONLimits(maxDepth: .max, maxInputBytes: 4_000_000)
        let d = JSONLimits.depthCeiling
        let arrays = Array((String(repeating: "[", count: d) + String(repeating: "]", count: d)).utf8)
        let objects = Array((String(repeating: "{\"a\":", count: d - 1) + "{}" + String(repeating: "}", count: d - 1)).utf8)
        let ok: Bool = await withCheckedContinuation { continuation in
            let thread = Thread {
                let a = (try? parseBytes(arrays, limits)) != nil
                let o = (try? parseBytes(objects, limits)) != nil
                continuation.resume(returning: a && o)
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
        #expect(ok)
    }

    @Test func valueLimitCountsEveryValue() throws {
        // Values: the outer array, 1, [2], 2, the object, 3 — six in all, at every depth.
        let doc = "[1,[2],{\"a\":3}]"
        _ = try parse(doc, JSONLimits(maxValues: 6))
        #expect(throws: JSONError(.valueLimitExceeded, at: 12)) { try parse(doc, JSONLimits(maxValues: 5)) }
    }

    /// Containers reserve nothing ahead: in `[{},{},…]` every empty object holds no storage at all
    /// (a 16-member reservation per object made 5,000 of them retain ~3.4 MB), and a non-empty
    /// container's storage stays within twice its element count (geometric growth, no reservation).
    @Test func containersReserveNothingAhead() throws {
        let doc = Array(("[" + Array(repeating: "{}", count: 5_000).joined(separator: ",") + "]").utf8)
        let value = try parseBytes(doc)
        let objects = value.arrayValue ?? []
        #expect(objects.count == 5_000)
        #expect(objects.allSatisfy { $0.objectValue?.members.capacity == 0 })
        let small = try parse("[{\"a\":1},{\"a\":1,\"b\":2,\"c\":3}]").arrayValue ?? []
        for o in small.compactMap(\.objectValue) { #expect(o.members.capacity <= max(2 * o.count, 4)) }
    }

    @Test func millionOpenBracketsFailAtOnce() {
        let doc = [UInt8](repeating: UInt8(ascii: "["), count: 1_000_000)
        #expect(throws: JSONError(.depthLimitExceeded, at: 32)) { try parseBytes(doc) }
    }

    @Test func memberLimit() throws {
        func object(_ n: Int) -> String { "{" + (0..<n).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}" }
        #expect(try parse(object(1000)).objectValue?.count == 1000)
        #expect(throws: JSONError.self) { try parse(object(1001)) }
        do { _ = try parse(object(1001)) } catch { #expect(error.kind == .memberLimitExceeded) }
        // Duplicate detection past the linear-scan threshold.
        #expect(throws: JSONError.self) { try parse("{" + (0..<40).map { "\"k\($0)\":0" }.joined(separator: ",") + ",\"k7\":1}") }
    }

    @Test func inputAndStringSize() throws {
        let limits = JSONLimits(maxInputBytes: 10, maxStringBytes: 4)
        _ = try parse("\"abcd\"", limits)
        #expect(throws: JSONError(.stringTooLong, at: 0)) { try parse("\"abcde\"", limits) }
        #expect(throws: JSONError(.stringTooLong, at: 0)) { try parse("\"ab\\u0063de\"", JSONLimits(maxStringBytes: 4)) }
        _ = try parse("[1,2,3,44]", limits)          // 10 bytes: at the limit
        #expect(throws: JSONError(.inputTooLarge, at: 10)) { try parse("[1,2,3,444]", limits) }
    }
}

@Suite struct JSONFuzzTests {
    /// Mutations of valid documents and random bytes: the parser returns or throws, never traps.
    /// CI's debug run does 60,000 inputs; set JSON_FUZZ_ITERATIONS for the long release run.
    @Test func fuzz() {
        let iterations = Int(ProcessInfo.processInfo.environment["JSON_FUZZ_ITERATIONS"] ?? "") ?? 60_000
        var rng = SeededRNG(seed: 0x15_0A)
        let seeds = validDocuments.map { Array($0.utf8) } + [Array("{\"sub\":\"abc\",\"aud\":[\"x\",\"y\"],\"exp\":1763900000,\"n\":{\"a\":[1,2.5e3,null]}}".utf8)]
        let interesting: [UInt8] = Array("{}[]\",:\\u0123456789eE+-.tfn \t\r\n".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        var accepted = 0
        for i in 0..<iterations {
            var doc: [UInt8]
            if i % 10 == 0 {
                doc = rng.bytes(Int(rng.next() % 64))
            } else {
                doc = seeds[Int(rng.next() % UInt64(seeds.count))]
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    let r = rng.next()
                    let pos = doc.isEmpty ? 0 : Int(r >> 8 % UInt64(doc.count + 1)) % (doc.count + 1)
                    let byte = interesting[Int((r >> 40) % UInt64(interesting.count))]
                    switch r % 3 {
                    case 0: doc.insert(byte, at: pos)
                    case 1: if pos < doc.count { doc[pos] = byte }
                    default: if pos < doc.count { doc.remove(at: pos) }
                    }
                }
            }
            if (try? parseBytes(doc)) != nil { accepted += 1 }
        }
        print("JSON fuzz: \(iterations) inputs (seed 0x150A), \(accepted) accepted, none trapped")
    }
}
