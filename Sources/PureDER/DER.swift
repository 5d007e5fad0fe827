// DER (ITU-T X.690 §8 and §10) for the few ASN.1 shapes an RSA public key needs: SEQUENCE,
// INTEGER, BIT STRING, NULL, OBJECT IDENTIFIER. Encoding produces DER; decoding accepts DER only.
//
// Decoding rules enforced, each cited at its check: single-octet tags only (§8.1.2.3 low tag
// numbers); definite lengths (§10.1) in the minimum number of octets (§10.1, §8.1.3.5); INTEGER
// contents non-empty (§8.3.1) and minimal (§8.3.2), and non-negative where a positive value is
// required; BIT STRING with zero unused bits here (§8.6.2.2, §11.2); NULL with empty contents
// (§8.8.2); no bytes after the outermost value. Lengths are bounded by the input, so nothing here
// can read out of bounds or allocate more than the input size.

/// Why DER or PEM input was rejected.
public enum DERError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input ends inside an element.
    case truncated(offset: Int)
    /// Another element was expected here.
    case unexpectedTag(expected: UInt8, found: UInt8, offset: Int)
    /// A high-tag-number form (X.690 §8.1.2.4), never used by these structures.
    case highTagNumber(offset: Int)
    /// The indefinite length form, which DER forbids (X.690 §10.1).
    case indefiniteLength(offset: Int)
    /// A length not in the shortest form (X.690 §10.1).
    case nonMinimalLength(offset: Int)
    /// A length beyond what the input or the bounds allow.
    case lengthTooLarge(offset: Int)
    /// An INTEGER with no content octets (X.690 §8.3.1).
    case emptyInteger(offset: Int)
    /// An INTEGER with a redundant leading octet (X.690 §8.3.2).
    case nonMinimalInteger(offset: Int)
    /// A negative INTEGER where a modulus or exponent belongs.
    case negativeInteger(offset: Int)
    /// A BIT STRING with unused bits, where a key needs whole octets (X.690 §8.6.2).
    case invalidBitString(offset: Int)
    /// A NULL with content (X.690 §8.8.2).
    case invalidNull(offset: Int)
    /// An AlgorithmIdentifier other than rsaEncryption with NULL parameters (RFC 3279 §2.3.1).
    case unsupportedAlgorithm
    /// An Ed25519 SubjectPublicKeyInfo whose key is not 32 octets (RFC 8410 §4).
    case invalidKeyLength(Int)
    /// Bytes after the outermost element.
    case trailingData(offset: Int)
    /// PEM armour problems (RFC 7468 §2–§3).
    case invalidPEM(String)

    /// The reason and offset, in words.
    public var description: String {
        switch self {
        case .truncated(let o): "DER truncated at offset \(o)"
        case .unexpectedTag(let e, let f, let o): "DER tag 0x\(String(f, radix: 16)) at offset \(o), expected 0x\(String(e, radix: 16))"
        case .highTagNumber(let o): "DER high tag number at offset \(o)"
        case .indefiniteLength(let o): "DER indefinite length at offset \(o) (X.690 §10.1)"
        case .nonMinimalLength(let o): "DER length not minimal at offset \(o) (X.690 §10.1)"
        case .lengthTooLarge(let o): "DER length too large at offset \(o)"
        case .emptyInteger(let o): "DER INTEGER empty at offset \(o) (X.690 §8.3.1)"
        case .nonMinimalInteger(let o): "DER INTEGER not minimal at offset \(o) (X.690 §8.3.2)"
        case .negativeInteger(let o): "DER INTEGER negative at offset \(o)"
        case .invalidBitString(let o): "DER BIT STRING with unused bits at offset \(o)"
        case .invalidNull(let o): "DER NULL with contents at offset \(o) (X.690 §8.8.2)"
        case .unsupportedAlgorithm: "SubjectPublicKeyInfo algorithm is not one PureJWT reads (rsaEncryption with NULL parameters, or id-Ed25519 without parameters)"
        case .invalidKeyLength(let n): "Ed25519 SubjectPublicKeyInfo holds a \(n)-octet key, not 32 (RFC 8410 §4)"
        case .trailingData(let o): "DER trailing data at offset \(o)"
        case .invalidPEM(let why): "invalid PEM: \(why)"
        }
    }
}

/// Universal tags used here (X.690 §8.1.2, X.680 §8.4).
enum DERTag {
    static let integer: UInt8 = 0x02
    static let bitString: UInt8 = 0x03
    static let null: UInt8 = 0x05
    static let objectIdentifier: UInt8 = 0x06
    static let sequence: UInt8 = 0x30   // constructed
}

// MARK: - Encoding

enum DEREncoder {
    /// Length octets (X.690 §8.1.3): short form below 128, else long form in the fewest octets.
    static func length(_ n: Int) -> [UInt8] {
        if n < 0x80 { return [UInt8(n)] }
        var bytes: [UInt8] = []
        var v = n
        while v > 0 { bytes.insert(UInt8(truncatingIfNeeded: v), at: 0); v >>= 8 }
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    static func tlv(_ tag: UInt8, _ contents: [UInt8]) -> [UInt8] { [tag] + length(contents.count) + contents }

    /// A non-negative INTEGER from big-endian magnitude octets (X.690 §8.3): leading zero octets
    /// removed, then one 0x00 prepended when the top bit is set (so the value reads as positive).
    static func unsignedInteger(_ magnitude: [UInt8]) -> [UInt8] {
        var m = magnitude.drop(while: { $0 == 0 })
        if m.isEmpty { m = [0] }
        let contents: [UInt8] = (m.first ?? 0) & 0x80 != 0 ? [0] + m : Array(m)
        return tlv(DERTag.integer, contents)
    }
}

// MARK: - Decoding

/// A strict reader over DER bytes; offsets in errors are from the start of the whole input.
struct DERReader {
    let bytes: [UInt8]
    var pos: Int
    let end: Int

    init(_ bytes: [UInt8]) { self.bytes = bytes; pos = 0; end = bytes.count }
    init(_ bytes: [UInt8], from start: Int, to end: Int) { self.bytes = bytes; pos = start; self.end = end }

    var isAtEnd: Bool { pos >= end }

    /// Reads one TLV with the expected tag; returns the range of its contents.
    mutating func read(tag expected: UInt8) throws(DERError) -> Range<Int> {
        let start = pos
        guard pos < end else { throw .truncated(offset: pos) }
        let tag = bytes[pos]
        // §8.1.2.4: tag number 31 in the low bits announces a multi-octet tag; none is expected here.
        guard tag & 0x1F != 0x1F else { throw .highTagNumber(offset: pos) }
        guard tag == expected else { throw .unexpectedTag(expected: expected, found: tag, offset: pos) }
        pos += 1
        guard pos < end else { throw .truncated(offset: pos) }
        let first = bytes[pos]
        pos += 1
        var length: Int
        if first < 0x80 {
            length = Int(first)                           // §8.1.3.4 short form
        } else {
            // §10.1: "The definite form of length encoding shall be used" — 0x80 is indefinite.
            guard first != 0x80 else { throw .indefiniteLength(offset: pos - 1) }
            let count = Int(first & 0x7F)                 // §8.1.3.5 long form
            guard count <= 4 else { throw .lengthTooLarge(offset: pos - 1) }
            guard end - pos >= count else { throw .truncated(offset: pos) }
            // §10.1: "encoded in the minimum number of octets": no leading zero octet…
            guard bytes[pos] != 0 else { throw .nonMinimalLength(offset: pos - 1) }
            length = 0
            for i in 0..<count { length = length << 8 | Int(bytes[pos + i]) }
            pos += count
            // …and the long form only for lengths the short form cannot express.
            guard length >= 0x80 else { throw .nonMinimalLength(offset: start + 1) }
        }
        guard end - pos >= length else { throw .truncated(offset: end) }
        let contents = pos..<(pos + length)
        pos += length
        return contents
    }

    /// A non-negative INTEGER; returns its magnitude without the sign octet.
    mutating func readUnsignedInteger() throws(DERError) -> [UInt8] {
        let at = pos
        let r = try read(tag: DERTag.integer)
        // §8.3.1: "The contents octets shall consist of one or more octets."
        guard !r.isEmpty else { throw .emptyInteger(offset: at) }
        let c0 = bytes[r.lowerBound]
        if r.count > 1 {
            let c1 = bytes[r.lowerBound + 1]
            // §8.3.2: the first nine bits shall not be all ones, nor all zeros.
            if c0 == 0x00 && c1 & 0x80 == 0 { throw .nonMinimalInteger(offset: at) }
            if c0 == 0xFF && c1 & 0x80 != 0 { throw .nonMinimalInteger(offset: at) }
        }
        guard c0 & 0x80 == 0 else { throw .negativeInteger(offset: at) }
        let start = c0 == 0 && r.count > 1 ? r.lowerBound + 1 : r.lowerBound
        return Array(bytes[start..<r.upperBound])
    }

    mutating func expectEnd() throws(DERError) {
        guard pos == end else { throw .trailingData(offset: pos) }
    }
}
