import Foundation
import Testing
import VectorSupport
@testable import PureBigNum

/// A random odd modulus of exactly `bits` bits.
func randomModulus(bits: Int, _ rng: inout SeededRNG) -> BigUInt {
    var limbs = (0..<((bits + 63) / 64)).map { _ in rng.next() }
    let topBits = bits - (limbs.count - 1) * 64
    limbs[limbs.count - 1] &= topBits == 64 ? ~0 : (1 << UInt64(topBits)) - 1
    limbs[limbs.count - 1] |= 1 << UInt64(topBits - 1)
    limbs[0] |= 1
    return BigUInt(limbs: limbs)
}

/// A random value below n, as exactly k limbs.
func randomBelow(_ n: BigUInt, _ rng: inout SeededRNG) -> [UInt64] {
    let k = n.limbs.count
    var v = (0..<k).map { _ in rng.next() }
    v[k - 1] %= n.limbs[k - 1]   // top limb below n's: v < n
    return v
}

func padded(_ x: BigUInt, _ k: Int) -> [UInt64] { x.limbs + Array(repeating: 0, count: k - x.limbs.count) }

@Suite struct BigNumTests {
    @Test func bytesRoundTrip() {
        #expect(BigUInt(bigEndianBytes: [0x01, 0x02, 0x03]).limbs == [0x010203])
        #expect(BigUInt(bigEndianBytes: [0, 0, 0]).isZero)
        #expect(BigUInt(bigEndianBytes: [0x01] + [UInt8](repeating: 0, count: 8)).limbs == [0, 1])
        let x = BigUInt(bigEndianBytes: [0xAB, 0xCD])
        #expect(x.bigEndianBytes(count: 4) == [0, 0, 0xAB, 0xCD])
        #expect(x.bigEndianBytes(count: 1) == nil)   // I2OSP "integer too large"
        #expect(x.bitWidth == 16)
        #expect(BigUInt(limbs: [5, 0, 0]).limbs == [5])
        #expect(BigUInt(3) < BigUInt(limbs: [0, 1]))
        #expect(x.description == "abcd")
    }

    @Test("OS2IP into caller limbs: every length 0…40, extra limbs zeroed, against the byte-at-a-time definition")
    func loadBigEndianLengths() {
        var rng = SeededRNG(seed: 0x0512)
        for count in 0...40 {
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            for extra in 0...2 {
                let limbCount = (count + 7) / 8 + extra
                var limbs = [UInt64](repeating: 0xDEAD_BEEF, count: limbCount)
                bytes.withUnsafeBytes { b in limbs.withUnsafeMutableBufferPointer { BigUInt.loadBigEndian(b, into: $0) } }
                var expected = [UInt64](repeating: 0, count: limbCount)
                for (i, byte) in bytes.reversed().enumerated() { expected[i / 8] |= UInt64(byte) << UInt64(8 * (i % 8)) }
                #expect(limbs == expected, "\(count) bytes into \(limbCount) limbs")
            }
        }
    }

    @Test func inverse64() {
        var rng = SeededRNG(seed: 7)
        for _ in 0..<1000 {
            let x = rng.next() | 1
            #expect(x &* MontgomeryModulus.inverse64(x) == 1)
        }
    }

    @Test func rejectsEvenAndTinyModuli() {
        #expect(throws: BigNumError.modulusNotOdd) { try MontgomeryModulus(BigUInt(10)) }
        #expect(throws: BigNumError.modulusTooSmall) { try MontgomeryModulus(BigUInt(1)) }
        #expect(throws: BigNumError.modulusNotOdd) { try MontgomeryModulus(BigUInt(0)) }
        let ctx = try? MontgomeryModulus(BigUInt(11))
        #expect(throws: BigNumError.operandNotReduced) { try ctx?.modPowPublicExponent(BigUInt(11), exponent: 3) }
    }

    /// R² mod n and a·b·R⁻¹ mod n against the slow reference, for seeded random operands of
    /// 64–8192 bits plus edge operands 0, 1, n−1 and edge moduli (top limb 1, top limb all ones,
    /// all-ones limbs).
    @Test("Montgomery multiply and square against the slow reference")
    func montgomeryProperties() throws {
        var rng = SeededRNG(seed: 0xB16_0001)
        var moduli: [BigUInt] = []
        for bits in [64, 65, 100, 128, 129, 191, 256, 512, 1000, 1024, 2048, 3072, 4096, 8192] {
            moduli.append(randomModulus(bits: bits, &rng))
        }
        moduli.append(BigUInt(limbs: [UInt64.max, UInt64.max, UInt64.max, UInt64.max]))   // all-ones limbs
        moduli.append(BigUInt(limbs: [rng.next() | 1, rng.next(), 1]))                       // top limb 1
        moduli.append(BigUInt(limbs: [rng.next() | 1, rng.next(), UInt64.max]))              // top limb all ones
        moduli.append(BigUInt(3))
        moduli.append(BigUInt(UInt64.max))
        var checked = 0
        for n in moduli {
            let ctx = try MontgomeryModulus(n)
            let k = ctx.limbCount
            let slowN = SlowBigInt(limbs: n.limbs)
            // R² mod n.
            #expect(SlowBigInt(limbs: ctx.rSquaredLimbs) == SlowBigInt(digits: [1]).shiftedLeft(128 * k).mod(slowN), "R² for \(n.bitWidth) bits")
            let nMinus1 = padded(BigUInt(limbs: (SlowBigInt(limbs: n.limbs) - SlowBigInt(digits: [1])).limbs), k)
            var operands: [[UInt64]] = [Array(repeating: 0, count: k), padded(BigUInt(1), k), nMinus1]
            let randomCount = n.bitWidth >= 4096 ? 2 : 6
            for _ in 0..<randomCount { operands.append(randomBelow(n, &rng)) }
            for (ai, a) in operands.enumerated() {
                for b in operands[ai...].prefix(n.bitWidth >= 4096 ? 2 : 4) {
                    // montgomeryProduct(a, b)·R ≡ a·b (mod n).
                    let got = SlowBigInt(limbs: ctx.montgomeryProduct(a, b))
                    #expect(got < slowN)
                    let lhs = got.shiftedLeft(64 * k).mod(slowN)
                    let rhs = (SlowBigInt(limbs: a) * SlowBigInt(limbs: b)).mod(slowN)
                    #expect(lhs == rhs, "mul, \(n.bitWidth)-bit modulus")
                    // Both word sizes give the same value: R = 2^(64k) either way.
                    #expect(ctx.montgomeryProduct(a, b, word: UInt32.self) == ctx.montgomeryProduct(a, b), "32-bit words, mul, \(n.bitWidth) bits")
                    if #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *) {
                        #expect(ctx.montgomeryProduct(a, b, word: UInt64.self) == ctx.montgomeryProduct(a, b), "64-bit words, mul, \(n.bitWidth) bits")
                    }
                    checked += 1
                }
                let sq = SlowBigInt(limbs: ctx.montgomerySquared(a))
                #expect(sq == SlowBigInt(limbs: ctx.montgomeryProduct(a, a)), "square vs multiply, \(n.bitWidth) bits")
                #expect(ctx.montgomerySquared(a, word: UInt32.self) == ctx.montgomerySquared(a), "32-bit words, square, \(n.bitWidth) bits")
                if #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *) {
                    #expect(ctx.montgomerySquared(a, word: UInt64.self) == ctx.montgomerySquared(a), "64-bit words, square, \(n.bitWidth) bits")
                }
            }
        }
        print("BigNum: \(checked) Montgomery products checked against the slow reference")
    }

    @Test("modPowPublicExponent against the slow reference (seeded, ≤ 1024 bits)")
    func modPowProperties() throws {
        var rng = SeededRNG(seed: 0xB16_0002)
        for bits in [64, 127, 128, 200, 512, 1024] {
            let n = randomModulus(bits: bits, &rng)
            let ctx = try MontgomeryModulus(n)
            for e: UInt64 in [0, 1, 2, 3, 65537, rng.next() >> 40] {
                let a = BigUInt(limbs: randomBelow(n, &rng))
                let want = SlowBigInt(limbs: a.limbs).powMod(e, SlowBigInt(limbs: n.limbs))
                #expect(SlowBigInt(limbs: try ctx.modPowPublicExponent(a, exponent: e).limbs) == want, "\(bits) bits, e=\(e)")
            }
        }
    }

    /// The test signer's long-exponent power (PureJWTTesting): bases up to n·R (reduced first),
    /// exponents of several limbs, against the slow reference.
    @Test("modPowVariableTimeTestOnly against the slow reference")
    func longExponentPower() throws {
        var rng = SeededRNG(seed: 0xB16_0003)
        for bits in [64, 200, 512, 1024] {
            let n = randomModulus(bits: bits, &rng)
            let ctx = try MontgomeryModulus(n)
            let k = ctx.limbCount
            for _ in 0..<4 {
                let base = (0..<(2 * k)).map { _ in rng.next() }.enumerated().map { $0.offset == 2 * k - 1 ? $0.element % n.limbs[k - 1] : $0.element }
                let exponent = (0..<Int(rng.next() % 3 + 1)).map { _ in rng.next() }
                let slowN = SlowBigInt(limbs: n.limbs)
                var want = SlowBigInt(digits: [1])
                let b = SlowBigInt(limbs: base).mod(slowN)
                for limb in exponent.reversed() {
                    for bit in stride(from: 63, through: 0, by: -1) {
                        want = (want * want).mod(slowN)
                        if (limb >> UInt64(bit)) & 1 == 1 { want = (want * b).mod(slowN) }
                    }
                }
                #expect(SlowBigInt(limbs: ctx.modPowVariableTimeTestOnly(base, exponent: exponent)) == want, "\(bits) bits")
            }
        }
    }

    /// Vectors/bignum/modpow.json: pow(a, e, n) computed by Python (Vectors/generators/modpow_table.py).
    @Test("committed pow(a, e, n) table from Python")
    func modPowTable() throws {
        struct Table: Decodable { struct Case: Decodable { let n, a, e, r: String }; let cases: [Case] }
        let table = try JSONDecoder().decode(Table.self, from: Data(try Vectors.data("bignum/modpow.json")))
        #expect(table.cases.count > 800)
        var contexts: [String: MontgomeryModulus] = [:]
        for c in table.cases {
            let n = BigUInt(limbs: SlowBigInt(hex: c.n).limbs)
            let ctx = try contexts[c.n] ?? MontgomeryModulus(n)
            contexts[c.n] = ctx
            let e = UInt64(c.e, radix: 16) ?? 0
            let got = try ctx.modPowPublicExponent(BigUInt(limbs: SlowBigInt(hex: c.a).limbs), exponent: e)
            #expect(got.limbs == SlowBigInt(hex: c.r).limbs, "n=\(c.n.prefix(16))… (\(n.bitWidth) bits) e=\(c.e)")
            // The same exponentiation on 32-bit words (the kernels wasm32 runs).
            let a = padded(BigUInt(limbs: SlowBigInt(hex: c.a).limbs), ctx.limbCount)
            #expect(BigUInt(limbs: ctx.pow(a, exponent: e, word: UInt32.self)) == got, "32-bit words, \(n.bitWidth) bits e=\(c.e)")
        }
        print("BigNum: \(table.cases.count) pow(a, e, n) table entries passed")
    }
}

@Suite struct BigNumSurfaceTests {
    /// The benchmark's kernel loop computes what the tested entry points compute.
    @Test func benchmarkKernelMatchesProducts() throws {
        var rng = SeededRNG(seed: 0xB16_0004)
        let n = randomModulus(bits: 2048, &rng)
        let ctx = try MontgomeryModulus(n)
        let a = randomBelow(n, &rng)
        var squared = a
        ctx.benchmarkKernel(square: true, iterations: 2, &squared)
        #expect(squared == ctx.montgomerySquared(ctx.montgomerySquared(a)))
        var multiplied = a
        ctx.benchmarkKernel(square: false, iterations: 1, &multiplied)
        #expect(multiplied == ctx.montgomeryProduct(a, a))
        #expect(BigUInt(bigEndianBytes: [0, 1, 2, 3][1...]) == BigUInt(0x010203))
        #expect(BigUInt(0).isZero && !BigUInt(2).isOdd && BigUInt(3).isOdd)
    }
}
