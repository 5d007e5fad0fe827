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
