// Base64url without padding (RFC 4648 §5, as profiled by RFC 7515 §2 and Appendix C) and standard
// base64 with padding (RFC 4648 §4) for PEM bodies (RFC 7468).
//
// Decoding accepts exactly one spelling per byte string: alphabet bytes only, no padding in
// base64url, no whitespace anywhere, a length that can occur, and zero unused trailing bits
// (RFC 4648 §3.5). The decoder works on one raw buffer view per call; the hot loop turns four
// symbols into three bytes and checks validity once per quantum by OR-ing the table entries
// (invalid symbols map to 0xFF, so any bad byte sets bit 7).

/// Strict base64url (RFC 4648 §5) without padding, as JWS uses it (RFC 7515 §2).
public enum Base64URL {
    /// Encodes `bytes` with the URL-safe alphabet and no padding.
    public static func encode(_ bytes: [UInt8]) -> String {
        String(decoding: encodeToBytes(bytes), as: UTF8.self)
    }

    /// Encodes `bytes` with the URL-safe alphabet and no padding, as ASCII bytes.
    public static func encodeToBytes(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { Base64Codec.encode($0, alphabet: Base64Codec.urlAlphabet, pad: false) }
    }

    /// Decodes strict unpadded base64url.
    public static func decode(_ text: String) throws(Base64URLError) -> [UInt8] {
        var text = text
        // String.withUTF8 is untyped-rethrows; carry the typed error out through a Result.
        let result = text.withUTF8 { buffer in
            Result { () throws(Base64URLError) in try Base64Codec.decodeUnpadded(buffer, table: Base64Codec.urlDecodeTable) }
        }
        return try result.get()
    }

    /// Decodes strict unpadded base64url from ASCII bytes.
    public static func decode(_ bytes: [UInt8]) throws(Base64URLError) -> [UInt8] {
        try bytes.withUnsafeBufferPointer { (buffer) throws(Base64URLError) in
            try Base64Codec.decodeUnpadded(buffer, table: Base64Codec.urlDecodeTable)
        }
    }

    /// Decodes strict unpadded base64url from a slice (offsets in errors are relative to the slice start).
    public static func decode(_ bytes: ArraySlice<UInt8>) throws(Base64URLError) -> [UInt8] {
        try bytes.withUnsafeBufferPointer { (buffer) throws(Base64URLError) in
            try Base64Codec.decodeUnpadded(buffer, table: Base64Codec.urlDecodeTable)
        }
    }

    /// Decodes from a raw buffer; the fastest entry point for callers that already hold a view.
    public static func decode(_ buffer: UnsafeBufferPointer<UInt8>) throws(Base64URLError) -> [UInt8] {
        try Base64Codec.decodeUnpadded(buffer, table: Base64Codec.urlDecodeTable)
    }

    /// Decodes strict unpadded base64url from `input` into `output`, which must have room for
    /// `decodedCount(encodedCount: input.count)` bytes; returns the number of bytes written. No
    /// allocation: for callers that decode into a stack buffer.
    public static func decode(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) throws(Base64URLError) -> Int {
        try Base64Codec.decodeUnpadded(input, into: output, table: Base64Codec.urlDecodeTable)
    }

    /// The number of bytes `encodedCount` symbols decode to, or nil when that length cannot occur.
    public static func decodedCount(encodedCount: Int) -> Int? {
        guard encodedCount >= 0, encodedCount % 4 != 1 else { return nil }
        return encodedCount / 4 * 3 + max(0, encodedCount % 4 - 1)
    }
}

/// Strict standard base64 with padding (RFC 4648 §4), used for PEM bodies (RFC 7468 §3).
public enum Base64 {
    /// Encodes with padding; when `lineLength` is given, inserts `\n` after every `lineLength`
    /// characters and after the last line (RFC 7468 §2: 64 columns for PEM).
    public static func encode(_ bytes: [UInt8], lineLength: Int? = nil) -> String {
        let flat = bytes.withUnsafeBufferPointer { Base64Codec.encode($0, alphabet: Base64Codec.standardAlphabet, pad: true) }
        guard let width = lineLength, width > 0 else { return String(decoding: flat, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(flat.count + flat.count / width + 1)
        var i = 0
        while i < flat.count {
            let end = min(i + width, flat.count)
            out.append(contentsOf: flat[i..<end])
            out.append(0x0A)
            i = end
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes strict padded base64: no whitespace, length a multiple of 4, padding only at the end
    /// and only as much as needed, zero trailing bits.
    public static func decode(_ bytes: [UInt8]) throws(Base64URLError) -> [UInt8] {
        try bytes.withUnsafeBufferPointer { (buffer) throws(Base64URLError) in
            try Base64Codec.decodePadded(buffer)
        }
    }

    /// Strict padded base64 from text (its UTF-8 bytes).
    public static func decode(_ text: String) throws(Base64URLError) -> [UInt8] {
        try decode(Array(text.utf8))
    }
}

/// The shared encoder/decoder. Internal; the two public enums above fix the alphabet and padding rule.
enum Base64Codec {
    static let urlAlphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    static let standardAlphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// 256-entry tables: symbol value 0...63, or 0xFF for "not in this alphabet".
    static let urlDecodeTable: [UInt8] = makeTable(urlAlphabet)
    static let standardDecodeTable: [UInt8] = makeTable(standardAlphabet)

    private static func makeTable(_ alphabet: [UInt8]) -> [UInt8] {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, symbol) in alphabet.enumerated() { table[Int(symbol)] = UInt8(value) }
        return table
    }

    static func encode(_ input: UnsafeBufferPointer<UInt8>, alphabet: [UInt8], pad: Bool) -> [UInt8] {
        let full = input.count / 3
        let rest = input.count % 3
        let outCount = full * 4 + (rest == 0 ? 0 : (pad ? 4 : rest + 1))
        return alphabet.withUnsafeBufferPointer { a in
            [UInt8](unsafeUninitializedCapacity: outCount) { out, initialized in
                var i = 0, o = 0
                for _ in 0..<full {
                    let v = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
                    out[o] = a[Int(v >> 18)]
                    out[o + 1] = a[Int(v >> 12 & 63)]
                    out[o + 2] = a[Int(v >> 6 & 63)]
                    out[o + 3] = a[Int(v & 63)]
                    i += 3; o += 4
                }
                if rest == 1 {
                    let v = UInt32(input[i]) << 16
                    out[o] = a[Int(v >> 18)]; out[o + 1] = a[Int(v >> 12 & 63)]; o += 2
                    if pad { out[o] = 0x3D; out[o + 1] = 0x3D; o += 2 }
                } else if rest == 2 {
                    let v = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8
                    out[o] = a[Int(v >> 18)]; out[o + 1] = a[Int(v >> 12 & 63)]; out[o + 2] = a[Int(v >> 6 & 63)]; o += 3
                    if pad { out[o] = 0x3D; o += 1 }
                }
                initialized = o
            }
        }
    }

    /// Finds the first byte that is not in the alphabet (called only once a quantum failed).
    private static func firstInvalid(_ input: UnsafeBufferPointer<UInt8>, from start: Int, table: UnsafeBufferPointer<UInt8>) -> Int {
        var i = start
        while i < input.count, table[Int(input[i])] != 0xFF { i += 1 }
        return i
    }

    /// Unpadded decode (base64url per RFC 7515 §2; also the body of a padded decode) into a new array.
    static func decodeUnpadded(_ input: UnsafeBufferPointer<UInt8>, table tableArray: [UInt8]) throws(Base64URLError) -> [UInt8] {
        let n = input.count
        // RFC 4648 §4/§5: a final quantum of one symbol (6 bits) cannot encode a byte.
        // The error names the first bad character when there is one, so check the alphabet first.
        guard n % 4 != 1 else {
            let bad = tableArray.withUnsafeBufferPointer { firstInvalid(input, from: 0, table: $0) }
            throw Base64URLError(bad < n ? .invalidCharacter : .invalidLength, at: bad)
        }
        let outCount = n / 4 * 3 + max(0, n % 4 - 1)
        var failure: Base64URLError? = nil
        let out = [UInt8](unsafeUninitializedCapacity: outCount) { out, initialized in
            do throws(Base64URLError) {
                initialized = try decodeUnpadded(input, into: out, table: tableArray)
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return out
    }

    /// The decoding loop: four symbols to three bytes, validity checked once per quantum by OR-ing
    /// the table entries (invalid symbols map to 0xFF, so any bad byte sets bit 7). `output` must
    /// hold n/4·3 + max(0, n%4 − 1) bytes; returns how many were written.
    static func decodeUnpadded(_ input: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>,
                               table tableArray: [UInt8]) throws(Base64URLError) -> Int {
        let n = input.count
        guard n % 4 != 1 else {
            let bad = tableArray.withUnsafeBufferPointer { firstInvalid(input, from: 0, table: $0) }
            throw Base64URLError(bad < n ? .invalidCharacter : .invalidLength, at: bad)
        }
        let outCount = n / 4 * 3 + max(0, n % 4 - 1)
        guard out.count >= outCount else { throw Base64URLError(.invalidLength, at: n) }
        return try tableArray.withUnsafeBufferPointer { (t) throws(Base64URLError) -> Int in
            var i = 0, o = 0
            let quads = n / 4
            for _ in 0..<quads {
                let a = t[Int(input[i])], b = t[Int(input[i + 1])], c = t[Int(input[i + 2])], d = t[Int(input[i + 3])]
                if (a | b | c | d) & 0x80 != 0 {
                    throw Base64URLError(.invalidCharacter, at: firstInvalid(input, from: i, table: t))
                }
                let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                out[o] = UInt8(truncatingIfNeeded: v >> 16)
                out[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
                out[o + 2] = UInt8(truncatingIfNeeded: v)
                i += 4; o += 3
            }
            let rest = n - i
            if rest >= 2 {
                let a = t[Int(input[i])], b = t[Int(input[i + 1])]
                let c = rest == 3 ? t[Int(input[i + 2])] : 0
                if (a | b | c) & 0x80 != 0 {
                    throw Base64URLError(.invalidCharacter, at: firstInvalid(input, from: i, table: t))
                }
                // RFC 4648 §3.5: the pad bits of the last symbol must be zero.
                let unused: UInt8 = rest == 2 ? (b & 0x0F) : (c & 0x03)
                if unused != 0 { throw Base64URLError(.nonCanonicalTrailingBits, at: n - 1) }
                let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6
                out[o] = UInt8(truncatingIfNeeded: v >> 16); o += 1
                if rest == 3 { out[o] = UInt8(truncatingIfNeeded: v >> 8); o += 1 }
            }
            return o
        }
    }

    /// Padded standard base64 (RFC 4648 §4): length ≡ 0 (mod 4); "=" only in the last quantum,
    /// as "xx==" or "xxx=".
    static func decodePadded(_ input: UnsafeBufferPointer<UInt8>) throws(Base64URLError) -> [UInt8] {
        let n = input.count
        guard n % 4 == 0 else { throw Base64URLError(.invalidLength, at: n) }
        var body = n
        if n >= 4 && input[n - 1] == 0x3D {
            body = input[n - 2] == 0x3D ? n - 2 : n - 1
        }
        // Any "=" before the padding run is misplaced.
        for i in 0..<body where input[i] == 0x3D { throw Base64URLError(.invalidPadding, at: i) }
        return try decodeUnpadded(UnsafeBufferPointer(rebasing: input[0..<body]), table: standardDecodeTable)
    }
}
