// Fixed-size digest values with constant-time equality.
//
// A digest is `byteCount` bytes held inline (no heap). `==` compares every byte whatever the
// first difference, so comparing a computed digest with an attacker-chosen one leaks nothing
// through timing (not needed for public-key verification, but cheap and what users expect).

/// A message digest of `byteCount` bytes.
public struct Digest<let byteCount: Int>: Equatable, Hashable, Sendable, CustomStringConvertible {
    @usableFromInline var storage: InlineArray<byteCount, UInt8>

    /// Creates a digest from exactly `byteCount` bytes; returns nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == byteCount else { return nil }
        storage = InlineArray(repeating: 0)
        for i in 0..<byteCount { storage[i] = bytes[i] }
    }

    init(storage: InlineArray<byteCount, UInt8>) { self.storage = storage }

    /// The digest bytes, most significant first.
    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: byteCount)
        for i in 0..<byteCount { out[i] = storage[i] }
        return out
    }

    /// Lower-case hexadecimal.
    public var description: String {
        let digits: [Character] = Array("0123456789abcdef")
        var s = ""
        s.reserveCapacity(byteCount * 2)
        for i in 0..<byteCount {
            s.append(digits[Int(storage[i] >> 4)])
            s.append(digits[Int(storage[i] & 0x0F)])
        }
        return s
    }

    /// Constant-time comparison: the loop always visits every byte.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        var diff: UInt8 = 0
        for i in 0..<byteCount { diff |= lhs.storage[i] ^ rhs.storage[i] }
        return diff == 0
    }

    public func hash(into hasher: inout Hasher) {
        for i in 0..<byteCount { hasher.combine(storage[i]) }
    }

    /// Calls `body` with the digest bytes.
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        var copy = storage
        return try Swift.withUnsafeBytes(of: &copy) { (raw) throws(E) -> R in try body(raw) }
    }
}

public typealias SHA256Digest = Digest<32>
public typealias SHA384Digest = Digest<48>
public typealias SHA512Digest = Digest<64>
