// The slow reference the generated field kernels are checked against: Montgomery arithmetic modulo
// an odd m of up to nine words by row-wise CIOS (Koç, Acar, Kaliski, IEEE Micro 1996) with loops
// over a run-time word count — a different method and code path from FieldKernels.swift.
@testable import PureEC

/// Montgomery arithmetic modulo an odd prime m of `count` words.
struct ReferenceField: Sendable {
    let m: Limbs
    let count: Int
    /// −m⁻¹ mod 2^64.
    let m0inv: UInt64
    /// R mod m (the Montgomery form of 1) and R² mod m.
    let one: Limbs
    let rSquared: Limbs

    init(modulus m: Limbs) {
        self.m = m
        count = (m.bitWidth + 63) / 64
        // m⁻¹ mod 2^64 by Newton's iteration (each step doubles the correct low bits).
        var inv: UInt64 = 1
        for _ in 0..<6 { inv = inv &* (2 &- m[0] &* inv) }
        m0inv = 0 &- inv
        // R mod m and R² mod m by modular doublings of 1 (64·count and 128·count of them).
        var x = Limbs()
        x[0] = 1
        for _ in 0..<(64 * count) { x = Self.double(x, m, count) }
        one = x
        for _ in 0..<(64 * count) { x = Self.double(x, m, count) }
        rSquared = x
    }

    private static func double(_ x: Limbs, _ m: Limbs, _ count: Int) -> Limbs {
        var r = x
        let carry = Limbs.add(&r, x, count: count)
        if carry || Limbs.compare(r, m, count: count) >= 0 { Limbs.subtract(&r, m, count: count) }
        return r
    }

    // MARK: ring operations (inputs and outputs reduced below m)

    func add(_ a: Limbs, _ b: Limbs) -> Limbs {
        switch count {
        case 4: add(a, b, words: 4)
        case 6: add(a, b, words: 6)
        default: add(a, b, words: 9)
        }
    }

    func subtract(_ a: Limbs, _ b: Limbs) -> Limbs {
        switch count {
        case 4: subtract(a, b, words: 4)
        case 6: subtract(a, b, words: 6)
        default: subtract(a, b, words: 9)
        }
    }

    @inline(__always) func negate(_ a: Limbs) -> Limbs { subtract(.zero, a) }

    @inline(__always) func add(_ a: Limbs, _ b: Limbs, words n: Int) -> Limbs {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 18) { buffer -> Limbs in
            let x = buffer.baseAddress!, mp = x + 9
            var carry: UInt64 = 0
            var i = 0
            while i < n {
                let (s1, o1) = a[i].addingReportingOverflow(b[i])
                let (s2, o2) = s1.addingReportingOverflow(carry)
                x[i] = s2
                mp[i] = m[i]
                carry = (o1 || o2) ? 1 : 0
                i &+= 1
            }
            if carry != 0 || Limbs.compare(x, mp, n) >= 0 { _ = Limbs.subtract(x, mp, n) }
            var r = Limbs()
            i = 0
            while i < n { r[i] = x[i]; i &+= 1 }
            return r
        }
    }

    @inline(__always) func subtract(_ a: Limbs, _ b: Limbs, words n: Int) -> Limbs {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 18) { buffer -> Limbs in
            let x = buffer.baseAddress!, mp = x + 9
            var borrow: UInt64 = 0
            var i = 0
            while i < n {
                let (d1, o1) = a[i].subtractingReportingOverflow(b[i])
                let (d2, o2) = d1.subtractingReportingOverflow(borrow)
                x[i] = d2
                mp[i] = m[i]
                borrow = (o1 || o2) ? 1 : 0
                i &+= 1
            }
            if borrow != 0 { _ = Limbs.add(x, mp, n) }
            var r = Limbs()
            i = 0
            while i < n { r[i] = x[i]; i &+= 1 }
            return r
        }
    }

    /// a·b·R⁻¹ mod m (CIOS): for each word of b, add a·b_i, then add q·m with q chosen to clear the
    /// low word, and shift one word; a final conditional subtraction brings the result below m.
    /// Works on one stack scratch (a, b, m and t copied in word by word). The word count is made a
    /// constant of each specialized copy (4, 6 or 9), so the compiler unrolls the loops.
    func multiply(_ a: Limbs, _ b: Limbs) -> Limbs {
        switch count {
        case 4: multiply(a, b, words: 4)
        case 6: multiply(a, b, words: 6)
        default: multiply(a, b, words: 9)
        }
    }

    @inline(__always) func multiply(_ a: Limbs, _ b: Limbs, words n: Int) -> Limbs {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 40) { buffer -> Limbs in
            let base = buffer.baseAddress!
            let ap = base, bp = base + 9, mp = base + 18, t = base + 27     // t: n + 2 words
            var i = 0
            while i < n { ap[i] = a[i]; bp[i] = b[i]; mp[i] = m[i]; t[i] = 0; i &+= 1 }
            t[n] = 0; t[n + 1] = 0
            i = 0
            while i < n {
                let bi = bp[i]
                var carry: UInt64 = 0
                var j = 0
                while j < n {
                    let (hi, lo) = ap[j].multipliedFullWidth(by: bi)
                    let (s1, o1) = lo.addingReportingOverflow(t[j])
                    let (s2, o2) = s1.addingReportingOverflow(carry)
                    t[j] = s2
                    carry = hi &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
                    j &+= 1
                }
                let (s, o) = t[n].addingReportingOverflow(carry)
                t[n] = s
                t[n + 1] = o ? 1 : 0
                let q = t[0] &* m0inv
                var (hi, lo) = q.multipliedFullWidth(by: mp[0])
                var (_, o0) = lo.addingReportingOverflow(t[0])
                carry = hi &+ (o0 ? 1 : 0)
                j = 1
                while j < n {
                    (hi, lo) = q.multipliedFullWidth(by: mp[j])
                    let (s1, o1) = lo.addingReportingOverflow(t[j])
                    let (s2, o2) = s1.addingReportingOverflow(carry)
                    t[j &- 1] = s2
                    carry = hi &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
                    j &+= 1
                }
                (t[n &- 1], o0) = t[n].addingReportingOverflow(carry)
                t[n] = t[n + 1] &+ (o0 ? 1 : 0)
                i &+= 1
            }
            if t[n] != 0 || Limbs.compare(t, mp, n) >= 0 { _ = Limbs.subtract(t, mp, n) }
            var r = Limbs()
            i = 0
            while i < n { r[i] = t[i]; i &+= 1 }
            return r
        }
    }

    @inline(__always) func square(_ a: Limbs) -> Limbs { multiply(a, a) }

    /// x in Montgomery form, for x < m.
    func toMontgomery(_ x: Limbs) -> Limbs { multiply(x, rSquared) }

    /// The ordinary value of a Montgomery-form x.
    func fromMontgomery(_ x: Limbs) -> Limbs {
        var oneWord = Limbs()
        oneWord[0] = 1
        return multiply(x, oneWord)
    }

    /// x^e (Montgomery form in and out), left-to-right binary; variable time in e (public).
    func power(_ x: Limbs, _ e: Limbs) -> Limbs {
        var r = one
        var i = e.bitWidth - 1
        while i >= 0 {
            r = square(r)
            if e.bit(i) { r = multiply(r, x) }
            i -= 1
        }
        return r
    }

    /// x⁻¹ = x^(m−2) (Fermat; m prime), Montgomery form in and out; 0 for 0.
    func inverse(_ x: Limbs) -> Limbs {
        var e = m
        var two = Limbs()
        two[0] = 2
        Limbs.subtract(&e, two, count: count)
        return power(x, e)
    }
}
