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

    /// Streaming HMAC equals one-shot HMAC for every split of the message (every piece size from 1
    /// byte to past the block size), for keys shorter and longer than the block.
    @Test("streaming equals one-shot", arguments: Algorithm.allCases)
    func streaming(_ alg: Algorithm) {
        var rng = SeededRNG(seed: 0x5EED)
        for keyLength in [0, 20, 64, 129, 300] {
            let key = (0..<keyLength).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let message = (0..<300).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let expected = hmac(alg, key: key, message: message)
            for piece in [1, 7, 63, 64, 65, 128, 129, 300] {
                var chunks: [[UInt8]] = []
                var i = 0
                while i < message.count { chunks.append(Array(message[i..<min(i + piece, message.count)])); i += piece }
                let got: [UInt8]
                switch alg {
                case .sha256:
                    var m = HMACSHA256(key: key)
                    for c in chunks { m.update(c) }
                    got = m.finalize().bytes
                case .sha384:
                    var m = HMACSHA384(key: key)
                    for c in chunks { m.update(c) }
                    got = m.finalize().bytes
                case .sha512:
                    var m = HMACSHA512(key: key)
                    for c in chunks { c.withUnsafeBytes { m.update($0) } }
                    got = m.finalize().bytes
                }
                #expect(got == expected, "\(alg) key \(keyLength) B, pieces of \(piece)")
            }
        }
    }

    /// RFC 4231 §4: test cases 1–7 under SHA-256, SHA-384 and SHA-512 (case 5 compares the 128-bit
    /// truncation the RFC gives), one-shot and streaming.
    @Test func rfc4231() throws {
        struct File: Decodable { struct Case: Decodable { let `case`: String; let key, data, sha256, sha384, sha512: String }; let cases: [Case] }
        let file = try JSONDecoder().decode(File.self, from: Data(Vectors.data("rfc/rfc4231.json")))
        #expect(file.cases.count == 7)
        for c in file.cases {
            let key = Hex.decode(c.key), data = Hex.decode(c.data)
            for (alg, expected) in [(Algorithm.sha256, c.sha256), (.sha384, c.sha384), (.sha512, c.sha512)] {
                #expect(Hex.encode(hmac(alg, key: key, message: data)).hasPrefix(expected), "RFC 4231 case \(c.case) \(alg)")
            }
            var streamed = HMACSHA256(key: key)
            streamed.update(Array(data.prefix(3)))
            streamed.update(Array(data.dropFirst(3)))
            #expect(Hex.encode(streamed.finalize().bytes).hasPrefix(c.sha256))
        }
    }
}
