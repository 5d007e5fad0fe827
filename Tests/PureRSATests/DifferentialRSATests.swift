import Foundation
import Testing
import VectorSupport
@testable import PureRSA
import PureBigNum

/// PureRSA against OpenSSL, case by case: Tests/Support/rsa_differential.py signs and corrupts
/// (valid signatures, bit flips, s = 0, 1, n−1, n, n+1, wrong lengths, another message or hash,
/// hand-built encoded messages with DigestInfo variants) with ten deterministic keys of 2048–4096
/// bits (sizes off a byte boundary, e = 3 … 2^32−1), and pyca/cryptography (OpenSSL) gives each
/// verdict. Seeded: the same seed gives the same cases; a mismatch prints the whole case.
@Suite struct DifferentialRSATests {
    struct Case: Decodable { let n: String; let e: UInt64; let hash: String; let msg: String; let sig: String; let valid: Bool; let kind: String }

    @Test func verdictsMatchOpenSSL() throws {
        guard PythonScript.hasModule("cryptography") else {
            print("note: python3 with cryptography not found; skipping the differential test against OpenSSL")
            #expect(!Vectors.isCI, "CI must run the differential test: pip install cryptography")
            return
        }
        let seed = ProcessInfo.processInfo.environment["RSA_DIFFERENTIAL_SEED"] ?? "20261130"
        let perKey = ProcessInfo.processInfo.environment["RSA_DIFFERENTIAL_CASES_PER_KEY"] ?? "200"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Vectors.root.appendingPathComponent("Tests/Support/rsa_differential.py").path, seed, perKey]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        var counts: [String: (agree: Int, valid: Int)] = [:]
        var total = 0
        for line in data.split(separator: 0x0A) {
            let c = try JSONDecoder().decode(Case.self, from: line)
            let hash: RSAHashAlgorithm = c.hash == "sha256" ? .sha256 : c.hash == "sha384" ? .sha384 : .sha512
            let key = try RSAPublicKey(modulus: Hex.decode(c.n.count % 2 == 1 ? "0" + c.n : c.n), exponent: BigUInt(c.e).bigEndianBytes)
            let ours = key.isValidPKCS1v15Signature(Hex.decode(c.sig), message: Hex.decode(c.msg), hash: hash)
            #expect(ours == c.valid, "seed \(seed): \(c.kind) case disagrees with OpenSSL (OpenSSL: \(c.valid)): n=\(c.n) e=\(c.e) hash=\(c.hash) msg=\(c.msg) sig=\(c.sig)")
            var entry = counts[c.kind] ?? (0, 0)
            if ours == c.valid { entry.agree += 1 }
            if c.valid { entry.valid += 1 }
            counts[c.kind] = entry
            total += 1
        }
        #expect(total >= 2_000)
        print("RSA differential vs OpenSSL (seed \(seed)): \(total) cases, " +
              counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.agree) agree (\($0.value.valid) valid)" }.joined(separator: ", "))
    }
}
