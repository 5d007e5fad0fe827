import Foundation
import Testing
import VectorSupport
@testable import PureRSA

/// Every Wycheproof RSASSA-PSS file, through the generic primitive (hash, MGF1 hash and salt length
/// from each group). Groups whose hash or MGF1 hash is SHA-1 or SHA-224 — which PureSHA2 does not
/// implement and no JWS algorithm uses — are counted as skipped.
let wycheproofPSSFiles = ["rsa_pss_2048_sha256_mgf1_32_test.json", "rsa_pss_2048_sha384_mgf1_48_test.json",
                          "rsa_pss_3072_sha256_mgf1_32_test.json", "rsa_pss_4096_sha512_mgf1_64_test.json",
                          "rsa_pss_misc_test.json"]

struct WycheproofPSSFile: Decodable {
    struct Group: Decodable {
        struct Key: Decodable { let modulus: String; let publicExponent: String }
        let publicKey: Key
        let sha: String
        let mgf: String
        let mgfSha: String
        let sLen: Int
        let tests: [WycheproofFile.Case]
    }
    let testGroups: [Group]
}

@Suite(.enabled(if: Vectors.runWycheproof, "Wycheproof vectors not found (set WYCHEPROOF_DIR)"))
struct WycheproofPSSTests {
    @Test("Wycheproof RSASSA-PSS verify", arguments: wycheproofPSSFiles)
    func verify(file: String) throws {
        let parsed = try JSONDecoder().decode(WycheproofPSSFile.self, from: try Vectors.wycheproof(file))
        var valid = 0, invalid = 0, skipped = 0
        for group in parsed.testGroups {
            #expect(group.mgf == "MGF1")
            guard let hash = hashAlgorithm(group.sha), let mgfHash = hashAlgorithm(group.mgfSha) else {
                skipped += group.tests.count
                continue
            }
            let key = try RSAPublicKey(modulus: Hex.decode(group.publicKey.modulus), exponent: Hex.decode(group.publicKey.publicExponent))
            for t in group.tests {
                let ok = key.isValidPSSSignature(Hex.decode(t.sig), message: Hex.decode(t.msg), hash: hash, mgfHash: mgfHash, saltLength: group.sLen)
                let label = "\(file) tcId \(t.tcId) \(t.comment) \(t.flags) (\(group.sha)/\(group.mgfSha)/sLen \(group.sLen))"
                switch t.result {
                case "valid": #expect(ok, "\(label): valid signature rejected"); valid += 1
                case "invalid": #expect(!ok, "\(label): invalid signature accepted"); invalid += 1
                default: Issue.record("\(label): result \(t.result) has no decision (the PSS files have no acceptable cases)")
                }
            }
        }
        #expect(valid + invalid > 50)
        print("Wycheproof \(file): \(valid + invalid) ran (valid \(valid), invalid \(invalid)); \(skipped) skipped for SHA-1/SHA-224")
    }
}

/// PureRSA's PSS against OpenSSL (pyca/cryptography): keys of sizes on and off a byte boundary
/// (emBits = modBits − 1 makes EM one octet shorter than the modulus when modBits ≡ 1 mod 8),
/// each hash, salt lengths 0, hLen and the maximum; valid signatures and corruptions. Seeded.
@Suite struct DifferentialPSSTests {
    struct Case: Decodable { let n: String; let e: String; let hash: String; let salt: Int; let msg: String; let sig: String; let valid: Bool; let kind: String }

    @Test func verdictsMatchOpenSSL() throws {
        guard PythonScript.hasModule("cryptography") else {
            print("note: python3 with cryptography not found; skipping the PSS differential test")
            #expect(!Vectors.isCI, "CI must run the differential test: pip install cryptography")
            return
        }
        let script = #"""
        import json, random, sys
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import rsa, padding
        rng = random.Random(20261130)
        hs = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}
        for bits in [2048, 2049, 2050, 2055, 2057, 3071, 3073, 4095]:
            key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
            pub = key.public_key(); n = pub.public_numbers().n
            k = (n.bit_length() + 7) // 8
            for name, h in hs.items():
                hlen = h.digest_size
                emlen = (n.bit_length() - 1 + 7) // 8
                for salt in sorted({0, hlen, emlen - hlen - 2}):
                    for i in range(4):
                        msg = bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 80)))
                        sig = key.sign(msg, padding.PSS(mgf=padding.MGF1(h), salt_length=salt), h)
                        cases = [("valid", sig, msg)]
                        flip = bytearray(sig); j = rng.randrange(len(flip)); flip[j] ^= 1 << rng.randrange(8)
                        cases.append(("bitflip", bytes(flip), msg))
                        cases.append(("other-message", sig, msg + b"x"))
                        for kind, s, m in cases:
                            try:
                                pub.verify(s, m, padding.PSS(mgf=padding.MGF1(h), salt_length=salt), h); ok = True
                            except Exception:
                                ok = False
                            print(json.dumps({"n": format(n, "x"), "e": "010001", "hash": name, "salt": salt, "msg": m.hex(),
                                              "sig": s.hex(), "valid": ok, "kind": kind}))
        """#
        guard let out = try PythonScript.run(script, stdin: []) else { return }
        var total = 0, valid = 0, oddSized = 0
        for line in out.split(separator: "\n") {
            let c = try JSONDecoder().decode(Case.self, from: Data(line.utf8))
            let hash: RSAHashAlgorithm = c.hash == "sha256" ? .sha256 : c.hash == "sha384" ? .sha384 : .sha512
            let key = try RSAPublicKey(modulus: Hex.decode(c.n.count % 2 == 1 ? "0" + c.n : c.n), exponent: Hex.decode(c.e))
            let ours = key.isValidPSSSignature(Hex.decode(c.sig), message: Hex.decode(c.msg), hash: hash, mgfHash: hash, saltLength: c.salt)
            #expect(ours == c.valid, "\(c.kind) disagrees with OpenSSL (OpenSSL: \(c.valid)): bits \(key.modulusBitCount) \(c.hash) salt \(c.salt)")
            total += 1
            if c.valid { valid += 1 }
            if key.modulusBitCount % 8 != 0 { oddSized += 1 }
        }
        #expect(total >= 500 && valid >= 150 && oddSized >= 300)
        print("RSASSA-PSS differential vs OpenSSL: \(total) cases (\(valid) valid, \(oddSized) with a modulus off a byte boundary), all agree")
    }
}
