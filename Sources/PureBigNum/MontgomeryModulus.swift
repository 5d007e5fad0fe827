// A modulus prepared for Montgomery arithmetic once, and exponentiation by a *public* exponent.
//
// Built once per key (RFC 8017 §5.2.2 RSAVP1 needs s^e mod n for every verification): the limbs of
// n, n0inv = −n⁻¹ mod 2^64 (HAC Algorithm 14.32's m'), and R² mod n with R = 2^(64k), which moves a
// value into Montgomery form with one multiplication. An exponentiation then allocates nothing on
// the heap: its working set is one stack buffer made per call.
//
// Timing: `modPowPublicExponent` is variable time in the exponent (square-and-multiply scans its
// bits) — the RSA public exponent is public, as is everything else in verification (Go's
// `ExpShortVarTime` makes the same choice). Do not use it with a secret exponent.

/// Why a modulus or operand was refused.
public enum BigNumError: Error, Equatable, Sendable {
    /// Montgomery arithmetic needs an odd modulus greater than 1.
    case modulusNotOdd
    case modulusTooSmall
    /// An operand was not reduced: it must be < n.
    case operandNotReduced
}

/// An odd modulus n > 1 with its Montgomery constants precomputed.
public struct MontgomeryModulus: Sendable {
    /// The modulus.
    public let modulus: BigUInt
    /// k, the number of 64-bit limbs of n (R = 2^(64k)).
    public let limbCount: Int
    /// −n⁻¹ mod 2^64.
    let n0inv: UInt64
    /// n as exactly k limbs.
    let n: [UInt64]
    /// n word-reversed (nReversed[i] = n[k−1−i]): the kernels read n[c−j] as nReversed[k−1−c+j].
    let nReversed: [UInt64]
    /// R² mod n as exactly k limbs.
    let rSquared: [UInt64]

    public init(_ modulus: BigUInt) throws(BigNumError) {
        guard modulus.isOdd else { throw .modulusNotOdd }
        guard modulus.bitWidth > 1 else { throw .modulusTooSmall }
        self.modulus = modulus
        let n = modulus.limbs
        let k = n.count
        self.n = n
        self.nReversed = n.reversed()
        self.limbCount = k
        self.n0inv = 0 &- Self.inverse64(n[0])
        self.rSquared = Self.computeRSquared(n, n.reversed(), n0inv: 0 &- Self.inverse64(n[0]))
    }

    /// x⁻¹ mod 2^64 for odd x by Newton–Hensel iteration: y ← y·(2 − x·y) doubles the number of
    /// correct low bits; x·x ≡ 1 (mod 8) gives 3 bits to start, so five steps give 96 ≥ 64.
    static func inverse64(_ x: UInt64) -> UInt64 {
        var y = x
        for _ in 0..<5 { y = y &* (2 &- x &* y) }
        return y
    }

    /// R² mod n. First R mod n by modular doublings of 2^(bitWidth−1) (< n) — at most 64 of them —
    /// which is the Montgomery form of 1; doubling once more gives 2R mod n, the Montgomery form of
    /// 2. Then (2)^(64k) computed in Montgomery form is 2^(64k)·R = R² mod n. Runs once per key.
    static func computeRSquared(_ n: [UInt64], _ nReversed: [UInt64], n0inv: UInt64) -> [UInt64] {
        let k = n.count
        let bits = k * 64 - (n[k - 1].leadingZeroBitCount)
        var x = [UInt64](repeating: 0, count: k)
        x[(bits - 1) / 64] = 1 << UInt64((bits - 1) % 64)
        // Doublings: from 2^(bits-1) up to 2^(64k+1) mod n = 2R mod n.
        for _ in 0..<(64 * k - bits + 2) { modDouble(&x, n) }
        // Exponentiate mont(2) by 64k in Montgomery form (left-to-right binary, public exponent).
        let e = UInt64(64 * k)
        var acc = x
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: k) { mBuffer in
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: k) { rBuffer in
            guard let mp = mBuffer.baseAddress, let rp = rBuffer.baseAddress else { return }
            n.withUnsafeBufferPointer { np in nReversed.withUnsafeBufferPointer { nrp in
                guard let npp = np.baseAddress, let nrpp = nrp.baseAddress else { return }
                x.withUnsafeBufferPointer { xp in
                    guard let xpp = xp.baseAddress else { return }
                    acc.withUnsafeMutableBufferPointer { ap in
                        guard let app = ap.baseAddress else { return }
                        var bit = 63 - e.leadingZeroBitCount - 1
                        while bit >= 0 {
                            montgomerySquare(app, app, npp, nrpp, n0inv, k, mp, rp)
                            if (e >> UInt64(bit)) & 1 == 1 { montgomeryMultiply(app, app, xpp, npp, nrpp, n0inv, k, mp, rp) }
                            bit -= 1
                        }
                    }
                }
            } }
        }
        }
        return acc
    }

    /// x ← 2x mod n for x < n (k limbs).
    private static func modDouble(_ x: inout [UInt64], _ n: [UInt64]) {
        let k = n.count
        var top: UInt64 = 0
        for j in 0..<k {
            let v = x[j]
            x[j] = (v << 1) | top
            top = v >> 63
        }
        // Subtract n when 2x ≥ n (top bit out, or x ≥ n as k limbs).
        var geq = top == 1
        if !geq {
            geq = true
            var j = k - 1
            while j >= 0 {
                if x[j] != n[j] { geq = x[j] > n[j]; break }
                j -= 1
            }
        }
        if geq {
            var borrow: UInt64 = 0
            for j in 0..<k {
                let (d1, b1) = x[j].subtractingReportingOverflow(n[j])
                let (d2, b2) = d1.subtractingReportingOverflow(borrow)
                x[j] = d2
                borrow = (b1 || b2) ? 1 : 0
            }
        }
    }

    /// base^exponent mod n, for base < n. **Variable time in `exponent`**: use only with a public
    /// exponent (RSA verification). Left-to-right binary exponentiation (HAC Algorithm 14.79) in
    /// Montgomery form with a dedicated squaring; e = 65537 costs 1 multiplication into Montgomery
    /// form, 16 squarings and 1 multiplication by the plain base, which also leaves Montgomery form.
    public func modPowPublicExponent(_ base: BigUInt, exponent: UInt64) throws(BigNumError) -> BigUInt {
        guard base < modulus else { throw .operandNotReduced }
        let k = limbCount
        var result = [UInt64](repeating: 0, count: k)
        var b = base.limbs
        b.append(contentsOf: repeatElement(0, count: k - b.count))
        b.withUnsafeBufferPointer { bp in
            result.withUnsafeMutableBufferPointer { rp in
                powInto(rp, bp, exponent: exponent)
            }
        }
        return BigUInt(limbs: result)
    }

    /// The exponentiation on raw views: out = x^e mod n, x given as exactly k limbs < n.
    /// No heap allocation for odd exponents (RSA's): x̃ and the kernels' two scratch buffers are k
    /// words each on the stack.
    package func powInto(_ out: UnsafeMutableBufferPointer<UInt64>, _ x: UnsafeBufferPointer<UInt64>, exponent e: UInt64) {
        let k = limbCount
        guard let outp = out.baseAddress, let xp = x.baseAddress else { return }
        if e == 0 {  // x^0 = 1 (n > 1)
            outp.update(repeating: 0, count: k); outp[0] = 1
            return
        }
        // Three stack buffers of k words (≤ 1 KiB each up to 8192 bits: under the standard
        // library's stack-allocation threshold, so no heap allocation per verification).
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: k) { xmBuffer in
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: k) { mBuffer in
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: k) { rBuffer in
            guard let xm = xmBuffer.baseAddress, let m = mBuffer.baseAddress, let r = rBuffer.baseAddress else { return }
            n.withUnsafeBufferPointer { np in nReversed.withUnsafeBufferPointer { nrp in
                rSquared.withUnsafeBufferPointer { rp in
                    guard let npp = np.baseAddress, let nrpp = nrp.baseAddress, let rpp = rp.baseAddress else { return }
                    montgomeryMultiply(xm, xp, rpp, npp, nrpp, n0inv, k, m, r)          // x̃ = x·R mod n
                    outp.update(from: xm, count: k)                                     // acc = x̃
                    var bit = 63 - e.leadingZeroBitCount - 1
                    var inMontgomeryForm = true
                    while bit >= 0 {
                        montgomerySquare(outp, outp, npp, nrpp, n0inv, k, m, r)
                        if (e >> UInt64(bit)) & 1 == 1 {
                            if bit == 0 {
                                // Last step, odd exponent: multiplying acc = x̃^(e−1) = x^(e−1)·R by the plain x
                                // gives x^(e−1)·R·x·R⁻¹ = x^e — out of Montgomery form with no extra REDC.
                                montgomeryMultiply(outp, outp, xp, npp, nrpp, n0inv, k, m, r)
                                inMontgomeryForm = false
                            } else {
                                montgomeryMultiply(outp, outp, xm, npp, nrpp, n0inv, k, m, r)
                            }
                        }
                        bit -= 1
                    }
                    if inMontgomeryForm {
                        // Leave Montgomery form: acc·R⁻¹ = REDC(acc, 0…0) (even exponents only).
                        var t = [UInt64](repeating: 0, count: 2 * k)
                        for i in 0..<k { t[i] = outp[i] }
                        t.withUnsafeBufferPointer { tp in
                            if let tpp = tp.baseAddress { montgomeryReduce(outp, tpp, npp, nrpp, n0inv, k, m) }
                        }
                    }
                }
            } }
        }
        }
        }
    }

    // MARK: package-level access for benchmarks and tests

    /// a·b·R⁻¹ mod n for a, b < n given as k limbs (benchmarks and property tests).
    package func montgomeryProduct(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let k = limbCount
        var out = [UInt64](repeating: 0, count: k)
        var scratch = [UInt64](repeating: 0, count: 2 * k)
        a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in n.withUnsafeBufferPointer { np in nReversed.withUnsafeBufferPointer { nrp in
            out.withUnsafeMutableBufferPointer { op in scratch.withUnsafeMutableBufferPointer { tp in
                guard let a = ap.baseAddress, let b = bp.baseAddress, let n = np.baseAddress, let nr = nrp.baseAddress,
                      let o = op.baseAddress, let t = tp.baseAddress else { return }
                montgomeryMultiply(o, a, b, n, nr, n0inv, k, t, t + k)
            } }
        } } } }
        return out
    }

    /// a²·R⁻¹ mod n for a < n given as k limbs.
    package func montgomerySquared(_ a: [UInt64]) -> [UInt64] {
        let k = limbCount
        var out = [UInt64](repeating: 0, count: k)
        var scratch = [UInt64](repeating: 0, count: 2 * k)
        a.withUnsafeBufferPointer { ap in n.withUnsafeBufferPointer { np in nReversed.withUnsafeBufferPointer { nrp in
            out.withUnsafeMutableBufferPointer { op in scratch.withUnsafeMutableBufferPointer { tp in
                guard let a = ap.baseAddress, let n = np.baseAddress, let nr = nrp.baseAddress,
                      let o = op.baseAddress, let t = tp.baseAddress else { return }
                montgomerySquare(o, a, n, nr, n0inv, k, t, t + k)
            } }
        } } }
        return out
    }

    /// Repeated kernel calls on caller-held buffers, for the benchmark (no per-call allocation).
    package func benchmarkKernel(square: Bool, iterations: Int, _ a: inout [UInt64]) {
        let k = limbCount
        var scratch = [UInt64](repeating: 0, count: 2 * k)
        let b = a
        a.withUnsafeMutableBufferPointer { ap in b.withUnsafeBufferPointer { bp in n.withUnsafeBufferPointer { np in nReversed.withUnsafeBufferPointer { nrp in
            scratch.withUnsafeMutableBufferPointer { tp in
                guard let a = ap.baseAddress, let b = bp.baseAddress, let n = np.baseAddress, let nr = nrp.baseAddress,
                      let t = tp.baseAddress else { return }
                for _ in 0..<iterations {
                    if square { montgomerySquare(a, a, n, nr, n0inv, k, t, t + k) } else { montgomeryMultiply(a, a, b, n, nr, n0inv, k, t, t + k) }
                }
            }
        } } } }
    }

    /// R² mod n as limbs (tests).
    package var rSquaredLimbs: [UInt64] { rSquared }
}
