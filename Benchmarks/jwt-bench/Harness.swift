// The benchmark harness. For each case: calibrate an iteration count so one repetition takes about
// `targetSeconds`, run several repetitions, and report the median and best per operation on two
// clocks — wall time (ContinuousClock) and this process's CPU time (CLOCK_PROCESS_CPUTIME_ID, as
// `openssl speed` reports), which a busy shared machine disturbs less. `--threads N` runs the same
// calibrated work on N threads at once and reports the aggregate rate next to one thread's.
// Results feed a global sink so the optimizer cannot drop the work.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

nonisolated(unsafe) var sink: UInt64 = 0

struct BenchCase {
    let name: String
    /// Bytes processed per operation (throughput cases) or nil (operations per second).
    let bytes: Int?
    /// Runs the operation `iterations` times. Must be safe to call from several threads at once.
    let run: @Sendable (Int) -> Void
}

struct BenchResult {
    let name: String
    let bytes: Int?
    let medianNs: Double
    let bestNs: Double
    /// Per-process CPU time per operation (median repetition).
    let cpuNs: Double
    /// With --threads N: aggregate wall ns per operation with N threads, and N.
    var threads: (count: Int, ns: Double)? = nil
    var opsPerSecond: Double { 1e9 / medianNs }
    var cpuOpsPerSecond: Double { 1e9 / cpuNs }
    var mbPerSecond: Double? { bytes.map { Double($0) / medianNs * 1e9 / 1e6 } }
}

func nanoseconds(_ d: Duration) -> Double {
    let (s, atto) = d.components
    return Double(s) * 1e9 + Double(atto) / 1e9
}

/// CPU time consumed by this process so far (all threads), in nanoseconds.
func processCPUNanoseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1e9 + Double(ts.tv_nsec)
}

func calibrate(_ c: BenchCase, targetSeconds: Double) -> Int {
    let clock = ContinuousClock()
    c.run(1) // warm up
    var iterations = 1
    while true {
        let t = nanoseconds(clock.measure { c.run(iterations) })
        if t > targetSeconds * 1e9 / 4 || iterations >= 1 << 30 {
            return max(1, Int(Double(iterations) * targetSeconds * 1e9 / max(t, 1)))
        }
        iterations *= 4
    }
}

func measure(_ c: BenchCase, repetitions: Int, targetSeconds: Double, threads: Int) -> BenchResult {
    let clock = ContinuousClock()
    let iterations = calibrate(c, targetSeconds: targetSeconds)
    var samples: [(wall: Double, cpu: Double)] = []
    for _ in 0..<repetitions {
        let cpu0 = processCPUNanoseconds()
        let wall = nanoseconds(clock.measure { c.run(iterations) })
        let cpu = processCPUNanoseconds() - cpu0
        samples.append((wall / Double(iterations), cpu / Double(iterations)))
    }
    let byWall = samples.sorted { $0.wall < $1.wall }
    let byCPU = samples.map(\.cpu).sorted()
    var result = BenchResult(name: c.name, bytes: c.bytes, medianNs: byWall[byWall.count / 2].wall, bestNs: byWall[0].wall,
                             cpuNs: byCPU[byCPU.count / 2])
    if threads > 1 {
        var best = Double.infinity
        for _ in 0..<max(1, repetitions / 2) {
            let start = clock.now
            DispatchQueue.concurrentPerform(iterations: threads) { _ in c.run(iterations) }
            best = min(best, nanoseconds(clock.now - start) / Double(iterations * threads))
        }
        result.threads = (threads, best)
    }
    return result
}

func formatNumber(_ x: Double) -> String {
    if x >= 100 { return String(format: "%.0f", x) }
    if x >= 10 { return String(format: "%.1f", x) }
    return String(format: "%.2f", x)
}

func jsonLine(_ r: BenchResult, counts: (instructions: Double?, allocations: Double?) = (nil, nil)) -> String {
    var fields = ["\"name\":\"\(r.name)\""]
    if let b = r.bytes { fields.append("\"bytes\":\(b)") }
    fields.append("\"ns_per_op\":\(String(format: "%.1f", r.medianNs))")
    fields.append("\"best_ns_per_op\":\(String(format: "%.1f", r.bestNs))")
    fields.append("\"cpu_ns_per_op\":\(String(format: "%.1f", r.cpuNs))")
    if let mb = r.mbPerSecond { fields.append("\"mb_per_s\":\(String(format: "%.1f", mb))") }
    fields.append("\"ops_per_s\":\(String(format: "%.0f", r.opsPerSecond))")
    fields.append("\"cpu_ops_per_s\":\(String(format: "%.0f", r.cpuOpsPerSecond))")
    if let t = r.threads {
        fields.append("\"threads\":\(t.count)")
        fields.append("\"threads_ops_per_s\":\(String(format: "%.0f", 1e9 / t.ns))")
        fields.append("\"thread_scaling\":\(String(format: "%.2f", r.medianNs / t.ns))")
    }
    if let i = counts.instructions { fields.append("\"instructions_per_op\":\(String(format: "%.0f", i))") }
    if let a = counts.allocations { fields.append("\"allocations_per_op\":\(String(format: "%.2f", a))") }
    return "{" + fields.joined(separator: ",") + "}"
}

func tableHeader(threads: Int) -> String {
    "name".padding(toLength: 44, withPad: " ", startingAt: 0) + "wall ns/op".leftPad(12) + "cpu ns/op".leftPad(12)
        + "   rate (median wall)" + (threads > 1 ? "   \(threads) threads" : "")
}

func tableLine(_ r: BenchResult, counts: (instructions: Double?, allocations: Double?) = (nil, nil)) -> String {
    let name = r.name.padding(toLength: 44, withPad: " ", startingAt: 0)
    let rate = r.mbPerSecond.map { formatNumber($0) + " MB/s" } ?? (formatNumber(r.opsPerSecond) + " op/s")
    var line = "\(name)\(formatNumber(r.medianNs).leftPad(12))\(formatNumber(r.cpuNs).leftPad(12))   \(rate.padding(toLength: 18, withPad: " ", startingAt: 0))"
    if let t = r.threads { line += "   \(formatNumber(1e9 / t.ns)) op/s (×\(String(format: "%.2f", r.medianNs / t.ns)))" }
    if let i = counts.instructions { line += "   \(formatNumber(i)) instr/op" }
    if let a = counts.allocations { line += "   \(String(format: "%.1f", a)) allocs/op" }
    return line
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
