// Unsigned big integers as little-endian UInt64 limbs, with the conversions and comparisons that
// RSA verification needs (RFC 8017 §4.1 I2OSP and §4.2 OS2IP).
//
// Timing: comparisons and conversions here run in time that depends on the *length* of their
// inputs, and `compare` exits at the first differing limb. Every value PureJWT handles is public
// (public keys, signatures, messages), so this leaks nothing secret; do not reuse this type for
// secret data.

/// An unsigned integer, limbs least significant first, normalised (no zero top limbs; zero is `[]`).
public struct BigUInt: Equatable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Little-endian 64-bit limbs with no most-significant zero limbs.
    public private(set) var limbs: [UInt64]

    /// Creates a value from limbs (least significant first); trailing zero limbs are dropped.
    public init(limbs: [UInt64]) {
        var l = limbs
        while let last = l.last, last == 0 { l.removeLast() }
        self.limbs = l
    }

    /// The integer `value`.
    public init(_ value: UInt64) { self.init(limbs: [value]) }

    /// OS2IP (RFC 8017 §4.2): big-endian octets to an integer. Leading zero octets are allowed here;
    /// callers that must reject them (JWK `n`, DER INTEGER) check before converting.
    public init(bigEndianBytes bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { BigUInt(bigEndian: $0) }
    }

    /// OS2IP of a slice.
    public init(bigEndianBytes bytes: ArraySlice<UInt8>) {
        self = bytes.withUnsafeBufferPointer { BigUInt(bigEndian: $0) }
    }

    init(bigEndian bytes: UnsafeBufferPointer<UInt8>) {
        let count = (bytes.count + 7) / 8
        var limbs = [UInt64](repeating: 0, count: count)
        limbs.withUnsafeMutableBufferPointer { BigUInt.loadBigEndian(UnsafeRawBufferPointer(bytes), into: $0) }
        self.init(limbs: limbs)
    }

    /// OS2IP into caller-held limbs: `limbs` (least significant first) receives the integer whose
    /// big-endian octets are `bytes`; limbs beyond the bytes are zeroed. Requires
    /// `limbs.count * 8 >= bytes.count`. Full limbs are read eight octets at a time (the
    /// verifier's hot path converts a signature and an expected encoded message with it).
    package static func loadBigEndian(_ bytes: UnsafeRawBufferPointer, into limbs: UnsafeMutableBufferPointer<UInt64>) {
        let count = bytes.count
        precondition(limbs.count &* 8 >= count, "loadBigEndian: too few limbs")
        let full = count >> 3
        var i = 0
        while i < full {
            // Limb i holds octets count−8(i+1) ..< count−8i, most significant first.
            limbs[i] = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: count &- 8 &* (i &+ 1), as: UInt64.self))
            i &+= 1
        }
        var rest: UInt64 = 0
        var j = 0
        while j < count & 7 { rest = rest << 8 | UInt64(bytes[j]); j &+= 1 }
        var l = full
        if count & 7 != 0 { limbs[l] = rest; l &+= 1 }
        while l < limbs.count { limbs[l] = 0; l &+= 1 }
    }

    /// True for 0.
    public var isZero: Bool { limbs.isEmpty }
    /// True when the lowest bit is set.
    public var isOdd: Bool { (limbs.first ?? 0) & 1 == 1 }

    /// The number of significant bits (0 for zero).
    public var bitWidth: Int {
        guard let top = limbs.last else { return 0 }
        return limbs.count * 64 - top.leadingZeroBitCount
    }

    /// The value as a UInt64 when it fits.
    public var uint64Value: UInt64? {
        limbs.count <= 1 ? (limbs.first ?? 0) : nil
    }

    /// I2OSP (RFC 8017 §4.1): the value as exactly `count` big-endian octets, or nil when it does not
    /// fit ("integer too large").
    public func bigEndianBytes(count: Int) -> [UInt8]? {
        guard count >= 0, (bitWidth + 7) / 8 <= count else { return nil }
        var out = [UInt8](repeating: 0, count: count)
        for i in 0..<min(count, limbs.count * 8) {
            out[count - 1 - i] = UInt8(truncatingIfNeeded: limbs[i >> 3] >> UInt64((i & 7) * 8))
        }
        return out
    }

    /// Minimal big-endian octets (empty for zero).
    public var bigEndianBytes: [UInt8] { bigEndianBytes(count: (bitWidth + 7) / 8) ?? [] }

    public static func < (lhs: BigUInt, rhs: BigUInt) -> Bool { compare(lhs.limbs, rhs.limbs) < 0 }

    /// Three-way comparison of normalised limb arrays: -1, 0 or 1. Variable time (public data).
    static func compare(_ a: [UInt64], _ b: [UInt64]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        var i = a.count - 1
        while i >= 0 {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    /// Hexadecimal, most significant digit first, no prefix.
    public var description: String {
        guard !limbs.isEmpty else { return "0" }
        let digits: [Character] = Array("0123456789abcdef")
        var s = ""
        var started = false
        for limb in limbs.reversed() {
            for shift in stride(from: 60, through: 0, by: -4) {
                let d = Int((limb >> UInt64(shift)) & 0xF)
                if d != 0 { started = true }
                if started { s.append(digits[d]) }
            }
        }
        return s
    }
}
