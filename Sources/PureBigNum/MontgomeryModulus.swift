// A modulus prepared for Montgomery arithmetic once, and exponentiation by a *public* exponent.
//
// Built once per key (RFC 8017 §5.2.2 RSAVP1 needs s^e mod n for every verification): the words of
// n, n0inv = −n⁻¹ mod 2^w (HAC Algorithm 14.32's m'), and R² mod n with R = 2^(64k) for k 64-bit
// limbs, which moves a value into Montgomery form with one multiplication. An exponentiation then
// allocates nothing on the heap: its working set is stack buffers made per call.
//
// Words: the kernels run on 64-bit words where the machine has a 64×64→128 multiply and on 32-bit
// words on 32-bit targets (wasm32: a 128-bit product there is a library call, a 64-bit one is one
// instruction). R = 2^(64k) either way — 2k 32-bit words span the same bits — so every result is the
// same; only the speed differs. Limbs in memory are little-endian UInt64s; on 32-bit (little-endian)
// targets they are read as twice as many UInt32 words in place.
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

#if _pointerBitWidth(_32)
/// The kernels' word on this platform (32-bit target).
typealias PlatformWord = UInt32
#else
/// The kernels' word on this platform (64-bit target).
typealias PlatformWord = UInt64
#endif

/// An odd modulus n > 1 with its Montgomery constants precomputed.
public struct MontgomeryModulus: Sendable {
    /// The modulus.
    public let modulus: BigUInt
    /// k, the number of 64-bit limbs of n (R = 2^(64k)).
    public let limbCount: Int
    /// The constants in the platform's word.
    let arithmetic: MontgomeryArithmetic<PlatformWord>

    public init(_ modulus: BigUInt) throws(BigNumError) {
        guard modulus.isOdd else { throw .modulusNotOdd }
        guard modulus.bitWidth > 1 else { throw .modulusTooSmall }
        self.modulus = modulus
        self.limbCount = modulus.limbs.count
        self.arithmetic = MontgomeryArithmetic(limbs: modulus.limbs)
    }

    /// x⁻¹ mod 2^64 for odd x by Newton–Hensel iteration: y ← y·(2 − x·y) doubles the number of
    /// correct low bits; x·x ≡ 1 (mod 8) gives 3 bits to start, so five steps give 96 ≥ 64.
    static func inverse64(_ x: UInt64) -> UInt64 {
        var y = x
        for _ in 0..<5 { y = y &* (2 &- x &* y) }
        return y
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
    /// No heap allocation for odd exponents (RSA's).
    package func powInto(_ out: UnsafeMutableBufferPointer<UInt64>, _ x: UnsafeBufferPointer<UInt64>, exponent e: UInt64) {
        out.withMemoryRebound(to: PlatformWord.self) { o in
            x.withMemoryRebound(to: PlatformWord.self) { xw in arithmetic.pow(o, xw, exponent: e) }
        }
    }

    // MARK: package-level access for benchmarks and tests (64-bit limbs in and out)

    /// a·b·R⁻¹ mod n for a, b < n given as k limbs, computed with `word`-sized words.
    func montgomeryProduct<W: MontgomeryWord>(_ a: [UInt64], _ b: [UInt64], word: W.Type) -> [UInt64] {
        MontgomeryArithmetic<W>(limbs: modulus.limbs).product(a, b)
    }

    package func montgomeryProduct(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] { arithmetic.product(a, b) }

    /// a²·R⁻¹ mod n for a < n given as k limbs, computed with `word`-sized words.
    func montgomerySquared<W: MontgomeryWord>(_ a: [UInt64], word: W.Type) -> [UInt64] {
        MontgomeryArithmetic<W>(limbs: modulus.limbs).squared(a)
    }

    package func montgomerySquared(_ a: [UInt64]) -> [UInt64] { arithmetic.squared(a) }

    /// x^e mod n computed with `word`-sized words (tests compare 32- and 64-bit words).
    func pow<W: MontgomeryWord>(_ x: [UInt64], exponent: UInt64, word: W.Type) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: limbCount)
        let arithmetic = MontgomeryArithmetic<W>(limbs: modulus.limbs)
        x.withUnsafeBufferPointer { xp in out.withUnsafeMutableBufferPointer { op in
            op.withMemoryRebound(to: W.self) { o in xp.withMemoryRebound(to: W.self) { arithmetic.pow(o, $0, exponent: exponent) } }
        } }
        return out
    }

    /// Repeated kernel calls on caller-held buffers, for the benchmark (no per-call allocation).
    package func benchmarkKernel(square: Bool, iterations: Int, _ a: inout [UInt64]) {
        arithmetic.benchmark(square: square, iterations: iterations, &a)
    }

    /// R² mod n as limbs (tests).
    package var rSquaredLimbs: [UInt64] { MontgomeryArithmetic<PlatformWord>.limbs(of: arithmetic.rSquared) }
}

/// The Montgomery constants of n in words of type W, and the exponentiation on them.
struct MontgomeryArithmetic<W: MontgomeryWord>: Sendable {
    /// k, the number of W words (64/w per 64-bit limb).
    let k: Int
    /// −n⁻¹ mod 2^w.
    let n0inv: W
    /// n as exactly k words.
    let n: [W]
    /// n word-reversed (nReversed[i] = n[k−1−i]): the kernels read n[c−j] as nReversed[k−1−c+j].
    let nReversed: [W]
    /// R² mod n as exactly k words.
    let rSquared: [W]

    init(limbs: [UInt64]) {
        let n = Self.words(of: limbs)
        self.k = n.count
        self.n = n
        self.nReversed = n.reversed()
        self.n0inv = W(truncatingIfNeeded: 0 &- MontgomeryModulus.inverse64(limbs[0]))
        self.rSquared = Self.computeRSquared(n, nReversed, n0inv: n0inv)
    }

    /// 64-bit limbs as words (least significant first).
    static func words(of limbs: [UInt64]) -> [W] {
        let per = 64 / W.bitWidth
        var out: [W] = []
        out.reserveCapacity(limbs.count * per)
        for limb in limbs {
            for i in 0..<per { out.append(W(truncatingIfNeeded: limb >> UInt64(i * W.bitWidth))) }
        }
        return out
    }

    /// Words back to 64-bit limbs.
    static func limbs(of words: [W]) -> [UInt64] {
        let per = 64 / W.bitWidth
        return (0..<(words.count / per)).map { l in
            var v: UInt64 = 0
            for i in 0..<per { v |= UInt64(words[l * per + i]) << UInt64(i * W.bitWidth) }
            return v
        }
    }

    /// R² mod n. First R mod n by modular doublings of 2^(bitWidth−1) (< n) — at most w of them —
    /// which is the Montgomery form of 1; doubling once more gives 2R mod n, the Montgomery form of
    /// 2. Then (2)^(wk) computed in Montgomery form is 2^(wk)·R = R² mod n. Runs once per key.
    static func computeRSquared(_ n: [W], _ nReversed: [W], n0inv: W) -> [W] {
        let k = n.count, w = W.bitWidth
        var top = k - 1
        while n[top] == 0 { top -= 1 }   // a 32-bit top word may be zero; n is odd so some word is not
        let bits = top * w + (w - n[top].leadingZeroBitCount)
        var x = [W](repeating: 0, count: k)
        x[(bits - 1) / w] = 1 << W((bits - 1) % w)
        // Doublings: from 2^(bits-1) up to 2^(wk+1) mod n = 2R mod n.
        for _ in 0..<(w * k - bits + 2) { modDouble(&x, n) }
        // Exponentiate mont(2) by wk in Montgomery form (left-to-right binary, public exponent).
        let e = UInt64(w * k)
        var acc = x
        withUnsafeTemporaryAllocation(of: W.self, capacity: k) { mBuffer in
        withUnsafeTemporaryAllocation(of: W.self, capacity: k) { rBuffer in
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

    /// x ← 2x mod n for x < n (k words).
    private static func modDouble(_ x: inout [W], _ n: [W]) {
        let k = n.count
        var top: W = 0
        for j in 0..<k {
            let v = x[j]
            x[j] = (v << 1) | top
            top = v >> (W.bitWidth - 1)
        }
        // Subtract n when 2x ≥ n (top bit out, or x ≥ n as k words).
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
            var borrow: W = 0
            for j in 0..<k {
                let (d1, b1) = x[j].subtractingReportingOverflow(n[j])
                let (d2, b2) = d1.subtractingReportingOverflow(borrow)
                x[j] = d2
                borrow = (b1 || b2) ? 1 : 0
            }
        }
    }

    /// out = x^e mod n, x given as (at least) k words < n; out receives k words.
    /// No heap allocation for odd exponents (RSA's): x̃ and the kernels' two scratch buffers are k
    /// words each on the stack.
    func pow(_ out: UnsafeMutableBufferPointer<W>, _ x: UnsafeBufferPointer<W>, exponent e: UInt64) {
        guard let outp = out.baseAddress, let xp = x.baseAddress else { return }
        if e == 0 {  // x^0 = 1 (n > 1)
            outp.update(repeating: 0, count: k); outp[0] = 1
            return
        }
        // Three stack buffers of k words (≤ 1 KiB each up to 8192 bits: under the standard
        // library's stack-allocation threshold, so no heap allocation per verification).
        withUnsafeTemporaryAllocation(of: W.self, capacity: k) { xmBuffer in
        withUnsafeTemporaryAllocation(of: W.self, capacity: k) { mBuffer in
        withUnsafeTemporaryAllocation(of: W.self, capacity: k) { rBuffer in
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
                        var t = [W](repeating: 0, count: 2 * k)
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

    /// a·b·R⁻¹ mod n for a, b < n given as 64-bit limbs (tests).
    func product(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let aw = Self.words(of: a), bw = Self.words(of: b)
        var out = [W](repeating: 0, count: k)
        var scratch = [W](repeating: 0, count: 2 * k)
        aw.withUnsafeBufferPointer { ap in bw.withUnsafeBufferPointer { bp in n.withUnsafeBufferPointer { np in nReversed.withUnsafeBufferPointer { nrp in
            out.withUnsafeMutableBufferPointer { op in scratch.withUnsafeMutableBufferPointer { tp in
                guard let a = ap.baseAddress, let b = bp.baseAddress, let n = np.baseAddress, let nr = nrp.baseAddress,
                      let o = op.baseAddress, let t = tp.baseAddress else { return }
                montgomeryMultiply(o, a, b, n, nr, n0inv, k, t, t + k)
            } }
        } } } }
        return Self.limbs(of: out)
    }

    /// a²·R⁻¹ mod n for a < n given as 64-bit limbs (tests).
    func squared(_ a: [UInt64]) -> [UInt64] {
        let aw = Self.words(of: a)
        var out = [W](repeating: 0, count: k)
        var scratch = [W](repeating: 0, count: 2 * k)
        aw.withUnsafeBufferPointer { ap in n.withUnsafeBufferPointer { np in nReversed.withUnsafeBufferPointer { nrp in
            out.withUnsafeMutableBufferPointer { op in scratch.withUnsafeMutableBufferPointer { tp in
                guard let a = ap.baseAddress, let n = np.baseAddress, let nr = nrp.baseAddress,
                      let o = op.baseAddress, let t = tp.baseAddress else { return }
                montgomerySquare(o, a, n, nr, n0inv, k, t, t + k)
            } }
        } } }
        return Self.limbs(of: out)
    }

    /// Repeated kernel calls on caller-held buffers (benchmark).
    func benchmark(square: Bool, iterations: Int, _ limbs: inout [UInt64]) {
        var a = Self.words(of: limbs)
        var scratch = [W](repeating: 0, count: 2 * k)
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
        limbs = Self.limbs(of: a)
    }
}
