// HMAC (RFC 2104; FIPS 198-1 §4) over SHA-256, SHA-384 and SHA-512 — the MACs of JWS HS256/384/512
// (RFC 7518 §3.2).
//
//   K0  = K padded with zeros to the block size B, or H(K) padded when K is longer than B (step 1–3)
//   MAC = H((K0 ⊕ opad) ‖ H((K0 ⊕ ipad) ‖ message)),   ipad = 0x36 × B, opad = 0x5C × B
//
// B is 64 bytes for SHA-256 and 128 for SHA-384/512. The key is secret: the work here depends only
// on the lengths of key and message, never on their contents (SHA-2 is data-independent), and the
// tags it returns compare in constant time (HashDigest `==`). Nothing is allocated for a key of at
// most B bytes; the padded key lives on the stack and is zeroed before return.

/// HMAC-SHA-256/384/512.
public enum HMAC {
    /// HMAC-SHA-256 of `message` under `key`.
    public static func sha256(key: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer) -> SHA256Digest {
        SHA256Digest(mac(key, message, iv: SHA256State(), outputLength: 32))
    }

    /// HMAC-SHA-384 of `message` under `key`.
    public static func sha384(key: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer) -> SHA384Digest {
        SHA384Digest(mac(key, message, iv: SHA512State(iv: sha384IV), outputLength: 48))
    }

    /// HMAC-SHA-512 of `message` under `key`.
    public static func sha512(key: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer) -> SHA512Digest {
        SHA512Digest(mac(key, message, iv: SHA512State(iv: sha512IV), outputLength: 64))
    }

    /// HMAC-SHA-256 of `message` under `key` (arrays).
    public static func sha256(key: [UInt8], message: [UInt8]) -> SHA256Digest {
        key.withUnsafeBytes { k in message.withUnsafeBytes { sha256(key: k, message: $0) } }
    }

    /// HMAC-SHA-384 of `message` under `key` (arrays).
    public static func sha384(key: [UInt8], message: [UInt8]) -> SHA384Digest {
        key.withUnsafeBytes { k in message.withUnsafeBytes { sha384(key: k, message: $0) } }
    }

    /// HMAC-SHA-512 of `message` under `key` (arrays).
    public static func sha512(key: [UInt8], message: [UInt8]) -> SHA512Digest {
        key.withUnsafeBytes { k in message.withUnsafeBytes { sha512(key: k, message: $0) } }
    }

    /// The final chaining state of the outer hash; `outputLength` is the hash's output in bytes
    /// (48 for SHA-384, a truncated SHA-512 state).
    private static func mac<State: CompressionState>(_ key: UnsafeRawBufferPointer, _ message: UnsafeRawBufferPointer, iv: State,
                                                     outputLength: Int) -> State {
        let b = State.blockSize
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: b) { k0 in
            // Steps 1–3: K0 = K, or H(K) when K is longer than the block, then zeros to B bytes.
            k0.initialize(repeating: 0)
            if key.count > b {
                var h = MerkleDamgard(state: iv)
                h.update(key)
                h.finish().withOutput(outputLength) { for i in 0..<$0.count { k0[i] = $0[i] } }
            } else {
                for i in 0..<key.count { k0[i] = key[i] }
            }
            defer { k0.update(repeating: 0) }
            // Steps 4–6: H((K0 ⊕ ipad) ‖ message).
            for i in 0..<b { k0[i] ^= 0x36 }
            var inner = MerkleDamgard(state: iv)
            inner.update(UnsafeRawBufferPointer(k0))
            inner.update(message)
            let innerState = inner.finish()
            // Steps 7–9: H((K0 ⊕ opad) ‖ inner digest); 0x36 ⊕ 0x5C turns ipad into opad.
            for i in 0..<b { k0[i] ^= 0x36 ^ 0x5C }
            var outer = MerkleDamgard(state: iv)
            outer.update(UnsafeRawBufferPointer(k0))
            innerState.withOutput(outputLength) { outer.update($0) }
            return outer.finish()
        }
    }
}
