// A modulus prepared for Montgomery arithmetic once, and exponentiation by a *public* exponent.
//
// Built once per key (RFC 8017 §5.2.2 RSAVP1 needs s^e mod n for every verification): the limbs of
// n, n0inv = −n⁻¹ mod 2^64 (HAC Algorithm 14.32's m'; its low half is −n⁻¹ mod 2^32), n reversed
// word by word, and R² mod n with R = 2^(64k) for k 64-bit limbs, which moves a value into
// Montgomery form with one multiplication. An exponentiation then allocates nothing on the heap:
// its working set is stack buffers made per call.
//
// Words: the kernels run on 64-bit words where the machine has a 64×64→128 multiply and the
// standard library has UInt128, and on 32-bit words elsewhere (wasm32 and other 32-bit targets:
// there a 128-bit product is a library call and a 64-bit one is one instruction; Apple systems
// before macOS 15 / iOS 18, whose standard library lacks UInt128). R = 2^(64k) either way — 2k
// 32-bit words span the same bits — so every result is the same; only the speed differs. Everything
// is stored as little-endian UInt64 limbs; on (little-endian) 32-bit-word platforms the same
// memory is read as twice as many UInt32 words, so n and R² serve both word sizes and only n's
// word-reversed copy differs (one for each).
//
// Timing: `modPowPublicExponent` is variable time in the exponent (square-and-multiply scans its
// bits) — the RSA public exponent is public, as is everything else in verification (Go's
// `ExpShortVarTime` makes the same choice). Do not use it with a secret exponent.

/// Why a modulus or operand was refused.
public enum BigNumError: Error, Equatable, Sendable {
    /// Montgomery arithmetic needs an odd modulus greater than 1.
    case modulusNotOdd
    /// n ≤ 1.
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
    /// n reversed 64-bit word by word (the kernels read n[c−j] as nReversed[k−1−c+j]).
    let nReversed64: [UInt64]
    /// n reversed 32-bit word by word: 2k UInt32 words in the memory of k limbs (little-endian
    /// platforms; empty on big-endian ones, which always use 64-bit words).
    let nReversed32: [UInt64]
    /// R² mod n as exactly k limbs (set once, at the end of init: computing it needs the rest).
    private(set) var rSquared: [UInt64]

    /// Prepares `modulus` (n0inv, n reversed, R² mod n).
    /// - Throws: `modulusNotOdd` or `modulusTooSmall` (n must be odd and > 1).
    public init(_ modulus: BigUInt) throws(BigNumError) {
        guard modulus.isOdd else { throw .modulusNotOdd }
        guard modulus.bitWidth > 1 else { throw .modulusTooSmall }
        self.modulus = modulus
        let n = modulus.limbs
        self.n = n
        self.limbCount = n.count
        self.n0inv = 0 &- Self.inverse64(n[0])
        self.nReversed64 = n.reversed()
        #if _endian(little)
        var words = [UInt32]()
        words.reserveCapacity(2 * n.count)
        for limb in n.reversed() { words.append(UInt32(truncatingIfNeeded: limb >> 32)); words.append(UInt32(truncatingIfNeeded: limb)) }
        self.nReversed32 = words.withUnsafeBytes { raw in (0..<n.count).map { raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self) } }
        #else
        self.nReversed32 = []
        #endif
        self.rSquared = []
        self.rSquared = Self.computeRSquared(self)
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
    /// No heap allocation for odd exponents (RSA's). Picks the word size (see the file header).
    package func powInto(_ out: UnsafeMutableBufferPointer<UInt64>, _ x: UnsafeBufferPointer<UInt64>, exponent e: UInt64) {
        struct Pow: WordOperation {
            let modulus: MontgomeryModulus, out: UnsafeMutableBufferPointer<UInt64>, x: UnsafeBufferPointer<UInt64>, e: UInt64
            func run<W: MontgomeryWord>(_ word: W.Type) { modulus.pow(out, x, exponent: e, word: W.self) }
        }
        withPlatformWord(Pow(modulus: self, out: out, x: x, e: e))
    }

    /// out = x^e mod n on words of type W (the limbs' memory read as W words).
    func pow<W: MontgomeryWord>(_ out: UnsafeMutableBufferPointer<UInt64>, _ x: UnsafeBufferPointer<UInt64>,
                                exponent e: UInt64, word: W.Type) {
        withWords(W.self) { constants in
            out.withMemoryRebound(to: W.self) { o in
                x.withMemoryRebound(to: W.self) { xw in montgomeryPow(o, xw, exponent: e, constants) }
            }
        }
    }

    /// n, n reversed, R² and n0inv as W words, for `body`.
    func withWords<W: MontgomeryWord, R>(_ word: W.Type, _ body: (KernelConstants<W>) -> R) -> R {
        let reversed = W.bitWidth == 64 ? nReversed64 : nReversed32
        return n.withUnsafeBufferPointer { np in reversed.withUnsafeBufferPointer { nrp in rSquared.withUnsafeBufferPointer { rp in
            np.withMemoryRebound(to: W.self) { nw in nrp.withMemoryRebound(to: W.self) { nrw in rp.withMemoryRebound(to: W.self) { rw in
                body(KernelConstants(k: nw.count, n: nw.baseAddress!, nReversed: nrw.baseAddress!, rSquared: rw.baseAddress,
                                     n0inv: W(truncatingIfNeeded: n0inv)))
            } } }
        } } }
    }

    /// R² mod n. First R mod n by modular doublings of 2^(bitWidth−1) (< n) — at most 64 of them —
    /// which is the Montgomery form of 1; doubling once more gives 2R mod n, the Montgomery form of
    /// 2. Then (2)^(64k) computed in Montgomery form is 2^(64k)·R = R² mod n. Runs once per key.
    static func computeRSquared(_ m: MontgomeryModulus) -> [UInt64] {
        let n = m.n, k = n.count
        let bits = k * 64 - (n[k - 1].leadingZeroBitCount)
        var x = [UInt64](repeating: 0, count: k)
        x[(bits - 1) / 64] = 1 << UInt64((bits - 1) % 64)
        // Doublings: from 2^(bits-1) up to 2^(64k+1) mod n = 2R mod n.
        for _ in 0..<(64 * k - bits + 2) { modDouble(&x, n) }
        // Exponentiate mont(2) by 64k in Montgomery form (left-to-right binary, public exponent).
        struct Square: WordOperation {
            let modulus: MontgomeryModulus, x: UnsafeBufferPointer<UInt64>, acc: UnsafeMutableBufferPointer<UInt64>
            func run<W: MontgomeryWord>(_ word: W.Type) {
                let e = UInt64(64 * modulus.limbCount)
                modulus.withWords(W.self) { c in
                    x.withMemoryRebound(to: W.self) { xw in acc.withMemoryRebound(to: W.self) { aw in
                        withUnsafeTemporaryAllocation(of: W.self, capacity: c.k) { mBuffer in
                        withUnsafeTemporaryAllocation(of: W.self, capacity: c.k) { rBuffer in
                            guard let mp = mBuffer.baseAddress, let rp = rBuffer.baseAddress,
                                  let a = aw.baseAddress, let xb = xw.baseAddress else { return }
                            var bit = 63 - e.leadingZeroBitCount - 1
                            while bit >= 0 {
                                montgomerySquare(a, a, c.n, c.nReversed, c.n0inv, c.k, mp, rp)
                                if (e >> UInt64(bit)) & 1 == 1 { montgomeryMultiply(a, a, xb, c.n, c.nReversed, c.n0inv, c.k, mp, rp) }
                                bit -= 1
                            }
                        }
                        }
                    } }
                }
            }
        }
        var acc = x
        x.withUnsafeBufferPointer { xp in acc.withUnsafeMutableBufferPointer { ap in
            withPlatformWord(Square(modulus: m, x: xp, acc: ap))
        } }
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

    // MARK: test signing (PureJWTTesting)

    /// base^exponent mod n for a multi-word exponent, base < n·R (any value below n·R is reduced
    /// first), by 4-bit fixed windows. **Variable time in the exponent, which for a signature is
    /// secret**: only PureJWTTesting's test signer (published keys) calls this. Never sign with it.
    package func modPowVariableTimeTestOnly(_ base: [UInt64], exponent: [UInt64]) -> [UInt64] {
        struct LongPow: WordOperation {
            let modulus: MontgomeryModulus, base: [UInt64], exponent: [UInt64]
            func run<W: MontgomeryWord>(_ word: W.Type) -> [UInt64] { modulus.longPow(base, exponent, word: W.self) }
        }
        return withPlatformWord(LongPow(modulus: self, base: base, exponent: exponent))
    }

    func longPow<W: MontgomeryWord>(_ base: [UInt64], _ exponent: [UInt64], word: W.Type) -> [UInt64] {
        let k = limbCount
        var out = [UInt64](repeating: 0, count: k)
        var t = [UInt64](repeating: 0, count: 2 * k)          // base as 2k limbs (zero-extended)
        for i in 0..<min(base.count, 2 * k) { t[i] = base[i] }
        withWords(W.self) { c in
            let kw = c.k
            var table = [W](repeating: 0, count: 16 * kw)      // base^0…base^15 in Montgomery form
            var scratch = [W](repeating: 0, count: 3 * kw)
            t.withUnsafeBufferPointer { tp in tp.withMemoryRebound(to: W.self) { tw in
            out.withUnsafeMutableBufferPointer { op in op.withMemoryRebound(to: W.self) { ow in
            table.withUnsafeMutableBufferPointer { tb in scratch.withUnsafeMutableBufferPointer { sb in
                guard let r2 = c.rSquared, let T = tb.baseAddress, let S = sb.baseAddress, let acc = ow.baseAddress, let tt = tw.baseAddress else { return }
                let m = S, r = S + kw, x = S + 2 * kw
                // x = base·R⁻¹ mod n (REDC of the 2k-word base, HAC 14.32); x·R²·R⁻¹ = base mod n; once
                // more by R²: base·R, the Montgomery form of base.
                montgomeryReduce(x, tt, c.n, c.nReversed, c.n0inv, kw, m)
                montgomeryMultiply(x, x, r2, c.n, c.nReversed, c.n0inv, kw, m, r)
                montgomeryMultiply(T + kw, x, r2, c.n, c.nReversed, c.n0inv, kw, m, r)
                // table[0] = 1·R = REDC(R²); table[i] = table[i−1]·base.
                for i in 0..<kw { x[i] = 0 }
                x[0] = 1
                montgomeryMultiply(T, x, r2, c.n, c.nReversed, c.n0inv, kw, m, r)
                for i in 2..<16 { montgomeryMultiply(T + i * kw, T + (i - 1) * kw, T + kw, c.n, c.nReversed, c.n0inv, kw, m, r) }
                acc.update(from: T, count: kw)
                // Left to right, four exponent bits at a time: four squarings, one multiplication.
                for limb in exponent.reversed() {
                    for shift in stride(from: 60, through: 0, by: -4) {
                        for _ in 0..<4 { montgomerySquare(acc, acc, c.n, c.nReversed, c.n0inv, kw, m, r) }
                        let nibble = Int((limb >> UInt64(shift)) & 15)
                        montgomeryMultiply(acc, acc, T + nibble * kw, c.n, c.nReversed, c.n0inv, kw, m, r)
                    }
                }
                // Leave Montgomery form: acc·1·R⁻¹.
                for i in 0..<kw { x[i] = 0 }
                x[0] = 1
                montgomeryMultiply(acc, acc, x, c.n, c.nReversed, c.n0inv, kw, m, r)
            } }
            } }
            } }
        }
        return out
    }

    // MARK: package-level access for benchmarks and tests (64-bit limbs in and out)

    /// a·b·R⁻¹ mod n for a, b < n given as k limbs, on this platform's words (tests, benchmarks).
    package func montgomeryProduct(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        struct Product: WordOperation {
            let modulus: MontgomeryModulus, a: [UInt64], b: [UInt64]
            func run<W: MontgomeryWord>(_ word: W.Type) -> [UInt64] { modulus.montgomeryProduct(a, b, word: W.self) }
        }
        return withPlatformWord(Product(modulus: self, a: a, b: b))
    }

    /// a²·R⁻¹ mod n for a < n given as k limbs, on this platform's words.
    package func montgomerySquared(_ a: [UInt64]) -> [UInt64] {
        struct Square: WordOperation {
            let modulus: MontgomeryModulus, a: [UInt64]
            func run<W: MontgomeryWord>(_ word: W.Type) -> [UInt64] { modulus.montgomerySquared(a, word: W.self) }
        }
        return withPlatformWord(Square(modulus: self, a: a))
    }

    /// a·b·R⁻¹ mod n for a, b < n given as k limbs, computed on `word`-sized words.
    func montgomeryProduct<W: MontgomeryWord>(_ a: [UInt64], _ b: [UInt64], word: W.Type) -> [UInt64] {
        kernelCall(a, b, word: W.self) { out, a, b, c, m, r in montgomeryMultiply(out, a, b, c.n, c.nReversed, c.n0inv, c.k, m, r) }
    }

    /// a²·R⁻¹ mod n for a < n given as k limbs, computed on `word`-sized words.
    func montgomerySquared<W: MontgomeryWord>(_ a: [UInt64], word: W.Type) -> [UInt64] {
        kernelCall(a, a, word: W.self) { out, a, _, c, m, r in montgomerySquare(out, a, c.n, c.nReversed, c.n0inv, c.k, m, r) }
    }

    /// x^e mod n computed on `word`-sized words (tests compare 32- and 64-bit words).
    func pow<W: MontgomeryWord>(_ x: [UInt64], exponent: UInt64, word: W.Type) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: limbCount)
        x.withUnsafeBufferPointer { xp in out.withUnsafeMutableBufferPointer { op in pow(op, xp, exponent: exponent, word: W.self) } }
        return out
    }

    /// One kernel call on fresh buffers (tests).
    private func kernelCall<W: MontgomeryWord>(_ a: [UInt64], _ b: [UInt64], word: W.Type,
                                               _ kernel: (UnsafeMutablePointer<W>, UnsafePointer<W>, UnsafePointer<W>, KernelConstants<W>,
                                                          UnsafeMutablePointer<W>, UnsafeMutablePointer<W>) -> Void) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: limbCount)
        var scratch = [UInt64](repeating: 0, count: 2 * limbCount)
        withWords(W.self) { c in
            a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in
            out.withUnsafeMutableBufferPointer { op in scratch.withUnsafeMutableBufferPointer { sp in
                ap.withMemoryRebound(to: W.self) { aw in bp.withMemoryRebound(to: W.self) { bw in
                op.withMemoryRebound(to: W.self) { ow in sp.withMemoryRebound(to: W.self) { sw in
                    kernel(ow.baseAddress!, aw.baseAddress!, bw.baseAddress!, c, sw.baseAddress!, sw.baseAddress! + c.k)
                } } } }
            } } } }
        }
        return out
    }

    /// Repeated kernel calls on caller-held limbs, for the benchmark (the platform's word size).
    package func benchmarkKernel(square: Bool, iterations: Int, _ a: inout [UInt64]) {
        struct Bench: WordOperation {
            let modulus: MontgomeryModulus, square: Bool, iterations: Int, a: UnsafeMutableBufferPointer<UInt64>
            func run<W: MontgomeryWord>(_ word: W.Type) {
                var limbs = Array(a)
                modulus.benchmarkKernel(square: square, iterations: iterations, &limbs, word: W.self)
                _ = a.update(fromContentsOf: limbs)
            }
        }
        a.withUnsafeMutableBufferPointer { withPlatformWord(Bench(modulus: self, square: square, iterations: iterations, a: $0)) }
    }

    fileprivate func benchmarkKernel<W: MontgomeryWord>(square: Bool, iterations: Int, _ a: inout [UInt64], word: W.Type) {
        let b = a
        var scratch = [UInt64](repeating: 0, count: 2 * limbCount)
        withWords(W.self) { c in
            a.withUnsafeMutableBufferPointer { ap in b.withUnsafeBufferPointer { bp in scratch.withUnsafeMutableBufferPointer { sp in
                ap.withMemoryRebound(to: W.self) { aw in bp.withMemoryRebound(to: W.self) { bw in sp.withMemoryRebound(to: W.self) { sw in
                    let x = aw.baseAddress!, y = bw.baseAddress!, t = sw.baseAddress!
                    for _ in 0..<iterations {
                        if square { montgomerySquare(x, x, c.n, c.nReversed, c.n0inv, c.k, t, t + c.k) }
                        else { montgomeryMultiply(x, x, y, c.n, c.nReversed, c.n0inv, c.k, t, t + c.k) }
                    }
                } } }
            } } }
        }
    }

    /// R² mod n as limbs (tests).
    package var rSquaredLimbs: [UInt64] { rSquared }
}

/// The kernels' view of a modulus on W words.
struct KernelConstants<W: MontgomeryWord> {
    let k: Int
    let n: UnsafePointer<W>
    let nReversed: UnsafePointer<W>
    let rSquared: UnsafePointer<W>?
    let n0inv: W
}

/// out = x^e mod n on W words, x given as (at least) k words < n; out receives k words.
/// No heap allocation for odd exponents (RSA's): x̃ and the kernels' two scratch buffers are k
/// words each on the stack (≤ 1 KiB each up to 8192 bits: under the standard library's
/// stack-allocation threshold).
func montgomeryPow<W: MontgomeryWord>(_ out: UnsafeMutableBufferPointer<W>, _ x: UnsafeBufferPointer<W>, exponent e: UInt64,
                                      _ c: KernelConstants<W>) {
    let k = c.k
    guard let outp = out.baseAddress, let xp = x.baseAddress, let r2 = c.rSquared else { return }
    if e == 0 {  // x^0 = 1 (n > 1)
        outp.update(repeating: 0, count: k); outp[0] = 1
        return
    }
    withUnsafeTemporaryAllocation(of: W.self, capacity: k) { xmBuffer in
    withUnsafeTemporaryAllocation(of: W.self, capacity: k) { mBuffer in
    withUnsafeTemporaryAllocation(of: W.self, capacity: k) { rBuffer in
        guard let xm = xmBuffer.baseAddress, let m = mBuffer.baseAddress, let r = rBuffer.baseAddress else { return }
        montgomeryMultiply(xm, xp, r2, c.n, c.nReversed, c.n0inv, k, m, r)          // x̃ = x·R mod n
        outp.update(from: xm, count: k)                                             // acc = x̃
        var bit = 63 - e.leadingZeroBitCount - 1
        var inMontgomeryForm = true
        while bit >= 0 {
            montgomerySquare(outp, outp, c.n, c.nReversed, c.n0inv, k, m, r)
            if (e >> UInt64(bit)) & 1 == 1 {
                if bit == 0 {
                    // Last step, odd exponent: multiplying acc = x̃^(e−1) = x^(e−1)·R by the plain x
                    // gives x^(e−1)·R·x·R⁻¹ = x^e — out of Montgomery form with no extra REDC.
                    montgomeryMultiply(outp, outp, xp, c.n, c.nReversed, c.n0inv, k, m, r)
                    inMontgomeryForm = false
                } else {
                    montgomeryMultiply(outp, outp, xm, c.n, c.nReversed, c.n0inv, k, m, r)
                }
            }
            bit -= 1
        }
        if inMontgomeryForm {
            // Leave Montgomery form: acc·R⁻¹ = REDC(acc, 0…0) (even exponents only).
            var t = [W](repeating: 0, count: 2 * k)
            for i in 0..<k { t[i] = outp[i] }
            t.withUnsafeBufferPointer { tp in
                if let tpp = tp.baseAddress { montgomeryReduce(outp, tpp, c.n, c.nReversed, c.n0inv, k, m) }
            }
        }
    }
    }
    }
}

/// Work generic over the kernels' word, run by `withPlatformWord` on this platform's word.
protocol WordOperation {
    associatedtype Result
    func run<W: MontgomeryWord>(_ word: W.Type) -> Result
}

/// Runs `operation` on 64-bit words where they are available (64-bit targets whose standard
/// library has UInt128), else on 32-bit words (see the file header). The one place that decides.
@inline(__always)
func withPlatformWord<Operation: WordOperation>(_ operation: Operation) -> Operation.Result {
    #if _endian(little)
    #if _pointerBitWidth(_64)
    if #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *) { return operation.run(UInt64.self) }
    #endif
    return operation.run(UInt32.self)
    #else
    return operation.run(UInt64.self)   // big-endian targets are 64-bit, and not Apple's
    #endif
}
