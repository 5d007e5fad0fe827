// libFuzzer harness: the strict JSON parser under its default and its tightest limits, and the
// exact-integer conversion of every number it returns.
import PureJWT

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = UnsafeBufferPointer(start: data, count: size)
    if let value = try? JSONParser.parse(input) { visit(value) }
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
