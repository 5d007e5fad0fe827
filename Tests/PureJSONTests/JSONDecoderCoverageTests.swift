import Foundation
import Testing
@testable import PureJSON

/// Every container method of the Foundation-free decoder, for every scalar width, through keyed,
/// unkeyed, single-value and nested containers — values and the errors for each misuse.
@Suite struct JSONDecoderCoverageTests {
    struct Widths: Decodable, Equatable {
        let i: Int, i8: Int8, i16: Int16, i32: Int32, i64: Int64
        let u: UInt, u8: UInt8, u16: UInt16, u32: UInt32, u64: UInt64
        let f: Float, d: Double, b: Bool, s: String
    }

    func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

    @Test func keyedScalarsOfEveryWidth() throws {
        let v = try parse(#"{"i":-1,"i8":-128,"i16":-32768,"i32":-2147483648,"i64":-9223372036854775808,"u":1,"u8":255,"u16":65535,"u32":4294967295,"u64":18446744073709551615,"f":1.5,"d":-2.25,"b":true,"s":"x"}"#)
        let w = try JSONValueDecoder.decode(Widths.self, from: v)
        #expect(w == Widths(i: -1, i8: -128, i16: -32768, i32: -2147483648, i64: .min, u: 1, u8: 255, u16: 65535, u32: .max, u64: .max,
                            f: 1.5, d: -2.25, b: true, s: "x"))
        // One past each range, a fraction, and a wrong type: errors, never traps.
        for (member, bad) in [("i8", "128"), ("u8", "-1"), ("u16", "65536"), ("i32", "2147483648"), ("u64", "18446744073709551616"),
                              ("i", "1.5"), ("u32", "\"1\""), ("f", "1e39"), ("b", "1"), ("s", "2"), ("d", "null")] {
            let text = #"{"i":-1,"i8":-128,"i16":-32768,"i32":-2147483648,"i64":-9223372036854775808,"u":1,"u8":255,"u16":65535,"u32":4294967295,"u64":18446744073709551615,"f":1.5,"d":-2.25,"b":true,"s":"x"}"#
                .replacingOccurrences(of: "\"\(member)\":", with: "\"\(member)\":\(bad),\"_\(member)\":")
            #expect(throws: DecodingError.self, "\(member) = \(bad)") { try JSONValueDecoder.decode(Widths.self, from: try parse(text)) }
        }
    }

    struct Unkeyed: Decodable, Equatable {
        let values: [Int]
        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            #expect(c.count == 16)
            var out: [Int] = []
            out.append(try c.decodeNil() ? 0 : -1)                   // null
            out.append(try c.decode(Bool.self) ? 1 : 0)
            out.append(try c.decode(String.self).count)
            out.append(Int(try c.decode(Double.self)))
            out.append(Int(try c.decode(Float.self)))
            out.append(try c.decode(Int.self))
            out.append(Int(try c.decode(Int8.self)))
            out.append(Int(try c.decode(Int16.self)))
            out.append(Int(try c.decode(Int32.self)))
            out.append(Int(try c.decode(Int64.self)))
            out.append(Int(try c.decode(UInt.self)))
            out.append(Int(try c.decode(UInt8.self)))
            out.append(Int(try c.decode(UInt16.self)))
            out.append(Int(try c.decode(UInt32.self)))
            out.append(Int(try c.decode(UInt64.self)))
            var nested = try c.nestedUnkeyedContainer()
            out.append(try nested.decode(Int.self))
            #expect(c.isAtEnd)
            #expect(throws: DecodingError.self) { try c.decode(Int.self) }   // past the end
            #expect(try !c.decodeNil())
            values = out
        }
    }

    @Test func unkeyedContainers() throws {
        let u = try JSONValueDecoder.decode(Unkeyed.self, from: try parse(#"[null,true,"abc",4.5,5.5,6,7,8,9,10,11,12,13,14,15,[16]]"#))
        #expect(u.values == [0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])
    }

    struct Nesting: Decodable {
        let inner: Int
        let list: [String]
        let superValue: Int
        enum Keys: String, CodingKey { case a, b, c, d }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            inner = try c.nestedContainer(keyedBy: Keys.self, forKey: .a).decode(Int.self, forKey: .b)
            var l = try c.nestedUnkeyedContainer(forKey: .c)
            var items: [String] = []
            while !l.isAtEnd { items.append(try l.decode(String.self)) }
            list = items
            superValue = try Int(from: try c.superDecoder(forKey: .d))
            _ = try c.superDecoder()
            #expect(c.allKeys.count == 3 && c.contains(.a) && !c.contains(.b))
            #expect(try c.decodeNil(forKey: .d) == false)
            #expect(throws: DecodingError.self) { try c.decode(Int.self, forKey: .b) }     // absent
            var u = try decoder.container(keyedBy: Keys.self).nestedUnkeyedContainer(forKey: .c)
            let nestedKeyed = try? u.nestedContainer(keyedBy: Keys.self)                  // "x" is not an object
            #expect(nestedKeyed == nil)
            var u2 = try c.nestedUnkeyedContainer(forKey: .c)
            _ = try u2.superDecoder()
        }
    }

    @Test func nestedAndSuperDecoders() throws {
        let n = try JSONValueDecoder.decode(Nesting.self, from: try parse(#"{"a":{"b":7},"c":["x","y"],"d":9}"#))
        #expect(n.inner == 7 && n.list == ["x", "y"] && n.superValue == 9)
    }

    struct Single: Decodable { let values: [Double]
        init(from decoder: any Decoder) throws {
            let s = try decoder.singleValueContainer()
            values = [try s.decode(Double.self), Double(try s.decode(Float.self)), Double(try s.decode(Int32.self)),
                      Double(try s.decode(UInt16.self)), Double(try s.decode(Int8.self)), Double(try s.decode(UInt.self)),
                      Double(try s.decode(UInt8.self)), Double(try s.decode(UInt32.self)), Double(try s.decode(UInt64.self)),
                      Double(try s.decode(Int16.self)), Double(try s.decode(Int64.self)), Double(try s.decode(Int.self))]
            #expect(!s.decodeNil())
            #expect(decoder.userInfo.isEmpty && decoder.codingPath.isEmpty)
        }
    }

    @Test func singleValueContainers() throws {
        #expect(try JSONValueDecoder.decode(Single.self, from: try parse("3")).values == Array(repeating: 3, count: 12))
        #expect(try JSONValueDecoder.decode(String.self, from: try parse("\"s\"")) == "s")
        #expect(try JSONValueDecoder.decode(Bool?.self, from: try parse("null")) == nil)
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode([String: Int].self, from: try parse("[1]")) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode([Int].self, from: try parse("{}")) }
        // Names that only canonical equivalence unites are refused (Swift String == would merge them).
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode([String: Int].self, from: try parse("{\"caf\\u00e9\":1,\"cafe\\u0301\":2}")) }
    }

    /// An error other than DecodingError thrown inside a type's init is wrapped as dataCorrupted.
    struct Throws: Decodable {
        struct Custom: Error {}
        init(from decoder: any Decoder) throws { throw Custom() }
    }

    @Test func foreignErrorsAreWrapped() throws {
        do { _ = try JSONValueDecoder.decode(Throws.self, from: .null); Issue.record("no error") } catch {
            guard case .dataCorrupted = error else { Issue.record("\(error)"); return }
        }
    }

    // MARK: values and the writer

    @Test func builtValuesRoundTrip() throws {
        let v: JSONValue = ["n": nil, "t": true, "f": false, "i": 42, "s": "a\"b\\c\u{01}\u{08}\u{0C}\n\r\t é", "a": [1, "x", [nil]],
                            "o": .object(JSONObject([("k", .number(JSONNumber(1.25)!)), ("m", .integer(-7))]))]
        let parsed = try JSONParser.parse(v.jsonBytes)
        #expect(parsed == v)
        #expect(v.jsonText.contains("\\u0001") && v.jsonText.contains("\\b") && v.jsonText.contains("\\f"))
        #expect(JSONNumber(Double.nan) == nil && JSONNumber(.infinity) == nil)
        #expect(JSONNumber(3.0)?.lexeme == "3" && JSONNumber(3.0)?.int64 == 3 && JSONNumber(0.5)?.isIntegerLexeme == false)
        #expect(JSONObject.Member("k", 1).key == "k")
        #expect(v["t"]?.boolValue == true && v["s"]?.stringValue != nil && v["i"]?.numberValue?.description == "42")
        #expect(v["a"]?.arrayValue?.count == 3 && v["o"]?.objectValue?.count == 2 && v["n"]?.isNull == true)
        #expect(v["i"]?.boolValue == nil && v["i"]?.stringValue == nil && v["s"]?.numberValue == nil && v["s"]?.arrayValue == nil)
        #expect(v["s"]?.objectValue == nil && v["s"]?.isNull == false && JSONValue.integer(1)["x"] == nil)
    }
}
