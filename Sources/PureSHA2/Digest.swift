// Fixed-size digest values with constant-time equality.
//
// A digest is its bytes held inline in the value (no heap): SHA-256's 32, SHA-384's 48, SHA-512's 64,
// each a distinct type so digests of different functions cannot be mixed up. `==` compares every
// byte whatever the first difference, so comparing a computed digest with an attacker-chosen one
// leaks nothing through timing (not needed for public-key verification, but cheap and what users
// expect). The bytes are stored in output order: the big-endian serialisation of H(N).

/// The output of a hash function, held inline.
public protocol HashDigest: Hashable, Sendable, CustomStringConvertible {
    /// The digest length in bytes.
    static var byteCount: Int { get }
    /// Creates a digest from exactly `byteCount` bytes; nil for any other length.
    init?(bytes: [UInt8])
    /// Calls `body` with the digest bytes.
    func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R
}

extension HashDigest {
    /// The digest bytes, in output order.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Lower-case hexadecimal.
    public var description: String {
        let digits = Array("0123456789abcdef".utf8)
        var s: [UInt8] = []
        s.reserveCapacity(Self.byteCount * 2)
        withUnsafeBytes { raw in
            for b in raw {
                s.append(digits[Int(b >> 4)])
                s.append(digits[Int(b & 0x0F)])
            }
        }
        return String(decoding: s, as: UTF8.self)
    }

    /// Constant-time comparison: the loop always visits every byte.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.withUnsafeBytes { a in
            rhs.withUnsafeBytes { b in
                var diff: UInt8 = 0
                for i in 0..<Self.byteCount { diff |= a[i] ^ b[i] }
                return diff == 0
            }
        }
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

/// Copies exactly `MemoryLayout<Storage>.size` bytes into a digest's storage.
private func load<Storage>(_ bytes: [UInt8], into storage: inout Storage) -> Bool {
    guard bytes.count == MemoryLayout<Storage>.size else { return false }
    Swift.withUnsafeMutableBytes(of: &storage) { $0.copyBytes(from: bytes) }
    return true
}

/// A SHA-256 digest (32 bytes).
public struct SHA256Digest: HashDigest {
    /// The digest length in bytes.
    public static var byteCount: Int { 32 }
    var storage: (UInt64, UInt64, UInt64, UInt64)

    /// H0…H7 big-endian, in order (FIPS 180-4 §6.2.2): each word byte-swapped on little-endian
    /// machines, then the eight words' memory is the digest.
    init(_ state: SHA256State) {
        let h = state.h
        let be = (h.0.bigEndian, h.1.bigEndian, h.2.bigEndian, h.3.bigEndian,
                  h.4.bigEndian, h.5.bigEndian, h.6.bigEndian, h.7.bigEndian)
        storage = unsafeBitCast(be, to: (UInt64, UInt64, UInt64, UInt64).self)
    }

    /// A digest from exactly `byteCount` bytes; nil for any other length.
    public init?(bytes: [UInt8]) {
        storage = (0, 0, 0, 0)
        guard load(bytes, into: &storage) else { return nil }
    }

    /// Calls `body` with the digest bytes.
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        var copy = storage
        return try Swift.withUnsafeBytes(of: &copy) { (raw) throws(E) -> R in try body(raw) }
    }
}

/// A SHA-384 digest (48 bytes).
public struct SHA384Digest: HashDigest {
    /// The digest length in bytes.
    public static var byteCount: Int { 48 }
    var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    /// The leftmost 384 bits of H(N) (FIPS 180-4 §6.5.2): H0…H5 big-endian.
    init(_ state: SHA512State) {
        let h = state.h
        storage = (h.0.bigEndian, h.1.bigEndian, h.2.bigEndian, h.3.bigEndian, h.4.bigEndian, h.5.bigEndian)
    }

    /// A digest from exactly `byteCount` bytes; nil for any other length.
    public init?(bytes: [UInt8]) {
        storage = (0, 0, 0, 0, 0, 0)
        guard load(bytes, into: &storage) else { return nil }
    }

    /// Calls `body` with the digest bytes.
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        var copy = storage
        return try Swift.withUnsafeBytes(of: &copy) { (raw) throws(E) -> R in try body(raw) }
    }
}

/// A SHA-512 digest (64 bytes).
public struct SHA512Digest: HashDigest {
    /// The digest length in bytes.
    public static var byteCount: Int { 64 }
    var storage: Words8<UInt64>

    /// H0…H7 big-endian (FIPS 180-4 §6.4.2).
    init(_ state: SHA512State) {
        let h = state.h
        storage = (h.0.bigEndian, h.1.bigEndian, h.2.bigEndian, h.3.bigEndian, h.4.bigEndian, h.5.bigEndian, h.6.bigEndian, h.7.bigEndian)
    }

    /// A digest from exactly `byteCount` bytes; nil for any other length.
    public init?(bytes: [UInt8]) {
        storage = (0, 0, 0, 0, 0, 0, 0, 0)
        guard load(bytes, into: &storage) else { return nil }
    }

    /// Calls `body` with the digest bytes.
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        var copy = storage
        return try Swift.withUnsafeBytes(of: &copy) { (raw) throws(E) -> R in try body(raw) }
    }
}
