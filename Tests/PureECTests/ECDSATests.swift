import Foundation
import Testing
import VectorSupport
import PureSHA2
@testable import PureEC
import PureDER

func digest(_ curve: ECCurve, _ message: [UInt8]) -> [UInt8] {
    switch curve {
    case .p256: SHA256.hash(message).bytes
    case .p384: SHA384.hash(message).bytes
    case .p521: SHA512.hash(message).bytes
    }
}

/// The generated field kernels (FieldKernels.swift, P521Field.swift) against the slow reference
/// (ReferenceField, row-wise CIOS with run-time loops): multiply, square, add, subtract, negate,
/// Fermat inversion and the binary inversion on edge values and seeded random ones, compared as
/// ordinary integers, for all six fields.
@Suite struct FieldKernelTests {
    static let fields = ["P256Field", "P256Scalar", "P384Field", "P384Scalar", "P521Field", "P521Scalar"]

    @Test(arguments: fields) func kernelsMatchReference(_ name: String) {
        switch name {
        case "P256Field": check(P256Field.self)
        case "P256Scalar": check(P256Scalar.self)
        case "P384Field": check(P384Field.self)
        case "P384Scalar": check(P384Scalar.self)
        case "P521Field": check(P521Field.self)
        default: check(P521Scalar.self)
        }
    }

    func check<F: ECField>(_: F.Type) {
        let m = F.modulusLimbs
        let ref = ReferenceField(modulus: m)
        let words = ref.count
        var rng = SeededRNG(seed: UInt64(m[0] & 0xFFFF) &+ UInt64(words))
        func random() -> Limbs {
            var x = Limbs()
            for i in 0..<words { x[i] = rng.next() }
            // Below m: clear the bits above m's top bit, then subtract m if still ≥ m.
            let top = m.bitWidth % 64
            if top != 0 { x[words - 1] &= (UInt64(1) << UInt64(top)) - 1 }
            if Limbs.compare(x, m, count: 9) >= 0 { Limbs.subtract(&x, m, count: 9) }
            return x
        }
        func minus(_ k: UInt64) -> Limbs { var x = m; var d = Limbs(); d[0] = k; Limbs.subtract(&x, d, count: 9); return x }
        var edge: [Limbs] = [.zero, minus(1), minus(2), minus(UInt64(1) << 63)]
        var one = Limbs(); one[0] = 1; edge.append(one)
        var high = Limbs(); for i in 0..<(words - 1) { high[i] = ~0 }; edge.append(high)
        var values = edge
        for _ in 0..<300 { values.append(random()) }
        // Ordinary-value operations through each side's own Montgomery form.
        func fast(_ x: Limbs) -> F.Element { F.toMontgomery(F.Element(x)) }
        func back(_ x: F.Element) -> Limbs { F.fromMontgomery(x).limbs }
        func slow(_ x: Limbs) -> Limbs { ref.toMontgomery(x) }
        func slowBack(_ x: Limbs) -> Limbs { ref.fromMontgomery(x) }
        var checked = 0
        for (i, a) in values.enumerated() {
            let b = values[(i * 7 + 3) % values.count]
            let fa = fast(a), fb = fast(b), sa = slow(a), sb = slow(b)
            #expect(back(fa) == a, "round trip")
            #expect(back(F.multiply(fa, fb)) == slowBack(ref.multiply(sa, sb)), "multiply")
            #expect(back(F.square(fa)) == slowBack(ref.square(sa)), "square")
            #expect(back(F.add(fa, fb)) == slowBack(ref.add(sa, sb)), "add")
            #expect(back(F.subtract(fa, fb)) == slowBack(ref.subtract(sa, sb)), "subtract")
            #expect(back(F.negate(fa)) == slowBack(ref.negate(sa)), "negate")
            if !a.isZero {
                // The binary extended Euclid (verification's s⁻¹) against Fermat in the reference.
                #expect(a.inverse(modulo: m) == slowBack(ref.inverse(sa)), "binary inverse")
            }
            if i % 10 == 0 {
                #expect(back(F.inverse(fa)) == slowBack(ref.inverse(sa)), "inverse")
                if !a.isZero { #expect(back(F.multiply(F.inverse(fa), fa)) == one, "x·x⁻¹ = 1") }
            }
            checked += 1
        }
        // Outputs are fully reduced: equal values have equal words.
        #expect(F.add(fast(minus(1)), fast(one)) == F.zero)
        #expect(checked == values.count)
    }
}

/// The curve arithmetic, generic over the three curves: G on the curve, n·G = O and
/// (n − 1)·G = −G by the complete formulas; the Jacobian doubling and mixed addition (with their
/// exceptional cases: P + P, P + (−P), O + Q) agree with the complete formulas.
@Suite struct CurveTests {
    @Test(arguments: ECCurve.allCases) func constants(_ curve: ECCurve) {
        switch curve {
        case .p256: check(P256.self)
        case .p384: check(P384.self)
        case .p521: check(P521.self)
        }
    }

    func check<C: WeierstrassCurve>(_: C.Type) {
        typealias F = C.Field
        let g = ProjectivePoint<F>(x: C.g.x, y: C.g.y, z: F.one)
        #expect(C.isOnCurve(x: C.g.x, y: C.g.y))
        func multiply(_ k: Limbs, _ p: ProjectivePoint<F>) -> ProjectivePoint<F> {
            var r = C.identity
            var i = k.bitWidth - 1
            while i >= 0 {
                r = C.double(r)
                if k.bit(i) { r = C.add(r, p) }
                i -= 1
            }
            return r
        }
        func affine(_ p: ProjectivePoint<F>) -> (Limbs, Limbs)? {
            guard !p.z.isZero else { return nil }
            let zi = F.inverse(p.z)
            return (F.fromMontgomery(F.multiply(p.x, zi)).limbs, F.fromMontgomery(F.multiply(p.y, zi)).limbs)
        }
        func affine(_ p: JacobianPoint<F>) -> (Limbs, Limbs)? {
            guard !p.z.isZero else { return nil }
            let zi = F.inverse(p.z), zi2 = F.square(zi)
            return (F.fromMontgomery(F.multiply(p.x, zi2)).limbs, F.fromMontgomery(F.multiply(p.y, F.multiply(zi2, zi))).limbs)
        }
        let n = C.Scalar.modulusLimbs
        let gx = F.fromMontgomery(C.g.x).limbs, gy = F.fromMontgomery(C.g.y).limbs
        #expect(affine(multiply(n, g)) == nil)
        var nMinus1 = n
        var one = Limbs(); one[0] = 1
        Limbs.subtract(&nMinus1, one, count: 9)
        let minusG = affine(multiply(nMinus1, g))
        #expect(minusG?.0 == gx && minusG?.1 == F.fromMontgomery(F.negate(C.g.y)).limbs)
        // Complete formulas: 2G by add and by double agree; G + O = G; G + (−G) = O.
        let viaAdd = affine(C.add(g, g)), viaDouble = affine(C.double(g))
        #expect(viaAdd?.0 == viaDouble?.0 && viaAdd?.1 == viaDouble?.1)
        #expect(affine(C.add(g, C.identity))?.0 == gx)
        #expect(affine(C.add(g, C.negate(g))) == nil)
        #expect(affine(C.double(C.identity)) == nil)
        // Jacobian formulas against the complete ones, from 3G (Z ≠ 1) and on the exceptions.
        let g3 = C.add(C.double(g), g)
        let j3 = C.add(C.double(C.add(C.jacobianIdentity, C.g)), C.g)   // O + G, 2G, 2G + G
        #expect(affine(j3)! == affine(g3)!)
        let doubled = C.double(j3)
        #expect(affine(doubled)! == affine(C.double(g3))!)
        let table = C.affine([g3])[0]
        #expect(affine(C.add(j3, table))! == affine(C.double(g3))!, "P + P through the mixed addition")
        #expect(affine(C.add(j3, AffinePoint(x: table.x, y: F.negate(table.y)))) == nil, "P + (−P)")
        #expect(affine(C.double(C.jacobianIdentity)) == nil)
    }

    @Test func keyValidation() throws {
        let gx = P256Field.fromMontgomery(P256.g.x).limbs.bigEndianBytes(count: 32)
        let gy = P256Field.fromMontgomery(P256.g.y).limbs.bigEndianBytes(count: 32)
        #expect(throws: Never.self) { try ECPublicKey(curve: .p256, x: gx, y: gy) }
        var badY = gy; badY[31] ^= 1
        #expect(throws: ECKeyError.notOnCurve) { try ECPublicKey(curve: .p256, x: gx, y: badY) }
        #expect(throws: ECKeyError.wrongLength) { try ECPublicKey(curve: .p256, x: Array(gx.dropFirst()), y: gy) }
        #expect(throws: ECKeyError.coordinateOutOfRange) { try ECPublicKey(curve: .p256, x: [UInt8](repeating: 0xFF, count: 32), y: gy) }
        #expect(throws: ECKeyError.wrongLength) { try ECPublicKey(curve: .p256, uncompressed: [0x02] + gx) }
        let key = try ECPublicKey(curve: .p256, uncompressed: [0x04] + gx + gy)
        #expect(key.uncompressed == [0x04] + gx + gy && key.curve == .p256)
    }

    /// The generator's inputs are the constants ECCurve documents (SP 800-186 §3.2.1).
    @Test(arguments: ECCurve.allCases) func generatedConstantsMatchTheCurve(_ curve: ECCurve) {
        func hex(_ l: Limbs, _ bytes: Int) -> String { l.bigEndianBytes(count: bytes).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() }
        let k = curve.constants
        let (p, n, gx): (Limbs, Limbs, Limbs) = switch curve {
        case .p256: (P256Field.modulusLimbs, P256Scalar.modulusLimbs, P256Field.fromMontgomery(P256.g.x).limbs)
        case .p384: (P384Field.modulusLimbs, P384Scalar.modulusLimbs, P384Field.fromMontgomery(P384.g.x).limbs)
        case .p521: (P521Field.modulusLimbs, P521Scalar.modulusLimbs, P521Field.fromMontgomery(P521.g.x).limbs)
        }
        let size = k.p.count / 2
        #expect(hex(p, size) == k.p && hex(n, size) == k.n && hex(gx, size) == k.gx)
    }
}

/// Wycheproof's IEEE P1363 (r ‖ s) ECDSA files — the JWS signature form — for the three curves,
/// every case.
@Suite(.enabled(if: Vectors.runWycheproof, "Wycheproof vectors not found (set WYCHEPROOF_DIR)"))
struct WycheproofECDSATests {
    struct File: Decodable {
        struct Group: Decodable {
            struct Key: Decodable { let curve: String; let uncompressed: String }
            let publicKey: Key
            let sha: String
            let tests: [Case]
        }
        struct Case: Decodable { let tcId: Int; let comment: String; let msg: String; let sig: String; let result: String; let flags: [String] }
        let testGroups: [Group]
    }

    @Test(arguments: [("ecdsa_secp256r1_sha256_p1363_test.json", ECCurve.p256), ("ecdsa_secp384r1_sha384_p1363_test.json", .p384),
                      ("ecdsa_secp521r1_sha512_p1363_test.json", .p521)])
    func file(_ name: String, _ curve: ECCurve) throws {
        let file = try JSONDecoder().decode(File.self, from: try Vectors.wycheproof(name))
        var valid = 0, invalid = 0, keysRefused = 0
        for g in file.testGroups {
            let key: ECPublicKey
            do { key = try ECPublicKey(curve: curve, uncompressed: Hex.decode(g.publicKey.uncompressed)) } catch {
                keysRefused += 1
                for t in g.tests { #expect(t.result == "invalid", "\(name) tcId \(t.tcId): key refused (\(error)) for a \(t.result) case") }
                continue
            }
            for t in g.tests {
                let ok = key.isValidSignature(Hex.decode(t.sig), digest: digest(curve, Hex.decode(t.msg)))
                switch t.result {
                case "valid": #expect(ok, "\(name) tcId \(t.tcId) \(t.comment) \(t.flags): valid rejected"); valid += 1
                case "invalid": #expect(!ok, "\(name) tcId \(t.tcId) \(t.comment) \(t.flags): invalid accepted"); invalid += 1
                default: Issue.record("\(name) tcId \(t.tcId): result \(t.result) has no decision")
                }
            }
        }
        #expect(valid + invalid > 250)
        print("Wycheproof \(name): \(valid + invalid) ran (valid \(valid) accepted, invalid \(invalid) rejected); \(keysRefused) key groups refused at import")
    }
}

/// Wycheproof's DER file (`ecdsa_secp256r1_sha256_test.json`) through the generic primitive:
/// PureDER's strict `ECDSASignatureDER` decodes, `isValidSignature(r:s:digest:)` verifies. Every
/// BER leniency (long-form or indefinite lengths, non-minimal or negative INTEGERs, trailing
/// data, wrong tags) must fail to decode, which Wycheproof marks invalid.
@Suite(.enabled(if: Vectors.runWycheproof, "Wycheproof vectors not found (set WYCHEPROOF_DIR)"))
struct WycheproofECDSADERTests {
    @Test func derFile() throws {
        let name = "ecdsa_secp256r1_sha256_test.json"
        let file = try JSONDecoder().decode(WycheproofECDSATests.File.self, from: try Vectors.wycheproof(name))
        var valid = 0, invalid = 0, undecodable = 0
        for g in file.testGroups {
            let key = try ECPublicKey(curve: .p256, uncompressed: Hex.decode(g.publicKey.uncompressed))
            for t in g.tests {
                let ok: Bool
                do {
                    let (r, s) = try ECDSASignatureDER.decode(Hex.decode(t.sig))
                    ok = key.isValidSignature(r: r, s: s, digest: digest(.p256, Hex.decode(t.msg)))
                } catch {
                    undecodable += 1
                    ok = false
                }
                switch t.result {
                case "valid": #expect(ok, "\(name) tcId \(t.tcId) \(t.comment) \(t.flags): valid rejected"); valid += 1
                case "invalid": #expect(!ok, "\(name) tcId \(t.tcId) \(t.comment) \(t.flags): invalid accepted"); invalid += 1
                default: Issue.record("\(name) tcId \(t.tcId): result \(t.result) has no decision")
                }
            }
        }
        #expect(valid + invalid == 484)
        print("Wycheproof \(name) (DER): \(valid + invalid) ran (valid \(valid) accepted, invalid \(invalid) rejected, \(undecodable) of them not strict DER)")
    }
}

/// PureEC against OpenSSL (pyca/cryptography) on each curve: random keys and messages, valid
/// signatures, bit flips, s and r out of range, another message. Seeded.
@Suite struct DifferentialECDSATests {
    struct Case: Decodable { let curve: String; let x: String; let y: String; let msg: String; let sig: String; let valid: Bool }

    @Test func verdictsMatchOpenSSL() throws {
        guard PythonScript.hasModule("cryptography") else {
            print("note: python3 with cryptography not found; skipping the ECDSA differential test")
            #expect(!Vectors.isCI, "CI must run the differential test: pip install cryptography")
            return
        }
        let script = #"""
        import json, random
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
        from cryptography.hazmat.primitives import hashes
        rng = random.Random(1865)
        for name, curve, h, size in [("P-256", ec.SECP256R1(), hashes.SHA256(), 32), ("P-384", ec.SECP384R1(), hashes.SHA384(), 48), ("P-521", ec.SECP521R1(), hashes.SHA512(), 66)]:
            for i in range(25):
                key = ec.derive_private_key(rng.randrange(1, 2**200), curve)
                pub = key.public_key(); nums = pub.public_numbers()
                msg = bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 100)))
                r, s = decode_dss_signature(key.sign(msg, ec.ECDSA(h)))
                enc = lambda r, s: r.to_bytes(size, "big") + s.to_bytes(size, "big")
                cases = [(enc(r, s), msg), (enc(r, s), msg + b"x"), (enc(r ^ 1, s), msg), (enc(r, s ^ (1 << rng.randrange(64))), msg)]
                for sig, m in cases:
                    try:
                        pub.verify(encode_dss_signature(int.from_bytes(sig[:size], "big"), int.from_bytes(sig[size:], "big")), m, ec.ECDSA(h)); ok = True
                    except Exception:
                        ok = False
                    print(json.dumps({"curve": name, "x": format(nums.x, "0%dx" % (2 * size)), "y": format(nums.y, "0%dx" % (2 * size)),
                                      "msg": m.hex(), "sig": sig.hex(), "valid": ok}))
        """#
        guard let out = try PythonScript.run(script, stdin: []) else { return }
        var total = 0, valid = 0
        for line in out.split(separator: "\n") {
            let c = try JSONDecoder().decode(Case.self, from: Data(line.utf8))
            let curve = try #require(ECCurve(rawValue: c.curve))
            let key = try ECPublicKey(curve: curve, x: Hex.decode(c.x), y: Hex.decode(c.y))
            let ours = key.isValidSignature(Hex.decode(c.sig), digest: digest(curve, Hex.decode(c.msg)))
            #expect(ours == c.valid, "\(c.curve) disagrees with OpenSSL (OpenSSL: \(c.valid)): sig \(c.sig)")
            total += 1
            if c.valid { valid += 1 }
        }
        #expect(total == 300 && valid >= 75)
        print("ECDSA differential vs OpenSSL: \(total) cases over P-256/384/521 (\(valid) valid), all agree")
    }
}
