// Public SHA-256, SHA-384 and SHA-512 hashers (FIPS 180-4): one-shot `hash(_:)` and streaming
// `update(_:)` in arbitrary pieces followed by one `finalize()`.
//
// The hashers are `~Copyable` and `finalize()` is `consuming`: a finalized hasher cannot be
// updated or finalized again — the compiler rejects it, so no runtime state flag is needed.
// Public entry points take `[UInt8]`, `ArraySlice<UInt8>` or a raw buffer and work on one raw view
// inside (STYLE.md: generic collections across a module boundary were 8× slower).

/// SHA-256 (FIPS 180-4 §6.2).
public struct SHA256: ~Copyable {
    var engine = MerkleDamgard(state: SHA256State())

    /// A hasher with nothing absorbed yet.
    public init() {}

    /// Absorbs `bytes`; call as often as needed.
    public mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { engine.update($0) } }
    /// Absorbs `bytes`.
    public mutating func update(_ bytes: ArraySlice<UInt8>) { bytes.withUnsafeBytes { engine.update($0) } }
    /// Absorbs `bytes` (no copy).
    public mutating func update(_ bytes: UnsafeRawBufferPointer) { engine.update(bytes) }

    /// Pads, processes the last block(s) and returns the digest; the hasher is consumed.
    public consuming func finalize() -> SHA256Digest {
        SHA256Digest(engine.finish())
    }

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: [UInt8]) -> SHA256Digest { bytes.withUnsafeBytes { hash($0) } }
    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: ArraySlice<UInt8>) -> SHA256Digest { bytes.withUnsafeBytes { hash($0) } }
    /// The digest of `bytes` in one call (no copy).
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> SHA256Digest {
        var h = SHA256()
        h.update(bytes)
        return h.finalize()
    }
}

/// SHA-512 (FIPS 180-4 §6.4).
public struct SHA512: ~Copyable {
    var engine = MerkleDamgard(state: SHA512State(iv: sha512IV))

    /// A hasher with nothing absorbed yet.
    public init() {}

    /// Absorbs `bytes`; call as often as needed.
    public mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { engine.update($0) } }
    /// Absorbs `bytes`.
    public mutating func update(_ bytes: ArraySlice<UInt8>) { bytes.withUnsafeBytes { engine.update($0) } }
    /// Absorbs `bytes` (no copy).
    public mutating func update(_ bytes: UnsafeRawBufferPointer) { engine.update(bytes) }

    /// Pads, processes the last block(s) and returns the digest; the hasher is consumed.
    public consuming func finalize() -> SHA512Digest {
        SHA512Digest(engine.finish())
    }

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: [UInt8]) -> SHA512Digest { bytes.withUnsafeBytes { hash($0) } }
    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: ArraySlice<UInt8>) -> SHA512Digest { bytes.withUnsafeBytes { hash($0) } }
    /// The digest of `bytes` in one call (no copy).
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> SHA512Digest {
        var h = SHA512()
        h.update(bytes)
        return h.finalize()
    }
}

/// SHA-384 (FIPS 180-4 §6.5): SHA-512 with its own initial value, truncated to 384 bits.
public struct SHA384: ~Copyable {
    var engine = MerkleDamgard(state: SHA512State(iv: sha384IV))

    /// A hasher with nothing absorbed yet.
    public init() {}

    /// Absorbs `bytes`; call as often as needed.
    public mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { engine.update($0) } }
    /// Absorbs `bytes`.
    public mutating func update(_ bytes: ArraySlice<UInt8>) { bytes.withUnsafeBytes { engine.update($0) } }
    /// Absorbs `bytes` (no copy).
    public mutating func update(_ bytes: UnsafeRawBufferPointer) { engine.update(bytes) }

    /// Pads, processes the last block(s) and returns the digest; the hasher is consumed.
    public consuming func finalize() -> SHA384Digest {
        SHA384Digest(engine.finish())
    }

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: [UInt8]) -> SHA384Digest { bytes.withUnsafeBytes { hash($0) } }
    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: ArraySlice<UInt8>) -> SHA384Digest { bytes.withUnsafeBytes { hash($0) } }
    /// The digest of `bytes` in one call (no copy).
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> SHA384Digest {
        var h = SHA384()
        h.update(bytes)
        return h.finalize()
    }
}
