// RSASSA-PKCS1-v1_5 signature verification, RFC 8017 §8.2.2, with EMSA-PKCS1-v1_5 (§9.2).
//
// The expected encoded message is *built and compared whole*; the padding of the recovered
// message is never parsed (that is what let Bleichenbacher's 2006 e = 3 forgeries through lenient
// parsers). For k = modulus length in octets and T = DigestInfo ‖ H (tLen octets):
//
//     EM = 0x00 ‖ 0x01 ‖ 0xFF … 0xFF ‖ 0x00 ‖ T          (k octets)
//          └1┘    └1┘   └ k − tLen − 3 ┘  └1┘  └tLen┘
//
// §9.2 step 3 requires k ≥ tLen + 11 (at least 8 octets of 0xFF); every key the policy accepts
// (k ≥ 128) satisfies it for SHA-512 (tLen = 83). The comparison covers all k octets (as 64-bit words)
// whatever the first difference. Verification fails in one way (false) whatever the cause.
//
// Work per call: stack buffers only (s, m, EM′ and the Montgomery scratch); no heap allocation.
import PureBigNum
import PureSHA2

// RFC 8017 §9.2 Note 1, copied from the RFC: DigestInfo prefixes (constants, built once).
private let sha256DigestInfoPrefix: [UInt8] = [0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]
private let sha384DigestInfoPrefix: [UInt8] = [0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30]
private let sha512DigestInfoPrefix: [UInt8] = [0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40]

/// The hash function of an RSASSA-PKCS1-v1_5 signature.
public enum RSAHashAlgorithm: Sendable, CaseIterable {
    /// SHA-256 (RS256).
    case sha256
    /// SHA-384 (RS384).
    case sha384
    /// SHA-512 (RS512).
    case sha512

    /// RFC 8017 §9.2 Note 1: the DER encoding of the DigestInfo prefix for this hash
    /// (AlgorithmIdentifier with NULL parameters, then the OCTET STRING header of H).
    var digestInfoPrefix: [UInt8] {
        switch self {
        case .sha256: sha256DigestInfoPrefix
        case .sha384: sha384DigestInfoPrefix
        case .sha512: sha512DigestInfoPrefix
        }
    }

    /// hLen, the digest length in octets.
    public var digestByteCount: Int {
        switch self {
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    /// H = Hash(M) (§9.2 step 1).
    public func digest(_ message: UnsafeRawBufferPointer) -> [UInt8] {
        switch self {
        case .sha256: SHA256.hash(message).bytes
        case .sha384: SHA384.hash(message).bytes
        case .sha512: SHA512.hash(message).bytes
        }
    }
}

extension RSAPublicKey {
    /// RSASSA-PKCS1-V1_5-VERIFY (RFC 8017 §8.2.2) of `signature` over `message`.
    public func isValidPKCS1v15Signature(_ signature: [UInt8], message: [UInt8], hash: RSAHashAlgorithm) -> Bool {
        message.withUnsafeBytes { m in
            signature.withUnsafeBufferPointer { s in
                isValidPKCS1v15Signature(s, digest: hash.digest(m), hash: hash)
            }
        }
    }

    /// Verification against a precomputed digest H (e.g. of a JWS signing input).
    /// `digest` must be the output of `hash`; any other length fails.
    public func isValidPKCS1v15Signature(_ signature: [UInt8], digest: [UInt8], hash: RSAHashAlgorithm) -> Bool {
        signature.withUnsafeBufferPointer { isValidPKCS1v15Signature($0, digest: digest, hash: hash) }
    }

    /// Verification of a signature in a buffer against a digest array.
    public func isValidPKCS1v15Signature(_ signature: UnsafeBufferPointer<UInt8>, digest: [UInt8], hash: RSAHashAlgorithm) -> Bool {
        digest.withUnsafeBytes { isValidPKCS1v15Signature(signature, digest: $0, hash: hash) }
    }

    /// The verification on raw views (the verifier's hot path: no allocation). `digest` must be
    /// the output of `hash`; any other length fails.
    public func isValidPKCS1v15Signature(_ signature: UnsafeBufferPointer<UInt8>, digest: UnsafeRawBufferPointer, hash: RSAHashAlgorithm) -> Bool {
        let k = modulusByteCount
        // §8.2.2 step 1: "If the length of the signature S is not k octets, output 'invalid signature'."
        guard signature.count == k else { return false }
        let prefix = hash.digestInfoPrefix
        // The digest must have the length the DigestInfo announces.
        guard digest.count == hash.digestByteCount else { return false }
        let tLen = prefix.count + digest.count
        // §9.2 step 3: "If emLen < tLen + 11, output 'intended encoded message length too short'."
        guard k >= tLen + 11 else { return false }

        let limbs = prepared.context.limbCount
        // s, m and EM′: stack buffers (k words, k words, k octets; ≤ 1 KiB each up to 8192 bits).
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: limbs) { s -> Bool in
          withUnsafeTemporaryAllocation(of: UInt64.self, capacity: limbs) { m -> Bool in
          withUnsafeTemporaryAllocation(of: UInt8.self, capacity: k) { em -> Bool in
            // Step 2a, OS2IP (§4.2): s = the integer whose big-endian octets are S.
            BigUInt.loadBigEndian(UnsafeRawBufferPointer(signature), into: s)
            // Step 2b, RSAVP1 (§5.2.2 step 1): "If the signature representative s is not between 0
            // and n − 1, output 'signature representative out of range'."
            guard lessThanModulus(UnsafeBufferPointer(s)) else { return false }
            // RSAVP1 step 2: m = s^e mod n.
            prepared.context.powInto(m, UnsafeBufferPointer(s), exponent: UInt64(exponent))
            // Step 3, EM′ = EMSA-PKCS1-V1_5-ENCODE(H, k), built whole.
            hash.writeEncodedMessage(digest: digest, into: em)
            // Steps 2c and 4: EM = I2OSP(m, k) compared with EM′. Comparing the integers m and
            // OS2IP(EM′) word by word is the same test (OS2IP is a bijection on k-octet strings, and
            // m < n < 256^k so I2OSP cannot report "integer too large"); it runs over every word,
            // without an early exit. The expected message is loaded into s, which is no longer needed.
            BigUInt.loadBigEndian(UnsafeRawBufferPointer(em), into: s)
            var diff: UInt64 = 0
            for i in 0..<limbs { diff |= m[i] ^ s[i] }
            return diff == 0
          }
          }
        }
    }

    /// s < n, with s as `limbCount` limbs.
    func lessThanModulus(_ s: UnsafeBufferPointer<UInt64>) -> Bool {
        prepared.modulus.limbs.withUnsafeBufferPointer { n in
            var i = n.count - 1
            while i >= 0 {
                if s[i] != n[i] { return s[i] < n[i] }
                i -= 1
            }
            return false  // equal
        }
    }
}

extension RSAHashAlgorithm {
    /// EMSA-PKCS1-v1_5-ENCODE (RFC 8017 §9.2 steps 2–5) of `digest` (this hash's output) into `em`,
    /// whose length is k (≥ tLen + 11, checked by the callers):
    /// 0x00 ‖ 0x01 ‖ PS = 0xFF × (k − tLen − 3) ‖ 0x00 ‖ T, T = DigestInfo prefix ‖ H.
    /// The verifier compares against it; PureJWTTesting's test signer signs it.
    package func writeEncodedMessage(digest: UnsafeRawBufferPointer, into em: UnsafeMutableBufferPointer<UInt8>) {
        let prefix = digestInfoPrefix
        let k = em.count, tLen = prefix.count + digest.count
        let psEnd = k - tLen - 1         // index of the 0x00 separator
        em.initialize(repeating: 0xFF)   // UInt8 is trivial: fine over fresh or used memory
        em[0] = 0x00
        em[1] = 0x01
        em[psEnd] = 0x00
        for j in 0..<prefix.count { em[psEnd + 1 + j] = prefix[j] }
        for j in 0..<digest.count { em[psEnd + 1 + prefix.count + j] = digest[j] }
    }

    /// H = Hash(M) for a byte array.
    public func digest(_ message: [UInt8]) -> [UInt8] { message.withUnsafeBytes { digest($0) } }
}
