import Testing
import VectorSupport
import PureJSON

struct Claims: Decodable, Equatable {
    struct Address: Decodable, Equatable { let city: String; let zip: String? }
    let sub: String
    let exp: Int64
    let ratio: Double
    let admin: Bool
    let groups: [String]
    let small: UInt8
    let address: Address
    let nickname: String?
    let tags: [String: Int]
}

@Suite struct JSONDecoderTests {
    @Test func decodesNestedTypes() throws {
        let v = try JSONParser.parse(#"{"sub":"u1","exp":1763900000,"ratio":0.5,"admin":false,"groups":["a","b"],"small":255,"address":{"city":"Oslo","zip":null},"tags":{"x":1}}"#)
        let c = try JSONValueDecoder.decode(Claims.self, from: v)
        #expect(c == Claims(sub: "u1", exp: 1_763_900_000, ratio: 0.5, admin: false, groups: ["a", "b"], small: 255,
                            address: .init(city: "Oslo", zip: nil), nickname: nil, tags: ["x": 1]))
    }

    @Test func integerRangesAreChecked() throws {
        #expect(try JSONValueDecoder.decode(UInt8.self, from: JSONParser.parse("255")) == 255)
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(UInt8.self, from: JSONParser.parse("256")) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(UInt8.self, from: JSONParser.parse("-1")) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(Int8.self, from: JSONParser.parse("-129")) }
        #expect(try JSONValueDecoder.decode(Int8.self, from: JSONParser.parse("-128")) == -128)
        #expect(try JSONValueDecoder.decode(UInt64.self, from: JSONParser.parse("18446744073709551615")) == UInt64.max)
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(UInt64.self, from: JSONParser.parse("18446744073709551616")) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(Int.self, from: JSONParser.parse("1.5")) }
        #expect(try JSONValueDecoder.decode(Int.self, from: JSONParser.parse("1e3")) == 1000)
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(Int.self, from: JSONParser.parse("1e400")) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(Float.self, from: JSONParser.parse("1e300")) }
        #expect(try JSONValueDecoder.decode(Int16.self, from: JSONParser.parse("-32768")) == -32768)
        #expect(try JSONValueDecoder.decode(UInt32.self, from: JSONParser.parse("4294967295")) == UInt32.max)
    }

    /// Integers are decided on the lexeme, never through a rounded Double.
    @Test func integersAreExactOnTheLexeme() throws {
        func dec<T: Decodable & FixedWidthInteger>(_ s: String, _ t: T.Type) throws -> T { try JSONValueDecoder.decode(T.self, from: JSONParser.parse(s)) }
        #expect(throws: DecodingError.self) { try dec("0.99999999999999999999", Int.self) }   // Double rounds it to 1
        #expect(try dec("9007199254740993.0", Int64.self) == 9_007_199_254_740_993)          // Double gives …992
        #expect(throws: DecodingError.self) { try dec("9007199254740993.5", Int64.self) }
        #expect(try dec("1.0", Int.self) == 1)
        #expect(try dec("-0.0", Int.self) == 0)
        #expect(try dec("0e999999999999999999999", UInt8.self) == 0)
        #expect(try dec("100e-2", Int.self) == 1)
        #expect(try dec("120e-1", Int.self) == 12)
        #expect(throws: DecodingError.self) { try dec("12e-1", Int.self) }
        #expect(throws: DecodingError.self) { try dec("0.05e1", Int.self) }
        #expect(try dec("0.05e2", Int.self) == 5)
        #expect(try dec("1.8446744073709551615e19", UInt64.self) == UInt64.max)
        #expect(throws: DecodingError.self) { try dec("1.8446744073709551616e19", UInt64.self) }
        #expect(try dec("-9.223372036854775808e18", Int64.self) == Int64.min)
        #expect(throws: DecodingError.self) { try dec("-9.223372036854775809e18", Int64.self) }
        #expect(throws: DecodingError.self) { try dec("-1e0", UInt.self) }
        #expect(throws: DecodingError.self) { try dec("1e99999999999999999999", Int.self) }
        #expect(throws: DecodingError.self) { try dec("1e-99999999999999999999", Int.self) }
        #expect(try dec("25.5e1", Int16.self) == 255)
        #expect(throws: DecodingError.self) { try dec("2.56e2", Int8.self) }
    }

    @Test func errorsCarryTheCodingPath() throws {
        let v = try JSONParser.parse(#"{"sub":"u1","exp":"soon","ratio":0.5,"admin":false,"groups":["a",3],"small":1,"address":{"city":"x"},"tags":{}}"#)
        do {
            _ = try JSONValueDecoder.decode(Claims.self, from: v)
            Issue.record("decoded a string exp")
        } catch {
            guard case .typeMismatch(_, let ctx) = error else { Issue.record("wrong error \(error)"); return }
            #expect(ctx.codingPath.map(\.stringValue) == ["exp"])
        }
        let v2 = try JSONParser.parse(#"{"sub":"u1","exp":1,"ratio":0.5,"admin":false,"groups":["a",3],"small":1,"address":{"city":"x"},"tags":{}}"#)
        do { _ = try JSONValueDecoder.decode(Claims.self, from: v2) } catch {
            guard case .typeMismatch(_, let ctx) = error else { Issue.record("wrong error \(error)"); return }
            #expect(ctx.codingPath.map(\.stringValue) == ["groups", "Index 1"])
        }
        let empty = try JSONParser.parse("{}")
        do { _ = try JSONValueDecoder.decode(Claims.self, from: empty) } catch {
            guard case .keyNotFound(let key, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(key.stringValue == "sub")
        }
    }

    @Test func singleValuesAndArrays() throws {
        #expect(try JSONValueDecoder.decode([Int?].self, from: JSONParser.parse("[1,null,3]")) == [1, nil, 3])
        #expect(try JSONValueDecoder.decode(String.self, from: JSONParser.parse("\"x\"")) == "x")
        #expect(try JSONValueDecoder.decode([[Bool]].self, from: JSONParser.parse("[[true],[]]")) == [[true], []])
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(String.self, from: JSONParser.parse("1")) }
    }
}
