// ECDSA verification (FIPS 186-5 §6.4.2; SEC 1 v2 §4.1.4) on P-256, P-384 and P-521, with public
// keys validated at import (SP 800-56A Rev. 3 §5.6.2.3.4, partial public-key validation: both
// coordinates below p, the point on the curve, not the identity — with cofactor 1 that is enough).
//
// The signature is (r, s) as the JWS form fixes it (RFC 7518 §3.4): r ‖ s, each exactly ⌈bits/8⌉
// octets. The hash is the caller's (JWS: SHA-256/384/512 for ES256/384/512); FIPS 186-5 §6.4.2
// step 4 keeps its leftmost ⌈log2 n⌉ bits when it is longer (never the case for the JWS pairs:
// P-521's 521-bit n is longer than SHA-512, so e = H whole).
//
// u1·G + u2·Q is one interleaved signed-window (wNAF) double-scalar multiplication, the accumulator
// in Jacobian coordinates and the precomputed multiples affine (their exceptional cases handled);
// the tables are built with the complete projective formulas. Variable time — public data.

/// Why an EC public key was refused.
public enum ECKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A coordinate of the wrong length (or not the uncompressed 0x04 ‖ x ‖ y form).
    case wrongLength
    /// A coordinate is not below p (SP 800-56A §5.6.2.3.4 step 2).
    case coordinateOutOfRange
    /// The point is not on the curve (step 3), or is the point at infinity (step 1).
    case notOnCurve

    /// The reason in words.
    public var description: String {
        switch self {
        case .wrongLength: "an EC public key needs x and y of exactly the curve's coordinate length"
        case .coordinateOutOfRange: "an EC public key coordinate is not below p (SP 800-56A §5.6.2.3.4)"
        case .notOnCurve: "the EC public key is not a point of the curve (SP 800-56A §5.6.2.3.4)"
        }
    }
}

/// A validated EC public key on P-256, P-384 or P-521, ready for ECDSA verification.
public struct ECPublicKey: Sendable, Equatable {
    let prepared: Prepared

    /// The curve, the point and its window table, computed once.
    final class Prepared: Sendable {
        let curve: CurveContext
        let x: [UInt8], y: [UInt8]
        /// (2i + 1)·Q for i = 0 … 15 (width 6) and (2i + 1)·G for i = 0 … 31 (width 7), affine,
        /// computed once at import (one simultaneous inversion).
        let qMultiples: [AffinePoint]
        let gMultiples: [AffinePoint]

        init(curve: CurveContext, x: [UInt8], y: [UInt8], point: ProjectivePoint) {
            self.curve = curve
            self.x = x
            self.y = y
            let tables = curve.affine(curve.oddMultiples(point, count: 16) + curve.oddMultiples(curve.g, count: 32))
            qMultiples = Array(tables[0..<16])
            gMultiples = Array(tables[16...])
        }
    }

    /// Imports (x, y), each exactly `curve.coordinateByteCount` big-endian octets.
    /// - Throws: `ECKeyError` for a wrong length, a coordinate ≥ p, or a point not on the curve.
    public init(curve: ECCurve, x: [UInt8], y: [UInt8]) throws(ECKeyError) {
        let k = curve.coordinateByteCount
        guard x.count == k, y.count == k, let xl = Limbs(bigEndian: x), let yl = Limbs(bigEndian: y) else { throw .wrongLength }
        let context = CurveContext(curve)
        let words = context.field.count
        // §5.6.2.3.4 step 2: 0 ≤ x, y ≤ p − 1.
        guard Limbs.compare(xl, context.p, count: max(words, 9)) < 0, Limbs.compare(yl, context.p, count: max(words, 9)) < 0 else {
            throw .coordinateOutOfRange
        }
        let xm = context.field.toMontgomery(xl), ym = context.field.toMontgomery(yl)
        // Step 3: on the curve (the identity has no affine form, so step 1 holds too).
        guard context.isOnCurve(x: xm, y: ym) else { throw .notOnCurve }
        prepared = Prepared(curve: context, x: x, y: y, point: ProjectivePoint(x: xm, y: ym, z: context.field.one))
    }

    /// Imports the uncompressed SEC 1 encoding 0x04 ‖ x ‖ y (§2.3.3); compressed points are refused.
    public init(curve: ECCurve, uncompressed bytes: [UInt8]) throws(ECKeyError) {
        let k = curve.coordinateByteCount
        guard bytes.count == 1 + 2 * k, bytes.first == 0x04 else { throw .wrongLength }
        try self.init(curve: curve, x: Array(bytes[1...k]), y: Array(bytes[(1 + k)...]))
    }

    /// The curve.
    public var curve: ECCurve { prepared.curve.curve }
    /// x, big-endian, the curve's coordinate length.
    public var x: [UInt8] { prepared.x }
    /// y, big-endian, the curve's coordinate length.
    public var y: [UInt8] { prepared.y }
    /// 0x04 ‖ x ‖ y.
    public var uncompressed: [UInt8] { [0x04] + prepared.x + prepared.y }

    /// Equal when curve and coordinates are.
    public static func == (a: ECPublicKey, b: ECPublicKey) -> Bool { a.curve == b.curve && a.x == b.x && a.y == b.y }

    /// ECDSA verification of `signature` = r ‖ s (each the coordinate length) over a message whose
    /// hash is `digest`.
    public func isValidSignature(_ signature: [UInt8], digest: [UInt8]) -> Bool {
        signature.withUnsafeBytes { s in digest.withUnsafeBytes { isValidSignature(s, digest: $0) } }
    }

    /// The verification on raw views (the JWS path).
    public func isValidSignature(_ signature: UnsafeRawBufferPointer, digest: UnsafeRawBufferPointer) -> Bool {
        let c = prepared.curve
        let k = c.curve.coordinateByteCount
        // RFC 7518 §3.4: exactly 2·k octets; anything else (DER, truncated, padded) is invalid.
        guard signature.count == 2 * k,
              let r = Limbs(bigEndian: UnsafeRawBufferPointer(rebasing: signature[0..<k])),
              let s = Limbs(bigEndian: UnsafeRawBufferPointer(rebasing: signature[k...])) else { return false }
        let words = max(c.scalars.count, 1)
        // FIPS 186-5 §6.4.2 step 1–2: r and s in [1, n − 1].
        guard !r.isZero, !s.isZero, Limbs.compare(r, c.n, count: 9) < 0, Limbs.compare(s, c.n, count: 9) < 0 else { return false }
        // Step 3–4: e = the leftmost ⌈log2 n⌉ bits of H, then reduced below n (e < 2^bits(n) < 2n).
        var e = Self.leftmostBits(digest, c.n.bitWidth)
        if Limbs.compare(e, c.n, count: 9) >= 0 { Limbs.subtract(&e, c.n, count: words) }
        // Step 5: w = s⁻¹ mod n. Step 6: u1 = e·w, u2 = r·w mod n.
        let sc = c.scalars
        let w = sc.inverse(sc.toMontgomery(s))
        let u1 = sc.fromMontgomery(sc.multiply(sc.toMontgomery(e), w))
        let u2 = sc.fromMontgomery(sc.multiply(sc.toMontgomery(r), w))
        // Step 7: R = u1·G + u2·Q; the identity is invalid.
        let point = doubleScalarMultiply(u1, u2)
        let f = c.field
        guard !point.z.isZero else { return false }
        // Step 8–9: x_R mod n must equal r, x_R = X/Z² < p. Without an inversion: x_R mod n = r
        // exactly when x_R = r, or x_R = r + n (possible only while r + n < p): compare X with
        // candidate·Z² in the field.
        let zz = f.square(point.z)
        if f.multiply(f.toMontgomery(r), zz) == point.x { return true }
        var rn = r
        let carry = Limbs.add(&rn, c.n, count: 9)
        guard !carry, Limbs.compare(rn, c.p, count: 9) < 0 else { return false }
        return f.multiply(f.toMontgomery(rn), zz) == point.x
    }

    /// The leftmost `bits` bits of `digest` as an integer (FIPS 186-5 §6.4.1 step 4 / §6.4.2).
    static func leftmostBits(_ digest: UnsafeRawBufferPointer, _ bits: Int) -> Limbs {
        let hashBits = digest.count * 8
        let bytes = Array(digest.prefix(min(digest.count, (bits + 7) / 8)))
        var v = Limbs(bigEndian: bytes) ?? .zero
        let taken = bytes.count * 8
        if hashBits > bits && taken > bits {
            // Shift right by the extra bits of the last byte taken.
            let shift = UInt64(taken - bits)
            for i in 0..<9 {
                let next = i + 1 < 9 ? v[i + 1] : 0
                v[i] = v[i] >> shift | (shift == 0 ? 0 : next << (64 - shift))
            }
        }
        return v
    }

    /// u1·G + u2·Q by interleaved wNAF (Straus–Shamir): width 7 for G, 6 for Q, the accumulator
    /// Jacobian, the table points affine.
    func doubleScalarMultiply(_ u1: Limbs, _ u2: Limbs) -> JacobianPoint {
        let c = prepared.curve
        let d1 = Self.nonAdjacentForm(u1, width: 7), d2 = Self.nonAdjacentForm(u2, width: 6)
        var top = max(d1.count, d2.count) - 1
        while top >= 0 && (top >= d1.count || d1[top] == 0) && (top >= d2.count || d2[top] == 0) { top -= 1 }
        var r = c.jacobianIdentity
        let g = prepared.gMultiples, q = prepared.qMultiples
        let f = c.field
        var i = top
        while i >= 0 {
            r = c.double(r)
            if i < d1.count, d1[i] != 0 {
                let t = g[Int(d1[i] < 0 ? -d1[i] : d1[i]) >> 1]
                r = c.add(r, d1[i] > 0 ? t : AffinePoint(x: t.x, y: f.negate(t.y)))
            }
            if i < d2.count, d2[i] != 0 {
                let t = q[Int(d2[i] < 0 ? -d2[i] : d2[i]) >> 1]
                r = c.add(r, d2[i] > 0 ? t : AffinePoint(x: t.x, y: f.negate(t.y)))
            }
            i -= 1
        }
        return r
    }

    /// Width-w NAF digits of k (least significant first): while k ≠ 0, an odd k gives the digit
    /// k mods 2^w ∈ (−2^(w−1), 2^(w−1)), which is subtracted; then k is halved.
    static func nonAdjacentForm(_ k: Limbs, width w: Int) -> [Int8] {
        let window = UInt64(1) << UInt64(w), half = Int64(1) << Int64(w - 1)
        var x = k
        var digits: [Int8] = []
        digits.reserveCapacity(k.bitWidth + 1)
        while !x.isZero {
            var d: Int64 = 0
            if x[0] & 1 == 1 {
                d = Int64(x[0] & (window - 1))
                if d >= half { d -= Int64(window) }
                var dl = Limbs()
                if d > 0 {
                    dl[0] = UInt64(d)
                    Limbs.subtract(&x, dl, count: 9)
                } else {
                    dl[0] = UInt64(-d)
                    Limbs.add(&x, dl, count: 9)
                }
            }
            digits.append(Int8(d))
            for i in 0..<9 { x[i] = x[i] >> 1 | (i + 1 < 9 ? x[i + 1] << 63 : 0) }
        }
        return digits
    }
}
