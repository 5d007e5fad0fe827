// The benchmark harness: calibrates an iteration count per case so one repetition takes about
// `targetSeconds`, runs several repetitions with ContinuousClock, and reports the median and best.
// Results feed a global sink so the optimizer cannot drop the work.
import Foundation

nonisolated(unsafe) var sink: UInt64 = 0

struct BenchCase {
    let name: String
    /// Bytes processed per operation (throughput cases) or nil (operations per second).
    let bytes: Int?
    /// Runs the operation `iterations` times.
    let run: (Int) -> Void
}

struct BenchResult {
    let name: String
    let bytes: Int?
    let medianNs: Double
    let bestNs: Double
    var opsPerSecond: Double { 1e9 / medianNs }
    var mbPerSecond: Double? { bytes.map { Double($0) / medianNs * 1e9 / 1e6 } }
}

func nanoseconds(_ d: Duration) -> Double {
    let (s, atto) = d.components
    return Double(s) * 1e9 + Double(atto) / 1e9
}

func measure(_ c: BenchCase, repetitions: Int, targetSeconds: Double) -> BenchResult {
    let clock = ContinuousClock()
    c.run(1) // warm up
    var iterations = 1
    while true {
        let t = nanoseconds(clock.measure { c.run(iterations) })
        if t > targetSeconds * 1e9 / 4 || iterations >= 1 << 30 {
            iterations = max(1, Int(Double(iterations) * targetSeconds * 1e9 / max(t, 1)))
            break
        }
        iterations *= 4
    }
    var samples: [Double] = []
    for _ in 0..<repetitions {
        samples.append(nanoseconds(clock.measure { c.run(iterations) }) / Double(iterations))
    }
    samples.sort()
    return BenchResult(name: c.name, bytes: c.bytes, medianNs: samples[samples.count / 2], bestNs: samples[0])
}

func formatNumber(_ x: Double) -> String {
    if x >= 100 { return String(format: "%.0f", x) }
    if x >= 10 { return String(format: "%.1f", x) }
    return String(format: "%.2f", x)
}

func jsonLine(_ r: BenchResult) -> String {
    var fields = ["\"name\":\"\(r.name)\""]
    if let b = r.bytes { fields.append("\"bytes\":\(b)") }
    fields.append("\"ns_per_op\":\(String(format: "%.1f", r.medianNs))")
    fields.append("\"best_ns_per_op\":\(String(format: "%.1f", r.bestNs))")
    if let mb = r.mbPerSecond { fields.append("\"mb_per_s\":\(String(format: "%.1f", mb))") }
    else { fields.append("\"ops_per_s\":\(String(format: "%.0f", r.opsPerSecond))") }
    return "{" + fields.joined(separator: ",") + "}"
}

func tableLine(_ r: BenchResult) -> String {
    let name = r.name.padding(toLength: 40, withPad: " ", startingAt: 0)
    let median = formatNumber(r.medianNs).leftPad(12)
    let best = formatNumber(r.bestNs).leftPad(12)
    let rate = r.mbPerSecond.map { formatNumber($0) + " MB/s" } ?? (formatNumber(r.opsPerSecond) + " op/s")
    return "\(name)\(median)\(best)   \(rate)"
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
