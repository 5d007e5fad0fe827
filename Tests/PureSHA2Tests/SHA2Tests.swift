import Foundation
import Testing
import VectorSupport
@testable import PureSHA2

enum Algorithm: String, CaseIterable, Sendable { case sha256 = "SHA256", sha384 = "SHA384", sha512 = "SHA512" }

func digest(_ alg: Algorithm, _ bytes: [UInt8]) -> [UInt8] {
    switch alg {
    case .sha256: SHA256.hash(bytes).bytes
    case .sha384: SHA384.hash(bytes).bytes
    case .sha512: SHA512.hash(bytes).bytes
    }
}

/// Hashes `bytes` fed in the given pieces through the streaming API.
func streamed(_ alg: Algorithm, _ bytes: [UInt8], cuts: [Int]) -> [UInt8] {
    var pieces: [ArraySlice<UInt8>] = []
    var start = 0
    for c in cuts + [bytes.count] { pieces.append(bytes[start..<c]); start = c }
    switch alg {
    case .sha256: var h = SHA256(); for p in pieces { h.update(p) }; return h.finalize().bytes
    case .sha384: var h = SHA384(); for p in pieces { h.update(p) }; return h.finalize().bytes
    case .sha512: var h = SHA512(); for p in pieces { h.update(p) }; return h.finalize().bytes
    }
}

@Suite struct SHA2Tests {
    // FIPS 180-4 examples (the NIST "Example Values" for SHA-2): "abc", the 448-bit message, and
    // (SHA-512/384) the 896-bit message; these digests also appear in the CAVP ShortMsg files.
    @Test func fipsExamples() {
        #expect(SHA256.hash(Array("abc".utf8)).description == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)).description
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA512.hash(Array("abc".utf8)).description
                == "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
        #expect(SHA384.hash(Array("abc".utf8)).description
                == "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
    }

    @Test("one million 'a'", arguments: Algorithm.allCases)
    func millionA(alg: Algorithm) {
        let expected: [Algorithm: String] = [
            .sha256: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
            .sha384: "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985",
            .sha512: "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b",
        ]
        let a = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(Hex.encode(digest(alg, a)) == expected[alg])
        // And streamed in odd-sized pieces.
        #expect(Hex.encode(streamed(alg, a, cuts: Array(stride(from: 997, to: 1_000_000, by: 997)))) == expected[alg])
    }

    @Test("NIST CAVP ShortMsg and LongMsg", arguments: Algorithm.allCases)
    func cavpMessages(alg: Algorithm) throws {
        var count = 0
        for kind in ["ShortMsg", "LongMsg"] {
            let records = RSP.parse(try Vectors.text("nist/sha2/\(alg.rawValue)\(kind).rsp"), terminal: "MD")
            #expect(records.count > 60)
            for r in records {
                let bits = Int(r["Len"] ?? "") ?? -1
                let msg = bits == 0 ? [] : Hex.decode(r["Msg"] ?? "")
                #expect(msg.count * 8 == bits)
                #expect(Hex.encode(digest(alg, msg)) == r["MD"], "\(kind) Len=\(bits)")
                count += 1
            }
        }
        print("\(alg.rawValue): \(count) NIST CAVP ShortMsg+LongMsg vectors passed")
    }

    /// SHAVS §6.4 Monte Carlo: MD0 = MD1 = MD2 = Seed; Mi = MD(i-3) ‖ MD(i-2) ‖ MD(i-1); 1000 per count.
    @Test("NIST CAVP Monte Carlo", arguments: Algorithm.allCases)
    func cavpMonte(alg: Algorithm) throws {
        let records = RSP.parse(try Vectors.text("nist/sha2/\(alg.rawValue)Monte.rsp"), terminal: "MD")
        #expect(records.count == 100)
        var seed = Hex.decode(records.first?["Seed"] ?? "")
        for r in records {
            var md = [seed, seed, seed]
            for _ in 3..<1003 {
                let next = digest(alg, md[0] + md[1] + md[2])
                md = [md[1], md[2], next]
            }
            seed = md[2]
            #expect(Hex.encode(seed) == r["MD"], "COUNT=\(r["COUNT"] ?? "?")")
        }
        print("\(alg.rawValue): 100 NIST CAVP Monte Carlo checkpoints passed")
    }

    @Test("streaming at every split point", arguments: Algorithm.allCases)
    func everySplit(alg: Algorithm) {
        var rng = SeededRNG(seed: 0x5A5A)
        for length in [0, 1, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 200, 300] {
            let msg = rng.bytes(length)
            let expected = digest(alg, msg)
            for cut in 0...length {
                #expect(streamed(alg, msg, cuts: [cut]) == expected, "length \(length) cut \(cut)")
            }
            // Byte by byte.
            #expect(streamed(alg, msg, cuts: Array(0...length).dropFirst().dropLast().map { $0 }) == expected)
        }
    }

    @Test func digestEquality() {
        let a = SHA256.hash([1, 2, 3]), b = SHA256.hash([1, 2, 3]), c = SHA256.hash([1, 2, 4])
        #expect(a == b)
        #expect(a != c)
        #expect(SHA256Digest(bytes: a.bytes) == a)
        #expect(SHA256Digest(bytes: [1, 2]) == nil)
    }

    /// The array and slice entry points give the raw-buffer results; digests round-trip through
    /// their bytes, hash and compare by content.
    @Test func entryPointsAndDigests() {
        let message = Array("The quick brown fox".utf8)
        var h256 = SHA256(); h256.update(message)
        var h384 = SHA384(); h384.update(message)
        var h512 = SHA512(); h512.update(message)
        let d256 = h256.finalize(), d384 = h384.finalize(), d512 = h512.finalize()
        #expect(d256 == SHA256.hash(message[...]) && d384 == SHA384.hash(message[...]) && d512 == SHA512.hash(message[...]))
        #expect(SHA384Digest(bytes: d384.bytes) == d384 && SHA512Digest(bytes: d512.bytes) == d512)
        #expect(SHA384Digest(bytes: [0]) == nil && SHA512Digest(bytes: []) == nil)
        #expect(Set([d256, SHA256Digest(bytes: d256.bytes)!]).count == 1)
        #expect(d256.description.count == 64 && SHA384Digest.byteCount == 48 && SHA512Digest.byteCount == 64)
    }
}
