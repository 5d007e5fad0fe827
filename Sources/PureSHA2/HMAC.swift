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
        var engine = HMACEngine(key: key, iv: iv, outputLength: outputLength)
        engine.update(message)
        return engine.finish()
    }
}

/// HMAC's two keyed hashes, ready for the message (RFC 2104 §2; FIPS 198-1 §4 steps 1–9): the inner
/// hash has absorbed K0 ⊕ ipad, the outer K0 ⊕ opad. K0 lives on the stack only while the two
/// blocks are absorbed and is zeroed before `init` returns.
struct HMACEngine<State: CompressionState> {
    var inner: MerkleDamgard<State>
    var outer: MerkleDamgard<State>
    let outputLength: Int

    init(key: UnsafeRawBufferPointer, iv: State, outputLength: Int) {
        let b = State.blockSize
        var inner = MerkleDamgard(state: iv), outer = MerkleDamgard(state: iv)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: b) { k0 in
            // Steps 1–3: K0 = K, or H(K) when K is longer than the block, then zeros to B bytes.
            k0.initialize(repeating: 0)
            if key.count > b {
                var h = MerkleDamgard(state: iv)
                h.update(key)
                h.finish().withOutput(outputLength) { for i in 0..<$0.count { k0[i] = $0[i] } }
            } else {
                for i in 0..<key.count { k0[i] = key[i] }
            }
            // Step 4: K0 ⊕ ipad, absorbed by the inner hash (step 5's first block).
            for i in 0..<b { k0[i] ^= 0x36 }
            inner.update(UnsafeRawBufferPointer(k0))
            // Step 7: K0 ⊕ opad (0x36 ⊕ 0x5C turns ipad into opad), the outer hash's first block.
            for i in 0..<b { k0[i] ^= 0x36 ^ 0x5C }
            outer.update(UnsafeRawBufferPointer(k0))
            k0.update(repeating: 0)
        }
        self.inner = inner
        self.outer = outer
        self.outputLength = outputLength
    }

    /// Steps 5–6: the message into the inner hash, in any number of pieces.
    mutating func update(_ message: UnsafeRawBufferPointer) { inner.update(message) }

    /// Steps 6–9: H((K0 ⊕ opad) ‖ H((K0 ⊕ ipad) ‖ message)), as the outer hash's final state.
    consuming func finish() -> State {
        let innerState = inner.finish()
        var outer = self.outer
        innerState.withOutput(outputLength) { outer.update($0) }
        return outer.finish()
    }
}

/// Streaming HMAC-SHA-256: `update` in any number of pieces, then one `finalize()`. `~Copyable`, so
/// the keyed state is never duplicated by accident and a finalized MAC cannot be reused.
public struct HMACSHA256: ~Copyable {
    var engine: HMACEngine<SHA256State>
    /// A MAC keyed with `key`.
    public init(key: [UInt8]) { engine = key.withUnsafeBytes { HMACEngine(key: $0, iv: SHA256State(), outputLength: 32) } }
    /// Absorbs `bytes`.
    public mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { engine.update($0) } }
    /// Absorbs `bytes` (no copy).
    public mutating func update(_ bytes: UnsafeRawBufferPointer) { engine.update(bytes) }
    /// The tag; the MAC is consumed.
    public consuming func finalize() -> SHA256Digest { SHA256Digest(engine.finish()) }
}

/// Streaming HMAC-SHA-384 (as `HMACSHA256`).
public struct HMACSHA384: ~Copyable {
    var engine: HMACEngine<SHA512State>
    /// A MAC keyed with `key`.
    public init(key: [UInt8]) { engine = key.withUnsafeBytes { HMACEngine(key: $0, iv: SHA512State(iv: sha384IV), outputLength: 48) } }
    /// Absorbs `bytes`.
    public mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { engine.update($0) } }
    /// Absorbs `bytes` (no copy).
    public mutating func update(_ bytes: UnsafeRawBufferPointer) { engine.update(bytes) }
    /// The tag; the MAC is consumed.
    public consuming func finalize() -> SHA384Digest { SHA384Digest(engine.finish()) }
}

/// Streaming HMAC-SHA-512 (as `HMACSHA256`).
public struct HMACSHA512: ~Copyable {
    var engine: HMACEngine<SHA512State>
    /// A MAC keyed with `key`.
    public init(key: [UInt8]) { engine = key.withUnsafeBytes { HMACEngine(key: $0, iv: SHA512State(iv: sha512IV), outputLength: 64) } }
    /// Absorbs `bytes`.
    public mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { engine.update($0) } }
    /// Absorbs `bytes` (no copy).
    public mutating func update(_ bytes: UnsafeRawBufferPointer) { engine.update(bytes) }
    /// The tag; the MAC is consumed.
    public consuming func finalize() -> SHA512Digest { SHA512Digest(engine.finish()) }
}
