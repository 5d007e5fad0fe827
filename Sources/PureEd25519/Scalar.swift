// Scalars modulo the group order L = 2^252 + 27742317777372353535851937790883648493 (RFC 8032
// §5.1): the range check of S, the reduction of SHA-512(R ‖ A ‖ M) mod L, and the signed-window
// (width-w NAF) recoding the double-scalar multiplication walks. All on public data: variable time.

/// μ and L as word arrays for the schoolbook products (built once).
private let barrettMuWords: [UInt64] = [barrettMu.0, barrettMu.1, barrettMu.2, barrettMu.3, barrettMu.4]
private let groupOrderWords: [UInt64] = [groupOrder.0, groupOrder.1, groupOrder.2, groupOrder.3]

enum Scalar {
    /// S < L (RFC 8032 §5.1.7 step 1: "If the decoding fails … (S ≥ L)"), S as 32 little-endian bytes.
    static func isReduced(_ s: UnsafeRawBufferPointer) -> Bool {
        let w = words(s)
        if w.3 != groupOrder.3 { return w.3 < groupOrder.3 }
        if w.2 != groupOrder.2 { return w.2 < groupOrder.2 }
        if w.1 != groupOrder.1 { return w.1 < groupOrder.1 }
        return w.0 < groupOrder.0
    }

    static func words(_ s: UnsafeRawBufferPointer) -> (UInt64, UInt64, UInt64, UInt64) {
        func w(_ i: Int) -> UInt64 { UInt64(littleEndian: s.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)) }
        return (w(0), w(1), w(2), w(3))
    }

    /// x mod L for a 512-bit little-endian x (a SHA-512 output), as four words, by Barrett
    /// reduction (Menezes, van Oorschot, Vanstone, Handbook of Applied Cryptography, Algorithm 14.42,
    /// with b = 2^64, k = 4, μ = ⌊b^8 / L⌋ generated into Constants.swift):
    ///   q3 = ⌊⌊x / b^3⌋ · μ / b^5⌋,  r = (x mod b^5) − (q3 · L mod b^5) (mod b^5),  then r −= L
    ///   while r ≥ L (at most twice).
    static func reduce512(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64, UInt64, UInt64) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 8 + 10 + 10) { buffer in
            let x = UnsafeMutableBufferPointer(rebasing: buffer[0..<8])
            let q2 = UnsafeMutableBufferPointer(rebasing: buffer[8..<18])
            let r2 = UnsafeMutableBufferPointer(rebasing: buffer[18..<28])
            for i in 0..<8 { x[i] = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)) }
            // q1 = ⌊x / b^3⌋ (words 3…7), q2 = q1 · μ.
            multiply(UnsafeBufferPointer(rebasing: x[3..<8]), barrettMuWords, into: q2)
            // q3 = ⌊q2 / b^5⌋ (words 5…9); r2 = q3 · L (only its low five words matter).
            multiply(UnsafeBufferPointer(rebasing: q2[5..<10]), groupOrderWords, into: r2)
            // r = x mod b^5 − r2 mod b^5 (mod b^5).
            var r: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
            var borrow = false
            withUnsafeMutableBytes(of: &r) { raw in
                let out = raw.bindMemory(to: UInt64.self)
                for i in 0..<5 {
                    let (d1, o1) = x[i].subtractingReportingOverflow(r2[i])
                    let (d2, o2) = d1.subtractingReportingOverflow(borrow ? 1 : 0)
                    out[i] = d2
                    borrow = o1 || o2
                }
            }
            // r < 3L: at most two subtractions.
            while !isBelowL(r) { r = subtractL(r) }
            return (r.0, r.1, r.2, r.3)
        }
    }

    /// out = a · b (schoolbook; out.count ≥ a.count + b.count words are written, the rest zeroed).
    private static func multiply<A: Collection<UInt64>>(_ a: A, _ b: [UInt64], into out: UnsafeMutableBufferPointer<UInt64>) where A.Index == Int {
        for i in 0..<out.count { out[i] = 0 }
        var i = 0
        for ai in a {
            var carry: UInt64 = 0
            for j in 0..<b.count where i + j < out.count {
                let (h, lo) = ai.multipliedFullWidth(by: b[j])
                let (s1, o1) = lo.addingReportingOverflow(out[i + j])
                let (s2, o2) = s1.addingReportingOverflow(carry)
                out[i + j] = s2
                carry = h &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            }
            if i + b.count < out.count { out[i + b.count] = carry }
            i += 1
        }
    }

    private static func isBelowL(_ r: (UInt64, UInt64, UInt64, UInt64, UInt64)) -> Bool {
        if r.4 != 0 { return false }
        if r.3 != groupOrder.3 { return r.3 < groupOrder.3 }
        if r.2 != groupOrder.2 { return r.2 < groupOrder.2 }
        if r.1 != groupOrder.1 { return r.1 < groupOrder.1 }
        return r.0 < groupOrder.0
    }

    private static func subtractL(_ r: (UInt64, UInt64, UInt64, UInt64, UInt64)) -> (UInt64, UInt64, UInt64, UInt64, UInt64) {
        var out = r
        var o = false, o2 = false
        (out.0, o) = r.0.subtractingReportingOverflow(groupOrder.0)
        (out.1, o2) = r.1.subtractingReportingOverflow(groupOrder.1); (out.1, o) = out.1.subtractingReportingOverflow(o ? 1 : 0); o = o || o2
        (out.2, o2) = r.2.subtractingReportingOverflow(groupOrder.2); (out.2, o) = out.2.subtractingReportingOverflow(o ? 1 : 0); o = o || o2
        (out.3, o2) = r.3.subtractingReportingOverflow(groupOrder.3); (out.3, o) = out.3.subtractingReportingOverflow(o ? 1 : 0); o = o || o2
        out.4 = r.4 &- (o ? 1 : 0)
        return out
    }

    /// The width-`w` NAF of a scalar below 2^253 (four words): digits d_i ∈ {0, ±1, ±3, …,
    /// ±(2^(w−1) − 1)} with Σ d_i·2^i = k and any w consecutive digits holding at most one non-zero.
    /// Built by the textbook rule: while k ≠ 0, if k is odd take d = k mods 2^w (the residue in
    /// (−2^(w−1), 2^(w−1))) and subtract it; then halve k.
    static func nonAdjacentForm(_ k: (UInt64, UInt64, UInt64, UInt64), width w: Int, into digits: UnsafeMutableBufferPointer<Int8>) {
        digits.initialize(repeating: 0)
        var x: (UInt64, UInt64, UInt64, UInt64, UInt64) = (k.0, k.1, k.2, k.3, 0)
        let window = UInt64(1) << UInt64(w), half = Int64(1) << Int64(w - 1)
        var position = 0
        while x.0 | x.1 | x.2 | x.3 | x.4 != 0 {
            // Skip the run of zero digits at once.
            let zeros = x.0 == 0 ? 64 : x.0.trailingZeroBitCount
            if zeros > 0 {
                shiftRight(&x, by: zeros)
                position += zeros
                continue
            }
            var d = Int64(x.0 & (window - 1))
            if d >= half { d -= Int64(window) }
            digits[position] = Int8(d)
            // x −= d (d odd; for d < 0 this adds |d|).
            if d > 0 {
                let (r, o) = x.0.subtractingReportingOverflow(UInt64(d)); x.0 = r
                if o { borrowInto(&x) }
            } else {
                let (r, o) = x.0.addingReportingOverflow(UInt64(-d)); x.0 = r
                if o { carryInto(&x) }
            }
            shiftRight(&x, by: 1)
            position += 1
        }
    }

    private static func shiftRight(_ x: inout (UInt64, UInt64, UInt64, UInt64, UInt64), by n: Int) {
        var n = n
        while n >= 64 { x = (x.1, x.2, x.3, x.4, 0); n -= 64 }
        guard n > 0 else { return }
        let s = UInt64(n), r = UInt64(64 - n)
        x = (x.0 >> s | x.1 << r, x.1 >> s | x.2 << r, x.2 >> s | x.3 << r, x.3 >> s | x.4 << r, x.4 >> s)
    }

    private static func carryInto(_ x: inout (UInt64, UInt64, UInt64, UInt64, UInt64)) {
        var o: Bool
        (x.1, o) = x.1.addingReportingOverflow(1); if !o { return }
        (x.2, o) = x.2.addingReportingOverflow(1); if !o { return }
        (x.3, o) = x.3.addingReportingOverflow(1); if !o { return }
        x.4 &+= 1
    }

    private static func borrowInto(_ x: inout (UInt64, UInt64, UInt64, UInt64, UInt64)) {
        var o: Bool
        (x.1, o) = x.1.subtractingReportingOverflow(1); if !o { return }
        (x.2, o) = x.2.subtractingReportingOverflow(1); if !o { return }
        (x.3, o) = x.3.subtractingReportingOverflow(1); if !o { return }
        x.4 &-= 1
    }
}
