import Foundation
import Testing
import VectorSupport
@testable import PureJSON

/// The scanner (JSONScanner.swift) must accept exactly what the parser accepts — with the full
/// parser run when it says so — and record each top-level member where the parser finds it.
enum ScanOutcome: Equatable {
    case object([String: JSONValue])   // members decoded through the reader
    case other
    case rejected
}

func scan(_ bytes: [UInt8], _ limits: JSONLimits = .default) -> ScanOutcome {
    bytes.withUnsafeBufferPointer { b in
        let table = UnsafeMutableBufferPointer<JSONMember>.allocate(capacity: max(1, b.count))
        defer { table.deallocate() }
        do {
            let r = try JSONScanner.scanObject(b, limits: limits, members: table)
            if r.needsFullValidation { _ = try JSONParser.parse(b, limits: limits) }
            guard r.topLevelKind == .object else { return .other }
            let reader = JSONDocumentReader(b)
            var out: [String: JSONValue] = [:]
            for m in table[0..<r.memberCount] {
                let key = reader.string(m.keyRange, escaped: m.keyEscaped)
                let value: JSONValue
                switch m.kind {
                case .string: value = .string(reader.string(m.valueRange, escaped: m.valueEscaped))
                default: value = (try? JSONParser.parse(Array(b[m.valueRange]))) ?? .null
                }
                out[key] = value
            }
            return .object(out)
        } catch {
            return .rejected
        }
    }
}

func parseOutcome(_ bytes: [UInt8], _ limits: JSONLimits = .default) -> ScanOutcome {
    guard let v = try? JSONParser.parse(bytes, limits: limits) else { return .rejected }
    guard case .object(let o) = v else { return .other }
    var out: [String: JSONValue] = [:]
    for m in o.members { out[m.key] = m.value }
    return .object(out)
}

@Suite struct JSONScannerTests {
    @Test("scanner agrees with the parser on every valid document", arguments: validDocuments)
    func validDocumentsAgree(_ doc: String) {
        let bytes = Array(doc.utf8)
        #expect(scan(bytes) == parseOutcome(bytes), "\(doc)")
        // The same value as the member of an object.
        let wrapped = Array("{\"v\":\(doc), \"w\" : [\(doc)]}".utf8)
        #expect(scan(wrapped) == parseOutcome(wrapped), "\(doc) wrapped")
    }

    @Test("scanner rejects every invalid document", arguments: invalidDocuments.map(\.0))
    func invalidDocumentsAreRejected(_ doc: String) {
        let bytes = Array(doc.utf8)
        #expect(scan(bytes) == .rejected, "\(doc)")
        #expect(scan(Array("{\"v\":\(doc)}".utf8)) == .rejected, "\(doc) wrapped")
    }

    /// The eight-bytes-at-a-time string test: every byte value at every position of a word of
    /// plain bytes, and pairs of special bytes (a SWAR borrow must not hide one behind another).
    @Test func plainStringWordTest() {
        func plain(_ b: UInt8) -> Bool { b >= 0x20 && b < 0x80 && b != 0x22 && b != 0x5C }
        func word(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) } }
        for b in 0...255 {
            for position in 0..<8 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
                bytes[position] = UInt8(b)
                #expect(allPlainStringBytes(word(bytes)) == plain(UInt8(b)), "byte \(b) at \(position)")
            }
        }
        let special: [UInt8] = [0x00, 0x01, 0x1F, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xFF]
        for x in special { for y in special { for (i, j) in [(0, 1), (0, 7), (3, 4), (6, 7)] {
            var bytes = [UInt8](repeating: UInt8(ascii: " "), count: 8)
            bytes[i] = x; bytes[j] = y
            #expect(allPlainStringBytes(word(bytes)) == (plain(x) && plain(y)))
        } } }
        // Long strings of plain bytes with one special byte at each offset still scan as the parser does.
        for offset in 0..<24 {
            for special in ["\\n", "\"", "\u{01}", "é"] {
                var body = String(repeating: "x", count: 24)
                body.insert(contentsOf: special, at: body.index(body.startIndex, offsetBy: offset))
                let doc = Array("{\"k\":\"\(body)\"}".utf8)
                #expect(scan(doc) == parseOutcome(doc), "\(String(decoding: doc, as: UTF8.self))")
            }
        }
    }

    @Test func duplicatesAtEveryLevel() {
        for doc in ["{\"a\":1,\"a\":2}", "{\"a\":1,\"\\u0061\":2}", "{\"x\":{\"a\":1,\"a\":2}}", "{\"x\":[{\"a\":1,\"a\":2}]}"] {
            #expect(scan(Array(doc.utf8)) == .rejected, "\(doc)")
        }
        let many = "{" + (0..<40).map { "\"k\($0)\":0" }.joined(separator: ",") + ",\"k3\":1}"
        #expect(scan(Array(many.utf8)) == .rejected)
    }

    @Test func limitsAsTheParser() {
        let doc = Array("{\"a\":[[[1]]],\"b\":\"xxxxx\"}".utf8)
        for limits in [JSONLimits(maxDepth: 3), JSONLimits(maxDepth: 4), JSONLimits(maxValues: 6), JSONLimits(maxValues: 7),
                       JSONLimits(maxMembersPerObject: 1), JSONLimits(maxStringBytes: 4), JSONLimits(maxStringBytes: 5),
                       JSONLimits(maxInputBytes: 10)] {
            #expect(scan(doc, limits) == parseOutcome(doc, limits), "\(limits)")
        }
    }

    @Test func readerHelpers() {
        let doc = Array(#"{"s":"caf\u00e9 \ud83d\ude00","a":["x","y\"z",1,{"q":[2]},null],"n":-12,"f":1.5e3,"big":12345678901234567890}"#.utf8)
        doc.withUnsafeBufferPointer { b in
            let table = UnsafeMutableBufferPointer<JSONMember>.allocate(capacity: 16)
            defer { table.deallocate() }
            guard let r = try? JSONScanner.scanObject(b, limits: .default, members: table) else { Issue.record("scan failed"); return }
            let members = UnsafeBufferPointer(rebasing: table[0..<r.memberCount])
            let reader = JSONDocumentReader(b)
            guard let s = reader.find("s", in: members), let a = reader.find("a", in: members),
                  let n = reader.find("n", in: members), let f = reader.find("f", in: members), let big = reader.find("big", in: members) else {
                Issue.record("members"); return
            }
            #expect(s.valueEscaped && reader.string(s.valueRange, escaped: true) == "caf\u{E9} \u{1F600}")
            #expect(reader.stringEquals(s.valueRange, escaped: true, "caf\u{E9} \u{1F600}"))
            #expect(!reader.stringEquals(s.valueRange, escaped: true, "cafe\u{301} \u{1F600}"))
            #expect(!reader.stringEquals(s.valueRange, escaped: true, "caf\u{E9}"))
            var elements: [String] = []
            reader.forEachElement(ofArray: a.valueRange) { kind, range, escaped in
                elements.append(kind == .string ? reader.string(range, escaped: escaped) : "\(kind):" + String(decoding: b[range], as: UTF8.self))
                return true
            }
            #expect(elements == ["x", "y\"z", "number:1", "object:{\"q\":[2]}", "null:null"])
            #expect(reader.double(n.valueRange) == -12 && reader.double(f.valueRange) == 1500)
            #expect(reader.double(big.valueRange) == 12345678901234567890.0)
            #expect(reader.number(n.valueRange).int64 == -12)
        }
    }

    /// Mutations of valid documents: the scanner (with the full pass when it asks) and the parser
    /// agree on every input — accept or reject, and on the members.
    @Test func differentialFuzz() {
        let iterations = Int(ProcessInfo.processInfo.environment["JSON_FUZZ_ITERATIONS"] ?? "") ?? 30_000
        var rng = SeededRNG(seed: 0x5CA9)
        let seeds = validDocuments.map { Array("{\"v\":\($0),\"w\":[\($0)]}".utf8) } + [
            Array(#"{"sub":"abc","aud":["x","y"],"exp":1763900000,"n":{"a":[1,2.5e3,null]},"s":"\u00e9\\"}"#.utf8),
        ]
        let interesting: [UInt8] = Array("{}[]\",:\\u0123456789eE+-.tfn \t\r\n".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xE0, 0xED, 0xF0, 0xF4, 0xFF]
        var agreed = 0
        for _ in 0..<iterations {
            var doc = seeds[Int(rng.next() % UInt64(seeds.count))]
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let r = rng.next()
                let pos = Int((r >> 8) % UInt64(doc.count + 1))
                let byte = interesting[Int((r >> 40) % UInt64(interesting.count))]
                switch r % 3 {
                case 0: doc.insert(byte, at: pos)
                case 1: if pos < doc.count { doc[pos] = byte }
                default: if pos < doc.count { doc.remove(at: pos) }
                }
            }
            let a = scan(doc), b = parseOutcome(doc)
            #expect(a == b, "\(String(decoding: doc, as: UTF8.self))")
            if a == b { agreed += 1 }
        }
        print("JSON scanner vs parser: \(iterations) mutated documents, \(agreed) agreed")
    }
}
