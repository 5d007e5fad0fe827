// Prime fields for ECDSA verification: GF(p) and Z/nZ of P-256, P-384 and P-521, each a fixed number
// of 64-bit words (4, 6, 9) in Montgomery form — x is held as x·R mod m, R = 2^(64·words) — so a
// product is a·b·R⁻¹ mod m and never needs a division (Montgomery, "Modular multiplication without
// trial division", Math. Comp. 1985; HAC 14.36).
//
// The kernels (multiply, square, add, subtract) are straight-line code generated per field by
// Vectors/generators/ec_field_kernels.py into FieldKernels.swift: product scanning with the
// reduction integrated (Koç, Acar, Kaliski, IEEE Micro 1996 — the method of PureBigNum's RSA
// kernel), every modulus word a literal. This file has the word-level helpers they are written in
// and what is generic over a field: conversions, negation, inversion.
//
// Verification handles public data: the inversion exponent and comparisons are variable time.

/// A fixed-size field element (Words4, Words6, Words9, P521Element). `==` and `isZero` compare
/// values, whatever the representation.
protocol FieldWords: Equatable, Sendable {
    /// The element whose words (in the field's own form) are the integer `limbs` < m.
    init(_ limbs: Limbs)
    /// The integer the words stand for, fully reduced, as nine-word `Limbs`.
    var limbs: Limbs { get }
    var isZero: Bool { get }
}

/// A prime field with its generated kernels, in Montgomery form (R = 2^(64·words)) or, for
/// P-521's GF(2^521 − 1), in ordinary form (R = 1) on unsaturated limbs (P521Field.swift). The
/// Montgomery fields' outputs are fully reduced below m, so equal values have equal words.
protocol ECField {
    associatedtype Element: FieldWords
    static var zero: Element { get }
    /// R mod m, the Montgomery form of 1.
    static var one: Element { get }
    /// R² mod m.
    static var rSquared: Element { get }
    /// The modulus m as an integer (for range checks).
    static var modulusLimbs: Limbs { get }
    /// m − 2, the Fermat inversion exponent.
    static var inversionExponent: Limbs { get }
    /// a·b·R⁻¹ mod m.
    static func multiply(_ a: Element, _ b: Element) -> Element
    /// a²·R⁻¹ mod m.
    static func square(_ a: Element) -> Element
    /// a + b mod m.
    static func add(_ a: Element, _ b: Element) -> Element
    /// a − b mod m.
    static func subtract(_ a: Element, _ b: Element) -> Element
}

extension ECField {
    @inline(__always) static func negate(_ a: Element) -> Element { subtract(zero, a) }

    /// x·R mod m, for x < m.
    static func toMontgomery(_ x: Element) -> Element { multiply(x, rSquared) }

    /// x·R⁻¹ mod m: the ordinary value of a Montgomery-form x.
    static func fromMontgomery(_ x: Element) -> Element {
        var oneWord = Limbs()
        oneWord[0] = 1
        return multiply(x, Element(oneWord))
    }

    /// x⁻¹ = x^(m − 2) (Fermat; m prime), Montgomery form in and out; 0 for 0. A fixed 4-bit
    /// window over the public exponent: 15 products for the table, then per 4 bits four squarings
    /// and at most one product.
    static func inverse(_ x: Element) -> Element {
        withUnsafeTemporaryAllocation(of: Element.self, capacity: 16) { buffer -> Element in
            let table = buffer.baseAddress!
            table.initialize(to: one)
            (table + 1).initialize(to: x)
            var i = 2
            while i < 16 { (table + i).initialize(to: multiply(table[i - 1], x)); i += 1 }
            let e = inversionExponent
            var r = one
            var bit = (e.bitWidth + 3) / 4 * 4 - 4
            while bit >= 0 {
                r = square(square(square(square(r))))
                let digit = Int((e[bit >> 6] >> UInt64(bit & 63)) & 0xF)
                if digit != 0 { r = multiply(r, table[digit]) }
                bit -= 4
            }
            buffer.deinitialize()
            return r
        }
    }
}

// MARK: word helpers for the generated kernels
//
// Where the standard library has UInt128 unconditionally (Linux, Windows, Android, wasm, Embedded),
// carries live in 128-bit sums: LLVM then emits `add`/`adc`/`sbb` chains. With `Bool` overflow
// flags instead it turns many carries into conditional jumps on data — mispredicted about half
// the time; that form measured 2.5× slower per verification for the same instruction count here.
// On Apple systems UInt128 needs macOS 15 / iOS 18, newer than this package's minimum, so the
// products' carries are computed from the top bits there instead (branch-free, more instructions;
// measured on Linux by switching the branches: P-256 ~1.6×, P-384 ~1.9× the time of the UInt128
// form — see the README).

#if canImport(Darwin)
/// The carry out of s = a + b (mod 2^64), from the three top bits: no flag, so no branch.
@inline(__always) func carryOut(_ a: UInt64, _ b: UInt64, _ s: UInt64) -> UInt64 { (a & b | (a | b) & ~s) >> 63 }

/// (c2 : c1 : c0) += x·y. The column sum never exceeds three words (at most 2·9 + 1 products of
/// < 2^128 each), and hi ≤ 2^64 − 2, so hi + carry cannot wrap. Carries by `carryOut`: with
/// `Bool` overflow flags LLVM emits jumps on data here (4× slower).
@inline(__always) func mac(_ c0: inout UInt64, _ c1: inout UInt64, _ c2: inout UInt64, _ x: UInt64, _ y: UInt64) {
    let (hi, lo) = x.multipliedFullWidth(by: y)
    let s0 = c0 &+ lo
    let t = hi &+ carryOut(c0, lo, s0)
    let s1 = c1 &+ t
    c2 &+= carryOut(c1, t, s1)
    c0 = s0
    c1 = s1
}

/// (c2 : c1) += x.
@inline(__always) func carryIn(_ c1: inout UInt64, _ c2: inout UInt64, _ x: UInt64) {
    let (s, o) = c1.addingReportingOverflow(x)
    c1 = s
    c2 &+= o ? 1 : 0
}

/// (c2 : c1 : c0) += 2·(d2 : d1 : d0); d < 2^191 (a column's cross products), so nothing is lost.
@inline(__always) func addDoubled(_ c0: inout UInt64, _ c1: inout UInt64, _ c2: inout UInt64, _ d0: UInt64, _ d1: UInt64, _ d2: UInt64) {
    let e0 = d0 << 1, e1 = d1 << 1 | d0 >> 63, e2 = d2 << 1 | d1 >> 63
    let (s0, o0) = c0.addingReportingOverflow(e0)
    let (t1, o1) = c1.addingReportingOverflow(e1)
    let (s1, o2) = t1.addingReportingOverflow(o0 ? 1 : 0)
    c0 = s0
    c1 = s1
    c2 = c2 &+ e2 &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
}

/// a + b + carry, the carry (0 or 1) updated.
@inline(__always) func addc(_ a: UInt64, _ b: UInt64, _ carry: inout UInt64) -> UInt64 {
    let (s1, o1) = a.addingReportingOverflow(b)
    let (s2, o2) = s1.addingReportingOverflow(carry)
    carry = (o1 ? 1 : 0) | (o2 ? 1 : 0)
    return s2
}

/// a − b − borrow, the borrow (0 or 1) updated.
@inline(__always) func sub(_ a: UInt64, _ b: UInt64, _ borrow: inout UInt64) -> UInt64 {
    let (d1, o1) = a.subtractingReportingOverflow(b)
    let (d2, o2) = d1.subtractingReportingOverflow(borrow)
    borrow = (o1 ? 1 : 0) | (o2 ? 1 : 0)
    return d2
}
#else
/// (c2 : c1 : c0) += x·y. The column sum never exceeds three words (at most 2·9 + 1 products of
/// < 2^128 each).
@inline(__always) func mac(_ c0: inout UInt64, _ c1: inout UInt64, _ c2: inout UInt64, _ x: UInt64, _ y: UInt64) {
    let (s, o) = (UInt128(c1) << 64 | UInt128(c0)).addingReportingOverflow(UInt128(x) &* UInt128(y))
    c0 = UInt64(truncatingIfNeeded: s)
    c1 = UInt64(truncatingIfNeeded: s >> 64)
    c2 &+= o ? 1 : 0
}

/// (c2 : c1) += x.
@inline(__always) func carryIn(_ c1: inout UInt64, _ c2: inout UInt64, _ x: UInt64) {
    let s = (UInt128(c2) << 64 | UInt128(c1)) &+ UInt128(x)
    c1 = UInt64(truncatingIfNeeded: s)
    c2 = UInt64(truncatingIfNeeded: s >> 64)
}

/// (c2 : c1 : c0) += 2·(d2 : d1 : d0); d < 2^191 (a column's cross products), so nothing is lost.
@inline(__always) func addDoubled(_ c0: inout UInt64, _ c1: inout UInt64, _ c2: inout UInt64, _ d0: UInt64, _ d1: UInt64, _ d2: UInt64) {
    let low = UInt128(d1) << 64 | UInt128(d0)
    let (s, o) = (UInt128(c1) << 64 | UInt128(c0)).addingReportingOverflow(low << 1)
    c0 = UInt64(truncatingIfNeeded: s)
    c1 = UInt64(truncatingIfNeeded: s >> 64)
    c2 = c2 &+ (d2 << 1 | d1 >> 63) &+ (o ? 1 : 0)
}

/// a + b + carry, the carry (0 or 1) updated.
@inline(__always) func addc(_ a: UInt64, _ b: UInt64, _ carry: inout UInt64) -> UInt64 {
    let s = UInt128(a) &+ UInt128(b) &+ UInt128(carry)
    carry = UInt64(truncatingIfNeeded: s >> 64)
    return UInt64(truncatingIfNeeded: s)
}

/// a − b − borrow, the borrow (0 or 1) updated.
@inline(__always) func sub(_ a: UInt64, _ b: UInt64, _ borrow: inout UInt64) -> UInt64 {
    let d = UInt128(a) &- UInt128(b) &- UInt128(borrow)
    borrow = UInt64(truncatingIfNeeded: d >> 64) & 1
    return UInt64(truncatingIfNeeded: d)
}
#endif
