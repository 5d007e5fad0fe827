// jwt-bench: PureJWT's benchmark. Build and run in release:
//   swift run -c release jwt-bench [--json] [--filter SUBSTRING]... [--exact NAME] [--repetitions N]
//                                  [--seconds S] [--threads N] [--instructions] [--allocations]
//                                  [--iterations N]
// Prints a table (median wall and CPU ns/op, throughput) or one JSON object per line.
//   --threads N      also run each case on N threads at once: aggregate rate and scaling
//   --instructions   instructions per operation, counted by valgrind's callgrind (stable on a shared
//                    machine): the case runs under valgrind at two iteration counts and the
//                    difference is divided out, so set-up cancels
//   --allocations    heap allocations per operation, counted the same way with valgrind's dhat
//   --iterations N   run the selected cases exactly N times and print nothing (what the valgrind
//                    runs execute)
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

var json = false
var filters: [String] = []
var exact: String? = nil
var repetitions = 7
var seconds = 0.1
var threads = 1
var fixedIterations: Int? = nil
var countInstructions = false
var countAllocations = false
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    switch a {
    case "--json": json = true
    case "--filter": if let f = args.popFirst() { filters.append(f) }
    case "--exact": exact = args.popFirst()
    case "--repetitions": repetitions = max(1, Int(args.popFirst() ?? "") ?? 7)
    case "--seconds": seconds = max(0.001, Double(args.popFirst() ?? "") ?? 0.1)
    case "--threads": threads = max(1, Int(args.popFirst() ?? "") ?? 1)
    case "--iterations": fixedIterations = max(0, Int(args.popFirst() ?? "") ?? 0)
    case "--instructions": countInstructions = true
    case "--allocations": countAllocations = true
    case "--help", "-h":
        print("usage: jwt-bench [--json] [--filter SUBSTRING]... [--exact NAME] [--repetitions N] [--seconds S] [--threads N] [--instructions] [--allocations] [--iterations N]")
        exit(0)
    default:
        FileHandle.standardError.write(Data("jwt-bench: unknown argument \(a)\n".utf8))
        exit(2)
    }
}

#if DEBUG
FileHandle.standardError.write(Data("warning: jwt-bench built in debug; use `swift run -c release jwt-bench`\n".utf8))
#endif

let cases = allCases().filter { c in
    if let exact { return c.name == exact }
    return filters.isEmpty || filters.contains { c.name.contains($0) }
}

if let n = fixedIterations {
    for c in cases { c.run(n) }
    exit(0)
}

/// Runs this binary under valgrind on one case at two iteration counts; returns the count per
/// operation of what `parse` reads from valgrind's report.
func valgrindPerOperation(_ caseName: String, tool: [String], parse: (String) -> Double?) -> Double? {
    let small = 100, large = 300
    func run(_ n: Int) -> Double? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["valgrind"] + tool + [CommandLine.arguments[0], "--exact", caseName, "--iterations", String(n)]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return p.terminationStatus == 0 ? parse(text) : nil
    }
    guard let a = run(small), let b = run(large) else { return nil }
    return (b - a) / Double(large - small)
}

/// "==123== Collected : 456789" (callgrind).
func callgrindTotal(_ report: String) -> Double? {
    for line in report.split(separator: "\n") where line.contains("Collected :") {
        return Double(line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "")
    }
    return nil
}

/// "==123== Total:     1,234 bytes in 56 blocks" (dhat): the block count.
func dhatBlocks(_ report: String) -> Double? {
    for line in report.split(separator: "\n") where line.contains("Total:") && line.contains("blocks") {
        let words = line.split(separator: " ")
        if let i = words.firstIndex(of: "blocks"), i > 0 { return Double(words[i - 1].replacingOccurrences(of: ",", with: "")) }
    }
    return nil
}

if !json { print(tableHeader(threads: threads)) }
for c in cases {
    let r = measure(c, repetitions: repetitions, targetSeconds: seconds, threads: threads)
    let instructions = countInstructions
        ? valgrindPerOperation(c.name, tool: ["--tool=callgrind", "--callgrind-out-file=/dev/null"], parse: callgrindTotal) : nil
    let allocations = countAllocations
        ? valgrindPerOperation(c.name, tool: ["--tool=dhat", "--dhat-out-file=/dev/null"], parse: dhatBlocks) : nil
    print(json ? jsonLine(r, counts: (instructions, allocations)) : tableLine(r, counts: (instructions, allocations)))
    fflush(nil)
}
