// A JSON object kept as its bytes and the positions of its top-level members (PureJSON's
// JSONScanner), so a verified token's header and claims are read in place: one byte buffer and one
// member table hold both, and nothing else is built unless asked for. A claim's String, a JSONValue
// or the whole JSONObject is made on access.
import PureJSON

/// A scanned JSON object inside a shared byte buffer and member table.
struct ScannedObject: Sendable {
    /// The buffer holding this object's bytes (and possibly another object's).
    let storage: [UInt8]
    /// This object's document within `storage`.
    let bytes: Range<Int>
    /// The member table (offsets relative to `bytes.lowerBound`).
    let members: [JSONMember]
    /// This object's members within `members`.
    let memberRange: Range<Int>

    /// Runs `body` with a reader over this object's bytes and its members.
    func read<R>(_ body: (JSONDocumentReader, UnsafeBufferPointer<JSONMember>) throws(JWTError) -> R) throws(JWTError) -> R {
        let result = storage.withUnsafeBufferPointer { all in
            members.withUnsafeBufferPointer { table in
                Result { () throws(JWTError) in
                    try body(JSONDocumentReader(UnsafeBufferPointer(rebasing: all[bytes])),
                             UnsafeBufferPointer(rebasing: table[memberRange]))
                }
            }
        }
        return try result.get()
    }

    /// The same, for bodies that cannot fail.
    func read<R>(_ body: (JSONDocumentReader, UnsafeBufferPointer<JSONMember>) -> R) -> R {
        storage.withUnsafeBufferPointer { all in
            members.withUnsafeBufferPointer { table in
                body(JSONDocumentReader(UnsafeBufferPointer(rebasing: all[bytes])), UnsafeBufferPointer(rebasing: table[memberRange]))
            }
        }
    }

    /// The object's bytes, exactly as decoded.
    var documentBytes: [UInt8] { Array(storage[bytes]) }

    /// The whole object, parsed (allocates; the scan already proved it parses).
    var json: JSONObject {
        let parsed = storage.withUnsafeBufferPointer { all in
            try? JSONParser.parse(UnsafeBufferPointer(rebasing: all[bytes]), limits: JSONLimits(maxDepth: JSONLimits.depthCeiling,
                maxMembersPerObject: .max, maxValues: .max, maxInputBytes: .max, maxStringBytes: .max))
        }
        return parsed?.objectValue ?? JSONObject(members: [])
    }

    /// The member named `name` (byte-exact), as a JSONValue.
    func value(_ name: String) -> JSONValue? {
        read { reader, members in
            guard let m = reader.find(name, in: members) else { return nil }
            return Self.value(m, reader)
        }
    }

    /// A member's value as a JSONValue (containers parsed from their bytes).
    static func value(_ m: JSONMember, _ reader: JSONDocumentReader) -> JSONValue {
        switch m.kind {
        case .string: return .string(reader.string(m.valueRange, escaped: m.valueEscaped))
        case .number: return .number(reader.number(m.valueRange))
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .null: return .null
        case .array, .object:
            let bytes = UnsafeBufferPointer(rebasing: reader.buffer[m.valueRange])
            return (try? JSONParser.parse(bytes, limits: JSONLimits(maxDepth: JSONLimits.depthCeiling, maxMembersPerObject: .max,
                                                                    maxValues: .max, maxInputBytes: .max, maxStringBytes: .max))) ?? .null
        }
    }

    /// The string member named `name`, or nil when absent or not a string.
    func string(_ name: StaticString) -> String? {
        read { reader, members in
            guard let m = reader.find(name, in: members), m.kind == .string else { return nil }
            return reader.string(m.valueRange, escaped: m.valueEscaped)
        }
    }

    /// The string elements of the array member named `name` (others skipped), or of a string member.
    func strings(_ name: StaticString) -> [String] {
        read { reader, members in
            guard let m = reader.find(name, in: members) else { return [] }
            if m.kind == .string { return [reader.string(m.valueRange, escaped: m.valueEscaped)] }
            guard m.kind == .array else { return [] }
            var out: [String] = []
            reader.forEachElement(ofArray: m.valueRange) { kind, range, escaped in
                if kind == .string { out.append(reader.string(range, escaped: escaped)) }
                return true
            }
            return out
        }
    }

    /// The names of the members, in document order.
    var keys: [String] {
        read { reader, members in members.map { reader.string($0.keyRange, escaped: $0.keyEscaped) } }
    }

    var count: Int { memberRange.count }
}

extension ScannedObject {
    /// Scans `bytes` (one JSON object) on its own: for the few places that hold a JSON document
    /// outside the verification path (tests, UnverifiedToken). Throws the scan's JSONError; a
    /// document that is valid JSON but not an object is reported by `nonObjectKind`.
    static func scan(_ bytes: [UInt8], limits: JSONLimits) throws(JSONError) -> (ScannedObject?, nonObjectKind: JSONMember.Kind?) {
        var members: [JSONMember] = []
        var kind: JSONMember.Kind = .object
        let capacity = min(limits.maxMembersPerObject, bytes.count / 4 + 1)
        var failure: JSONError? = nil
        bytes.withUnsafeBufferPointer { buffer in
            members = [JSONMember](unsafeUninitializedCapacity: capacity) { out, initialized in
                do throws(JSONError) {
                    let result = try JSONScanner.scanObject(buffer, limits: limits, members: out)
                    if result.needsFullValidation { _ = try JSONParser.parse(buffer, limits: limits) }
                    kind = result.topLevelKind
                    initialized = result.memberCount
                } catch {
                    failure = error
                    initialized = 0
                }
            }
        }
        if let failure { throw failure }
        guard kind == .object else { return (nil, kind) }
        return (ScannedObject(storage: bytes, bytes: 0..<bytes.count, members: members, memberRange: 0..<members.count), nil)
    }
}

extension JSONMember.Kind {
    /// A short name of the kind, for error messages ("string", "number", …).
    var name: String {
        switch self {
        case .string: "string"
        case .number: "number"
        case .true, .false: "boolean"
        case .null: "null"
        case .array: "array"
        case .object: "object"
        }
    }
}
