import Foundation
import Testing
import VectorSupport
@testable import PureSHA2

func hmac(_ alg: Algorithm, key: [UInt8], message: [UInt8]) -> [UInt8] {
    switch alg {
    case .sha256: HMAC.sha256(key: key, message: message).bytes
    case .sha384: HMAC.sha384(key: key, message: message).bytes
    case .sha512: HMAC.sha512(key: key, message: message).bytes
    }
}

/// Wycheproof `hmac_sha{256,384,512}_test.json` (mac_test_schema_v1): every `valid` tag equals our
/// MAC (truncated to the group's tagSize), every `invalid` one differs. Keys of every size in the
/// files: shorter than, equal to and longer than the block (hashed first, RFC 2104 step 2).
struct WycheproofMAC: Decodable {
    struct Group: Decodable { let keySize: Int; let tagSize: Int; let tests: [Case] }
    struct Case: Decodable { let tcId: Int; let comment: String; let key: String; let msg: String; let tag: String; let result: String }
    let numberOfTests: Int
    let testGroups: [Group]
}

@Suite struct HMACTests {
    @Test("Wycheproof HMAC", arguments: Algorithm.allCases)
    func wycheproof(_ alg: Algorithm) throws {
        guard Vectors.runWycheproof else { return }
        let name = "hmac_\(alg.rawValue.lowercased())_test.json"
        let file = try JSONDecoder().decode(WycheproofMAC.self, from: try Vectors.wycheproof(name))
        var ran = 0, keySizes = Set<Int>()
        for g in file.testGroups {
            for t in g.tests {
                let full = hmac(alg, key: Hex.decode(t.key), message: Hex.decode(t.msg))
                let tag = Array(full.prefix(g.tagSize / 8))
                let matches = tag == Hex.decode(t.tag)
                #expect(matches == (t.result == "valid"), "\(name) tcId \(t.tcId) (\(t.comment)): \(t.result)")
                ran += 1
                keySizes.insert(g.keySize)
            }
        }
        #expect(ran == file.numberOfTests)
        print("Wycheproof \(name): \(ran) cases, key sizes \(keySizes.sorted()) bits")
    }

    /// The same MACs as Python's hmac module (OpenSSL) over seeded keys of 0…300 bytes (across every
    /// block boundary) and messages of 0…300 bytes.
    @Test("differential against Python hmac, seeded")
    func differential() throws {
        var rng = SeededRNG(seed: 0x4A3C)
        var cases: [(alg: Algorithm, key: [UInt8], msg: [UInt8])] = []
        for alg in Algorithm.allCases {
            for keyLength in [0, 1, 31, 32, 63, 64, 65, 111, 127, 128, 129, 200, 300] {
                let msgLength = Int(rng.next() % 301)
                cases.append((alg, (0..<keyLength).map { _ in UInt8(truncatingIfNeeded: rng.next()) },
                              (0..<msgLength).map { _ in UInt8(truncatingIfNeeded: rng.next()) }))
            }
        }
        let input = cases.map { "\($0.alg.rawValue.lowercased()) \(Hex.encode($0.key)) \(Hex.encode($0.msg))" }.joined(separator: "\n")
        let script = """
            import hmac, hashlib, sys
            for line in sys.stdin.read().splitlines():
                alg, key, msg = (line.split(" ") + ["", ""])[:3]
                print(hmac.new(bytes.fromhex(key), bytes.fromhex(msg), getattr(hashlib, alg)).hexdigest())
            """
        guard let output = try PythonScript.run(script, stdin: Array(input.utf8)) else { return }
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == cases.count)
        for (c, expected) in zip(cases, lines) {
            #expect(Hex.encode(hmac(c.alg, key: c.key, message: c.msg)) == expected, "\(c.alg) key \(c.key.count) B, message \(c.msg.count) B")
        }
    }
}
