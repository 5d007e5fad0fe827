// Montgomery multiplication and squaring over k 64-bit limbs — the hot kernel, alone in its file.
//
// With R = 2^(64k), an odd modulus n < R and n0inv = −n⁻¹ mod 2^64:
//   montgomeryMultiply(a, b) = a·b·R⁻¹ mod n   (for a, b < n)
//   montgomerySquare(a)      = a²·R⁻¹ mod n
//
// Multiplication is CIOS, "Coarsely Integrated Operand Scanning" (Koç, Acar, Kaliski, "Analyzing
// and Comparing Montgomery Multiplication Algorithms", IEEE Micro 1996, §5), with the multiply
// and reduce inner loops fused into one pass (HAC Algorithm 14.36 is the same idea word by word).
// Squaring computes the 2k-limb square with each cross product once (HAC Algorithm 14.16), then
// reduces it with word-by-word Montgomery reduction (HAC Algorithm 14.32): about 1.5k² word
// products instead of 2k².
//
// Invariants: every operand is k limbs and < n; `t` is scratch of at least 2k+1 limbs; `out` may
// alias `a` or `b` (the result is written only at the end). Pointers are unchecked: callers
// (MontgomeryModulus) own the buffers and their sizes. Timing depends only on k, except the final
// conditional subtraction — all data here is public (see SECURITY.md).

@inline(__always) private func lo(_ x: UInt128) -> UInt64 { UInt64(truncatingIfNeeded: x) }
@inline(__always) private func hi(_ x: UInt128) -> UInt64 { UInt64(truncatingIfNeeded: x >> 64) }

/// out = a·b·R⁻¹ mod n (CIOS, fused).
@inline(__always)
func montgomeryMultiply(_ out: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>,
                        _ n: UnsafePointer<UInt64>, _ n0inv: UInt64, _ k: Int, _ t: UnsafeMutablePointer<UInt64>) {
    t.update(repeating: 0, count: k + 1)
    for i in 0..<k {
        let bi = b[i]
        // Column 0: t[0] + a[0]·b[i]; choose m so that adding m·n clears the low word (Koç §5 step 2).
        let p0 = UInt128(a[0]) &* UInt128(bi) &+ UInt128(t[0])
        var c1 = hi(p0)
        let m = lo(p0) &* n0inv
        var c2 = hi(UInt128(m) &* UInt128(n[0]) &+ UInt128(lo(p0)))
        // Columns 1..k-1: accumulate a[j]·b[i] (carry c1) and m·n[j] (carry c2), shift down a word.
        var j = 1
        while j < k {
            let p = UInt128(a[j]) &* UInt128(bi) &+ UInt128(t[j]) &+ UInt128(c1)
            c1 = hi(p)
            let q = UInt128(m) &* UInt128(n[j]) &+ UInt128(lo(p)) &+ UInt128(c2)
            c2 = hi(q)
            t[j &- 1] = lo(q)
            j &+= 1
        }
        // Top: t[k] + c1 + c2 spills into at most one bit (t < 2n < 2R throughout).
        let (s1, o1) = t[k].addingReportingOverflow(c1)
        let (s2, o2) = s1.addingReportingOverflow(c2)
        t[k &- 1] = s2
        t[k] = (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
    }
    reduceOnce(out, t, n, k)
}

/// out = a²·R⁻¹ mod n (square once per cross product, then Montgomery-reduce).
@inline(__always)
func montgomerySquare(_ out: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>,
                      _ n: UnsafePointer<UInt64>, _ n0inv: UInt64, _ k: Int, _ t: UnsafeMutablePointer<UInt64>) {
    // 1. Cross products a[i]·a[j], i < j, into t[0..2k) (HAC 14.16 step 2, without the doubling).
    //    Row i adds a[i]·a[j] at column i + j. Rows are taken in pairs so that two independent carry
    //    chains run in one loop: at column p, row i adds a[i]·a[p−i] and row i+1 adds a[i+1]·a[p−i−1]
    //    to the result of row i. Column i + k is fresh for row i (rows before it stop at i + k − 1).
    t.update(repeating: 0, count: 2 * k + 1)
    var i = 0
    while i &+ 3 <= k {                 // row i+1 has at least one product (j = i+2 ≤ k−1)
        let ai = a[i], ai1 = a[i &+ 1]
        let row = t + i                 // row[j] is column i + j
        // Column 2i+1 and 2i+2: row i only (row i+1 starts at column 2i+3).
        let p1 = UInt128(ai) &* UInt128(a[i &+ 1]) &+ UInt128(row[i &+ 1])
        row[i &+ 1] = lo(p1)
        let p2 = UInt128(ai) &* UInt128(a[i &+ 2]) &+ UInt128(row[i &+ 2]) &+ UInt128(hi(p1))
        row[i &+ 2] = lo(p2)
        var cA = hi(p2)
        var cB: UInt64 = 0
        var j = i &+ 3
        while j < k {
            let pA = UInt128(ai) &* UInt128(a[j]) &+ UInt128(row[j]) &+ UInt128(cA)
            cA = hi(pA)
            let pB = UInt128(ai1) &* UInt128(a[j &- 1]) &+ UInt128(lo(pA)) &+ UInt128(cB)
            cB = hi(pB)
            row[j] = lo(pB)
            j &+= 1
        }
        // Column i+k (fresh): row i's carry and row i+1's last product; column i+k+1 (fresh): the carry.
        let last = UInt128(ai1) &* UInt128(a[k &- 1]) &+ UInt128(cA) &+ UInt128(cB)
        row[k] = lo(last)
        row[k &+ 1] = hi(last)
        i &+= 2
    }
    while i < k &- 1 {                  // the remaining single row, if any
        let ai = a[i]
        let row = t + i
        var carry: UInt64 = 0
        var j = i &+ 1
        while j < k {
            let p = UInt128(ai) &* UInt128(a[j]) &+ UInt128(row[j]) &+ UInt128(carry)
            row[j] = lo(p)
            carry = hi(p)
            j &+= 1
        }
        row[k] = carry
        i &+= 1
    }
    // 2. Double the cross products and add the squares a[i]² on the diagonal, in one pass:
    //    t = 2·t + Σ a[i]²·2^(128i). The result is a² < R², so nothing spills past t[2k-1].
    var carry: UInt64 = 0      // carry of the addition, 0...2
    var shiftIn: UInt64 = 0    // top bit shifted out of the previous limb by the doubling
    i = 0
    while i < k {
        let sq = UInt128(a[i]) &* UInt128(a[i])
        let lowIn = t[2 * i], highIn = t[2 * i + 1]
        let lowDoubled = (lowIn << 1) | shiftIn
        let highDoubled = (highIn << 1) | (lowIn >> 63)
        shiftIn = highIn >> 63
        let s0 = UInt128(lowDoubled) &+ UInt128(lo(sq)) &+ UInt128(carry)
        t[2 * i] = lo(s0)
        let s1 = UInt128(highDoubled) &+ UInt128(hi(sq)) &+ UInt128(hi(s0))
        t[2 * i + 1] = lo(s1)
        carry = hi(s1)
        i += 1
    }
    // 3. Montgomery reduction of the 2k-limb value (HAC 14.32).
    montgomeryReduce(out, t, n, n0inv, k)
}

/// out = T·R⁻¹ mod n for a 2k-limb T < n·R held in t (destroyed; t has 2k+1 limbs).
///
/// HAC Algorithm 14.32 adds u_i·n·b^i for i = 0…k−1, one row per i. A single row is one long
/// carry chain and runs at the latency of that chain, so rows are processed in pairs: once row i
/// has produced column i+1, u_{i+1} is known and row i+1 runs one column behind row i in the same
/// loop — two independent carry chains, as in fused CIOS.
@inline(__always)
func montgomeryReduce(_ out: UnsafeMutablePointer<UInt64>, _ t: UnsafeMutablePointer<UInt64>,
                      _ n: UnsafePointer<UInt64>, _ n0inv: UInt64, _ k: Int) {
    var extra: UInt64 = 0   // a pending carry bit at column i+k when row i starts
    var i = 0
    while i &+ 1 < k {
        let row = t + i
        // Row i, columns 0 and 1 (step 2.1: u_i = t_i·m' mod b; column 0 becomes zero).
        let m0 = row[0] &* n0inv
        var cA = hi(UInt128(m0) &* UInt128(n[0]) &+ UInt128(row[0]))
        let p1 = UInt128(m0) &* UInt128(n[1]) &+ UInt128(row[1]) &+ UInt128(cA)
        cA = hi(p1)
        // Row i+1 can start: u_{i+1} from the now-final column i+1; its column 0 becomes zero.
        let m1 = lo(p1) &* n0inv
        var cB = hi(UInt128(m1) &* UInt128(n[0]) &+ UInt128(lo(p1)))
        // Columns 2…k−1 of row i together with columns 1…k−2 of row i+1 (the same word).
        var j = 2
        while j < k {
            let pA = UInt128(m0) &* UInt128(n[j]) &+ UInt128(row[j]) &+ UInt128(cA)
            cA = hi(pA)
            let pB = UInt128(m1) &* UInt128(n[j &- 1]) &+ UInt128(lo(pA)) &+ UInt128(cB)
            cB = hi(pB)
            row[j] = lo(pB)
            j &+= 1
        }
        // Column k (word i+k): row i's final carry and pending bit, then row i+1's last column.
        let (v, ov1) = row[k].addingReportingOverflow(cA)
        let (v2, ov2) = v.addingReportingOverflow(extra)
        let pB = UInt128(m1) &* UInt128(n[k &- 1]) &+ UInt128(v2) &+ UInt128(cB)
        row[k] = lo(pB)
        // Column k+1 (word i+1+k): row i+1's final carry and the overflow of word i+k.
        let (w, ow1) = row[k &+ 1].addingReportingOverflow(hi(pB))
        let (w2, ow2) = w.addingReportingOverflow((ov1 || ov2) ? 1 : 0)
        row[k &+ 1] = w2
        extra = (ow1 || ow2) ? 1 : 0
        i &+= 2
    }
    if i < k {  // odd k: one last single row
        let row = t + i
        let m = row[0] &* n0inv
        var carry: UInt64 = 0
        var j = 0
        while j < k {
            let p = UInt128(m) &* UInt128(n[j]) &+ UInt128(row[j]) &+ UInt128(carry)
            row[j] = lo(p)
            carry = hi(p)
            j &+= 1
        }
        let (s1, o1) = row[k].addingReportingOverflow(carry)
        let (s2, o2) = s1.addingReportingOverflow(extra)
        row[k] = s2
        extra = (o1 || o2) ? 1 : 0
    }
    // Step 3: A ← A/b^k, now in t[k..<2k] with `extra` on top; A < 2n.
    (t + k)[k] = extra
    reduceOnce(out, t + k, n, k)
}

/// out = x mod n for x < 2n given as k limbs plus a top limb x[k] ∈ {0, 1}.
@inline(__always)
func reduceOnce(_ out: UnsafeMutablePointer<UInt64>, _ x: UnsafePointer<UInt64>, _ n: UnsafePointer<UInt64>, _ k: Int) {
    var borrow: UInt64 = 0
    var j = 0
    while j < k {
        let (d1, b1) = x[j].subtractingReportingOverflow(n[j])
        let (d2, b2) = d1.subtractingReportingOverflow(borrow)
        out[j] = d2
        borrow = (b1 || b2) ? 1 : 0
        j += 1
    }
    // x − n went negative (borrow out and no top bit): x < n already, keep x.
    if x[k] == 0 && borrow == 1 {
        out.update(from: x, count: k)
    }
}
