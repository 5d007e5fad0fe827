// libFuzzer harness: the strict JSON parser under its default and its tightest limits, the
// exact-integer conversion of every number it returns, and the validating scanner of the
// verification path, which must accept exactly the documents the parser accepts (with the full
// pass it asks for) and find the same members.
import PureJWT

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = UnsafeBufferPointer(start: data, count: size)
    let parsed = try? JSONParser.parse(input)
    if let value = parsed { visit(value) }
    compareScanner(input, parsed)
    _ = try? JSONParser.parse(input, limits: JSONLimits(maxDepth: 3, maxMembersPerObject: 4, maxValues: 16, maxInputBytes: 256, maxStringBytes: 16))
    return 0
}

func visit(_ v: JSONValue) {
    switch v {
    case .number(let n):
        _ = n.double
        if let i = n.exactInteger(Int64.self) {
            // An exact integer must agree with its Double when the Double is exact too.
            let d = n.double
            if d.magnitude < 9_007_199_254_740_992, Double(i) != d { fatalError("exactInteger \(i) vs double \(d) for \(n.lexeme)") }
        }
        _ = n.exactInteger(UInt8.self)
    case .array(let a): a.forEach(visit)
    case .object(let o): o.members.forEach { visit($0.value) }
    default: break
    }
}

/// The scanner and the parser must agree: accept or reject, object or not, same member names.
func compareScanner(_ input: UnsafeBufferPointer<UInt8>, _ parsed: JSONValue?) {
    let table = UnsafeMutableBufferPointer<JSONMember>.allocate(capacity: max(1, input.count))
    defer { table.deallocate() }
    var scanned: JSONScanResult? = nil
    do {
        let r = try JSONScanner.scanObject(input, limits: .default, members: table)
        if r.needsFullValidation { _ = try JSONParser.parse(input) }
        scanned = r
    } catch {}
    guard let r = scanned else {
        if parsed != nil { fatalError("scanner rejected a document the parser accepts") }
        return
    }
    guard let parsed else { fatalError("scanner accepted a document the parser rejects") }
    guard case .object(let o) = parsed else {
        if r.topLevelKind == .object { fatalError("scanner saw an object, the parser did not") }
        return
    }
    guard r.topLevelKind == .object, r.memberCount == o.count else { fatalError("member counts differ") }
    let reader = JSONDocumentReader(input)
    for (m, p) in zip(table[0..<r.memberCount], o.members) where !reader.stringEquals(m.keyRange, escaped: m.keyEscaped, p.key) {
        fatalError("member names differ")
    }
}
