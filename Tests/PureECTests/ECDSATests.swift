import Foundation
import Testing
import VectorSupport
import PureSHA2
@testable import PureEC

func digest(_ curve: ECCurve, _ message: [UInt8]) -> [UInt8] {
    switch curve {
    case .p256: SHA256.hash(message).bytes
    case .p384: SHA384.hash(message).bytes
    case .p521: SHA512.hash(message).bytes
    }
}

@Suite struct CurveTests {
    /// The constants: G on the curve, n·G = O and (n − 1)·G = −G, for each curve; the complete
    /// formulas on P + P, P + O, P + (−P).
    @Test(arguments: ECCurve.allCases) func constants(_ curve: ECCurve) {
        let c = CurveContext(curve)
        let f = c.field
        let gx = f.fromMontgomery(c.g.x), gy = f.fromMontgomery(c.g.y)
        #expect(c.isOnCurve(x: f.toMontgomery(gx), y: f.toMontgomery(gy)))
        func multiply(_ k: Limbs, _ p: ProjectivePoint) -> ProjectivePoint {
            var r = c.identity
            var i = k.bitWidth - 1
            while i >= 0 {
                r = c.double(r)
                if k.bit(i) { r = c.add(r, p) }
                i -= 1
            }
            return r
        }
        func affine(_ p: ProjectivePoint) -> (Limbs, Limbs)? {
            guard !f.fromMontgomery(p.z).isZero else { return nil }
            let zi = f.inverse(p.z)
            return (f.fromMontgomery(f.multiply(p.x, zi)), f.fromMontgomery(f.multiply(p.y, zi)))
        }
        #expect(affine(multiply(c.n, c.g)) == nil)
        var nMinus1 = c.n
        var one = Limbs(); one[0] = 1
        Limbs.subtract(&nMinus1, one, count: 9)
        let minusG = affine(multiply(nMinus1, c.g))
        #expect(minusG?.0 == gx && minusG?.1 == f.fromMontgomery(f.negate(c.g.y)))
        // Complete formulas: 2G by add and by double agree; G + O = G; G + (−G) = O.
        let viaAdd = affine(c.add(c.g, c.g)), viaDouble = affine(c.double(c.g))
        #expect(viaAdd?.0 == viaDouble?.0 && viaAdd?.1 == viaDouble?.1)
        #expect(affine(c.add(c.g, c.identity))?.0 == gx)
        #expect(affine(c.add(c.g, c.negate(c.g))) == nil)
        #expect(affine(c.double(c.identity)) == nil)
    }

    @Test func keyValidation() throws {
        let c = CurveContext(.p256)
        let gx = c.field.fromMontgomery(c.g.x).bigEndianBytes(count: 32), gy = c.field.fromMontgomery(c.g.y).bigEndianBytes(count: 32)
        #expect(throws: Never.self) { try ECPublicKey(curve: .p256, x: gx, y: gy) }
        var badY = gy; badY[31] ^= 1
        #expect(throws: ECKeyError.notOnCurve) { try ECPublicKey(curve: .p256, x: gx, y: badY) }
        #expect(throws: ECKeyError.wrongLength) { try ECPublicKey(curve: .p256, x: Array(gx.dropFirst()), y: gy) }
        #expect(throws: ECKeyError.coordinateOutOfRange) { try ECPublicKey(curve: .p256, x: [UInt8](repeating: 0xFF, count: 32), y: gy) }
        #expect(throws: ECKeyError.wrongLength) { try ECPublicKey(curve: .p256, uncompressed: [0x02] + gx) }
        let key = try ECPublicKey(curve: .p256, uncompressed: [0x04] + gx + gy)
        #expect(key.uncompressed == [0x04] + gx + gy && key.curve == .p256)
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
