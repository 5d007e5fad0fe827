// The SHA-256 compression function, FIPS 180-4 §6.2.2, alone in its file (the hot kernel).
//
// Functions (§4.1.2): Ch(x,y,z) = (x ∧ y) ⊕ (¬x ∧ z); Maj(x,y,z) = (x ∧ y) ⊕ (x ∧ z) ⊕ (y ∧ z);
// Σ0 = ROTR2 ⊕ ROTR13 ⊕ ROTR22; Σ1 = ROTR6 ⊕ ROTR11 ⊕ ROTR25; σ0 = ROTR7 ⊕ ROTR18 ⊕ SHR3;
// σ1 = ROTR17 ⊕ ROTR19 ⊕ SHR10.
//
// Layout for speed, same algorithm: the message schedule W_t (§6.2.2 step 1) is kept as a rolling
// window of 16 words — W_t for t ≥ 16 overwrites W_{t−16}; and instead of renaming the eight working
// variables after every round (step 3's h = g, g = f, …), each round is a call whose arguments are
// the variables in rotated order, so eight calls bring the names back where they started.
// Message words are read big-endian with unaligned loads. All work is independent of the data.

@inline(__always) private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

/// One round of §6.2.2 step 3 with the roles (a…h) given by position: T1 = h + Σ1(e) + Ch(e,f,g) + K_t + W_t;
/// T2 = Σ0(a) + Maj(a,b,c); then d ← d + T1 (the new e) and h ← T1 + T2 (the new a).
@inline(__always)
private func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                   _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
    let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ kw
    let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
    d &+= t1
    h = t1 &+ t2
}

struct SHA256State: CompressionState {
    static var blockSize: Int { 64 }
    static var lengthFieldSize: Int { 8 }

    var h: Words8<UInt32> = sha256IV

    mutating func compress(_ blocks: UnsafeRawPointer, count: Int) {
        var (h0, h1, h2, h3, h4, h5, h6, h7) = h
        // The 16-word schedule window on the stack.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { w in
        sha256K.withUnsafeBufferPointer { k in
            var block = blocks
            for _ in 0..<count {
                for t in 0..<16 {
                    w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
                }
                /// K_t + W_t for t < 16: the message words themselves (§6.2.2 step 1, first case).
                @inline(__always) func kwFirst(_ t: Int) -> UInt32 { k[t] &+ w[t] }
                /// K_t + W_t for t ≥ 16, extending the schedule in place (§6.2.2 step 1, second case).
                @inline(__always) func kw(_ t: Int) -> UInt32 {
                    let i = t & 15
                    let x = w[(t &+ 1) & 15], y = w[(t &+ 14) & 15]
                    let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
                    let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >> 10)
                    w[i] = s1 &+ w[(t &+ 9) & 15] &+ s0 &+ w[i]
                    return k[t] &+ w[i]
                }
                var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, hh = h7
                // Rounds 0–15 read the message words; rounds 16–63 extend the schedule as they go.
                var t = 0
                while t < 16 {
                    round(a, b, c, &d, e, f, g, &hh, kwFirst(t))
                    round(hh, a, b, &c, d, e, f, &g, kwFirst(t &+ 1))
                    round(g, hh, a, &b, c, d, e, &f, kwFirst(t &+ 2))
                    round(f, g, hh, &a, b, c, d, &e, kwFirst(t &+ 3))
                    round(e, f, g, &hh, a, b, c, &d, kwFirst(t &+ 4))
                    round(d, e, f, &g, hh, a, b, &c, kwFirst(t &+ 5))
                    round(c, d, e, &f, g, hh, a, &b, kwFirst(t &+ 6))
                    round(b, c, d, &e, f, g, hh, &a, kwFirst(t &+ 7))
                    t &+= 8
                }
                while t < 64 {
                    round(a, b, c, &d, e, f, g, &hh, kw(t))
                    round(hh, a, b, &c, d, e, f, &g, kw(t &+ 1))
                    round(g, hh, a, &b, c, d, e, &f, kw(t &+ 2))
                    round(f, g, hh, &a, b, c, d, &e, kw(t &+ 3))
                    round(e, f, g, &hh, a, b, c, &d, kw(t &+ 4))
                    round(d, e, f, &g, hh, a, b, &c, kw(t &+ 5))
                    round(c, d, e, &f, g, hh, a, &b, kw(t &+ 6))
                    round(b, c, d, &e, f, g, hh, &a, kw(t &+ 7))
                    t &+= 8
                }
                // Step 4: the intermediate hash value.
                h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d; h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= hh
                block = block.advanced(by: 64)
            }
        }
        }
        h = (h0, h1, h2, h3, h4, h5, h6, h7)
    }

    func withOutput(_ count: Int, _ body: (UnsafeRawBufferPointer) -> Void) {
        let h = self.h
        var be = (h.0.bigEndian, h.1.bigEndian, h.2.bigEndian, h.3.bigEndian, h.4.bigEndian, h.5.bigEndian, h.6.bigEndian, h.7.bigEndian)
        withUnsafeBytes(of: &be) { body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }
}
