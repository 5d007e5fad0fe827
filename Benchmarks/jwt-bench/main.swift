// jwt-bench: PureJWT's benchmark. Build and run in release:
//   swift run -c release jwt-bench [--json] [--filter SUBSTRING] [--repetitions N] [--seconds S]
// Prints a table (median and best ns/op, throughput) or one JSON object per line.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

var json = false
var filters: [String] = []
var repetitions = 7
var seconds = 0.1
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    switch a {
    case "--json": json = true
    case "--filter": if let f = args.popFirst() { filters.append(f) }
    case "--repetitions": repetitions = max(1, Int(args.popFirst() ?? "") ?? 7)
    case "--seconds": seconds = max(0.001, Double(args.popFirst() ?? "") ?? 0.1)
    case "--help", "-h":
        print("usage: jwt-bench [--json] [--filter SUBSTRING]... [--repetitions N] [--seconds S]")
        exit(0)
    default:
        FileHandle.standardError.write(Data("jwt-bench: unknown argument \(a)\n".utf8))
        exit(2)
    }
}

#if DEBUG
FileHandle.standardError.write(Data("warning: jwt-bench built in debug; use `swift run -c release jwt-bench`\n".utf8))
#endif

let cases = allCases().filter { c in filters.isEmpty || filters.contains { c.name.contains($0) } }
if !json {
    print("name".padding(toLength: 40, withPad: " ", startingAt: 0) + "ns/op(med)".leftPad(12) + "ns/op(best)".leftPad(12) + "   rate (median)")
}
for c in cases {
    let r = measure(c, repetitions: repetitions, targetSeconds: seconds)
    print(json ? jsonLine(r) : tableLine(r))
    fflush(nil)
}
