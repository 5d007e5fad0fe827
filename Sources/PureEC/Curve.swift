// The NIST prime curves y² = x³ − 3x + b over GF(p) (SP 800-186 §3.2.1; SEC 2 v2 §2.4–2.6):
// P-256, P-384, P-521 with their base points G and prime orders n (cofactor 1). The constants are
// the published ones (SP 800-186 §3.2.1.3–3.2.1.5); tests check G on the curve and n·G = O.
//
// The arithmetic is generic over the curve (`WeierstrassCurve`: P256, P384, P521, each with its
// generated fields, FieldKernels.swift) and specialised by the compiler — no existentials.
// Two point forms:
// - projective (X : Y : Z), x = X/Z, y = Y/Z, identity (0 : 1 : 0), with the complete formulas of
//   Renes, Costello, Batina, "Complete addition formulas for prime order elliptic curves"
//   (Eurocrypt 2016, eprint 2015/1060), Algorithms 4 and 6 (a = −3): no exceptional cases, used to
//   build the tables of multiples at key import;
// - Jacobian (x = X/Z², y = Y/Z³) for the verification loop, doubled by dbl-2001-b and added to
//   affine table points by madd-2007-bl (Explicit-Formulas Database, Bernstein–Lange), their
//   exceptional cases (equal or opposite points, the identity) handled explicitly.
// Variable time (public data).

/// A NIST prime curve PureEC verifies on.
public enum ECCurve: String, Sendable, CaseIterable {
    /// P-256 (secp256r1), JWS ES256.
    case p256 = "P-256"
    /// P-384 (secp384r1), JWS ES384.
    case p384 = "P-384"
    /// P-521 (secp521r1), JWS ES512.
    case p521 = "P-521"

    /// The length of a coordinate (and of r, s in a JWS signature) in octets: ⌈bits/8⌉.
    public var coordinateByteCount: Int {
        switch self {
        case .p256: 32
        case .p384: 48
        case .p521: 66
        }
    }

    /// The hex constants of SP 800-186 §3.2.1 (p, b, Gx, Gy, n) — the generator's input
    /// (Vectors/generators/ec_field_kernels.py), kept here for the tests and the docs.
    var constants: (p: String, b: String, gx: String, gy: String, n: String) {
        switch self {
        case .p256:
            ("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
             "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
             "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
             "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
             "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")
        case .p384:
            ("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff",
             "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef",
             "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7",
             "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f",
             "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973")
        case .p521:
            ("01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
             "0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00",
             "00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66",
             "011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650",
             "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409")
        }
    }
}

/// A short Weierstrass curve y² = x³ − 3x + b of prime order n (cofactor 1) with its fields.
protocol WeierstrassCurve {
    associatedtype Field: ECField
    associatedtype Scalar: ECField
    /// b in Montgomery form.
    static var b: Field.Element { get }
    /// The base point G.
    static var g: AffinePoint<Field> { get }
}

/// P-256 (SP 800-186 §3.2.1.3).
enum P256: WeierstrassCurve {
    typealias Field = P256Field
    typealias Scalar = P256Scalar
}

/// P-384 (SP 800-186 §3.2.1.4).
enum P384: WeierstrassCurve {
    typealias Field = P384Field
    typealias Scalar = P384Scalar
}

/// P-521 (SP 800-186 §3.2.1.5).
enum P521: WeierstrassCurve {
    typealias Field = P521Field
    typealias Scalar = P521Scalar
}

/// A point in affine coordinates (Montgomery form), for the precomputed tables.
struct AffinePoint<F: ECField>: Sendable {
    var x, y: F.Element
}

/// A point in projective coordinates (Montgomery-form field elements).
struct ProjectivePoint<F: ECField>: Sendable {
    var x, y, z: F.Element
}

/// A point in Jacobian coordinates (Z = 0 is the identity).
struct JacobianPoint<F: ECField>: Sendable {
    var x, y, z: F.Element
}

extension WeierstrassCurve {
    typealias F = Field

    static var identity: ProjectivePoint<Field> { ProjectivePoint(x: F.zero, y: F.one, z: F.zero) }
    static var jacobianIdentity: JacobianPoint<Field> { JacobianPoint(x: F.one, y: F.one, z: F.zero) }

    /// Whether affine (x, y) (Montgomery form) satisfies y² = x³ − 3x + b (SEC 1 §3.2.2.1 step 3).
    static func isOnCurve(x: Field.Element, y: Field.Element) -> Bool {
        let x3 = F.multiply(F.square(x), x)
        let threeX = F.add(F.add(x, x), x)
        let rhs = F.add(F.subtract(x3, threeX), b)
        return F.square(y) == rhs
    }

    // MARK: complete formulas (Renes–Costello–Batina 2016, a = −3)

    /// P + Q, Algorithm 4.
    static func add(_ p1: ProjectivePoint<Field>, _ p2: ProjectivePoint<Field>) -> ProjectivePoint<Field> {
        var t0 = F.multiply(p1.x, p2.x), t1 = F.multiply(p1.y, p2.y), t2 = F.multiply(p1.z, p2.z)
        var t3 = F.add(p1.x, p1.y), t4 = F.add(p2.x, p2.y)
        t3 = F.multiply(t3, t4)
        t4 = F.add(t0, t1); t3 = F.subtract(t3, t4); t4 = F.add(p1.y, p1.z)
        var x3 = F.add(p2.y, p2.z); t4 = F.multiply(t4, x3); x3 = F.add(t1, t2)
        t4 = F.subtract(t4, x3); x3 = F.add(p1.x, p1.z); var y3 = F.add(p2.x, p2.z)
        x3 = F.multiply(x3, y3); y3 = F.add(t0, t2); y3 = F.subtract(x3, y3)
        var z3 = F.multiply(b, t2); x3 = F.subtract(y3, z3); z3 = F.add(x3, x3)
        x3 = F.add(x3, z3); z3 = F.subtract(t1, x3); x3 = F.add(t1, x3)
        y3 = F.multiply(b, y3); t1 = F.add(t2, t2); t2 = F.add(t1, t2)
        y3 = F.subtract(y3, t2); y3 = F.subtract(y3, t0); t1 = F.add(y3, y3)
        y3 = F.add(t1, y3); t1 = F.add(t0, t0); t0 = F.add(t1, t0)
        t0 = F.subtract(t0, t2); t1 = F.multiply(t4, y3); t2 = F.multiply(t0, y3)
        y3 = F.multiply(x3, z3); y3 = F.add(y3, t2); x3 = F.multiply(t3, x3)
        x3 = F.subtract(x3, t1); z3 = F.multiply(t4, z3); t1 = F.multiply(t3, t0)
        z3 = F.add(z3, t1)
        return ProjectivePoint(x: x3, y: y3, z: z3)
    }

    /// 2P, Algorithm 6.
    static func double(_ p1: ProjectivePoint<Field>) -> ProjectivePoint<Field> {
        var t0 = F.square(p1.x), t1 = F.square(p1.y), t2 = F.square(p1.z)
        var t3 = F.multiply(p1.x, p1.y); t3 = F.add(t3, t3); var z3 = F.multiply(p1.x, p1.z)
        z3 = F.add(z3, z3); var y3 = F.multiply(b, t2); y3 = F.subtract(y3, z3)
        var x3 = F.add(y3, y3); y3 = F.add(x3, y3); x3 = F.subtract(t1, y3)
        y3 = F.add(t1, y3); y3 = F.multiply(x3, y3); x3 = F.multiply(x3, t3)
        t3 = F.add(t2, t2); t2 = F.add(t2, t3); z3 = F.multiply(b, z3)
        z3 = F.subtract(z3, t2); z3 = F.subtract(z3, t0); t3 = F.add(z3, z3)
        z3 = F.add(z3, t3); t3 = F.add(t0, t0); t0 = F.add(t3, t0)
        t0 = F.subtract(t0, t2); t0 = F.multiply(t0, z3); y3 = F.add(y3, t0)
        t0 = F.multiply(p1.y, p1.z); t0 = F.add(t0, t0); z3 = F.multiply(t0, z3)
        x3 = F.subtract(x3, z3); z3 = F.multiply(t0, t1); z3 = F.add(z3, z3)
        z3 = F.add(z3, z3)
        return ProjectivePoint(x: x3, y: y3, z: z3)
    }

    static func negate(_ p1: ProjectivePoint<Field>) -> ProjectivePoint<Field> {
        ProjectivePoint(x: p1.x, y: F.negate(p1.y), z: p1.z)
    }

    /// (2i + 1)·P for i = 0 ..< count.
    static func oddMultiples(_ p1: ProjectivePoint<Field>, count: Int) -> [ProjectivePoint<Field>] {
        var table = [p1]
        table.reserveCapacity(count)
        let twice = double(p1)
        for _ in 1..<count { table.append(add(table[table.count - 1], twice)) }
        return table
    }

    /// Projective points to affine with one inversion (Montgomery's simultaneous inversion); none
    /// of them may be the identity.
    static func affine(_ points: [ProjectivePoint<Field>]) -> [AffinePoint<Field>] {
        var prefix: [Field.Element] = []
        prefix.reserveCapacity(points.count)
        var acc = F.one
        for p in points { acc = F.multiply(acc, p.z); prefix.append(acc) }
        var inv = F.inverse(acc)
        var out = [AffinePoint<Field>](repeating: AffinePoint(x: F.zero, y: F.zero), count: points.count)
        var i = points.count - 1
        while i >= 0 {
            let zInv = i > 0 ? F.multiply(inv, prefix[i - 1]) : inv
            inv = F.multiply(inv, points[i].z)
            out[i] = AffinePoint(x: F.multiply(points[i].x, zInv), y: F.multiply(points[i].y, zInv))
            i -= 1
        }
        return out
    }

    // MARK: the verification loop's formulas (Jacobian accumulator, affine addend)

    /// 2P, a = −3 (dbl-2001-b): δ = Z², γ = Y², β = X·γ, α = 3(X − δ)(X + δ), X3 = α² − 8β,
    /// Z3 = (Y + Z)² − γ − δ, Y3 = α(4β − X3) − 8γ². The identity (Z = 0) doubles to Z3 = 0.
    @inline(__always) static func double(_ p1: JacobianPoint<Field>) -> JacobianPoint<Field> {
        let delta = F.square(p1.z), gamma = F.square(p1.y)
        let beta = F.multiply(p1.x, gamma)
        let t = F.multiply(F.subtract(p1.x, delta), F.add(p1.x, delta))
        let alpha = F.add(F.add(t, t), t)
        let beta2 = F.add(beta, beta), beta4 = F.add(beta2, beta2)
        let x3 = F.subtract(F.square(alpha), F.add(beta4, beta4))
        let z3 = F.subtract(F.subtract(F.square(F.add(p1.y, p1.z)), gamma), delta)
        let g1 = F.square(gamma)
        let g2 = F.add(g1, g1), g4 = F.add(g2, g2), gamma8 = F.add(g4, g4)
        let y3 = F.subtract(F.multiply(alpha, F.subtract(beta4, x3)), gamma8)
        return JacobianPoint(x: x3, y: y3, z: z3)
    }

    /// P + Q for an affine Q (madd-2007-bl): Z1Z1 = Z1², U2 = X2·Z1Z1, S2 = Y2·Z1·Z1Z1, H = U2 − X1,
    /// HH = H², I = 4HH, J = H·I, r = 2(S2 − Y1), V = X1·I, X3 = r² − J − 2V,
    /// Y3 = r(V − X3) − 2·Y1·J, Z3 = (Z1 + H)² − Z1Z1 − HH. P = O gives Q; H = 0 means Q = ±P:
    /// a doubling or the identity.
    static func add(_ p1: JacobianPoint<Field>, _ q: AffinePoint<Field>) -> JacobianPoint<Field> {
        if p1.z.isZero { return JacobianPoint(x: q.x, y: q.y, z: F.one) }
        let z1z1 = F.square(p1.z)
        let u2 = F.multiply(q.x, z1z1)
        let s2 = F.multiply(q.y, F.multiply(p1.z, z1z1))
        let h = F.subtract(u2, p1.x)
        let sDiff = F.subtract(s2, p1.y)
        if h.isZero {
            return sDiff.isZero ? double(p1) : jacobianIdentity
        }
        let hh = F.square(h)
        let i = F.add(F.add(hh, hh), F.add(hh, hh))
        let j = F.multiply(h, i)
        let r = F.add(sDiff, sDiff)
        let v = F.multiply(p1.x, i)
        let x3 = F.subtract(F.subtract(F.square(r), j), F.add(v, v))
        let y1j = F.multiply(p1.y, j)
        let y3 = F.subtract(F.multiply(r, F.subtract(v, x3)), F.add(y1j, y1j))
        let z3 = F.subtract(F.subtract(F.square(F.add(p1.z, h)), z1z1), hh)
        return JacobianPoint(x: x3, y: y3, z: z3)
    }
}
