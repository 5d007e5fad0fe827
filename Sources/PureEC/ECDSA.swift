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
// the tables are built with the complete projective formulas at import. Generic over the curve
// (`WeierstrassCurve`), specialised per curve; the key holds its curve's tables in a closed enum.
// Variable time — public data.

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

    /// The coordinates and the curve's window tables, computed once.
    final class Prepared: Sendable {
        let curve: ECCurve
        let x: [UInt8], y: [UInt8]
        let tables: Tables

        init(curve: ECCurve, x: [UInt8], y: [UInt8], tables: Tables) {
            self.curve = curve
            self.x = x
            self.y = y
            self.tables = tables
        }
    }

    /// One case per curve: the generic arithmetic specialised for it.
    enum Tables: Sendable {
        case p256(CurveTables<P256>)
        case p384(CurveTables<P384>)
        case p521(CurveTables<P521>)

        /// FIPS 186-5 §6.4.2 on the key's curve (the one dispatch per verification).
        func isValid(r: Limbs, s: Limbs, digest: UnsafeRawBufferPointer) -> Bool {
            switch self {
            case .p256(let t): t.isValid(r: r, s: s, digest: digest)
            case .p384(let t): t.isValid(r: r, s: s, digest: digest)
            case .p521(let t): t.isValid(r: r, s: s, digest: digest)
            }
        }
    }

    /// Imports (x, y), each exactly `curve.coordinateByteCount` big-endian octets.
    /// - Throws: `ECKeyError` for a wrong length, a coordinate ≥ p, or a point not on the curve.
    public init(curve: ECCurve, x: [UInt8], y: [UInt8]) throws(ECKeyError) {
        let k = curve.coordinateByteCount
        guard x.count == k, y.count == k, let xl = Limbs(bigEndian: x), let yl = Limbs(bigEndian: y) else { throw .wrongLength }
        let tables: Tables = switch curve {
        case .p256: .p256(try CurveTables(x: xl, y: yl))
        case .p384: .p384(try CurveTables(x: xl, y: yl))
        case .p521: .p521(try CurveTables(x: xl, y: yl))
        }
        prepared = Prepared(curve: curve, x: x, y: y, tables: tables)
    }

    /// Imports the uncompressed SEC 1 encoding 0x04 ‖ x ‖ y (§2.3.3); compressed points are refused.
    public init(curve: ECCurve, uncompressed bytes: [UInt8]) throws(ECKeyError) {
        let k = curve.coordinateByteCount
        guard bytes.count == 1 + 2 * k, bytes.first == 0x04 else { throw .wrongLength }
        try self.init(curve: curve, x: Array(bytes[1...k]), y: Array(bytes[(1 + k)...]))
    }

    /// The curve.
    public var curve: ECCurve { prepared.curve }
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
        let k = prepared.curve.coordinateByteCount
        // RFC 7518 §3.4: exactly 2·k octets; anything else (DER, truncated, padded) is invalid.
        guard signature.count == 2 * k,
              let r = Limbs(bigEndian: UnsafeRawBufferPointer(rebasing: signature[0..<k])),
              let s = Limbs(bigEndian: UnsafeRawBufferPointer(rebasing: signature[k...])) else { return false }
        return prepared.tables.isValid(r: r, s: s, digest: digest)
    }

    /// The generic primitive (FIPS 186-5 §6.4.2) for signatures outside JWS: r and s as unsigned
    /// big-endian integers of any length (from a DER `Ecdsa-Sig-Value`, say — PureDER's
    /// `ECDSASignatureDER` decodes one strictly), checked to be in [1, n − 1].
    public func isValidSignature(r: [UInt8], s: [UInt8], digest: [UInt8]) -> Bool {
        // Leading zero octets do not change the integer; more than nine words cannot be below n.
        guard let rl = Limbs(bigEndian: r.drop(while: { $0 == 0 })), let sl = Limbs(bigEndian: s.drop(while: { $0 == 0 })) else { return false }
        return digest.withUnsafeBytes { prepared.tables.isValid(r: rl, s: sl, digest: $0) }
    }

    /// The leftmost `bits` bits of `digest` as an integer (FIPS 186-5 §6.4.1 step 4 / §6.4.2).
    static func leftmostBits(_ digest: UnsafeRawBufferPointer, _ bits: Int) -> Limbs {
        let hashBits = digest.count * 8
        let taken = min(digest.count, (bits + 7) / 8)
        var v = Limbs(bigEndian: UnsafeRawBufferPointer(rebasing: digest[0..<taken])) ?? .zero
        if hashBits > bits && taken * 8 > bits {
            // Shift right by the extra bits of the last byte taken.
            let shift = UInt64(taken * 8 - bits)
            for i in 0..<9 {
                let next = i + 1 < 9 ? v[i + 1] : 0
                v[i] = v[i] >> shift | next << (64 - shift)
            }
        }
        return v
    }

    /// Width-w NAF digits of k (least significant first) into `digits`; returns their count. While
    /// k ≠ 0, an odd k gives the digit k mods 2^w ∈ (−2^(w−1), 2^(w−1)), which is subtracted; then k
    /// is halved. At most bitWidth(k) + 1 digits.
    static func nonAdjacentForm(_ k: Limbs, width w: Int, into digits: UnsafeMutablePointer<Int8>) -> Int {
        let window = UInt64(1) << UInt64(w), half = Int64(1) << Int64(w - 1)
        var x = k
        var count = 0
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
            digits[count] = Int8(d)
            count += 1
            for i in 0..<9 { x[i] = x[i] >> 1 | (i + 1 < 9 ? x[i + 1] << 63 : 0) }
        }
        return count
    }
}

/// A public key's point Q on curve C with the window tables of Q and G, built at import.
struct CurveTables<C: WeierstrassCurve>: Sendable {
    typealias F = C.Field
    typealias S = C.Scalar
    /// (2i + 1)·Q for i = 0 … 31 (width 7) and (2i + 1)·G for i = 0 … 63 (width 8; a wider G
    /// window would not fit the Int8 digits), affine (one simultaneous inversion).
    let q: [AffinePoint<F>]
    let g: [AffinePoint<F>]

    static var qWidth: Int { 7 }
    static var gWidth: Int { 8 }

    /// Validates (x, y) (SP 800-56A §5.6.2.3.4) and builds the tables.
    init(x: Limbs, y: Limbs) throws(ECKeyError) {
        // Step 2: 0 ≤ x, y ≤ p − 1.
        let p = F.modulusLimbs
        guard Limbs.compare(x, p, count: 9) < 0, Limbs.compare(y, p, count: 9) < 0 else { throw .coordinateOutOfRange }
        let xm = F.toMontgomery(F.Element(x)), ym = F.toMontgomery(F.Element(y))
        // Step 3: on the curve (the identity has no affine form, so step 1 holds too).
        guard C.isOnCurve(x: xm, y: ym) else { throw .notOnCurve }
        let point = ProjectivePoint<F>(x: xm, y: ym, z: F.one)
        let base = ProjectivePoint<F>(x: C.g.x, y: C.g.y, z: F.one)
        let qCount = 1 << (Self.qWidth - 2), gCount = 1 << (Self.gWidth - 2)
        let all = C.affine(C.oddMultiples(point, count: qCount) + C.oddMultiples(base, count: gCount))
        q = Array(all[0..<qCount])
        g = Array(all[qCount...])
    }

    /// FIPS 186-5 §6.4.2 for r, s (already parsed, any size) and the message digest.
    func isValid(r: Limbs, s: Limbs, digest: UnsafeRawBufferPointer) -> Bool {
        let n = S.modulusLimbs, p = F.modulusLimbs
        // Steps 1–2: r and s in [1, n − 1].
        guard !r.isZero, !s.isZero, Limbs.compare(r, n, count: 9) < 0, Limbs.compare(s, n, count: 9) < 0 else { return false }
        // Steps 3–4: e = the leftmost ⌈log2 n⌉ bits of H, then reduced below n (e < 2^bits(n) < 2n).
        var e = ECPublicKey.leftmostBits(digest, n.bitWidth)
        if Limbs.compare(e, n, count: 9) >= 0 { Limbs.subtract(&e, n, count: 9) }
        // Step 5: w = s⁻¹ mod n (binary extended Euclid), to Montgomery form w·R. Step 6:
        // u1 = e·w, u2 = r·w mod n — a Montgomery product of a plain value and w·R is the plain
        // product.
        let w = S.toMontgomery(S.Element(s.inverse(modulo: n)))
        let u1 = S.multiply(S.Element(e), w).limbs, u2 = S.multiply(S.Element(r), w).limbs
        // Step 7: R = u1·G + u2·Q; the identity is invalid.
        let point = doubleScalarMultiply(u1, u2)
        guard !point.z.isZero else { return false }
        // Steps 8–9: x_R mod n must equal r, x_R = X/Z² < p. Without an inversion: x_R mod n = r
        // exactly when x_R = r, or x_R = r + n (possible only while r + n < p): compare X with
        // candidate·Z² in the field (r < n < p for the three curves).
        let zz = F.square(point.z)
        if F.multiply(F.toMontgomery(F.Element(r)), zz) == point.x { return true }
        var rn = r
        let carry = Limbs.add(&rn, n, count: 9)
        guard !carry, Limbs.compare(rn, p, count: 9) < 0 else { return false }
        return F.multiply(F.toMontgomery(F.Element(rn)), zz) == point.x
    }

    /// u1·G + u2·Q by interleaved wNAF (Straus–Shamir): one doubling per bit, an addition per
    /// nonzero digit of either scalar (table points negated as needed). Digits on the stack.
    func doubleScalarMultiply(_ u1: Limbs, _ u2: Limbs) -> JacobianPoint<F> {
        withUnsafeTemporaryAllocation(of: Int8.self, capacity: 2 * 580) { buffer -> JacobianPoint<F> in
            let d1 = buffer.baseAddress!, d2 = d1 + 580
            let n1 = ECPublicKey.nonAdjacentForm(u1, width: Self.gWidth, into: d1)
            let n2 = ECPublicKey.nonAdjacentForm(u2, width: Self.qWidth, into: d2)
            var r = C.jacobianIdentity
            var i = max(n1, n2) - 1
            while i >= 0 {
                r = C.double(r)
                if i < n1, d1[i] != 0 {
                    let d = Int(d1[i])
                    let t = g[(d < 0 ? -d : d) >> 1]
                    r = C.add(r, d > 0 ? t : AffinePoint(x: t.x, y: F.negate(t.y)))
                }
                if i < n2, d2[i] != 0 {
                    let d = Int(d2[i])
                    let t = q[(d < 0 ? -d : d) >> 1]
                    r = C.add(r, d > 0 ? t : AffinePoint(x: t.x, y: F.negate(t.y)))
                }
                i -= 1
            }
            return r
        }
    }
}
