// Ed25519 signature verification, RFC 8032 §5.1.7, with the rules RFC 8032 leaves to the verifier
// decided here (and in SECURITY.md):
//
//   - S must be below L (§5.1.7 step 1) — refused otherwise (signature malleability).
//   - A must decode (§5.1.3), with y < p: a non-canonical encoding of A is refused at key import.
//   - R is not decoded on its own: [S]B − [k]A is computed and its canonical encoding compared with
//     the 32 bytes of R. A non-canonical or undecodable R can never equal a canonical encoding, so
//     both are refused, as §5.1.7 step 1 requires for R.
//   - The equation is the cofactorless one, [S]B = R + [k]A (§5.1.7 step 3 allows checking either
//     it or the cofactored [8][S]B = [8]R + [8][k]A; "Taming the many EdDSAs", Chalkias, Garillot,
//     Nikolaenko 2020, tabulates the choices). Small-order A and R are not refused by a separate
//     rule: with the cofactorless equation and canonical encodings the verdict on them is the one
//     Wycheproof's ed25519_test.json expects (every case tested).
//
// k = SHA-512(R ‖ A ‖ M) mod L (§5.1.7 step 2). Verification is variable time: every input is public.
import PureSHA2

/// Why 32 bytes are not an Ed25519 public key.
public enum Ed25519KeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not 32 bytes.
    case wrongLength(Int)
    /// y ≥ p: a non-canonical encoding (RFC 8032 §5.1.3 step 1).
    case nonCanonicalEncoding
    /// No x fits y on the curve, or x = 0 with the sign bit set (§5.1.3 steps 3–4).
    case notOnCurve

    /// The reason in words.
    public var description: String {
        switch self {
        case .wrongLength(let n): "an Ed25519 public key is 32 bytes, not \(n)"
        case .nonCanonicalEncoding: "the Ed25519 public key encodes y ≥ p (non-canonical, RFC 8032 §5.1.3)"
        case .notOnCurve: "the Ed25519 public key is not a point of edwards25519 (RFC 8032 §5.1.3)"
        }
    }
}

/// A validated Ed25519 public key (RFC 8032 §5.1.5), ready for verification: decoded once, with
/// the multiples A, 3A, …, 15A the verification's window needs.
public struct Ed25519PublicKey: Sendable, Equatable {
    let prepared: Prepared

    /// The key's multiples, computed once (a class: one reference to share between copies).
    final class Prepared: Sendable {
        let encoded: [UInt8]
        /// (2i + 1)·A for i = 0 … 31, ready to add (the width-7 window: one table per key, built
        /// once at import, so a wider window than the per-call optimum pays).
        let oddMultiples: [CachedPoint]

        init(encoded: [UInt8], point: EdwardsPoint) {
            self.encoded = encoded
            var table: [CachedPoint] = [point.cached]
            let twice = point.doubled().cached
            var current = point
            for _ in 1..<32 {
                current = current.adding(twice)
                table.append(current.cached)
            }
            oddMultiples = table
        }
    }

    /// Imports the 32-byte encoding of a public key (RFC 8032 §5.1.2).
    /// - Throws: `Ed25519KeyError` for a wrong length, y ≥ p, or a value that is not a point.
    public init(rawRepresentation bytes: [UInt8]) throws(Ed25519KeyError) {
        guard bytes.count == 32 else { throw .wrongLength(bytes.count) }
        let point: EdwardsPoint? = bytes.withUnsafeBytes { raw in
            guard FieldElement.isCanonicalEncoding(raw) else { return nil }
            return EdwardsPoint(encoded: raw)
        }
        guard let point else {
            throw bytes.withUnsafeBytes { FieldElement.isCanonicalEncoding($0) } ? .notOnCurve : .nonCanonicalEncoding
        }
        prepared = Prepared(encoded: bytes, point: point)
    }

    /// The 32-byte encoding.
    public var rawRepresentation: [UInt8] { prepared.encoded }

    /// Equal when the encodings are.
    public static func == (lhs: Ed25519PublicKey, rhs: Ed25519PublicKey) -> Bool { lhs.prepared.encoded == rhs.prepared.encoded }

    /// Ed25519 verification (RFC 8032 §5.1.7) of a 64-byte `signature` over `message`.
    public func isValidSignature(_ signature: [UInt8], message: [UInt8]) -> Bool {
        signature.withUnsafeBytes { s in message.withUnsafeBytes { isValidSignature(s, message: $0) } }
    }

    /// The verification on raw views (the JWS path).
    public func isValidSignature(_ signature: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer) -> Bool {
        guard signature.count == 64 else { return false }
        let r = UnsafeRawBufferPointer(rebasing: signature[0..<32])
        let s = UnsafeRawBufferPointer(rebasing: signature[32..<64])
        // Step 1: S must be an integer below L.
        guard Scalar.isReduced(s) else { return false }
        // Step 2: k = SHA-512(dom2(F, C) ‖ R ‖ A ‖ PH(M)) mod L; for Ed25519 dom2 is empty and PH the identity.
        var hash = SHA512()
        hash.update(r)
        prepared.encoded.withUnsafeBytes { hash.update($0) }
        hash.update(message)
        let k = hash.finalize().withUnsafeBytes { Scalar.reduce512($0) }
        // Step 3, cofactorless: [S]B − [k]A, encoded, must be R (byte for byte).
        let check = doubleScalarMultiply(s: Scalar.words(s), k: k)
        let expected = Scalar.words(r)
        let got = check.encodedWords
        return got.0 == expected.0 && got.1 == expected.1 && got.2 == expected.2 && got.3 == expected.3
    }

    /// [s]B − [k]A by interleaved signed windows (Straus): one run of doublings, additions from the
    /// base point's 64 precomputed odd multiples (width 8) and the key's 32 (width 7). A doubling
    /// computes T only when an addition follows it, and an addition only when another addition
    /// follows it (the next doubling reads X, Y, Z alone). Variable time.
    func doubleScalarMultiply(s: (UInt64, UInt64, UInt64, UInt64), k: (UInt64, UInt64, UInt64, UInt64)) -> EdwardsPoint {
        withUnsafeTemporaryAllocation(of: Int8.self, capacity: 256) { sDigits in
            withUnsafeTemporaryAllocation(of: Int8.self, capacity: 256) { kDigits in
                Scalar.nonAdjacentForm(s, width: 8, into: sDigits)
                Scalar.nonAdjacentForm(k, width: 7, into: kDigits)
                var top = 255
                while top >= 0 && sDigits[top] == 0 && kDigits[top] == 0 { top -= 1 }
                var p = EdwardsPoint.identity
                let table = prepared.oddMultiples
                return basePointOddMultiples.withUnsafeBufferPointer { b in
                    var i = top
                    while i >= 0 {
                        let sd = Int(sDigits[i]), kd = Int(kDigits[i])
                        p = p.doubled(withT: sd != 0 || kd != 0)
                        if sd != 0 {
                            let e = 15 * ((sd < 0 ? -sd : sd) >> 1)
                            let yPlusX = FieldElement(b[e], b[e + 1], b[e + 2], b[e + 3], b[e + 4])
                            let yMinusX = FieldElement(b[e + 5], b[e + 6], b[e + 7], b[e + 8], b[e + 9])
                            let xy2d = FieldElement(b[e + 10], b[e + 11], b[e + 12], b[e + 13], b[e + 14])
                            p = sd > 0 ? p.adding(affine: yPlusX, yMinusX, xy2d, withT: kd != 0)
                                       : p.subtracting(affine: yPlusX, yMinusX, xy2d, withT: kd != 0)
                        }
                        if kd != 0 {
                            // −[k]A: a positive digit subtracts its multiple of A, a negative one adds.
                            let q = table[(kd < 0 ? -kd : kd) >> 1]
                            p = kd > 0 ? p.subtracting(q, withT: false) : p.adding(q, withT: false)
                        }
                        i -= 1
                    }
                    return p
                }
            }
        }
    }
}
