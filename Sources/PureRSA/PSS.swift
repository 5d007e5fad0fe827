// RSASSA-PSS signature verification, RFC 8017 §8.1.2, with EMSA-PSS-VERIFY (§9.1.2) and MGF1
// (§B.2.1). The primitive takes the hash, the MGF1 hash and the salt length as parameters; JWS
// PS256/384/512 fix both hashes to SHA-2 of the same size and the salt to the hash length (RFC 7518
// §3.5) and pass nothing else.
//
// For modBits = the modulus length in bits, the encoded message is emBits = modBits − 1 bits in
// emLen = ⌈emBits/8⌉ octets — one octet shorter than the modulus when modBits ≡ 1 (mod 8), and with
// 8·emLen − emBits leading bits that must be zero otherwise:
//
//     EM = maskedDB ‖ H ‖ 0xbc,   DB = PS (zeros) ‖ 0x01 ‖ salt,   maskedDB = DB ⊕ MGF1(H, emLen − hLen − 1)
//     H  = Hash(0x00 × 8 ‖ mHash ‖ salt)
//
// Every step of §9.1.2 is a check below, cited by number. Verification handles public data
// (signature, key, message): variable time is fine here and the steps may exit early. Work per
// call: stack buffers only (s, m, EM, DB, M′ and the Montgomery scratch); no heap allocation.
import PureBigNum
import PureSHA2

extension RSAPublicKey {
    /// RSASSA-PSS-VERIFY (RFC 8017 §8.1.2) of `signature` over `message`.
    /// - Parameters:
    ///   - signature: S, k octets.
    ///   - message: M, hashed here.
    ///   - hash: the message hash (`mHash = Hash(M)`, and H = Hash(M′)).
    ///   - mgfHash: the hash MGF1 uses (JWS: the same as `hash`).
    ///   - saltLength: sLen in octets (JWS: the hash length).
    public func isValidPSSSignature(_ signature: [UInt8], message: [UInt8], hash: RSAHashAlgorithm,
                                    mgfHash: RSAHashAlgorithm, saltLength: Int) -> Bool {
        let mHash = hash.digest(message)
        return signature.withUnsafeBufferPointer { s in
            mHash.withUnsafeBytes { isValidPSSSignature(s, digest: $0, hash: hash, mgfHash: mgfHash, saltLength: saltLength) }
        }
    }

    /// RSASSA-PSS-VERIFY against a precomputed `mHash` (e.g. of a JWS signing input), on raw views:
    /// the verifier's path, with no allocation. `digest` must be the output of `hash`.
    public func isValidPSSSignature(_ signature: UnsafeBufferPointer<UInt8>, digest mHash: UnsafeRawBufferPointer,
                                    hash: RSAHashAlgorithm, mgfHash: RSAHashAlgorithm, saltLength: Int) -> Bool {
        let k = modulusByteCount
        // §8.1.2 step 1: "If the length of the signature S is not k octets, output 'invalid signature'."
        guard signature.count == k else { return false }
        let hLen = hash.digestByteCount
        guard mHash.count == hLen, saltLength >= 0 else { return false }
        // §8.1.2 step 2c and §9.1.2: emBits = modBits − 1, emLen = ⌈emBits/8⌉.
        let emBits = modulusBitCount - 1
        let emLen = (emBits + 7) / 8
        // §9.1.2 step 3: "If emLen < hLen + sLen + 2, output 'inconsistent' and stop."
        guard emLen >= hLen + saltLength + 2 else { return false }

        let limbs = prepared.context.limbCount
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: limbs) { s -> Bool in
          withUnsafeTemporaryAllocation(of: UInt64.self, capacity: limbs) { m -> Bool in
          withUnsafeTemporaryAllocation(of: UInt8.self, capacity: k) { octets -> Bool in
            // §8.1.2 step 2a, OS2IP: s = the integer whose big-endian octets are S.
            BigUInt.loadBigEndian(UnsafeRawBufferPointer(signature), into: s)
            // Step 2b, RSAVP1 (§5.2.2 step 1): s must be between 0 and n − 1.
            guard lessThanModulus(UnsafeBufferPointer(s)) else { return false }
            // RSAVP1 step 2: m = s^e mod n.
            prepared.context.powInto(m, UnsafeBufferPointer(s), exponent: UInt64(exponent))
            // Step 2c, EM = I2OSP(m, emLen): m as k octets, of which the first k − emLen (zero or
            // one) must be zero — otherwise I2OSP outputs "integer too large" (§4.1 step 1).
            for i in 0..<k { octets[k - 1 - i] = UInt8(truncatingIfNeeded: m[i >> 3] >> UInt64((i & 7) << 3)) }
            for i in 0..<(k - emLen) where octets[i] != 0 { return false }
            let em = UnsafeBufferPointer(rebasing: octets[(k - emLen)...])
            return Self.emsaPSSVerify(mHash: mHash, em: em, emBits: emBits, hash: hash, mgfHash: mgfHash, saltLength: saltLength)
          }
          }
        }
    }

    /// EMSA-PSS-VERIFY (RFC 8017 §9.1.2) steps 4–14 on EM (emLen octets); step 3 is checked by the caller.
    static func emsaPSSVerify(mHash: UnsafeRawBufferPointer, em: UnsafeBufferPointer<UInt8>, emBits: Int,
                              hash: RSAHashAlgorithm, mgfHash: RSAHashAlgorithm, saltLength sLen: Int) -> Bool {
        let emLen = em.count, hLen = hash.digestByteCount
        let dbLen = emLen - hLen - 1
        // Step 4: "If the rightmost octet of EM does not have hexadecimal value 0xbc, output 'inconsistent'."
        guard em[emLen - 1] == 0xbc else { return false }
        // Step 5: maskedDB = the leftmost emLen − hLen − 1 octets of EM, H = the next hLen octets.
        let maskedDB = UnsafeBufferPointer(rebasing: em[0..<dbLen])
        let h = UnsafeBufferPointer(rebasing: em[dbLen..<(dbLen + hLen)])
        // Step 6: "If the leftmost 8emLen − emBits bits of the leftmost octet in maskedDB are not all
        // equal to zero, output 'inconsistent'."
        let unusedBits = 8 * emLen - emBits                      // 0 … 7
        let topMask = UInt8(truncatingIfNeeded: 0xFF >> unusedBits)
        guard maskedDB[0] & ~topMask == 0 else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: dbLen) { db -> Bool in
            // Step 7: dbMask = MGF(H, emLen − hLen − 1). Step 8: DB = maskedDB ⊕ dbMask.
            mgf1(seed: UnsafeRawBufferPointer(h), into: db, hash: mgfHash)
            for i in 0..<dbLen { db[i] ^= maskedDB[i] }
            // Step 9: set the leftmost 8emLen − emBits bits of the leftmost octet in DB to zero.
            db[0] &= topMask
            // Step 10: "If the emLen − hLen − sLen − 2 leftmost octets of DB are not zero or if the
            // octet at position emLen − hLen − sLen − 1 (the leftmost position is 'position 1') does
            // not have hexadecimal value 0x01, output 'inconsistent'."
            let psLen = emLen - hLen - sLen - 2
            for i in 0..<psLen where db[i] != 0 { return false }
            guard db[psLen] == 0x01 else { return false }
            // Step 11: salt = the last sLen octets of DB.
            let salt = UnsafeBufferPointer(rebasing: db[(dbLen - sLen)...])
            // Steps 12–13: M′ = 0x00 × 8 ‖ mHash ‖ salt; H′ = Hash(M′).
            let mPrimeLength = 8 + hLen + sLen
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: mPrimeLength + 64) { buffer -> Bool in
                let mPrime = UnsafeMutableBufferPointer(rebasing: buffer[0..<mPrimeLength])
                for i in 0..<8 { mPrime[i] = 0 }
                for i in 0..<hLen { mPrime[8 + i] = mHash[i] }
                for i in 0..<sLen { mPrime[8 + hLen + i] = salt[i] }
                let hPrime = UnsafeMutableBufferPointer(rebasing: buffer[mPrimeLength..<(mPrimeLength + hLen)])
                hash.hash(UnsafeRawBufferPointer(mPrime), into: hPrime)
                // Step 14: "If H = H′, output 'consistent'. Otherwise, output 'inconsistent'."
                var diff: UInt8 = 0
                for i in 0..<hLen { diff |= h[i] ^ hPrime[i] }
                return diff == 0
            }
        }
    }
}

/// MGF1 (RFC 8017 §B.2.1): T = Hash(seed ‖ C₀) ‖ Hash(seed ‖ C₁) ‖ …, with Cᵢ = I2OSP(i, 4), cut to
/// `mask.count` octets. (Step 1's limit, maskLen ≤ 2³² · hLen, cannot be reached by a key the policy
/// accepts.)
func mgf1(seed: UnsafeRawBufferPointer, into mask: UnsafeMutableBufferPointer<UInt8>, hash: RSAHashAlgorithm) {
    let hLen = hash.digestByteCount
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: seed.count + 4 + 64) { buffer in
        for i in 0..<seed.count { buffer[i] = seed[i] }
        let input = UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[0..<(seed.count + 4)]))
        let block = UnsafeMutableBufferPointer(rebasing: buffer[(seed.count + 4)..<(seed.count + 4 + hLen)])
        var counter: UInt32 = 0
        var filled = 0
        while filled < mask.count {
            // Step 3a: C = I2OSP(counter, 4).
            buffer[seed.count] = UInt8(truncatingIfNeeded: counter >> 24)
            buffer[seed.count + 1] = UInt8(truncatingIfNeeded: counter >> 16)
            buffer[seed.count + 2] = UInt8(truncatingIfNeeded: counter >> 8)
            buffer[seed.count + 3] = UInt8(truncatingIfNeeded: counter)
            // Step 3b: T = T ‖ Hash(mgfSeed ‖ C).
            hash.hash(input, into: block)
            let n = min(hLen, mask.count - filled)
            for i in 0..<n { mask[filled + i] = block[i] }
            filled += n
            counter += 1
        }
    }
}

extension RSAHashAlgorithm {
    /// Hash(input) written into the first hLen octets of `out` (no allocation).
    func hash(_ input: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<UInt8>) {
        func copy(_ d: UnsafeRawBufferPointer) { for i in 0..<d.count { out[i] = d[i] } }
        switch self {
        case .sha256: SHA256.hash(input).withUnsafeBytes(copy)
        case .sha384: SHA384.hash(input).withUnsafeBytes(copy)
        case .sha512: SHA512.hash(input).withUnsafeBytes(copy)
        }
    }

    /// EMSA-PSS-ENCODE (RFC 8017 §9.1.1) of `mHash` with `salt` into `em` (emLen = ⌈emBits/8⌉
    /// octets), MGF1 with this hash. For PureJWTTesting's signer (test-only: the salt is the
    /// caller's).
    package func writePSSEncodedMessage(mHash: UnsafeRawBufferPointer, salt: [UInt8], emBits: Int, into em: UnsafeMutableBufferPointer<UInt8>) {
        let hLen = digestByteCount, emLen = em.count, dbLen = emLen - hLen - 1
        // Steps 5–6: H = Hash(0x00 × 8 ‖ mHash ‖ salt).
        let mPrime = [UInt8](repeating: 0, count: 8) + Array(mHash) + salt
        let h = UnsafeMutableBufferPointer(rebasing: em[dbLen..<(dbLen + hLen)])
        mPrime.withUnsafeBytes { hash($0, into: h) }
        // Steps 7–10: DB = PS ‖ 0x01 ‖ salt, maskedDB = DB ⊕ MGF(H, dbLen).
        let db = UnsafeMutableBufferPointer(rebasing: em[0..<dbLen])
        mgf1(seed: UnsafeRawBufferPointer(h), into: db, hash: self)
        db[dbLen - salt.count - 1] ^= 0x01
        for i in 0..<salt.count { db[dbLen - salt.count + i] ^= salt[i] }
        // Step 11: clear the leftmost 8emLen − emBits bits. Step 12: the trailer 0xbc.
        db[0] &= UInt8(truncatingIfNeeded: 0xFF >> (8 * emLen - emBits))
        em[emLen - 1] = 0xbc
    }
}
