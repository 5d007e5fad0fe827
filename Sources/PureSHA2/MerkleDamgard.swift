// The Merkle–Damgård message framing shared by SHA-256 and SHA-384/512: buffering of partial
// blocks for streaming, and the padding of FIPS 180-4 §5.1.1 (SHA-256: a 1 bit, zeros, the 64-bit
// message length in bits) and §5.1.2 (SHA-384/512: the same with a 128-bit length).
//
// Full blocks of the input are compressed straight from the caller's buffer; only a trailing
// partial block is copied into the 128-byte inline buffer (sixteen words held in the value).
// Nothing here allocates.

/// A compression function and its chaining state (FIPS 180-4 §6.2.2, §6.4.2).
protocol CompressionState {
    /// Block size in bytes (64 for SHA-256, 128 for SHA-512).
    static var blockSize: Int { get }
    /// Size of the length field in bytes (8 for SHA-256, 16 for SHA-512).
    static var lengthFieldSize: Int { get }
    /// Compresses `count` consecutive blocks starting at `blocks` (no alignment assumed).
    mutating func compress(_ blocks: UnsafeRawPointer, count: Int)
    /// Calls `body` with the first `count` bytes of the big-endian serialisation of the state
    /// (the digest, or its truncation).
    func withOutput(_ count: Int, _ body: (UnsafeRawBufferPointer) -> Void)
}

struct MerkleDamgard<State: CompressionState> {
    var state: State
    var buffer: (Words8<UInt64>, Words8<UInt64>) = ((0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0))
    var buffered = 0
    var totalBytes: UInt64 = 0

    init(state: State) { self.state = state }

    mutating func update(_ input: UnsafeRawBufferPointer) {
        guard var base = input.baseAddress, input.count > 0 else { return }
        var remaining = input.count
        let blockSize = State.blockSize
        totalBytes &+= UInt64(remaining)
        if buffered > 0 {
            let take = min(blockSize - buffered, remaining)
            let offset = buffered
            withUnsafeMutableBytes(of: &buffer) { buf in
                (buf.baseAddress?.advanced(by: offset))?.copyMemory(from: base, byteCount: take)
            }
            buffered += take
            base = base.advanced(by: take)
            remaining -= take
            if buffered < blockSize { return }
            withUnsafeBytes(of: &buffer) { buf in
                if let p = buf.baseAddress { state.compress(p, count: 1) }
            }
            buffered = 0
        }
        let blocks = remaining / blockSize
        if blocks > 0 {
            state.compress(base, count: blocks)
            base = base.advanced(by: blocks * blockSize)
            remaining -= blocks * blockSize
        }
        if remaining > 0 {
            withUnsafeMutableBytes(of: &buffer) { buf in
                buf.baseAddress?.copyMemory(from: base, byteCount: remaining)
            }
            buffered = remaining
        }
    }

    /// Appends the padding and length (FIPS 180-4 §5.1) and returns the final chaining state.
    consuming func finish() -> State {
        let blockSize = State.blockSize
        let lengthSize = State.lengthFieldSize
        // Two blocks of room: the padding spills into a second block when fewer than
        // lengthSize + 1 bytes remain in the current one.
        let buffered = self.buffered, totalBytes = self.totalBytes
        withUnsafeBytes(of: buffer) { partial in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { tail in
                tail.initialize(repeating: 0)
                for i in 0..<buffered { tail[i] = partial[i] }
                tail[buffered] = 0x80
                let total = buffered + 1 + lengthSize <= blockSize ? blockSize : 2 * blockSize
                let bitLength = totalBytes &<< 3
                let highBits = totalBytes >> 61
                for i in 0..<8 { tail[total - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(i))) }
                if lengthSize == 16 {
                    for i in 0..<8 { tail[total - 9 - i] = UInt8(truncatingIfNeeded: highBits >> (8 * UInt64(i))) }
                }
                if let p = tail.baseAddress { state.compress(UnsafeRawPointer(p), count: total / blockSize) }
            }
        }
        return state
    }
}
