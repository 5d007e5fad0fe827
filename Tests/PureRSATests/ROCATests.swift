import Foundation
import Testing
import VectorSupport
@testable import PureRSA
import PureBigNum

/// The ROCA fingerprint (CVE-2017-15361; Nemec et al., CCS 2017): keys from Infineon's RSALib are
/// refused at load; honest keys never are.
@Suite struct ROCATests {
    static let primes: [UInt64] = (2...353).filter { n in (2..<n).allSatisfy { n % $0 != 0 } }.map(UInt64.init)

    /// M of RSALib's 992–1952-bit keys: the product of the first 71 primes (2 … 353).
    static let m: SlowBigInt = primes.reduce(SlowBigInt(limbs: [1])) { $0 * SlowBigInt(limbs: [$1]) }

    /// A modulus with RSALib's structure: N = (k·M + 65537^a mod M)(l·M + 65537^b mod M). The
    /// factors need not be prime for the fingerprint, which only looks at N's residues.
    static func rsaLibLikeModulus(_ rng: inout SeededRNG) -> [UInt8] {
        func factor() -> SlowBigInt {
            let k = SlowBigInt(hex: Hex.encode(rng.bytes(80)))
            return k * m + SlowBigInt(limbs: [65537]).powMod(1 + rng.next() % 1_000_000, m)
        }
        let n = factor() * factor()
        return Array(n.bytes(count: 512).drop(while: { $0 == 0 }))
    }

    @Test func rsaLibStructuredModuliAreRefused() throws {
        #expect(Self.primes.count == 71 && Self.primes.last == 353)
        var rng = SeededRNG(seed: 0x0C_A2017)
        for _ in 0..<20 {
            let n = Self.rsaLibLikeModulus(&rng)
            #expect(n.count * 8 >= 2048)
            #expect(throws: RSAKeyError.rocaVulnerable) { try RSAPublicKey(modulus: n, exponent: [1, 0, 1]) }
        }
    }

    /// A random odd modulus passes all 70 residue tests with probability about 2^-83.
    @Test func randomModuliAreNotFlagged() throws {
        var rng = SeededRNG(seed: 0x0C_A0000)
        for _ in 0..<1_000 {
            var n = rng.bytes(256)
            n[0] |= 0x80
            n[255] |= 1
            #expect(!ROCAFingerprint.matches(BigUInt(bigEndianBytes: n)))
        }
    }

    @Test func residuesAndSubgroupsMatchASlowReference() {
        var rng = SeededRNG(seed: 0x0C_A0001)
        for _ in 0..<20 {
            let bytes = rng.bytes(1 + Int(rng.next() % 300))
            let n = BigUInt(bigEndianBytes: bytes)
            for r in Self.primes.dropFirst() {
                let slow = SlowBigInt(hex: Hex.encode(bytes)).mod(SlowBigInt(limbs: [r]))
                #expect(SlowBigInt(limbs: [ROCAFingerprint.residue(n, r)]) == slow)
            }
        }
        for r in Self.primes.dropFirst() {
            var subgroup = Set<UInt64>()
            var x: UInt64 = 1
            repeat { subgroup.insert(x); x = x * (65537 % r) % r } while x != 1
            for v in 0..<r { #expect(ROCAFingerprint.isInGeneratedSubgroup(v, r) == subgroup.contains(v)) }
        }
    }
}
