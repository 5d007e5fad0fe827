// Test-only helpers: where vector files live, hex, and a seeded PRNG.
//
// Vectors of our own live in `<repo>/Vectors`. Third-party Wycheproof files are read from
// `$WYCHEPROOF_DIR`, else `<repo>/../shared/vectors/wycheproof`. When neither exists the tests that
// need them are skipped with a printed reason — except under `CI=true`, where they run and fail.
import Foundation

public enum Vectors {
    /// The repository root, found from this file's location (Tests/VectorSupport/…).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func url(_ relative: String) -> URL { root.appendingPathComponent("Vectors/" + relative) }

    public static func data(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(relative)))
    }

    public static func text(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The Wycheproof `testvectors_v1` directory, if present.
    public static let wycheproofDirectory: URL? = {
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["WYCHEPROOF_DIR"], !env.isEmpty {
            candidates.append(URL(fileURLWithPath: env))
        }
        candidates.append(root.deletingLastPathComponent().appendingPathComponent("shared/vectors/wycheproof"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("rsa_signature_2048_sha256_test.json").path) }
    }()

    /// True when Wycheproof tests should run: the files exist, or we are in CI (where a missing
    /// directory must fail the run rather than skip it).
    public static var runWycheproof: Bool {
        if wycheproofDirectory != nil { return true }
        print("note: Wycheproof vectors not found (set WYCHEPROOF_DIR or place ../shared/vectors/wycheproof); skipping")
        return isCI
    }

    public struct Missing: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    public static func wycheproof(_ name: String) throws -> Data {
        guard let dir = wycheproofDirectory else {
            throw Missing(description: "Wycheproof file \(name) not found: set WYCHEPROOF_DIR (required under CI=true)")
        }
        return try Data(contentsOf: dir.appendingPathComponent(name))
    }
}

public enum Hex {
    public static func decode(_ s: some StringProtocol) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count / 2)
        var hi: UInt8? = nil
        for c in s.utf8 {
            let v: UInt8
            switch c {
            case 0x30...0x39: v = c - 0x30
            case 0x61...0x66: v = c - 0x61 + 10
            case 0x41...0x46: v = c - 0x41 + 10
            default: continue
            }
            if let h = hi { out.append(h << 4 | v); hi = nil } else { hi = v }
        }
        return out
    }

    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// SplitMix64: small, seedable, reproducible. Every failure of a property or fuzz test prints its seed.
public struct SeededRNG: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    public mutating func bytes(_ n: Int) -> [UInt8] {
        (0..<n).map { _ in UInt8(truncatingIfNeeded: next()) }
    }
}

/// Parses CAVP `.rsp` files. Every `KEY = VALUE` line (and `[KEY = VALUE]` section header) updates a
/// running dictionary; each time the `terminal` key appears a snapshot of it becomes one record.
/// That handles files where the modulus is stated once for many records (SigVer/SigGen) and
/// files where each record stands alone (SHA ShortMsg/LongMsg/Monte).
public enum RSP {
    public static func parse(_ text: String, terminal: String) -> [[String: String]] {
        var running: [String: String] = [:]
        var records: [[String: String]] = []
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.hasPrefix("#") || line.isEmpty { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") { line = String(line.dropFirst().dropLast()) }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let k = line[..<eq].trimmingCharacters(in: .whitespaces)
            let v = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            running[k] = v
            if k == terminal { records.append(running) }
        }
        return records
    }
}
