// A Foundation-free `Decoder` over `JSONValue`, so callers decode claims into their own
// `Decodable` types. Errors are the standard library's `DecodingError`, carrying the coding path.
//
// Integers are range-checked into every width (`Int8` … `UInt64`): an integer lexeme beyond the
// target's range, or a fraction, is a `typeMismatch`/`dataCorrupted`, never a trap. Keys are
// matched as UTF-8 bytes. Codable needs existentials (`any CodingKey`, `any Error`), so this file
// is left out of Embedded Swift builds; the parser does not need it.
#if !hasFeature(Embedded)

/// A type that decodes from a JSON number of seconds since 1970-01-01T00:00:00Z UTC — a
/// NumericDate (RFC 7519 §2) — in `JSONValueDecoder`, whatever its own `init(from:)` does.
/// PureJWT's `NumericDate` conforms; PureJWTFoundation makes Foundation's `Date` conform, because
/// `Date`'s own decoding reads seconds since 2001 and would shift every claim time by 31 years.
public protocol DecodableFromSecondsSince1970 {
    /// The value for a JSON number of seconds since 1970.
    init(secondsSince1970: Double)
}

/// Decodes a parsed `JSONValue` into a `Decodable` type (file header), without Foundation.
public enum JSONValueDecoder {
    /// Decodes `T` from a parsed value.
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws(DecodingError) -> T {
        do {
            return try Scalars.decode(T.self, value, [])
        } catch let error as DecodingError {
            throw error
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(error)", underlyingError: error))
        }
    }
}

struct IndexKey: CodingKey {
    let intValue: Int?
    let stringValue: String
    init(_ i: Int) { intValue = i; stringValue = "Index \(i)" }
    init?(intValue: Int) { self.init(intValue) }
    init?(stringValue: String) { return nil }
}

struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let o) = value else { throw mismatch([String: JSONValue].self, value, codingPath) }
        // Member names are distinct as bytes (the parser rejects duplicates), but Codable hands
        // names to Swift code that compares with `String ==` — synthesized CodingKeys, and
        // `[String: T]`, which would silently merge "caf\u{E9}" and "cafe\u{301}" into one entry.
        // Two names that only canonical equivalence unites are refused here instead.
        if o.count > 1 {
            var seen = Set<String>()
            for m in o.members where !seen.insert(m.key).inserted {
                throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription:
                    "two member names are canonically equivalent Unicode (\(displayQuoted(m.key))); refusing to decode them as Swift strings"))
            }
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(object: o, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let a) = value else { throw mismatch([JSONValue].self, value, codingPath) }
        return UnkeyedContainer(elements: a, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleContainer(value: value, codingPath: codingPath)
    }
}

func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
    .typeMismatch(type, .init(codingPath: path, debugDescription: "expected \(type), found \(value.kindName)"))
}

/// Scalar conversions shared by all three containers.
enum Scalars {
    static func bool(_ v: JSONValue, _ path: [any CodingKey]) throws -> Bool {
        guard case .bool(let b) = v else { throw mismatch(Bool.self, v, path) }
        return b
    }

    static func string(_ v: JSONValue, _ path: [any CodingKey]) throws -> String {
        guard case .string(let s) = v else { throw mismatch(String.self, v, path) }
        return s
    }

    static func double(_ v: JSONValue, _ path: [any CodingKey]) throws -> Double {
        guard case .number(let n) = v else { throw mismatch(Double.self, v, path) }
        return n.double
    }

    static func float(_ v: JSONValue, _ path: [any CodingKey]) throws -> Float {
        let d = try double(v, path)
        let f = Float(d)
        guard f.isFinite || !d.isFinite else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "number \(d) does not fit in Float"))
        }
        return f
    }

    /// Exact conversion to any fixed-width integer, decided on the lexeme (`JSONNumber.exactInteger`):
    /// a fraction or exponent converts only when the decimal value is exactly an integer in range.
    static func integer<T: FixedWidthInteger>(_ v: JSONValue, _ path: [any CodingKey]) throws -> T {
        guard case .number(let n) = v else { throw mismatch(T.self, v, path) }
        if let t = n.exactInteger(T.self) { return t }
        throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "number \(n.lexeme) is not an integer that fits in \(T.self)"))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ v: JSONValue, _ path: [any CodingKey]) throws -> T {
        if let time = T.self as? any DecodableFromSecondsSince1970.Type {
            guard case .number(let n) = v, let value = time.init(secondsSince1970: n.double) as? T else {
                throw mismatch(T.self, v, path)
            }
            return value
        }
        // Foundation's Date without PureJWTFoundation's conformance would decode through its own
        // init(from:), as seconds since 2001: refuse rather than shift the time by 31 years.
        if _typeName(T.self, qualified: true) == "Foundation.Date" {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription:
                "Date decodes as seconds since 2001, but JWT times are seconds since 1970: import PureJWTFoundation (which decodes Date claims as NumericDate) or declare the member as NumericDate"))
        }
        return try T(from: ValueDecoder(value: v, codingPath: path))
    }
}

struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    let codingPath: [any CodingKey]

    var allKeys: [Key] { object.members.compactMap { Key(stringValue: $0.key) } }
    func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }

    func value(_ key: Key) throws -> JSONValue {
        guard let v = object[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no member \"\(key.stringValue)\""))
        }
        return v
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(key).isNull }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try Scalars.bool(value(key), codingPath + [key]) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try Scalars.string(value(key), codingPath + [key]) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try Scalars.double(value(key), codingPath + [key]) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try Scalars.float(value(key), codingPath + [key]) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try Scalars.integer(value(key), codingPath + [key]) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try Scalars.integer(value(key), codingPath + [key]) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try Scalars.integer(value(key), codingPath + [key]) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try Scalars.integer(value(key), codingPath + [key]) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try Scalars.integer(value(key), codingPath + [key]) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try Scalars.integer(value(key), codingPath + [key]) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try Scalars.integer(value(key), codingPath + [key]) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try Scalars.integer(value(key), codingPath + [key]) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try Scalars.integer(value(key), codingPath + [key]) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try Scalars.integer(value(key), codingPath + [key]) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try Scalars.decode(T.self, value(key), codingPath + [key]) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(value: value(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: value(key), codingPath: codingPath + [key]).unkeyedContainer()
    }
    func superDecoder() throws -> any Decoder { ValueDecoder(value: .object(object), codingPath: codingPath) }
    func superDecoder(forKey key: Key) throws -> any Decoder { ValueDecoder(value: try value(key), codingPath: codingPath + [key]) }
}

struct UnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(elements: [JSONValue], codingPath: [any CodingKey]) {
        self.elements = elements
        self.codingPath = codingPath
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    mutating func next<T>(_ type: T.Type) throws -> (JSONValue, [any CodingKey]) {
        guard currentIndex < elements.count else {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: codingPath + [IndexKey(currentIndex)], debugDescription: "unkeyed container is at end"))
        }
        defer { currentIndex += 1 }
        return (elements[currentIndex], codingPath + [IndexKey(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < elements.count else { return false }
        if elements[currentIndex].isNull { currentIndex += 1; return true }
        return false
    }
    mutating func decode(_ type: Bool.Type) throws -> Bool { let (v, p) = try next(type); return try Scalars.bool(v, p) }
    mutating func decode(_ type: String.Type) throws -> String { let (v, p) = try next(type); return try Scalars.string(v, p) }
    mutating func decode(_ type: Double.Type) throws -> Double { let (v, p) = try next(type); return try Scalars.double(v, p) }
    mutating func decode(_ type: Float.Type) throws -> Float { let (v, p) = try next(type); return try Scalars.float(v, p) }
    mutating func decode(_ type: Int.Type) throws -> Int { let (v, p) = try next(type); return try Scalars.integer(v, p) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { let (v, p) = try next(type); return try Scalars.integer(v, p) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { let (v, p) = try next(type); return try Scalars.integer(v, p) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { let (v, p) = try next(type); return try Scalars.integer(v, p) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { let (v, p) = try next(type); return try Scalars.integer(v, p) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { let (v, p) = try next(type); return try Scalars.integer(v, p) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { let (v, p) = try next(type); return try Scalars.integer(v, p) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { let (v, p) = try next(type); return try Scalars.integer(v, p) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { let (v, p) = try next(type); return try Scalars.integer(v, p) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { let (v, p) = try next(type); return try Scalars.integer(v, p) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { let (v, p) = try next(type); return try Scalars.decode(T.self, v, p) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (v, p) = try next(JSONObject.self); return try ValueDecoder(value: v, codingPath: p).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (v, p) = try next([JSONValue].self); return try ValueDecoder(value: v, codingPath: p).unkeyedContainer()
    }
    mutating func superDecoder() throws -> any Decoder { let (v, p) = try next(JSONValue.self); return ValueDecoder(value: v, codingPath: p) }
}

struct SingleContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try Scalars.bool(value, codingPath) }
    func decode(_ type: String.Type) throws -> String { try Scalars.string(value, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try Scalars.double(value, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { try Scalars.float(value, codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try Scalars.integer(value, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try Scalars.integer(value, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try Scalars.integer(value, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try Scalars.integer(value, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try Scalars.integer(value, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try Scalars.integer(value, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try Scalars.integer(value, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try Scalars.integer(value, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try Scalars.integer(value, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try Scalars.integer(value, codingPath) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try Scalars.decode(T.self, value, codingPath) }
}

#endif
