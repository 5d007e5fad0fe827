// Arithmetic in GF(p), p = 2^255 − 19 (RFC 8032 §5.1, RFC 7748 §4.1), on five 51-bit limbs:
// a = l0 + l1·2^51 + l2·2^102 + l3·2^153 + l4·2^204.
//
// Limbs are "loose": below 2^52 after every operation here, so that a product of two elements
// (each partial product < 2^52 · 19·2^52 < 2^109, five of them < 2^112) fits a 128-bit accumulator,
// built from `multipliedFullWidth` halves (no UInt128: the module also builds for wasm32 and older
// Apple systems). Reduction uses 2^255 ≡ 19 (mod p): a carry out of limb 4 re-enters limb 0 times 19.
// Only `bytes` produces the canonical value (< p).
//
// Verification handles public data only: nothing here needs to be constant time, and `isZero`,
// `==` and the decoding checks may exit early.

struct FieldElement {
    var l0, l1, l2, l3, l4: UInt64

    @inline(__always) init(_ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64, _ l4: UInt64) {
        self.l0 = l0; self.l1 = l1; self.l2 = l2; self.l3 = l3; self.l4 = l4
    }

    static let zero = FieldElement(0, 0, 0, 0, 0)
    static let one = FieldElement(1, 0, 0, 0, 0)
    static let mask51: UInt64 = (1 << 51) - 1

    /// The element whose little-endian encoding is `bytes` with the top bit (bit 255) ignored
    /// (RFC 8032 §5.1.3 step 1 reads y from the low 255 bits). The value may be ≥ p; callers that
    /// must refuse non-canonical encodings check `isCanonicalEncoding` first.
    init(littleEndian bytes: UnsafeRawBufferPointer) {
        func word(_ i: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) }
        let w0 = word(0), w1 = word(8), w2 = word(16), w3 = word(24)
        l0 = w0 & Self.mask51
        l1 = (w0 >> 51 | w1 << 13) & Self.mask51
        l2 = (w1 >> 38 | w2 << 26) & Self.mask51
        l3 = (w2 >> 25 | w3 << 39) & Self.mask51
        l4 = (w3 >> 12) & Self.mask51
    }

    /// Whether the low 255 bits of the 32 little-endian `bytes` are below p: the encoding of y in a
    /// point must be canonical (RFC 8032 §5.1.3 step 1: "If the resulting value is ≥ p, decoding
    /// fails"). The values p … 2^255 − 1 are the 19 encodings ED FF … FF 7F to FF FF … FF 7F.
    static func isCanonicalEncoding(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes[31] & 0x7F == 0x7F else { return true }
        for i in 1..<31 where bytes[i] != 0xFF { return true }
        return bytes[0] < 0xED
    }

    // MARK: ring operations

    @inline(__always) static func + (a: FieldElement, b: FieldElement) -> FieldElement {
        FieldElement(a.l0 &+ b.l0, a.l1 &+ b.l1, a.l2 &+ b.l2, a.l3 &+ b.l3, a.l4 &+ b.l4).carried()
    }

    /// a − b as a + 4p − b (4p's limbs exceed any loose limb, so no limb goes negative), carried.
    @inline(__always) static func - (a: FieldElement, b: FieldElement) -> FieldElement {
        FieldElement(a.l0 &+ 0x1F_FFFF_FFFF_FFB4 &- b.l0, a.l1 &+ 0x1F_FFFF_FFFF_FFFC &- b.l1, a.l2 &+ 0x1F_FFFF_FFFF_FFFC &- b.l2,
                     a.l3 &+ 0x1F_FFFF_FFFF_FFFC &- b.l3, a.l4 &+ 0x1F_FFFF_FFFF_FFFC &- b.l4).carried()
    }

    @inline(__always) static prefix func - (a: FieldElement) -> FieldElement { .zero - a }

    /// One carry pass: every limb below 2^51 plus a small carry into limb 0 (< 2^52 overall).
    @inline(__always) func carried() -> FieldElement {
        var r = self
        var c = r.l0 >> 51; r.l0 &= Self.mask51; r.l1 &+= c
        c = r.l1 >> 51; r.l1 &= Self.mask51; r.l2 &+= c
        c = r.l2 >> 51; r.l2 &= Self.mask51; r.l3 &+= c
        c = r.l3 >> 51; r.l3 &= Self.mask51; r.l4 &+= c
        c = r.l4 >> 51; r.l4 &= Self.mask51; r.l0 &+= c &* 19
        return r
    }

    /// a·b: schoolbook on limbs with 2^255 ≡ 19 folded in (limb i·j products with i + j ≥ 5 enter
    /// column i + j − 5 times 19), five 128-bit column sums, then one carry pass.
    @inline(__always) static func * (a: FieldElement, b: FieldElement) -> FieldElement {
        let b1_19 = b.l1 &* 19, b2_19 = b.l2 &* 19, b3_19 = b.l3 &* 19, b4_19 = b.l4 &* 19
        var c0 = Wide(a.l0, b.l0); c0.add(a.l1, b4_19); c0.add(a.l2, b3_19); c0.add(a.l3, b2_19); c0.add(a.l4, b1_19)
        var c1 = Wide(a.l0, b.l1); c1.add(a.l1, b.l0); c1.add(a.l2, b4_19); c1.add(a.l3, b3_19); c1.add(a.l4, b2_19)
        var c2 = Wide(a.l0, b.l2); c2.add(a.l1, b.l1); c2.add(a.l2, b.l0); c2.add(a.l3, b4_19); c2.add(a.l4, b3_19)
        var c3 = Wide(a.l0, b.l3); c3.add(a.l1, b.l2); c3.add(a.l2, b.l1); c3.add(a.l3, b.l0); c3.add(a.l4, b4_19)
        var c4 = Wide(a.l0, b.l4); c4.add(a.l1, b.l3); c4.add(a.l2, b.l2); c4.add(a.l3, b.l1); c4.add(a.l4, b.l0)
        return reduce(&c0, &c1, &c2, &c3, &c4)
    }

    /// a²: the products a_i·a_j (i ≠ j) appear twice, so they are taken once with a doubled factor:
    /// c0 = a0² + 38(a1a4 + a2a3), c1 = 2a0a1 + 38a2a4 + 19a3², c2 = 2a0a2 + a1² + 38a3a4,
    /// c3 = 2a0a3 + 2a1a2 + 19a4², c4 = 2a0a4 + 2a1a3 + a2².
    @inline(__always) func squared() -> FieldElement {
        let d0 = l0 &* 2, d1 = l1 &* 2, l3_38 = l3 &* 38, l4_38 = l4 &* 38
        var c0 = Wide(l0, l0); c0.add(l1, l4_38); c0.add(l2, l3_38)
        var c1 = Wide(d0, l1); c1.add(l2, l4_38); c1.add(l3, l3 &* 19)
        var c2 = Wide(d0, l2); c2.add(l1, l1); c2.add(l3, l4_38)
        var c3 = Wide(d0, l3); c3.add(d1, l2); c3.add(l4, l4 &* 19)
        var c4 = Wide(d0, l4); c4.add(d1, l3); c4.add(l2, l2)
        return Self.reduce(&c0, &c1, &c2, &c3, &c4)
    }

    /// Carries five 128-bit column sums into loose 51-bit limbs.
    @inline(__always) static func reduce(_ c0: inout Wide, _ c1: inout Wide, _ c2: inout Wide, _ c3: inout Wide, _ c4: inout Wide) -> FieldElement {
        c1.add(c0.shifted51); let r0 = c0.low & mask51
        c2.add(c1.shifted51); let r1 = c1.low & mask51
        c3.add(c2.shifted51); let r2 = c2.low & mask51
        c4.add(c3.shifted51); let r3 = c3.low & mask51
        let carry = c4.shifted51                       // < 2^64 / 19 for loose inputs
        let r4 = c4.low & mask51
        var r = FieldElement(r0 &+ carry &* 19, r1, r2, r3, r4)
        let c = r.l0 >> 51
        r.l0 &= mask51
        r.l1 &+= c
        return r
    }

    /// self^(2^n), n ≥ 1.
    @inline(__always) func squared(times n: Int) -> FieldElement {
        var r = squared()
        for _ in 1..<n { r = r.squared() }
        return r
    }

    // MARK: exponentiation (addition chains)

    /// (z^(2^250 − 1), z^11): the shared head of the chains for p − 2 and (p − 5)/8.
    private func chainHead() -> (t250: FieldElement, z11: FieldElement) {
        let z2 = squared()                             // z^2
        let z9 = squared(times: 3) * self              // z^8 · z = z^9
        let z11 = z9 * z2                              // z^11
        let t5 = z11.squared() * z9                    // z^22 · z^9 = z^(2^5 − 1)
        let t10 = t5.squared(times: 5) * t5            // z^(2^10 − 1)
        let t20 = t10.squared(times: 10) * t10         // z^(2^20 − 1)
        let t40 = t20.squared(times: 20) * t20         // z^(2^40 − 1)
        let t50 = t40.squared(times: 10) * t10         // z^(2^50 − 1)
        let t100 = t50.squared(times: 50) * t50        // z^(2^100 − 1)
        let t200 = t100.squared(times: 100) * t100     // z^(2^200 − 1)
        let t250 = t200.squared(times: 50) * t50       // z^(2^250 − 1)
        return (t250, z11)
    }

    /// z^(p − 2) = z^(2^255 − 21) = 1/z (Fermat); 0 for 0.
    func inverted() -> FieldElement {
        let (t250, z11) = chainHead()
        return t250.squared(times: 5) * z11            // z^(2^255 − 32 + 11)
    }

    /// z^((p − 5)/8) = z^(2^252 − 3), for square roots (RFC 8032 §5.1.3 step 3).
    func powPMinus5Over8() -> FieldElement {
        let (t250, _) = chainHead()
        return t250.squared(times: 2) * self           // z^(2^252 − 4 + 1)
    }

    // MARK: canonical form

    /// The canonical value (< p) as 32 little-endian bytes (bit 255 clear).
    func write(to out: UnsafeMutableRawBufferPointer) {
        // Three passes leave every limb below 2^51 (a second or third carry into limb 0 happens only
        // when the limbs above it were all at their maximum).
        var r = carried().carried().carried()
        // r ≥ p ⇔ r + 19 ≥ 2^255: q is that comparison's carry out of bit 255.
        var q = (r.l0 &+ 19) >> 51
        q = (r.l1 &+ q) >> 51
        q = (r.l2 &+ q) >> 51
        q = (r.l3 &+ q) >> 51
        q = (r.l4 &+ q) >> 51
        // r − q·p = r + 19q − q·2^255: add 19q, carry, drop bit 255.
        r.l0 &+= 19 &* q
        var c = r.l0 >> 51; r.l0 &= Self.mask51; r.l1 &+= c
        c = r.l1 >> 51; r.l1 &= Self.mask51; r.l2 &+= c
        c = r.l2 >> 51; r.l2 &= Self.mask51; r.l3 &+= c
        c = r.l3 >> 51; r.l3 &= Self.mask51; r.l4 &+= c
        r.l4 &= Self.mask51
        out.storeBytes(of: (r.l0 | r.l1 << 51).littleEndian, toByteOffset: 0, as: UInt64.self)
        out.storeBytes(of: (r.l1 >> 13 | r.l2 << 38).littleEndian, toByteOffset: 8, as: UInt64.self)
        out.storeBytes(of: (r.l2 >> 26 | r.l3 << 25).littleEndian, toByteOffset: 16, as: UInt64.self)
        out.storeBytes(of: (r.l3 >> 39 | r.l4 << 12).littleEndian, toByteOffset: 24, as: UInt64.self)
    }

    /// The canonical encoding as four little-endian words (for comparisons and the sign bit).
    var canonicalWords: (UInt64, UInt64, UInt64, UInt64) {
        var w: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &w) { write(to: $0) }
        return (UInt64(littleEndian: w.0), UInt64(littleEndian: w.1), UInt64(littleEndian: w.2), UInt64(littleEndian: w.3))
    }

    var isZero: Bool { let w = canonicalWords; return w.0 | w.1 | w.2 | w.3 == 0 }

    /// x mod 2 of the canonical value: the "sign" RFC 8032 §5.1.2 stores in bit 255.
    var isNegative: Bool { canonicalWords.0 & 1 == 1 }

    static func == (a: FieldElement, b: FieldElement) -> Bool { (a - b).isZero }
}

/// A 128-bit column sum built from 64×64→128 products (no UInt128 needed).
struct Wide {
    var high: UInt64
    var low: UInt64

    @inline(__always) init(_ a: UInt64, _ b: UInt64) { (high, low) = a.multipliedFullWidth(by: b) }

    @inline(__always) mutating func add(_ a: UInt64, _ b: UInt64) {
        let (h, l) = a.multipliedFullWidth(by: b)
        let (s, overflow) = low.addingReportingOverflow(l)
        low = s
        high = high &+ h &+ (overflow ? 1 : 0)
    }

    @inline(__always) mutating func add(_ v: UInt64) {
        let (s, overflow) = low.addingReportingOverflow(v)
        low = s
        high = high &+ (overflow ? 1 : 0)
    }

    /// ⌊self / 2^51⌋, which fits a word for column sums < 2^115.
    @inline(__always) var shifted51: UInt64 { high << 13 | low >> 51 }
}
