// GF(p), p = 2^521 − 1 (P-521, SP 800-186 §3.2.1.5), on nine unsaturated 58-bit limbs:
// x = Σ l[i]·2^(58·i). Because p is a Mersenne prime, 2^521 ≡ 1 and 2^522 ≡ 2 (mod p), so a
// product needs no reduction products at all (a Montgomery product on nine 64-bit words needs 81
// more): the columns that land at 2^522 and above fold back doubled (FieldKernels.swift, generated),
// and the 6 spare bits per limb let sums of 128-bit products and additions run without carries.
// Elements are in ordinary form (the "Montgomery" factor R of ECField is 1).
//
// Bounds. "Loose" — what every operation returns and accepts: l[1…7] < 2^58 + 2^11,
// l[0] < 2^58 + 2^4, l[8] < 2^57 (so x < 2^522, not necessarily below p). Then:
// - a product column sums at most nine products a[i]·b[j] or a[i]·2b[j], each < 2^118.1, so
//   < 2^122 in 128 bits (squaring: at most five, with 4a[i] < 2^60.1); `carried` takes the
//   column sums to loose limbs;
// - a sum a + b has limbs < 2^60 before `normalized` carries it back to loose;
// - a difference a − b is computed as a + 4p − b, whose limbs are non-negative: 4p's limbs are
//   2^60 − 4 (i < 8) and 2^59 − 4 (i = 8), above any loose limb.
// Comparisons (==, isZero) and the conversion to an integer go through `canonical`: two carry
// passes give limbs < 2^58 (l[8] < 2^57), x < 2^521; then p itself is 0.
//
// Verification handles public data; the arithmetic here happens to be branch-free anyway.

/// Nine 58-bit limbs, least significant first (see the bounds above).
struct P521Element: FieldWords {
    var l0, l1, l2, l3, l4, l5, l6, l7, l8: UInt64

    @inline(__always)
    init(_ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64, _ l4: UInt64, _ l5: UInt64, _ l6: UInt64, _ l7: UInt64, _ l8: UInt64) {
        self.l0 = l0; self.l1 = l1; self.l2 = l2; self.l3 = l3; self.l4 = l4
        self.l5 = l5; self.l6 = l6; self.l7 = l7; self.l8 = l8
    }

    static let mask58: UInt64 = (1 << 58) - 1
    static let mask57: UInt64 = (1 << 57) - 1

    /// The integer `x` < 2^521 (64-bit words) split into 58-bit limbs.
    init(_ x: Limbs) {
        func limb(_ i: Int) -> UInt64 {
            let bit = 58 * i, word = bit >> 6, offset = UInt64(bit & 63)
            var v = x[word] >> offset
            if offset > 6 && word + 1 < 9 { v |= x[word + 1] << (64 - offset) }
            return v & (i == 8 ? Self.mask57 : Self.mask58)
        }
        self.init(limb(0), limb(1), limb(2), limb(3), limb(4), limb(5), limb(6), limb(7), limb(8))
    }

    /// The fully reduced value (< p) as 64-bit words.
    var limbs: Limbs {
        let c = canonical
        let l = [c.l0, c.l1, c.l2, c.l3, c.l4, c.l5, c.l6, c.l7, c.l8]
        var x = Limbs()
        for i in 0..<9 {
            let bit = 58 * i, word = bit >> 6, offset = UInt64(bit & 63)
            x[word] |= l[i] << offset
            if offset > 6 && word + 1 < 9 { x[word + 1] |= l[i] >> (64 - offset) }
        }
        return x
    }

    /// The same value with limbs < 2^58 (l8 < 2^57), below p: two carry passes (the second can
    /// only move a single carry), then p ↦ 0.
    var canonical: P521Element {
        let n = normalized.normalized
        let isP = (n.l0 & n.l1 & n.l2 & n.l3 & n.l4 & n.l5 & n.l6 & n.l7) == Self.mask58 && n.l8 == Self.mask57
        return isP ? P521Element(0, 0, 0, 0, 0, 0, 0, 0, 0) : n
    }

    /// Limbs < 2^61 (any sum or difference here) carried to loose form: each limb's excess moves
    /// up, and the excess of l8 over 57 bits (weight 2^521 ≡ 1) wraps to l0.
    @inline(__always) var normalized: P521Element {
        var c = l0 >> 58
        let r0 = l0 & Self.mask58
        let t1 = l1 &+ c; c = t1 >> 58
        let t2 = l2 &+ c; c = t2 >> 58
        let t3 = l3 &+ c; c = t3 >> 58
        let t4 = l4 &+ c; c = t4 >> 58
        let t5 = l5 &+ c; c = t5 >> 58
        let t6 = l6 &+ c; c = t6 >> 58
        let t7 = l7 &+ c; c = t7 >> 58
        let t8 = l8 &+ c
        return P521Element(r0 &+ (t8 >> 57), t1 & Self.mask58, t2 & Self.mask58, t3 & Self.mask58, t4 & Self.mask58,
                           t5 & Self.mask58, t6 & Self.mask58, t7 & Self.mask58, t8 & Self.mask57)
    }

    var isZero: Bool {
        let c = canonical
        return (c.l0 | c.l1 | c.l2 | c.l3 | c.l4 | c.l5 | c.l6 | c.l7 | c.l8) == 0
    }

    static func == (a: P521Element, b: P521Element) -> Bool {
        let x = a.canonical, y = b.canonical
        return x.l0 == y.l0 && x.l1 == y.l1 && x.l2 == y.l2 && x.l3 == y.l3 && x.l4 == y.l4
            && x.l5 == y.l5 && x.l6 == y.l6 && x.l7 == y.l7 && x.l8 == y.l8
    }
}

/// GF(2^521 − 1) in ordinary form; multiply and square are generated (FieldKernels.swift).
enum P521Field: ECField {
    typealias Element = P521Element
    static var zero: P521Element { P521Element(0, 0, 0, 0, 0, 0, 0, 0, 0) }
    /// 1 — the field is in ordinary form (R = 1).
    static var one: P521Element { P521Element(1, 0, 0, 0, 0, 0, 0, 0, 0) }
    static var rSquared: P521Element { one }
    /// p = 2^521 − 1.
    static var modulusLimbs: Limbs { Limbs(words: (~0, ~0, ~0, ~0, ~0, ~0, ~0, ~0, 0x1FF)) }
    /// p − 2.
    static var inversionExponent: Limbs { Limbs(words: (0xFFFF_FFFF_FFFF_FFFD, ~0, ~0, ~0, ~0, ~0, ~0, ~0, 0x1FF)) }

    /// a + b: limb sums (< 2^60), carried.
    @inline(__always) static func add(_ a: P521Element, _ b: P521Element) -> P521Element {
        P521Element(a.l0 &+ b.l0, a.l1 &+ b.l1, a.l2 &+ b.l2, a.l3 &+ b.l3, a.l4 &+ b.l4,
                    a.l5 &+ b.l5, a.l6 &+ b.l6, a.l7 &+ b.l7, a.l8 &+ b.l8).normalized
    }

    /// a − b as a + 4p − b (every limb non-negative, < 2^61), carried.
    @inline(__always) static func subtract(_ a: P521Element, _ b: P521Element) -> P521Element {
        let f: UInt64 = (1 << 60) - 4, f8: UInt64 = (1 << 59) - 4
        return P521Element(a.l0 &+ f &- b.l0, a.l1 &+ f &- b.l1, a.l2 &+ f &- b.l2, a.l3 &+ f &- b.l3, a.l4 &+ f &- b.l4,
                           a.l5 &+ f &- b.l5, a.l6 &+ f &- b.l6, a.l7 &+ f &- b.l7, a.l8 &+ f8 &- b.l8).normalized
    }

    /// Column sums (each < 2^122) to loose limbs: carry each column's excess over 58 bits into the
    /// next, wrap the excess of the top over 57 bits (weight 2^521 ≡ 1) into limb 0, and move that
    /// limb's own excess one limb up.
    @inline(__always)
    static func carried(_ t0: Wide, _ t1: Wide, _ t2: Wide, _ t3: Wide, _ t4: Wide, _ t5: Wide, _ t6: Wide, _ t7: Wide, _ t8: Wide) -> P521Element {
        let m = P521Element.mask58
        let r0 = low(t0) & m
        let s1 = t1 &+ (t0 >> 58); let r1 = low(s1) & m
        let s2 = t2 &+ (s1 >> 58); let r2 = low(s2) & m
        let s3 = t3 &+ (s2 >> 58); let r3 = low(s3) & m
        let s4 = t4 &+ (s3 >> 58); let r4 = low(s4) & m
        let s5 = t5 &+ (s4 >> 58); let r5 = low(s5) & m
        let s6 = t6 &+ (s5 >> 58); let r6 = low(s6) & m
        let s7 = t7 &+ (s6 >> 58); let r7 = low(s7) & m
        let s8 = t8 &+ (s7 >> 58); let r8 = low(s8) & P521Element.mask57
        let u0 = (s8 >> 57) &+ Wide(r0)          // < 2^66 + 2^58
        return P521Element(low(u0) & m, r1 &+ low(u0 >> 58), r2, r3, r4, r5, r6, r7, r8)
    }
}

// MARK: 128-bit column sums

#if canImport(Darwin)
/// A 128-bit unsigned sum (Apple systems before macOS 15 / iOS 18 have no UInt128).
struct Wide {
    var lo: UInt64, hi: UInt64
    @inline(__always) init(lo: UInt64, hi: UInt64) { self.lo = lo; self.hi = hi }
    @inline(__always) init(_ x: UInt64) { lo = x; hi = 0 }
    @inline(__always) static func &+ (a: Wide, b: Wide) -> Wide {
        let (l, o) = a.lo.addingReportingOverflow(b.lo)
        return Wide(lo: l, hi: a.hi &+ b.hi &+ (o ? 1 : 0))
    }
    /// Shifts by 0 < s < 64.
    @inline(__always) static func >> (a: Wide, s: UInt64) -> Wide {
        Wide(lo: a.lo >> s | a.hi << (64 - s), hi: a.hi >> s)
    }
}
@inline(__always) func wide(_ x: UInt64, _ y: UInt64) -> Wide {
    let (hi, lo) = x.multipliedFullWidth(by: y)
    return Wide(lo: lo, hi: hi)
}
@inline(__always) func low(_ w: Wide) -> UInt64 { w.lo }
#else
typealias Wide = UInt128
@inline(__always) func wide(_ x: UInt64, _ y: UInt64) -> UInt128 { UInt128(x) &* UInt128(y) }
@inline(__always) func low(_ w: UInt128) -> UInt64 { UInt64(truncatingIfNeeded: w) }
#endif
