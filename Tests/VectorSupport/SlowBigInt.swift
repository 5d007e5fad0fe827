// A slow, obviously-correct unsigned big integer for property tests: base-2^32 digits, schoolbook
// multiplication (each digit product fits in UInt64) and bit-by-bit long division. Nothing clever.

public struct SlowBigInt: Equatable, Sendable {
    /// Little-endian base-2^32 digits, normalised (no zero top digits).
    public var digits: [UInt32]

    public init(digits: [UInt32]) {
        var d = digits
        while let last = d.last, last == 0 { d.removeLast() }
        self.digits = d
    }

    public init(limbs: [UInt64]) {
        self.init(digits: limbs.flatMap { [UInt32(truncatingIfNeeded: $0), UInt32(truncatingIfNeeded: $0 >> 32)] })
    }

    public init(hex: String) {
        var bytes = Hex.decode(hex.count % 2 == 1 ? "0" + hex : hex)
        bytes.reverse()
        var d = [UInt32](repeating: 0, count: (bytes.count + 3) / 4)
        for (i, b) in bytes.enumerated() { d[i / 4] |= UInt32(b) << (8 * UInt32(i % 4)) }
        self.init(digits: d)
    }

    public var limbs: [UInt64] {
        stride(from: 0, to: digits.count, by: 2).map { i in
            UInt64(digits[i]) | (i + 1 < digits.count ? UInt64(digits[i + 1]) << 32 : 0)
        }
    }

    public var bitWidth: Int { digits.isEmpty ? 0 : digits.count * 32 - digits[digits.count - 1].leadingZeroBitCount }

    public func bit(_ i: Int) -> Bool {
        let d = i / 32
        return d < digits.count && (digits[d] >> UInt32(i % 32)) & 1 == 1
    }

    public static func < (a: SlowBigInt, b: SlowBigInt) -> Bool {
        if a.digits.count != b.digits.count { return a.digits.count < b.digits.count }
        for i in stride(from: a.digits.count - 1, through: 0, by: -1) where a.digits[i] != b.digits[i] {
            return a.digits[i] < b.digits[i]
        }
        return false
    }

    public static func + (a: SlowBigInt, b: SlowBigInt) -> SlowBigInt {
        var out = [UInt32](repeating: 0, count: max(a.digits.count, b.digits.count) + 1)
        var carry: UInt64 = 0
        for i in 0..<out.count {
            let s = UInt64(i < a.digits.count ? a.digits[i] : 0) + UInt64(i < b.digits.count ? b.digits[i] : 0) + carry
            out[i] = UInt32(truncatingIfNeeded: s)
            carry = s >> 32
        }
        return SlowBigInt(digits: out)
    }

    /// a − b for a ≥ b.
    public static func - (a: SlowBigInt, b: SlowBigInt) -> SlowBigInt {
        var out = a.digits
        var borrow: Int64 = 0
        for i in 0..<out.count {
            var s = Int64(out[i]) - Int64(i < b.digits.count ? b.digits[i] : 0) - borrow
            borrow = 0
            if s < 0 { s += 1 << 32; borrow = 1 }
            out[i] = UInt32(s)
        }
        return SlowBigInt(digits: out)
    }

    /// Schoolbook multiplication.
    public static func * (a: SlowBigInt, b: SlowBigInt) -> SlowBigInt {
        if a.digits.isEmpty || b.digits.isEmpty { return SlowBigInt(digits: []) }
        var out = [UInt32](repeating: 0, count: a.digits.count + b.digits.count)
        for i in 0..<a.digits.count {
            var carry: UInt64 = 0
            for j in 0..<b.digits.count {
                let t = UInt64(a.digits[i]) * UInt64(b.digits[j]) + UInt64(out[i + j]) + carry
                out[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            out[i + b.digits.count] = UInt32(carry)
        }
        return SlowBigInt(digits: out)
    }

    /// self · 2^bits.
    public func shiftedLeft(_ bits: Int) -> SlowBigInt {
        var out = [UInt32](repeating: 0, count: bits / 32) + digits + [0]
        let s = UInt32(bits % 32)
        if s > 0 {
            var carry: UInt32 = 0
            for i in (bits / 32)..<out.count {
                let v = out[i]
                out[i] = (v << s) | carry
                carry = v >> (32 - s)
            }
        }
        return SlowBigInt(digits: out)
    }

    /// self mod m by long division, one bit at a time.
    public func mod(_ m: SlowBigInt) -> SlowBigInt {
        var r = SlowBigInt(digits: [])
        for i in stride(from: bitWidth - 1, through: 0, by: -1) {
            r = r.shiftedLeft(1)
            if bit(i) { r = r + SlowBigInt(digits: [1]) }
            if !(r < m) { r = r - m }
        }
        return r
    }

    /// self^e mod m by square-and-multiply with the slow operations.
    public func powMod(_ e: UInt64, _ m: SlowBigInt) -> SlowBigInt {
        var result = SlowBigInt(digits: [1]).mod(m)
        var base = self.mod(m)
        var e = e
        while e > 0 {
            if e & 1 == 1 { result = (result * base).mod(m) }
            base = (base * base).mod(m)
            e >>= 1
        }
        return result
    }

    /// Floor of the cube root, by binary search on bits.
    public func cubeRoot() -> SlowBigInt {
        var r = SlowBigInt(digits: [])
        for i in stride(from: bitWidth / 3 + 1, through: 0, by: -1) {
            let candidate = r + SlowBigInt(digits: [1]).shiftedLeft(i)
            if !(self < candidate * candidate * candidate) { r = candidate }
        }
        return r
    }

    /// Big-endian bytes, left-padded to `count`.
    public func bytes(count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        for i in 0..<min(count, digits.count * 4) {
            out[count - 1 - i] = UInt8(truncatingIfNeeded: digits[i / 4] >> (8 * UInt32(i % 4)))
        }
        return out
    }
}
