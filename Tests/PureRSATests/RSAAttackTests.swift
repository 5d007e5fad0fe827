import Testing
import VectorSupport
@testable import PureRSA
import PureBigNum

/// A random odd 2048-bit modulus: enough for tests that need a key but no valid signature.
func syntheticKey(exponent: UInt8, seed: UInt64) throws -> RSAPublicKey {
    var rng = SeededRNG(seed: seed)
    var n = rng.bytes(256)
    n[0] |= 0x80
    n[255] |= 1
    return try RSAPublicKey(modulus: n, exponent: [exponent])
}

@Suite struct RSAAttackTests {
    /// Bleichenbacher 2006: with e = 3, a lenient verifier that parses 00 01 FF … 00 DigestInfo H and
    /// ignores what follows accepts s = ⌊∛(00 01 FF 00 ‖ DigestInfo ‖ H ‖ FF…FF)⌋. Build the forgery
    /// and check that it really has that prefix when cubed, then that PureRSA rejects it.
    @Test func bleichenbacherE3Forgery() throws {
        let key = try syntheticKey(exponent: 3, seed: 2006)
        let message = Array("forge me".utf8)
        let digest = RSAHashAlgorithm.sha256.digest(message)
        let prefix: [UInt8] = [0x00, 0x01, 0xFF, 0x00] + RSAHashAlgorithm.sha256.digestInfoPrefix + digest
        let target = prefix + [UInt8](repeating: 0xFF, count: 256 - prefix.count)
        let root = SlowBigInt(hex: Hex.encode(target)).cubeRoot()
        let forged = root.bytes(count: 256)
        let cubed = (root * root * root).bytes(count: 256)
        #expect(Array(cubed.prefix(prefix.count)) == prefix, "the forgery must fool a padding parser")
        #expect(!key.isValidPKCS1v15Signature(forged, message: message, hash: .sha256))
    }

    @Test func outOfRangeAndWrongLengthSignaturesFail() throws {
        let key = try syntheticKey(exponent: 3, seed: 1)
        let msg = Array("m".utf8)
        let n = key.modulus.bigEndianBytes(count: 256) ?? []
        #expect(!key.isValidPKCS1v15Signature(n, message: msg, hash: .sha256))                       // s = n
        #expect(!key.isValidPKCS1v15Signature([UInt8](repeating: 0xFF, count: 256), message: msg, hash: .sha256)) // s > n
        #expect(!key.isValidPKCS1v15Signature([UInt8](repeating: 0, count: 256), message: msg, hash: .sha256))    // s = 0
        #expect(!key.isValidPKCS1v15Signature([0] + [UInt8](repeating: 0, count: 254) + [1], message: msg, hash: .sha256)) // s = 1
        #expect(!key.isValidPKCS1v15Signature([UInt8](repeating: 1, count: 255), message: msg, hash: .sha256))    // one short
        #expect(!key.isValidPKCS1v15Signature([UInt8](repeating: 1, count: 257), message: msg, hash: .sha256))    // one long
        #expect(!key.isValidPKCS1v15Signature([], message: msg, hash: .sha256))
        #expect(!key.isValidPKCS1v15Signature([UInt8](repeating: 1, count: 256), digest: [1, 2, 3], hash: .sha256)) // wrong digest size
    }

    @Test func keyRules() throws {
        var rng = SeededRNG(seed: 9)
        func modulus(_ bytes: Int) -> [UInt8] { var n = rng.bytes(bytes); n[0] |= 0x80; n[bytes - 1] |= 1; return n }
        let n2048 = modulus(256)
        #expect(throws: RSAKeyError.modulusTooSmall(bits: 1024, minimum: 2048)) { try RSAPublicKey(modulus: modulus(128), exponent: [1, 0, 1]) }
        #expect(throws: RSAKeyError.modulusTooSmall(bits: 2047, minimum: 2048)) {
            var n = modulus(256); n[0] = 0x40; return try RSAPublicKey(modulus: n, exponent: [1, 0, 1])
        }
        #expect((try? RSAPublicKey(modulus: modulus(128), exponent: [1, 0, 1], policy: .allowingLegacy1024BitModuli)) != nil)
        #expect(throws: RSAKeyError.modulusTooSmall(bits: 1016, minimum: 1024)) {
            try RSAPublicKey(modulus: modulus(127), exponent: [1, 0, 1], policy: .allowingLegacy1024BitModuli)
        }
        #expect((try? RSAPublicKey(modulus: modulus(1024), exponent: [1, 0, 1])) != nil)   // 8192 bits: the maximum
        #expect(throws: RSAKeyError.modulusTooLarge(bits: 8200, maximum: 8192)) { try RSAPublicKey(modulus: modulus(1025), exponent: [1, 0, 1]) }
        #expect(throws: RSAKeyError.modulusEven) { var n = n2048; n[255] &= 0xFE; return try RSAPublicKey(modulus: n, exponent: [1, 0, 1]) }
        #expect(throws: RSAKeyError.exponentEven) { try RSAPublicKey(modulus: n2048, exponent: [1, 0, 0]) }
        #expect(throws: RSAKeyError.exponentTooSmall) { try RSAPublicKey(modulus: n2048, exponent: [1]) }
        #expect(throws: RSAKeyError.exponentTooSmall) { try RSAPublicKey(modulus: n2048, exponent: []) }
        #expect(throws: RSAKeyError.exponentTooLarge(bits: 33)) { try RSAPublicKey(modulus: n2048, exponent: [1, 0, 0, 0, 1]) }
        #expect((try? RSAPublicKey(modulus: n2048, exponent: [0xFF, 0xFF, 0xFF, 0xFF])) != nil)   // 32 bits: allowed
        #expect((try? RSAPublicKey(modulus: n2048, exponent: [0, 0, 1, 0, 1])) != nil)            // leading zero octets ignored
    }

    @Test func concurrentVerificationWithOneKey() async throws {
        // A fixed key and signature from the NIST SigGen vectors (2048-bit, SHA-256).
        let records = RSP.parse(try Vectors.text("nist/rsa/SigGen15_186-3.rsp"), terminal: "S")
        guard let r = records.first(where: { $0["mod"] == "2048" && $0["SHAAlg"] == "SHA256" }) else { Issue.record("no vector"); return }
        let key = try RSAPublicKey(modulus: Hex.decode(r["n"] ?? ""), exponent: Hex.decode(r["e"] ?? ""))
        let sig = Hex.decode(r["S"] ?? ""), msg = Hex.decode(r["Msg"] ?? "")
        let results = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<64 {
                group.addTask {
                    var s = sig
                    if i % 2 == 1 { s[i % s.count] ^= 1 }   // odd tasks tamper
                    return key.isValidPKCS1v15Signature(s, message: msg, hash: .sha256) == (i % 2 == 0)
                }
            }
            var all: [Bool] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 64 && results.allSatisfy { $0 })
    }
}
