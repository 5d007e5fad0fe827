// Points of edwards25519, −x² + y² = 1 + d·x²·y² over GF(2^255 − 19) (RFC 8032 §5.1), in extended
// homogeneous coordinates (X : Y : Z : T) with x = X/Z, y = Y/Z, x·y = T/Z (Hisil, Wong, Carter,
// Dawson, "Twisted Edwards Curves Revisited", Asiacrypt 2008). The formulas are RFC 8032 §5.1.4's
// (complete for a = −1 and non-square d: no exceptional cases).
//
// Variable time throughout: verification handles public keys, public signatures and public
// messages only.

struct EdwardsPoint {
    var x, y, z, t: FieldElement

    static let identity = EdwardsPoint(x: .zero, y: .one, z: .one, t: .zero)

    /// RFC 8032 §5.1.3 decoding: y from the low 255 bits (refused when ≥ p), x recovered from the
    /// curve equation with the sign of bit 255; nil when the encoding is not a point.
    init?(encoded bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 32 else { return nil }
        // Step 1: "If the resulting value is ≥ p, decoding fails."
        guard FieldElement.isCanonicalEncoding(bytes) else { return nil }
        let y = FieldElement(littleEndian: bytes)
        let xSign = bytes[31] >> 7 == 1
        // Step 2: x² = (y² − 1) / (d·y² + 1) = u/v.
        let y2 = y.squared()
        let u = y2 - .one
        let v = curveD * y2 + .one
        // Step 3: candidate x = u·v³·(u·v⁷)^((p−5)/8).
        let v3 = v.squared() * v
        var x = u * v3 * (u * v3.squared() * v).powPMinus5Over8()
        // Step 3 cont.: v·x² = u → x; v·x² = −u → x·sqrt(−1); otherwise no square root: fail.
        let vx2 = v * x.squared()
        if !(vx2 == u) {
            guard vx2 == -u else { return nil }
            x = x * sqrtMinusOne
        }
        // Step 4: "If x = 0, and x_0 = 1, decoding fails. Otherwise, if x_0 != x mod 2, set x <-- p - x."
        if x.isZero && xSign { return nil }
        if x.isNegative != xSign { x = -x }
        self.init(x: x, y: y, z: .one, t: x * y)
    }

    init(x: FieldElement, y: FieldElement, z: FieldElement, t: FieldElement) {
        self.x = x; self.y = y; self.z = z; self.t = t
    }

    /// RFC 8032 §5.1.2 encoding: y with the sign of x in bit 255, as four little-endian words.
    var encodedWords: (UInt64, UInt64, UInt64, UInt64) {
        let zInverse = z.inverted()
        let affineX = x * zInverse, affineY = y * zInverse
        var w = affineY.canonicalWords
        if affineX.isNegative { w.3 |= 1 << 63 }
        return w
    }

    // MARK: doubling and addition (RFC 8032 §5.1.4, a = −1)

    /// 2P: A = X², B = Y², C = 2Z², H = A + B, E = H − (X + Y)², G = A − B, F = C + G,
    /// X3 = E·F, Y3 = G·H, T3 = E·H, Z3 = F·G.
    /// `withT: false` leaves T unset (zero) — for a doubling followed by another doubling, which
    /// reads only X, Y and Z.
    @inline(__always) func doubled(withT: Bool = true) -> EdwardsPoint {
        let a = x.squared(), b = y.squared()
        let zz = z.squared()
        let c = zz + zz
        let h = a + b
        let e = h - (x + y).squared()
        let g = a - b
        let f = c + g
        return EdwardsPoint(x: e * f, y: g * h, z: f * g, t: withT ? e * h : .zero)
    }

    /// P + Q for Q in the precomputed form (Y + X, Y − X, 2d·T, 2Z) (`withT: false` when the next
    /// operation is a doubling, which does not read T): A = (Y1 − X1)(Y2 − X2),
    /// B = (Y1 + X1)(Y2 + X2), C = T1·2d·T2, D = Z1·2·Z2, E = B − A, F = D − C, G = D + C,
    /// H = B + A, X3 = E·F, Y3 = G·H, T3 = E·H, Z3 = F·G.
    @inline(__always) func adding(_ q: CachedPoint, withT: Bool = true) -> EdwardsPoint {
        let a = (y - x) * q.yMinusX
        let b = (y + x) * q.yPlusX
        let c = t * q.t2d
        let d = z * q.z2
        let e = b - a, f = d - c, g = d + c, h = b + a
        return EdwardsPoint(x: e * f, y: g * h, z: f * g, t: withT ? e * h : .zero)
    }

    /// P − Q: the addition with −Q = (Y − X, Y + X, −2d·T, 2Z).
    @inline(__always) func subtracting(_ q: CachedPoint, withT: Bool = true) -> EdwardsPoint {
        let a = (y - x) * q.yPlusX
        let b = (y + x) * q.yMinusX
        let c = t * q.t2d
        let d = z * q.z2
        let e = b - a, f = d + c, g = d - c, h = b + a
        return EdwardsPoint(x: e * f, y: g * h, z: f * g, t: withT ? e * h : .zero)
    }

    /// P + Q for an affine Q (Z = 1) given as (y + x, y − x, 2d·x·y): D = 2·Z1.
    @inline(__always) func adding(affine yPlusX: FieldElement, _ yMinusX: FieldElement, _ xy2d: FieldElement, withT: Bool = true) -> EdwardsPoint {
        let a = (y - x) * yMinusX
        let b = (y + x) * yPlusX
        let c = t * xy2d
        let d = z + z
        let e = b - a, f = d - c, g = d + c, h = b + a
        return EdwardsPoint(x: e * f, y: g * h, z: f * g, t: withT ? e * h : .zero)
    }

    /// P − Q for an affine Q (the same with Y + X and Y − X exchanged and 2d·x·y negated).
    @inline(__always) func subtracting(affine yPlusX: FieldElement, _ yMinusX: FieldElement, _ xy2d: FieldElement, withT: Bool = true) -> EdwardsPoint {
        let a = (y - x) * yPlusX
        let b = (y + x) * yMinusX
        let c = t * xy2d
        let d = z + z
        let e = b - a, f = d + c, g = d - c, h = b + a
        return EdwardsPoint(x: e * f, y: g * h, z: f * g, t: withT ? e * h : .zero)
    }

    /// This point in the form `adding` takes.
    var cached: CachedPoint {
        CachedPoint(yPlusX: y + x, yMinusX: y - x, t2d: t * curveD2, z2: z + z)
    }
}

/// A point prepared for addition: (Y + X, Y − X, 2d·T, 2Z).
struct CachedPoint {
    var yPlusX, yMinusX, t2d, z2: FieldElement
}
