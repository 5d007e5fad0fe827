// The RSA half of PureJWTTesting: throwaway RSA-2048 key pairs (TestKeys.swift, generated) and the
// RSASSA-PKCS1-v1_5 signing operation of RFC 8017 §8.2.1 — for minting tokens in tests only.
//
// ⚠︎ TEST-ONLY. The private-key operation below is fixed-window exponentiation by the *secret*
// exponents, in variable time (running time and memory accesses depend on them), without blinding,
// and the keys' private values are published in this module. That is fine for a test suite and
// wrong everywhere else; the names say so (`signVariableTimeTestOnly`).
//
// RSASP1 with the CRT (RFC 8017 §5.2.1 step 2b): s1 = m^dP mod p, s2 = m^dQ mod q,
// h = (s1 − s2)·qInv mod p, s = s2 + q·h — two half-size exponentiations, about four times less
// work than m^d mod n; each signature is checked with the public exponent (s^e mod n = m) before
// it is returned.
import PureBigNum
import PureJWK
import PureRSA
import PureSHA2

/// A published, throwaway RSA-2048 key pair for tests.
public struct TestRSAKey: Sendable {
    /// The `kid` its tokens carry and its JWK has.
    public let keyID: String
    /// The public key.
    public let publicKey: RSAPublicKey
    let p: MontgomeryModulus, q: MontgomeryModulus
    let dP: [UInt64], dQ: [UInt64], qInv: [UInt64]

    init(keyID: String, modulusHex: String, exponent: UInt32, privateExponentHex: String,
         primeP: String, primeQ: String, exponentP: String, exponentQ: String, coefficient: String) {
        self.keyID = keyID
        let n = BigUInt(bigEndianBytes: hexBytes(modulusHex))
        var e: [UInt8] = []
        var x = exponent
        while x > 0 { e.insert(UInt8(truncatingIfNeeded: x), at: 0); x >>= 8 }
        // The generated keys are valid RSA-2048 keys; a failure here is a broken generator.
        guard let key = try? RSAPublicKey(modulus: n, exponent: BigUInt(bigEndianBytes: e)),
              let p = try? MontgomeryModulus(BigUInt(bigEndianBytes: hexBytes(primeP))),
              let q = try? MontgomeryModulus(BigUInt(bigEndianBytes: hexBytes(primeQ))) else {
            preconditionFailure("PureJWTTesting: the generated test key \(keyID) is not a valid RSA key")
        }
        self.publicKey = key
        self.p = p
        self.q = q
        self.dP = BigUInt(bigEndianBytes: hexBytes(exponentP)).limbs
        self.dQ = BigUInt(bigEndianBytes: hexBytes(exponentQ)).limbs
        self.qInv = BigUInt(bigEndianBytes: hexBytes(coefficient)).limbs
        _ = privateExponentHex   // kept in TestKeys.swift for readers; the CRT values are what sign
    }

    /// The public key as a JWK (`kty` RSA, `use` sig, `alg` as given, this key's `kid`).
    public func jwk(algorithm: String? = nil) -> JWK { JWK(rsaKey: publicKey, keyID: keyID, algorithm: algorithm) }

    /// RSASSA-PKCS1-V1_5-SIGN (RFC 8017 §8.2.1) of `message` with SHA-256/384/512 — **variable-time
    /// in the secret exponents: test-only** (file header).
    public func signVariableTimeTestOnly(_ message: [UInt8], hash: RSAHashAlgorithm) -> [UInt8] {
        let k = publicKey.modulusByteCount
        let digest = message.withUnsafeBytes { hash.digest($0) }
        // Step 1: EM = EMSA-PKCS1-V1_5-ENCODE(M, k) (§9.2), the same encoder the verifier compares with.
        var em = [UInt8](repeating: 0, count: k)
        digest.withUnsafeBytes { d in em.withUnsafeMutableBufferPointer { hash.writeEncodedMessage(digest: d, into: $0) } }
        // Steps 2a–2c: m = OS2IP(EM), s = RSASP1(K, m), S = I2OSP(s, k).
        let m = BigUInt(bigEndianBytes: em)
        let s = rsasp1VariableTimeTestOnly(m)
        // Checked with the public key before it is returned (a wrong signature would be a bug here).
        precondition((try? publicKey.prepared.context.modPowPublicExponent(s, exponent: UInt64(publicKey.exponent))) == m,
                     "PureJWTTesting: the CRT signature does not verify")
        return s.bigEndianBytes(count: k) ?? []
    }

    /// RSASSA-PSS-SIGN (RFC 8017 §8.1.1) with MGF1 over the same hash — variable time, and with a
    /// salt derived from the message (SHA-512 of it, repeated), not random: **test-only**. Any
    /// `saltLength` (0 … emLen − hLen − 2) is allowed, for tests of verifiers that must refuse
    /// other salt lengths.
    public func signPSSVariableTimeTestOnly(_ message: [UInt8], hash: RSAHashAlgorithm, saltLength: Int) -> [UInt8] {
        let k = publicKey.modulusByteCount
        let emBits = publicKey.modulusBitCount - 1
        let emLen = (emBits + 7) / 8
        let mHash = message.withUnsafeBytes { hash.digest($0) }
        var seed = SHA512.hash(message).bytes
        while seed.count < saltLength { seed += SHA512.hash(seed).bytes }
        let salt = Array(seed.prefix(saltLength))
        // §8.1.1 step 1: EM = EMSA-PSS-ENCODE(M, modBits − 1).
        var em = [UInt8](repeating: 0, count: emLen)
        mHash.withUnsafeBytes { h in em.withUnsafeMutableBufferPointer { hash.writePSSEncodedMessage(mHash: h, salt: salt, emBits: emBits, into: $0) } }
        // Steps 2a–2c: m = OS2IP(EM), s = RSASP1(K, m), S = I2OSP(s, k).
        let m = BigUInt(bigEndianBytes: em)
        let s = rsasp1VariableTimeTestOnly(m)
        precondition((try? publicKey.prepared.context.modPowPublicExponent(s, exponent: UInt64(publicKey.exponent))) == m,
                     "PureJWTTesting: the CRT signature does not verify")
        return s.bigEndianBytes(count: k) ?? []
    }

    /// RSASP1 with the CRT (file header) — variable time in the secret exponents: test-only.
    func rsasp1VariableTimeTestOnly(_ m: BigUInt) -> BigUInt {
        let kp = p.limbCount
        func padded(_ x: [UInt64], _ k: Int) -> [UInt64] { x + [UInt64](repeating: 0, count: max(0, k - x.count)) }
        let s1 = p.modPowVariableTimeTestOnly(m.limbs, exponent: dP)                 // m^dP mod p
        let s2 = padded(q.modPowVariableTimeTestOnly(m.limbs, exponent: dQ), kp)     // m^dQ mod q
        // s2 < q < 2p (p and q have the same bit length), so one subtraction brings it below p.
        let pLimbs = padded(p.modulus.limbs, kp)
        let s2p = compare(s2, pLimbs) >= 0 ? subtract(s2, pLimbs) : s2
        let diff = compare(s1, s2p) >= 0 ? subtract(s1, s2p) : subtract(add(s1, pLimbs), s2p)
        // h = qInv·diff mod p: (qInv·R)·diff·R⁻¹ by two Montgomery products.
        let qInvR = p.montgomeryProduct(padded(qInv, kp), p.rSquaredLimbs)
        let h = p.montgomeryProduct(qInvR, Array(padded(diff, kp).prefix(kp)))
        return BigUInt(limbs: add(multiply(q.modulus.limbs, h), s2))
    }
}

// Plain multi-word arithmetic on little-endian limbs, for the CRT recombination above.

func compare(_ a: [UInt64], _ b: [UInt64]) -> Int {
    let n = max(a.count, b.count)
    for i in stride(from: n - 1, through: 0, by: -1) {
        let x = i < a.count ? a[i] : 0, y = i < b.count ? b[i] : 0
        if x != y { return x < y ? -1 : 1 }
    }
    return 0
}

func add(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
    var out = [UInt64](repeating: 0, count: max(a.count, b.count) + 1)
    var carry: UInt64 = 0
    for i in 0..<(out.count - 1) {
        let (s1, c1) = (i < a.count ? a[i] : 0).addingReportingOverflow(i < b.count ? b[i] : 0)
        let (s2, c2) = s1.addingReportingOverflow(carry)
        out[i] = s2
        carry = (c1 ? 1 : 0) + (c2 ? 1 : 0)
    }
    out[out.count - 1] = carry
    return out
}

/// a − b for a ≥ b.
func subtract(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
    var out = a
    var borrow: UInt64 = 0
    for i in 0..<a.count {
        let (d1, b1) = a[i].subtractingReportingOverflow(i < b.count ? b[i] : 0)
        let (d2, b2) = d1.subtractingReportingOverflow(borrow)
        out[i] = d2
        borrow = (b1 || b2) ? 1 : 0
    }
    return out
}

/// Schoolbook product (HAC Algorithm 14.12).
func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
    var out = [UInt64](repeating: 0, count: a.count + b.count)
    for i in 0..<a.count {
        var carry: UInt64 = 0
        for j in 0..<b.count {
            let p = a[i].multipliedFullWidth(by: b[j])
            let (s1, c1) = out[i + j].addingReportingOverflow(p.low)
            let (s2, c2) = s1.addingReportingOverflow(carry)
            out[i + j] = s2
            carry = p.high &+ (c1 ? 1 : 0) &+ (c2 ? 1 : 0)   // p.high ≤ 2^64 − 2: no overflow
        }
        out[i + b.count] = carry
    }
    return out
}

/// Hex digits to bytes (generated constants; an odd count is read with a leading zero).
func hexBytes(_ s: String) -> [UInt8] {
    var out: [UInt8] = []
    var digits = Array(s.utf8)
    if digits.count % 2 == 1 { digits.insert(UInt8(ascii: "0"), at: 0) }
    func v(_ c: UInt8) -> UInt8 { c <= 0x39 ? c &- 0x30 : (c | 0x20) &- 0x61 &+ 10 }
    var i = 0
    while i + 1 < digits.count { out.append(v(digits[i]) << 4 | v(digits[i + 1])); i += 2 }
    return out
}
