import Foundation
import Testing
import VectorSupport
@testable import PureRSA

/// NIST CAVP FIPS 186-3 RSASSA-PKCS1-v1_5 vectors (Vectors/nist/rsa). Moduli ≥ 2048 bits run under
/// the default policy, the 1024-bit ones under `.allowingLegacy1024BitModuli` (and are asserted to
/// be refused by the default policy).
@Suite struct NISTRSATests {
    func hash(_ name: String?) -> RSAHashAlgorithm? {
        switch name { case "SHA256": .sha256; case "SHA384": .sha384; case "SHA512": .sha512; default: nil }
    }

    func policy(forModulusBits bits: Int) -> RSAKeyPolicy { bits < 2048 ? .allowingLegacy1024BitModuli : .default }

    @Test("SigVer15_186-3.rsp (SHA-256/384/512, Result P/F)")
    func sigVer() throws {
        let records = RSP.parse(try Vectors.text("nist/rsa/SigVer15_186-3.rsp"), terminal: "Result")
        var passed = 0, failed = 0, legacy = 0
        for r in records {
            guard let h = hash(r["SHAAlg"]) else { continue }
            let n = Hex.decode(r["n"] ?? ""), e = Hex.decode(r["e"] ?? "")
            let bits = Int(r["mod"] ?? "") ?? 0
            let expectPass = (r["Result"] ?? "").hasPrefix("P")
            if bits < 2048 {
                legacy += 1
                #expect(throws: RSAKeyError.self) { try RSAPublicKey(modulus: n, exponent: e) }
            }
            let key = try? RSAPublicKey(modulus: n, exponent: e, policy: policy(forModulusBits: bits))
            let ok = key?.isValidPKCS1v15Signature(Hex.decode(r["S"] ?? ""), message: Hex.decode(r["Msg"] ?? ""), hash: h) ?? false
            #expect(ok == expectPass, "mod \(bits) \(r["SHAAlg"] ?? "") Result \(r["Result"] ?? "")")
            if expectPass { passed += 1 } else { failed += 1 }
        }
        #expect(passed + failed > 100)
        print("NIST SigVer15: \(passed + failed) vectors (\(passed) P accepted, \(failed) F rejected; \(legacy) with 1024/1536-bit moduli under the legacy policy)")
    }

    @Test("SigGen15_186-3.rsp (all valid)")
    func sigGen() throws {
        let records = RSP.parse(try Vectors.text("nist/rsa/SigGen15_186-3.rsp"), terminal: "S")
        var count = 0
        for r in records {
            guard let h = hash(r["SHAAlg"]) else { continue }
            let bits = Int(r["mod"] ?? "") ?? 0
            let key = try RSAPublicKey(modulus: Hex.decode(r["n"] ?? ""), exponent: Hex.decode(r["e"] ?? ""), policy: policy(forModulusBits: bits))
            #expect(key.isValidPKCS1v15Signature(Hex.decode(r["S"] ?? ""), message: Hex.decode(r["Msg"] ?? ""), hash: h), "mod \(bits) \(r["SHAAlg"] ?? "")")
            count += 1
        }
        #expect(count > 20)
        print("NIST SigGen15: \(count) signatures verified")
    }
}
