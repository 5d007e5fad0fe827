// The SHA-512 compression function (also SHA-384's), FIPS 180-4 §6.4.2, alone in its file.
//
// Functions (§4.1.3): Σ0 = ROTR28 ⊕ ROTR34 ⊕ ROTR39; Σ1 = ROTR14 ⊕ ROTR18 ⊕ ROTR41;
// σ0 = ROTR1 ⊕ ROTR8 ⊕ SHR7; σ1 = ROTR19 ⊕ ROTR61 ⊕ SHR6; Ch and Maj as for SHA-256.
// 80 rounds over 128-byte blocks of 64-bit big-endian words.

@inline(__always) private func rotr(_ x: UInt64, _ n: UInt64) -> UInt64 { (x >> n) | (x << (64 - n)) }

struct SHA512State: CompressionState {
    static var blockSize: Int { 128 }
    static var lengthFieldSize: Int { 16 }

    var h: Words8<UInt64>

    init(iv: Words8<UInt64>) { h = iv }

    mutating func compress(_ blocks: UnsafeRawPointer, count: Int) {
        var (h0, h1, h2, h3, h4, h5, h6, h7) = h
        // The 80-word schedule on the stack (640 bytes).
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 80) { w in
        sha512K.withUnsafeBufferPointer { k in
            var block = blocks
            for _ in 0..<count {
                // §6.4.2 step 1: the message schedule.
                for t in 0..<16 {
                    w[t] = UInt64(bigEndian: block.loadUnaligned(fromByteOffset: t * 8, as: UInt64.self))
                }
                for t in 16..<80 {
                    let x = w[t - 15], y = w[t - 2]
                    let s0 = rotr(x, 1) ^ rotr(x, 8) ^ (x >> 7)
                    let s1 = rotr(y, 19) ^ rotr(y, 61) ^ (y >> 6)
                    w[t] = s1 &+ w[t - 7] &+ s0 &+ w[t - 16]
                }
                // Steps 2-3.
                var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, hh = h7
                for t in 0..<80 {
                    let t1 = hh &+ (rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41)) &+ ((e & f) ^ (~e & g)) &+ k[t] &+ w[t]
                    let t2 = (rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39)) &+ ((a & b) ^ (a & c) ^ (b & c))
                    hh = g; g = f; f = e; e = d &+ t1
                    d = c; c = b; b = a; a = t1 &+ t2
                }
                // Step 4.
                h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d; h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= hh
                block = block.advanced(by: 128)
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
