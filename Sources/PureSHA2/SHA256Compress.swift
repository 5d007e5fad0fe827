// The SHA-256 compression function, FIPS 180-4 §6.2.2, alone in its file (the hot kernel).
//
// Functions (§4.1.2): Ch(x,y,z) = (x ∧ y) ⊕ (¬x ∧ z); Maj(x,y,z) = (x ∧ y) ⊕ (x ∧ z) ⊕ (y ∧ z);
// Σ0 = ROTR2 ⊕ ROTR13 ⊕ ROTR22; Σ1 = ROTR6 ⊕ ROTR11 ⊕ ROTR25; σ0 = ROTR7 ⊕ ROTR18 ⊕ SHR3;
// σ1 = ROTR17 ⊕ ROTR19 ⊕ SHR10. Message words are read big-endian with unaligned loads; the
// schedule lives in an inline array on the stack; the round constants are read through one
// buffer view per call. All data is processed in the same order whatever its value.

@inline(__always) private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

struct SHA256State: CompressionState {
    static var blockSize: Int { 64 }
    static var lengthFieldSize: Int { 8 }

    var h: InlineArray<8, UInt32> = sha256IV

    mutating func compress(_ blocks: UnsafeRawPointer, count: Int) {
        var h0 = h[0], h1 = h[1], h2 = h[2], h3 = h[3], h4 = h[4], h5 = h[5], h6 = h[6], h7 = h[7]
        sha256K.withUnsafeBufferPointer { k in
            var w = InlineArray<64, UInt32>(repeating: 0)
            var block = blocks
            for _ in 0..<count {
                // §6.2.2 step 1: prepare the message schedule.
                for t in 0..<16 {
                    w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self))
                }
                for t in 16..<64 {
                    let x = w[t - 15], y = w[t - 2]
                    let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
                    let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >> 10)
                    w[t] = s1 &+ w[t - 7] &+ s0 &+ w[t - 16]
                }
                // Step 2: initialise the working variables.
                var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, hh = h7
                // Step 3: 64 rounds.
                for t in 0..<64 {
                    let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[t] &+ w[t]
                    let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
                    hh = g; g = f; f = e; e = d &+ t1
                    d = c; c = b; b = a; a = t1 &+ t2
                }
                // Step 4: the intermediate hash value.
                h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d; h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= hh
                block = block.advanced(by: 64)
            }
        }
        h[0] = h0; h[1] = h1; h[2] = h2; h[3] = h3; h[4] = h4; h[5] = h5; h[6] = h6; h[7] = h7
    }
}
