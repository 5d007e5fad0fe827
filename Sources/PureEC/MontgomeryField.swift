// Arithmetic modulo an odd prime of up to nine 64-bit words — the field primes of P-256, P-384 and
// P-521 and their group orders n — in Montgomery form (x·R mod m, R = 2^(64·count)), with CIOS
// multiplication (Koç, Acar, Kaliski, "Analyzing and Comparing Montgomery Multiplication
// Algorithms", IEEE Micro 1996, the Coarsely Integrated Operand Scanning method).
//
// Values live in a fixed nine-word value type (`Limbs`; words past `count` are zero), so nothing
// here allocates. Verification handles public data: comparisons and the inversion exponent are
// variable time.

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

/// Montgomery arithmetic modulo an odd prime m of `count` words.
struct MontgomeryField: Sendable {
    let m: Limbs
    let count: Int
    /// −m⁻¹ mod 2^64.
    let m0inv: UInt64
    /// R mod m (the Montgomery form of 1) and R² mod m.
    let one: Limbs
    let rSquared: Limbs

    init(modulus m: Limbs) {
        self.m = m
        count = (m.bitWidth + 63) / 64
        // m⁻¹ mod 2^64 by Newton's iteration (each step doubles the correct low bits).
        var inv: UInt64 = 1
        for _ in 0..<6 { inv = inv &* (2 &- m[0] &* inv) }
        m0inv = 0 &- inv
        // R mod m and R² mod m by modular doublings of 1 (64·count and 128·count of them).
        var x = Limbs()
        x[0] = 1
        for _ in 0..<(64 * count) { x = Self.double(x, m, count) }
        one = x
        for _ in 0..<(64 * count) { x = Self.double(x, m, count) }
        rSquared = x
    }

    private static func double(_ x: Limbs, _ m: Limbs, _ count: Int) -> Limbs {
        var r = x
        let carry = Limbs.add(&r, x, count: count)
        if carry || Limbs.compare(r, m, count: count) >= 0 { Limbs.subtract(&r, m, count: count) }
        return r
    }

    // MARK: ring operations (inputs and outputs reduced below m)

    func add(_ a: Limbs, _ b: Limbs) -> Limbs {
        switch count {
        case 4: add(a, b, words: 4)
        case 6: add(a, b, words: 6)
        default: add(a, b, words: 9)
        }
    }

    func subtract(_ a: Limbs, _ b: Limbs) -> Limbs {
        switch count {
        case 4: subtract(a, b, words: 4)
        case 6: subtract(a, b, words: 6)
        default: subtract(a, b, words: 9)
        }
    }

    @inline(__always) func negate(_ a: Limbs) -> Limbs { subtract(.zero, a) }

    @inline(__always) func add(_ a: Limbs, _ b: Limbs, words n: Int) -> Limbs {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 18) { buffer -> Limbs in
            let x = buffer.baseAddress!, mp = x + 9
            var carry: UInt64 = 0
            var i = 0
            while i < n {
                let (s1, o1) = a[i].addingReportingOverflow(b[i])
                let (s2, o2) = s1.addingReportingOverflow(carry)
                x[i] = s2
                mp[i] = m[i]
                carry = (o1 || o2) ? 1 : 0
                i &+= 1
            }
            if carry != 0 || Limbs.compare(x, mp, n) >= 0 { _ = Limbs.subtract(x, mp, n) }
            var r = Limbs()
            i = 0
            while i < n { r[i] = x[i]; i &+= 1 }
            return r
        }
    }

    @inline(__always) func subtract(_ a: Limbs, _ b: Limbs, words n: Int) -> Limbs {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 18) { buffer -> Limbs in
            let x = buffer.baseAddress!, mp = x + 9
            var borrow: UInt64 = 0
            var i = 0
            while i < n {
                let (d1, o1) = a[i].subtractingReportingOverflow(b[i])
                let (d2, o2) = d1.subtractingReportingOverflow(borrow)
                x[i] = d2
                mp[i] = m[i]
                borrow = (o1 || o2) ? 1 : 0
                i &+= 1
            }
            if borrow != 0 { _ = Limbs.add(x, mp, n) }
            var r = Limbs()
            i = 0
            while i < n { r[i] = x[i]; i &+= 1 }
            return r
        }
    }

    /// a·b·R⁻¹ mod m (CIOS): for each word of b, add a·b_i, then add q·m with q chosen to clear the
    /// low word, and shift one word; a final conditional subtraction brings the result below m.
    /// Works on one stack scratch (a, b, m and t copied in word by word). The word count is made a
    /// constant of each specialized copy (4, 6 or 9), so the compiler unrolls the loops.
    func multiply(_ a: Limbs, _ b: Limbs) -> Limbs {
        switch count {
        case 4: multiply(a, b, words: 4)
        case 6: multiply(a, b, words: 6)
        default: multiply(a, b, words: 9)
        }
    }

    @inline(__always) func multiply(_ a: Limbs, _ b: Limbs, words n: Int) -> Limbs {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 40) { buffer -> Limbs in
            let base = buffer.baseAddress!
            let ap = base, bp = base + 9, mp = base + 18, t = base + 27     // t: n + 2 words
            var i = 0
            while i < n { ap[i] = a[i]; bp[i] = b[i]; mp[i] = m[i]; t[i] = 0; i &+= 1 }
            t[n] = 0; t[n + 1] = 0
            i = 0
            while i < n {
                let bi = bp[i]
                var carry: UInt64 = 0
                var j = 0
                while j < n {
                    let (hi, lo) = ap[j].multipliedFullWidth(by: bi)
                    let (s1, o1) = lo.addingReportingOverflow(t[j])
                    let (s2, o2) = s1.addingReportingOverflow(carry)
                    t[j] = s2
                    carry = hi &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
                    j &+= 1
                }
                let (s, o) = t[n].addingReportingOverflow(carry)
                t[n] = s
                t[n + 1] = o ? 1 : 0
                let q = t[0] &* m0inv
                var (hi, lo) = q.multipliedFullWidth(by: mp[0])
                var (_, o0) = lo.addingReportingOverflow(t[0])
                carry = hi &+ (o0 ? 1 : 0)
                j = 1
                while j < n {
                    (hi, lo) = q.multipliedFullWidth(by: mp[j])
                    let (s1, o1) = lo.addingReportingOverflow(t[j])
                    let (s2, o2) = s1.addingReportingOverflow(carry)
                    t[j &- 1] = s2
                    carry = hi &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
                    j &+= 1
                }
                (t[n &- 1], o0) = t[n].addingReportingOverflow(carry)
                t[n] = t[n + 1] &+ (o0 ? 1 : 0)
                i &+= 1
            }
            if t[n] != 0 || Limbs.compare(t, mp, n) >= 0 { _ = Limbs.subtract(t, mp, n) }
            var r = Limbs()
            i = 0
            while i < n { r[i] = t[i]; i &+= 1 }
            return r
        }
    }

    @inline(__always) func square(_ a: Limbs) -> Limbs { multiply(a, a) }

    /// x in Montgomery form, for x < m.
    func toMontgomery(_ x: Limbs) -> Limbs { multiply(x, rSquared) }

    /// The ordinary value of a Montgomery-form x.
    func fromMontgomery(_ x: Limbs) -> Limbs {
        var oneWord = Limbs()
        oneWord[0] = 1
        return multiply(x, oneWord)
    }

    /// x^e (Montgomery form in and out), left-to-right binary; variable time in e (public).
    func power(_ x: Limbs, _ e: Limbs) -> Limbs {
        var r = one
        var i = e.bitWidth - 1
        while i >= 0 {
            r = square(r)
            if e.bit(i) { r = multiply(r, x) }
            i -= 1
        }
        return r
    }

    /// x⁻¹ = x^(m−2) (Fermat; m prime), Montgomery form in and out; 0 for 0.
    func inverse(_ x: Limbs) -> Limbs {
        var e = m
        var two = Limbs()
        two[0] = 2
        Limbs.subtract(&e, two, count: count)
        return power(x, e)
    }
}
