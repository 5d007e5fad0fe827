import Foundation
import Testing
import VectorSupport
@testable import PureEd25519

/// p = 2^255 − 19 and L, as slow reference integers.
let pSlow = SlowBigInt(digits: [1]).shiftedLeft(255) - SlowBigInt(digits: [19])
let lSlow = SlowBigInt(hex: "1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ed")

func element(_ x: SlowBigInt) -> FieldElement {
    let bytes = Array(x.mod(pSlow).bytes(count: 32).reversed())
    return bytes.withUnsafeBytes { FieldElement(littleEndian: $0) }
}

func value(_ f: FieldElement) -> SlowBigInt {
    var out = [UInt8](repeating: 0, count: 32)
    out.withUnsafeMutableBytes { f.write(to: $0) }
    return SlowBigInt(hex: Hex.encode(out.reversed()))
}

func randomValue(_ rng: inout SeededRNG, bits: Int = 255) -> SlowBigInt {
    SlowBigInt(limbs: (0..<4).map { _ in rng.next() }).mod(SlowBigInt(digits: [1]).shiftedLeft(bits))
}

@Suite struct FieldTests {
    /// Every operation against SlowBigInt mod p, on random values and the edges (0, 1, p − 1, p,
    /// p + 1, 2^255 − 1 read from bytes), including chains of operations that leave limbs loose.
    @Test func operationsMatchTheReference() {
        var rng = SeededRNG(seed: 25519)
        var samples: [SlowBigInt] = [SlowBigInt(digits: [0]), SlowBigInt(digits: [1]), pSlow - SlowBigInt(digits: [1]),
                                     SlowBigInt(digits: [19]), SlowBigInt(digits: [1]).shiftedLeft(254)]
        for _ in 0..<200 { samples.append(randomValue(&rng)) }
        for i in 0..<samples.count {
            let a = samples[i], b = samples[(i * 7 + 3) % samples.count]
            let fa = element(a), fb = element(b)
            #expect(value(fa + fb) == (a + b).mod(pSlow))
            #expect(value(fa - fb) == (a + pSlow - b.mod(pSlow)).mod(pSlow))
            #expect(value(fa * fb) == (a * b).mod(pSlow))
            #expect(value(fa.squared()) == (a * a).mod(pSlow))
            #expect(value(-fa) == (pSlow - a.mod(pSlow)).mod(pSlow))
            // Chains: sums and differences fed to products (loose limbs).
            let chain = ((fa + fb) * (fa - fb)).squared() * (fa + fa + fb)
            let ref = ((((a + b) * (a + pSlow - b.mod(pSlow))).mod(pSlow) * ((a + b) * (a + pSlow - b.mod(pSlow))).mod(pSlow)).mod(pSlow)
                       * (a + a + b)).mod(pSlow)
            #expect(value(chain) == ref)
            if !(a.mod(pSlow) == SlowBigInt(digits: [0])) {
                #expect(value(fa * fa.inverted()) == SlowBigInt(digits: [1]))
            }
        }
        // Values p … 2^255 − 1 read from bytes reduce to their residue, and are non-canonical encodings.
        for offset in [0, 1, 18] {
            let v = pSlow + SlowBigInt(digits: [UInt32(offset)])
            let bytes = Array(v.bytes(count: 32).reversed())
            bytes.withUnsafeBytes { raw in
                #expect(!FieldElement.isCanonicalEncoding(raw))
                #expect(value(FieldElement(littleEndian: raw)) == SlowBigInt(digits: [UInt32(offset)]))
            }
        }
        let below = Array((pSlow - SlowBigInt(digits: [1])).bytes(count: 32).reversed())
        below.withUnsafeBytes { #expect(FieldElement.isCanonicalEncoding($0)) }
    }

    @Test func constantsAreWhatRFC8032Says() {
        // sqrt(−1)² = −1; d·121666 = −121665.
        #expect(value(sqrtMinusOne.squared()) == pSlow - SlowBigInt(digits: [1]))
        #expect(value(curveD * element(SlowBigInt(digits: [121666]))) == pSlow - SlowBigInt(digits: [121665]))
        #expect(value(curveD2) == (value(curveD) + value(curveD)).mod(pSlow))
    }

    @Test func scalarReductionAndWindows() {
        var rng = SeededRNG(seed: 8032)
        for _ in 0..<200 {
            let bytes = (0..<64).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let reduced = bytes.withUnsafeBytes { Scalar.reduce512($0) }
            let expected = SlowBigInt(hex: Hex.encode(bytes.reversed())).mod(lSlow)
            #expect(SlowBigInt(limbs: [reduced.0, reduced.1, reduced.2, reduced.3]) == expected)
            // The NAF digits sum back to the scalar, with at most one non-zero digit per window.
            for w in [5, 8] {
                var digits = [Int8](repeating: 0, count: 256)
                digits.withUnsafeMutableBufferPointer { Scalar.nonAdjacentForm(reduced, width: w, into: $0) }
                var positive = SlowBigInt(digits: [0]), negative = SlowBigInt(digits: [0])
                for (i, d) in digits.enumerated() where d != 0 {
                    #expect(d % 2 != 0 && Int(d).magnitude < 1 << (w - 1))
                    let term = SlowBigInt(digits: [UInt32(Int(d).magnitude)]).shiftedLeft(i)
                    if d > 0 { positive = positive + term } else { negative = negative + term }
                    for j in (i + 1)..<min(i + w, 256) { #expect(digits[j] == 0) }
                }
                #expect(positive - negative == expected)
            }
        }
        // S < L: L − 1 is reduced, L and above are not.
        let lMinus1 = Array((lSlow - SlowBigInt(digits: [1])).bytes(count: 32).reversed())
        let l = Array(lSlow.bytes(count: 32).reversed())
        lMinus1.withUnsafeBytes { #expect(Scalar.isReduced($0)) }
        l.withUnsafeBytes { #expect(!Scalar.isReduced($0)) }
    }
}

@Suite struct Ed25519VerifyTests {
    /// RFC 8032 §7.1 TEST 1–3 (public key, message, signature).
    static let rfc8032: [(pk: String, msg: String, sig: String)] = [
        ("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
         "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        ("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
         "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        ("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
         "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
    ]

    @Test func rfc8032Vectors() throws {
        for v in Self.rfc8032 {
            let key = try Ed25519PublicKey(rawRepresentation: Hex.decode(v.pk))
            let sig = Hex.decode(v.sig), msg = Hex.decode(v.msg)
            #expect(key.isValidSignature(sig, message: msg), "\(v.pk)")
            #expect(key.rawRepresentation == Hex.decode(v.pk))
            for i in [0, 31, 32, 63] {
                var bad = sig
                bad[i] ^= 0x01
                #expect(!key.isValidSignature(bad, message: msg))
            }
            #expect(!key.isValidSignature(sig, message: msg + [0]))
            #expect(!key.isValidSignature(Array(sig.prefix(63)), message: msg))
        }
    }

    @Test func keyImportRules() {
        #expect(throws: Ed25519KeyError.wrongLength(31)) { try Ed25519PublicKey(rawRepresentation: [UInt8](repeating: 0, count: 31)) }
        // y = p (non-canonical encoding of 0 with the sign bit clear).
        var p = [UInt8](repeating: 0xFF, count: 32); p[0] = 0xED; p[31] = 0x7F
        #expect(throws: Ed25519KeyError.nonCanonicalEncoding) { try Ed25519PublicKey(rawRepresentation: p) }
        // y = 2 is not the y of any point (u/v is not a square).
        var two = [UInt8](repeating: 0, count: 32); two[0] = 2
        #expect(throws: Ed25519KeyError.notOnCurve) { try Ed25519PublicKey(rawRepresentation: two) }
        // y = 1 with the sign bit: x = 0 and x_0 = 1 must fail (§5.1.3 step 4).
        var negativeZero = [UInt8](repeating: 0, count: 32); negativeZero[0] = 1; negativeZero[31] = 0x80
        #expect(throws: Ed25519KeyError.notOnCurve) { try Ed25519PublicKey(rawRepresentation: negativeZero) }
        #expect(Ed25519KeyError.notOnCurve.description.contains("RFC 8032"))
    }
}

/// Wycheproof `ed25519_test.json`: every case, every flag.
@Suite(.enabled(if: Vectors.runWycheproof, "Wycheproof vectors not found (set WYCHEPROOF_DIR)"))
struct WycheproofEd25519Tests {
    struct File: Decodable {
        struct Group: Decodable {
            struct Key: Decodable { let pk: String }
            let publicKey: Key
            let tests: [Case]
        }
        struct Case: Decodable { let tcId: Int; let comment: String; let msg: String; let sig: String; let result: String; let flags: [String] }
        let testGroups: [Group]
    }

    @Test func everyCase() throws {
        let file = try JSONDecoder().decode(File.self, from: try Vectors.wycheproof("ed25519_test.json"))
        var valid = 0, invalid = 0, keysRefused = 0
        for g in file.testGroups {
            let key: Ed25519PublicKey
            do { key = try Ed25519PublicKey(rawRepresentation: Hex.decode(g.publicKey.pk)) } catch {
                keysRefused += 1
                for t in g.tests { #expect(t.result == "invalid", "tcId \(t.tcId): key refused (\(error)) but the case is \(t.result)") }
                continue
            }
            for t in g.tests {
                let ok = key.isValidSignature(Hex.decode(t.sig), message: Hex.decode(t.msg))
                switch t.result {
                case "valid": #expect(ok, "tcId \(t.tcId) \(t.comment) \(t.flags): valid signature rejected"); valid += 1
                case "invalid": #expect(!ok, "tcId \(t.tcId) \(t.comment) \(t.flags): invalid signature accepted"); invalid += 1
                default: Issue.record("tcId \(t.tcId): result \(t.result) has no decision")
                }
            }
        }
        #expect(valid + invalid == 151)
        print("Wycheproof ed25519_test.json: \(valid + invalid) ran (valid \(valid) accepted, invalid \(invalid) rejected); \(keysRefused) key groups refused at import")
    }
}

/// PureEd25519 against OpenSSL (pyca/cryptography): random keys and messages, valid signatures and
/// corruptions (bit flips in R, S, the message; S + L; the key of another pair). Seeded.
@Suite struct DifferentialEd25519Tests {
    struct Case: Decodable { let pk: String; let msg: String; let sig: String; let valid: Bool; let kind: String }

    @Test func verdictsMatchOpenSSL() throws {
        guard PythonScript.hasModule("cryptography") else {
            print("note: python3 with cryptography not found; skipping the Ed25519 differential test")
            #expect(!Vectors.isCI, "CI must run the differential test: pip install cryptography")
            return
        }
        let script = #"""
        import json, random
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives import serialization
        rng = random.Random(20170101)
        L = 2**252 + 27742317777372353535851937790883648493
        raw = lambda k: k.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        for i in range(150):
            key = Ed25519PrivateKey.from_private_bytes(bytes(rng.getrandbits(8) for _ in range(32)))
            other = Ed25519PrivateKey.from_private_bytes(bytes(rng.getrandbits(8) for _ in range(32)))
            msg = bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 200)))
            sig = key.sign(msg)
            cases = [("valid", raw(key), msg, sig)]
            b = bytearray(sig); j = rng.randrange(64); b[j] ^= 1 << rng.randrange(8); cases.append(("bitflip", raw(key), msg, bytes(b)))
            s = int.from_bytes(sig[32:], "little") + L
            if s < 2**256: cases.append(("s-plus-l", raw(key), msg, sig[:32] + s.to_bytes(32, "little")))
            cases.append(("other-key", raw(other), msg, sig))
            cases.append(("other-message", raw(key), msg + b"!", sig))
            for kind, pk, m, sg in cases:
                try:
                    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
                    Ed25519PublicKey.from_public_bytes(pk).verify(sg, m); ok = True
                except Exception:
                    ok = False
                print(json.dumps({"pk": pk.hex(), "msg": m.hex(), "sig": sg.hex(), "valid": ok, "kind": kind}))
        """#
        guard let out = try PythonScript.run(script, stdin: []) else { return }
        var total = 0, valid = 0
        for line in out.split(separator: "\n") {
            let c = try JSONDecoder().decode(Case.self, from: Data(line.utf8))
            let ours = (try? Ed25519PublicKey(rawRepresentation: Hex.decode(c.pk)))?.isValidSignature(Hex.decode(c.sig), message: Hex.decode(c.msg)) ?? false
            #expect(ours == c.valid, "\(c.kind) disagrees with OpenSSL (OpenSSL: \(c.valid)): pk \(c.pk) sig \(c.sig)")
            total += 1
            if c.valid { valid += 1 }
        }
        #expect(total >= 600 && valid >= 150)
        print("Ed25519 differential vs OpenSSL: \(total) cases (\(valid) valid), all agree")
    }
}
