// Integers of up to nine 64-bit words (576 bits) — enough for every P-521 value — for the parsing,
// range checks and recodings around the field arithmetic (PrimeField.swift). A fixed value type,
// so nothing here allocates. Public data: comparisons are variable time.

/// Nine 64-bit words, least significant first.
struct Limbs: Equatable, Sendable {
    var w: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0, 0)

    static let zero = Limbs()

    static func == (a: Limbs, b: Limbs) -> Bool {
        a.w.0 == b.w.0 && a.w.1 == b.w.1 && a.w.2 == b.w.2 && a.w.3 == b.w.3 && a.w.4 == b.w.4
            && a.w.5 == b.w.5 && a.w.6 == b.w.6 && a.w.7 == b.w.7 && a.w.8 == b.w.8
    }

    subscript(i: Int) -> UInt64 {
        @inline(__always) get {
            switch i {
            case 0: w.0
            case 1: w.1
            case 2: w.2
            case 3: w.3
            case 4: w.4
            case 5: w.5
            case 6: w.6
            case 7: w.7
            default: w.8
            }
        }
        @inline(__always) set {
            switch i {
            case 0: w.0 = newValue
            case 1: w.1 = newValue
            case 2: w.2 = newValue
            case 3: w.3 = newValue
            case 4: w.4 = newValue
            case 5: w.5 = newValue
            case 6: w.6 = newValue
            case 7: w.7 = newValue
            default: w.8 = newValue
            }
        }
    }

    /// The words as a mutable pointer for `body` (no copy).
    @inline(__always) mutating func withWords<R>(_ body: (UnsafeMutablePointer<UInt64>) -> R) -> R {
        withUnsafeMutableBytes(of: &w) { body($0.baseAddress!.assumingMemoryBound(to: UInt64.self)) }
    }

    /// The integer of big-endian `bytes` (at most 72), or nil when it does not fit nine words.
    init?(bigEndian bytes: some Collection<UInt8>) {
        guard bytes.count <= 72 else { return nil }
        var i = 0
        for b in bytes.reversed() {
            self[i >> 3] |= UInt64(b) << UInt64((i & 7) * 8)
            i += 1
        }
    }

    init() {}

    /// The integer with these nine words, least significant first.
    init(words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)) { w = words }

    /// The low `count` bytes… as `count` big-endian octets.
    func bigEndianBytes(count: Int) -> [UInt8] {
        (0..<count).map { i in UInt8(truncatingIfNeeded: self[(count - 1 - i) >> 3] >> UInt64(((count - 1 - i) & 7) * 8)) }
    }

    var isZero: Bool { self == .zero }

    /// Bit `i` (0 = least significant).
    func bit(_ i: Int) -> Bool { (self[i >> 6] >> UInt64(i & 63)) & 1 == 1 }

    /// The number of significant bits.
    var bitWidth: Int {
        var i = 8
        while i >= 0 {
            let v = self[i]
            if v != 0 { return i * 64 + 64 - v.leadingZeroBitCount }
            i -= 1
        }
        return 0
    }

    /// Three-way comparison over the first `count` words: −1, 0, 1.
    @inline(__always) static func compare(_ a: Limbs, _ b: Limbs, count: Int) -> Int {
        var a = a, b = b
        return a.withWords { x in b.withWords { y in compare(x, y, count) } }
    }

    @inline(__always) static func compare(_ x: UnsafePointer<UInt64>, _ y: UnsafePointer<UInt64>, _ count: Int) -> Int {
        var i = count - 1
        while i >= 0 {
            if x[i] != y[i] { return x[i] < y[i] ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    /// a − b over `count` words; returns the borrow out.
    @discardableResult @inline(__always)
    static func subtract(_ a: inout Limbs, _ b: Limbs, count: Int) -> Bool {
        var b = b
        return a.withWords { x in b.withWords { y in subtract(x, y, count) } }
    }

    @inline(__always) static func subtract(_ x: UnsafeMutablePointer<UInt64>, _ y: UnsafePointer<UInt64>, _ count: Int) -> Bool {
        var borrow: UInt64 = 0
        var i = 0
        while i < count {
            let (d1, o1) = x[i].subtractingReportingOverflow(y[i])
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            x[i] = d2
            borrow = (o1 || o2) ? 1 : 0
            i &+= 1
        }
        return borrow != 0
    }

    /// a + b over `count` words; returns the carry out.
    @discardableResult @inline(__always)
    static func add(_ a: inout Limbs, _ b: Limbs, count: Int) -> Bool {
        var b = b
        return a.withWords { x in b.withWords { y in add(x, y, count) } }
    }

    @inline(__always) static func add(_ x: UnsafeMutablePointer<UInt64>, _ y: UnsafePointer<UInt64>, _ count: Int) -> Bool {
        var carry: UInt64 = 0
        var i = 0
        while i < count {
            let (s1, o1) = x[i].addingReportingOverflow(y[i])
            let (s2, o2) = s1.addingReportingOverflow(carry)
            x[i] = s2
            carry = (o1 || o2) ? 1 : 0
            i &+= 1
        }
        return carry != 0
    }
}


extension Limbs {
    /// a⁻¹ mod n for an odd n and 0 < a < n with gcd(a, n) = 1 (n prime here), by the binary
    /// extended Euclidean algorithm (HAC 14.61, for an odd modulus): u ≡ x1·a and v ≡ x2·a (mod n)
    /// throughout, starting from (u, x1) = (a, 1) and (v, x2) = (n, 0); the larger of the odd u, v
    /// loses the smaller (their difference is even), and the factors of 2 are stripped — from u
    /// by a shift, from x by a multiplication by 2^−t mod n (x + m·n with m = −x·n⁻¹ mod 2^t
    /// is divisible by 2^t). It ends when u or v is 1. Variable time (public data: the ECDSA s);
    /// about five times fewer instructions than Fermat's a^(n−2) on P-521's 521-bit n.
    func inverse(modulo n: Limbs) -> Limbs {
        let k = (n.bitWidth + 63) / 64
        // −n⁻¹ mod 2^64 by Newton's iteration (each step doubles the correct low bits).
        var inv: UInt64 = 1
        for _ in 0..<6 { inv = inv &* (2 &- n[0] &* inv) }
        let nNeg = 0 &- inv
        var u = self, v = n, x1 = Limbs(), x2 = Limbs()
        x1[0] = 1
        var nn = n
        return u.withWords { u in v.withWords { v in x1.withWords { x1 in x2.withWords { x2 in nn.withWords { n in
            Self.strip(u, x1, n, nNeg, k)
            while true {
                if Self.isOne(u, k) { return Limbs(copying: x1) }
                if Self.isOne(v, k) { return Limbs(copying: x2) }
                if Limbs.compare(u, v, k) >= 0 {
                    _ = Limbs.subtract(u, v, k)
                    Self.subtractModulo(x1, x2, n, k)
                    Self.strip(u, x1, n, nNeg, k)
                } else {
                    _ = Limbs.subtract(v, u, k)
                    Self.subtractModulo(x2, x1, n, k)
                    Self.strip(v, x2, n, nNeg, k)
                }
            }
        } } } } }
    }

    private init(copying p: UnsafeMutablePointer<UInt64>) {
        self.init()
        for i in 0..<9 { self[i] = p[i] }
    }

    private static func isOne(_ x: UnsafeMutablePointer<UInt64>, _ k: Int) -> Bool {
        guard x[0] == 1 else { return false }
        var i = 1
        while i < k { if x[i] != 0 { return false }; i += 1 }
        return true
    }

    /// x = x − y mod n (x, y < n).
    private static func subtractModulo(_ x: UnsafeMutablePointer<UInt64>, _ y: UnsafeMutablePointer<UInt64>, _ n: UnsafeMutablePointer<UInt64>, _ k: Int) {
        if subtract(x, y, k) { _ = add(x, n, k) }
    }

    /// While w is even: w = w / 2^t and x = x·2^−t mod n for t = w's trailing zero bits (≤ 63 a
    /// pass). w ≠ 0.
    private static func strip(_ w: UnsafeMutablePointer<UInt64>, _ x: UnsafeMutablePointer<UInt64>, _ n: UnsafeMutablePointer<UInt64>,
                              _ nNeg: UInt64, _ k: Int) {
        while w[0] & 1 == 0 {
            let t = UInt64(w[0] == 0 ? 63 : min(w[0].trailingZeroBitCount, 63))
            var i = 0
            while i < k - 1 { w[i] = w[i] >> t | w[i + 1] << (64 - t); i += 1 }
            w[k - 1] >>= t
            // x + m·n ≡ 0 (mod 2^t), m < 2^t; the sum is < 2^64·n (k + 1 words), the quotient < 2n.
            let m = (x[0] &* nNeg) & ((1 << t) - 1)
            var carry: UInt64 = 0
            i = 0
            while i < k {
                let (hi, lo) = m.multipliedFullWidth(by: n[i])
                let (s1, o1) = x[i].addingReportingOverflow(lo)
                let (s2, o2) = s1.addingReportingOverflow(carry)
                x[i] = s2
                carry = hi &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
                i += 1
            }
            i = 0
            while i < k - 1 { x[i] = x[i] >> t | x[i + 1] << (64 - t); i += 1 }
            x[k - 1] = x[k - 1] >> t | carry << (64 - t)
            if carry >> t != 0 || compare(x, n, k) >= 0 { _ = subtract(x, n, k) }
        }
    }
}
