// Montgomery multiplication and squaring over k words — the hot kernel, alone in its file.
//
// Generic over the word (MontgomeryWord): UInt64 with UInt128 products where the machine multiplies
// 64×64→128 (x86-64, arm64), UInt32 with UInt64 products on 32-bit targets such as wasm32, where
// a 128-bit product is a library call, and on Apple systems older than macOS 15 / iOS 18, whose
// standard library has no UInt128 (MontgomeryModulus picks; the tests run both on the host).
// Specialised per word type, the generic code compiles to the same loops as hand-written ones.
// With w the word's bits, R = 2^(wk), an odd modulus n < R and n0inv = −n⁻¹ mod 2^w:
//   montgomeryMultiply(a, b) = a·b·R⁻¹ mod n   (for a, b < n)
//   montgomerySquare(a)      = a²·R⁻¹ mod n
//
// Method: product scanning with the reduction finely integrated — "FIPS" in Koç, Acar, Kaliski,
// "Analyzing and Comparing Montgomery Multiplication Algorithms", IEEE Micro 1996, §6. The result
// is built one column (one output word) at a time: column c sums every a[j]·b[c−j] and every
// m[j]·n[c−j] into a three-word accumulator, then, for c < k, picks m[c] = acc₀·n0inv mod 2^64 so
// that adding m[c]·n[0] clears the accumulator's low word (HAC 14.32 step 2.1, one word at a time);
// for c ≥ k the low word is output word c − k. The accumulator then shifts down a word.
//
//   column c:  acc += Σ a[j]·b[c−j]  +  Σ m[j]·n[c−j]        (all j with both indices in 0..<k,
//                                                             and j < c for the m·n terms when c < k)
//              c < k:  m[c] = acc₀·n0inv;  acc += m[c]·n[0]   (acc₀ becomes 0)
//              c ≥ k:  out[c − k] = acc₀
//              acc >>= 64
//
// Why: every product is added into the accumulator where it lands, so a carry is never a flag
// carried between loop iterations or a Bool turned into a word: each product is `mul`, `add`,
// `adc`, `adc $0` (read the assembly: `swiftc -O -emit-assembly`). Row-wise CIOS instead spends
// about a fifth of its instructions on carry bookkeeping (measured with callgrind on this kernel's
// predecessor; numbers in the README).
//
// Squaring computes each cross product a[j]·a[c−j] (j < c−j) once, into a second accumulator
// that is doubled (one shift) and added, plus the diagonal a[c/2]² on even columns (HAC 14.16):
// k(k+1)/2 products instead of k², and the same integrated reduction.
//
// Bounds: the accumulator never exceeds three words — a column adds at most 2k products, each
// < 2^(2w), and 2k·2^(2w) < 2^(3w) for any k < 2^(w−1). The final value is < 2n (Montgomery's bound:
// (a·b + m·n)/R < (n² + R·n)/R < 2n), held as k words plus a top word ∈ {0, 1}; one conditional
// subtraction reduces it below n.
//
// Aliasing: `out` may be `a` or `b`. The kernels first copy one operand reversed into scratch;
// output word c − k is written after column c, and later columns c′ > c read a[j], b[c′−j] only
// for j, c′−j ≥ c′ − k + 1 > c − k: overwritten words are never read again. The two scratch
// buffers (m, and the reversed operand) are k words each and the callers' own — separate
// buffers of at most 1 KiB each up to 8192-bit moduli, so they stay on the stack.
//
// Pointers are unchecked: callers (MontgomeryModulus) own the buffers and their sizes. Timing
// depends only on k, except the final conditional subtraction — all data here is public
// (see SECURITY.md): these kernels are for verification, not for secrets.

/// A machine word for the kernels, with the accumulator its columns are summed in.
protocol MontgomeryWord: FixedWidthInteger, UnsignedInteger, Sendable {
    associatedtype ColumnSum: ColumnAccumulator where ColumnSum.Word == Self
}

/// A column sum of word products, at least three words wide.
protocol ColumnAccumulator {
    associatedtype Word: MontgomeryWord
    init()
    /// self += x·y.
    mutating func add(_ x: Word, _ y: Word)
    /// self += other.
    mutating func add(_ other: Self)
    /// self += 2·other (the cross products of a square).
    mutating func addTwice(_ other: Self)
    /// The low word, and the sum shifted down by one word.
    mutating func shiftOut() -> Word
    /// The low word.
    var word0: Word { get }
}

// UInt128 is in the standard library of macOS 15, iOS 18, watchOS 11, tvOS 18, visionOS 2 and of
// every other platform: the 64-bit words are available there (MontgomeryModulus checks at run time
// and falls back to 32-bit words on older Apple systems).
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
extension UInt64: MontgomeryWord { typealias ColumnSum = CarryAccumulator }
extension UInt32: MontgomeryWord { typealias ColumnSum = SplitAccumulator }

/// 64-bit words: a three-word accumulator, `low` holding words 0–1 and `high` word 2. Each product
/// is `mul`, `add`, `adc`, `adc $0` on x86-64 (`mul`, `umulh`, `adds`, `adcs`, `adc` on arm64).
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
struct CarryAccumulator: ColumnAccumulator {
    var low: UInt128 = 0
    var high: UInt64 = 0

    @inline(__always) init() {}
    @inline(__always) init(low: UInt128, high: UInt64) { self.low = low; self.high = high }

    @inline(__always) mutating func add(_ x: UInt64, _ y: UInt64) {
        let (s, overflow) = low.addingReportingOverflow(UInt128(x) &* UInt128(y))
        low = s
        high &+= overflow ? 1 : 0
    }

    @inline(__always) mutating func add(_ other: CarryAccumulator) {
        let (s, overflow) = low.addingReportingOverflow(other.low)
        low = s
        high &+= other.high &+ (overflow ? 1 : 0)
    }

    /// other < 2^191 (a column's cross products), so doubling loses nothing.
    @inline(__always) mutating func addTwice(_ other: CarryAccumulator) {
        add(CarryAccumulator(low: other.low << 1, high: (other.high << 1) | UInt64(truncatingIfNeeded: other.low >> 127)))
    }

    @inline(__always) mutating func shiftOut() -> UInt64 {
        let w = UInt64(truncatingIfNeeded: low)
        low = (low >> 64) | (UInt128(high) << 64)
        high = 0
        return w
    }

    @inline(__always) var word0: UInt64 { UInt64(truncatingIfNeeded: low) }
}

/// 32-bit words (wasm32): the column sum T of 64-bit products is kept as two 64-bit sums, `total`
/// = T mod 2^64 and `high` = the sum of the products' high halves, exactly. The low halves' sum is
/// then total − high·2^32 (mod 2^64), also exact: it is < 2^64, as is `high`, because each half is
/// < 2^32 and a column has far fewer than 2^31 products (2k + 2). So no carry is ever tested, and
/// on wasm32 a product is one i64.mul, an add, a shift and an add.
struct SplitAccumulator: ColumnAccumulator {
    var total: UInt64 = 0
    var high: UInt64 = 0

    @inline(__always) init() {}

    @inline(__always) mutating func add(_ x: UInt32, _ y: UInt32) {
        let p = UInt64(x) &* UInt64(y)
        total &+= p
        high &+= p >> 32
    }

    @inline(__always) mutating func add(_ other: SplitAccumulator) {
        total &+= other.total
        high &+= other.high
    }

    @inline(__always) mutating func addTwice(_ other: SplitAccumulator) {
        total &+= other.total << 1
        high &+= other.high << 1
    }

    /// Word 0 of T is word 0 of `total`; T shifted down one word is (low halves' sum >> 32) + high,
    /// which (< 2^41) becomes the new `total` with no high halves.
    @inline(__always) mutating func shiftOut() -> UInt32 {
        let w = UInt32(truncatingIfNeeded: total)
        total = ((total &- (high << 32)) >> 32) &+ high
        high = 0
        return w
    }

    @inline(__always) var word0: UInt32 { UInt32(truncatingIfNeeded: total) }
}

// Inner loops. A column's products run in one loop with one product per accumulator per step:
// two streams (a·b and m·n, or the cross products and m·n) into two accumulators, so there are two
// independent carry chains and LLVM never merges two carries of one accumulator (which it does,
// with `setb`/`movzbl`, as soon as one accumulator takes two products per step). One operand of
// each stream is read from a word-reversed copy, so x[j] and y[c−j] move the same way and the
// loop has a single induction variable. Measured on this machine (x86-64, 64-bit words): ~0.5 ns
// per product including the column overhead. Unrolling by two measured slower for both word sizes
// (for 64-bit words LLVM then merges carries; under V8 the 32-bit loop gained nothing).

/// accA += Σ x[j]·yr[j+off] and accB += Σ u[j]·vr[j+off] for j in lo..<hi (yr, vr reversed).
@inline(__always)
private func twoStreams<W: MontgomeryWord>(_ accA: inout W.ColumnSum, _ x: UnsafePointer<W>, _ yr: UnsafePointer<W>,
                           _ accB: inout W.ColumnSum, _ u: UnsafePointer<W>, _ vr: UnsafePointer<W>,
                           _ off: Int, _ lo: Int, _ hi: Int) {
    var j = lo
    while j < hi {
        accA.add(x[j], yr[j &+ off])
        accB.add(u[j], vr[j &+ off])
        j &+= 1
    }
}

/// acc += Σ x[j]·yr[j+off] for j in lo..<hi.
@inline(__always)
private func oneStream<W: MontgomeryWord>(_ acc: inout W.ColumnSum, _ x: UnsafePointer<W>, _ yr: UnsafePointer<W>,
                          _ off: Int, _ lo: Int, _ hi: Int) {
    var j = lo
    while j < hi { acc.add(x[j], yr[j &+ off]); j &+= 1 }
}

/// accA += Σ x[t]·y[t] and accB += Σ u[t]·v[t] for t in 0..<count (bases already offset).
@inline(__always)
private func twoStreams<W: MontgomeryWord>(_ accA: inout W.ColumnSum, _ x: UnsafePointer<W>, _ y: UnsafePointer<W>,
                           _ accB: inout W.ColumnSum, _ u: UnsafePointer<W>, _ v: UnsafePointer<W>, _ count: Int) {
    var t = 0
    while t < count {
        accA.add(x[t], y[t])
        accB.add(u[t], v[t])
        t &+= 1
    }
}

/// out = a·b·R⁻¹ mod n (FIPS product scanning with integrated reduction).
/// `nr`: n word-reversed (nr[i] = n[k−1−i]); `m`, `br`: k words of scratch each (m, and b reversed).
@inline(never)
func montgomeryMultiply<W: MontgomeryWord>(_ out: UnsafeMutablePointer<W>, _ a: UnsafePointer<W>, _ b: UnsafePointer<W>,
                                           _ n: UnsafePointer<W>, _ nr: UnsafePointer<W>, _ n0inv: W, _ k: Int,
                                           _ m: UnsafeMutablePointer<W>, _ br: UnsafeMutablePointer<W>) {
    var i = 0
    while i < k { br[i] = b[k &- 1 &- i]; i &+= 1 }         // b reversed: b[c−j] = br[k−1−c+j]
    let mr = UnsafePointer(m), brr = UnsafePointer(br)
    var acc = W.ColumnSum()
    // Columns 0…k−1: j = 0…c−1 for both streams, then a[c]·b[0]; pick m[c] to clear the word.
    var c = 0
    while c < k {
        var second = W.ColumnSum()
        twoStreams(&acc, a, brr + (k &- 1 &- c), &second, mr, nr + (k &- 1 &- c), c)
        acc.add(a[c], b[0])
        acc.add(second)
        let mc = acc.word0 &* n0inv
        m[c] = mc
        acc.add(mc, n[0])
        _ = acc.shiftOut()          // zero by the choice of m[c]
        c &+= 1
    }
    // Columns k…2k−1: j = s…k−1 with s = c−k+1, i.e. x[j] = (x+s)[t] and y[c−j] = yr[t].
    while c < 2 &* k {
        let s = c &- k &+ 1
        var second = W.ColumnSum()
        twoStreams(&acc, a + s, brr, &second, mr + s, nr, k &- s)
        acc.add(second)
        out[c &- k] = acc.shiftOut()
        c &+= 1
    }
    reduceOnce(out, top: acc.word0, n, k)
}

/// out = a²·R⁻¹ mod n: cross products once (doubled), the diagonal, integrated reduction.
/// `nr`: n word-reversed; `m`, `ar`: k words of scratch each (m, and a reversed).
@inline(never)
func montgomerySquare<W: MontgomeryWord>(_ out: UnsafeMutablePointer<W>, _ a: UnsafePointer<W>,
                                         _ n: UnsafePointer<W>, _ nr: UnsafePointer<W>, _ n0inv: W, _ k: Int,
                                         _ m: UnsafeMutablePointer<W>, _ ar: UnsafeMutablePointer<W>) {
    var i = 0
    while i < k { ar[i] = a[k &- 1 &- i]; i &+= 1 }         // a reversed: a[c−j] = ar[k−1−c+j]
    let mr = UnsafePointer(m), arr = UnsafePointer(ar)
    // Column c: cross products a[j]·a[c−j] with j < c−j, both indices in 0..<k, so j from
    // max(0, c−k+1) to ⌈c/2⌉−1; reduction products m[j]·n[c−j] for j from the same start to
    // min(c, k)−1 (j < c while m is being made). The cross range is the shorter: both streams share
    // it, the rest of the reduction runs alone. The m·n products go straight into the running sum;
    // the cross products into their own, which is doubled when added.
    var acc = W.ColumnSum()
    var c = 0
    while c < k {                                           // columns 0…k−1: m[c] is chosen
        let off = k &- 1 &- c, jHigh = (c &+ 1) >> 1
        var cross = W.ColumnSum()
        twoStreams(&cross, a, arr, &acc, mr, nr, off, 0, jHigh)
        oneStream(&acc, mr, nr, off, jHigh, c)
        acc.addTwice(cross)
        if c & 1 == 0 { let d = a[c >> 1]; acc.add(d, d) }   // the diagonal a[c/2]²
        let mc = acc.word0 &* n0inv
        m[c] = mc
        acc.add(mc, n[0])
        _ = acc.shiftOut()                                  // zero by the choice of m[c]
        c &+= 1
    }
    while c < 2 &* k {                                      // columns k…2k−1: output word c − k
        let off = k &- 1 &- c, jHigh = (c &+ 1) >> 1
        var cross = W.ColumnSum()
        twoStreams(&cross, a, arr, &acc, mr, nr, off, c &- k &+ 1, jHigh)
        oneStream(&acc, mr, nr, off, jHigh, k)
        acc.addTwice(cross)
        if c & 1 == 0 { let d = a[c >> 1]; acc.add(d, d) }
        out[c &- k] = acc.shiftOut()
        c &+= 1
    }
    reduceOnce(out, top: acc.word0, n, k)
}

/// out = x mod n for x < 2n given as the k words of `out` plus a top word ∈ {0, 1}.
@inline(__always)
func reduceOnce<W: MontgomeryWord>(_ out: UnsafeMutablePointer<W>, top: W, _ n: UnsafePointer<W>, _ k: Int) {
    // x ≥ n when the top word is set, or when the k words compare ≥ n from the top.
    var geq = top != 0
    if !geq {
        geq = true
        var j = k &- 1
        while j >= 0 {
            if out[j] != n[j] { geq = out[j] > n[j]; break }
            j &-= 1
        }
    }
    guard geq else { return }
    var borrow = false
    var j = 0
    while j < k {
        let (d1, b1) = out[j].subtractingReportingOverflow(n[j])
        let (d2, b2) = d1.subtractingReportingOverflow(borrow ? 1 : 0)
        out[j] = d2
        borrow = b1 || b2
        j &+= 1
    }
}

/// out = T·R⁻¹ mod n for T < n·R given as 2k words in `t` (REDC, HAC 14.32), product-scanned like
/// the kernels above. `nr`: n word-reversed; `scratch`: k words (m). Used once, to leave Montgomery form.
func montgomeryReduce<W: MontgomeryWord>(_ out: UnsafeMutablePointer<W>, _ t: UnsafePointer<W>,
                                         _ n: UnsafePointer<W>, _ nr: UnsafePointer<W>, _ n0inv: W, _ k: Int,
                                         _ scratch: UnsafeMutablePointer<W>) {
    let m = scratch, mr = UnsafePointer(scratch)
    var acc = W.ColumnSum()
    var c = 0
    while c < 2 &* k {
        acc.add(t[c], 1)
        let off = k &- 1 &- c
        if c < k {
            oneStream(&acc, mr, nr, off, 0, c)
            let mc = acc.word0 &* n0inv
            m[c] = mc
            acc.add(mc, n[0])
            _ = acc.shiftOut()
        } else {
            oneStream(&acc, mr, nr, off, c &- k &+ 1, k)
            out[c &- k] = acc.shiftOut()
        }
        c &+= 1
    }
    reduceOnce(out, top: acc.word0, n, k)
}
