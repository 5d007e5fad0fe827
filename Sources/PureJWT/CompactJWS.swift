// JWS Compact Serialization (RFC 7515 §7.1): the split, and the JOSE header read in place.
//
//   BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(signature)
//
// The size limit is checked before anything else; one scan finds the two '.' and checks that every
// byte of all three segments is base64url (RFC 7515 §2); the header segment has its own limit. The
// header is decoded (strict base64url) and scanned (strict JSON) into buffers the caller provides —
// on the stack during verification — and its members read: `alg` (required string, §4.1.1), `kid`,
// `typ` (optional strings, §4.1.4, §4.1.9), `crit` (§4.1.11), `b64` (RFC 7797 §3).
import PureBase64URL
import PureJSON

/// The byte ranges of a compact JWS's three segments.
struct Segments {
    let header: Range<Int>
    let payload: Range<Int>
    let signature: Range<Int>
}

/// The header members verification acts on, read from a scanned header (ranges into its buffer).
struct HeaderFields {
    let algorithmName: Range<Int>
    let algorithmEscaped: Bool
    let keyID: (range: Range<Int>, escaped: Bool)?
}

/// A header's `kid` during verification: compared with key ids in place, a String only when needed.
struct KidReference {
    let reader: JSONDocumentReader
    let range: Range<Int>
    let escaped: Bool

    func matches(_ keyID: String) -> Bool { reader.stringEquals(range, escaped: escaped, keyID) }
    var string: String { reader.string(range, escaped: escaped) }
}

enum CompactJWS {
    /// The header parameters this implementation understands when named in `crit`: none. An
    /// extension must be understood to be accepted (RFC 7515 §4.1.11), so any `crit` is rejected.
    static let understoodCriticalHeaders: [String] = []

    /// Size, alphabet, separators (RFC 7515 §7.1, §2) and the header's own limit.
    static func split(_ token: UnsafeBufferPointer<UInt8>, limits: Limits) throws(JWTError) -> Segments {
        // Size first, before any decoding (docs/ARCHITECTURE.md data flow).
        guard token.count <= limits.maxTokenBytes else {
            throw JWTError(.malformedToken, "token is \(token.count) bytes, over the \(limits.maxTokenBytes)-byte limit")
        }
        guard !token.isEmpty else { throw JWTError(.malformedToken, "token is empty") }
        // One scan for the separators (exactly three parts) that also checks every byte of all three
        // segments is in the base64url alphabet, so a space, a NUL or a "Bearer " prefix is
        // `malformed-token` before any key or RSA work. Eight bytes at a time while they are all
        // alphabet bytes (the common case), byte by byte around the separators.
        var dots = (-1, -1)
        var count = 0
        var firstInvalid = -1
        var i = 0
        let n = token.count
        if let base = token.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i &+ 8 <= n {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if allBase64URL(word) { i &+= 8; continue }
                for j in i..<(i &+ 8) { classify(token[j], at: j, &dots, &count, &firstInvalid) }
                i &+= 8
            }
        }
        while i < n { classify(token[i], at: i, &dots, &count, &firstInvalid); i &+= 1 }
        if firstInvalid >= 0 { throw invalidCharacter(token, at: firstInvalid, dots: dots) }
        guard count == 2 else {
            throw JWTError(.malformedToken, "a compact JWS has 3 segments separated by '.', this token has \(count + 1)")
        }
        let segments = Segments(header: 0..<dots.0, payload: (dots.0 + 1)..<dots.1, signature: (dots.1 + 1)..<token.count)
        guard !segments.header.isEmpty else { throw JWTError(.malformedToken, "empty header segment") }
        guard segments.header.count <= limits.maxHeaderBytes else {
            throw JWTError(.malformedToken, "header segment is \(segments.header.count) bytes, over the \(limits.maxHeaderBytes)-byte limit")
        }
        return segments
    }

    @inline(__always)
    private static func classify(_ c: UInt8, at i: Int, _ dots: inout (Int, Int), _ count: inout Int, _ firstInvalid: inout Int) {
        if isBase64URLSymbol(c) { return }
        if c == UInt8(ascii: ".") {
            count += 1
            if count == 1 { dots.0 = i } else if count == 2 { dots.1 = i }
        } else if firstInvalid < 0 {
            firstInvalid = i
        }
    }

    /// True when all eight bytes of `w` are base64url symbols (A–Z a–z 0–9 - _), by SWAR: a byte is
    /// in [lo, hi] when (b + (0x80 − lo)) and (b + (0x7F − hi)) differ in bit 7, for bytes < 0x80.
    @inline(__always)
    static func allBase64URL(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        if w & high != 0 { return false }                       // a byte ≥ 0x80
        @inline(__always) func inRange(_ lo: UInt64, _ hi: UInt64) -> UInt64 {
            ((w &+ ones &* (0x80 &- lo)) ^ (w &+ ones &* (0x7F &- hi))) & high
        }
        let ok = inRange(0x41, 0x5A) | inRange(0x61, 0x7A) | inRange(0x30, 0x39)
            | inRange(0x2D, 0x2D) | inRange(0x5F, 0x5F)
        return ok == high
    }

    /// A-Z a-z 0-9 - _ (RFC 4648 §5 Table 2).
    @inline(__always) static func isBase64URLSymbol(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }

    /// The error for a byte outside base64url, with a hint for the usual mistakes: the whole
    /// Authorization value passed (RFC 6750 §2.1 "Bearer " prefix), surrounding whitespace, quotes.
    static func invalidCharacter(_ token: UnsafeBufferPointer<UInt8>, at i: Int, dots: (Int, Int)) -> JWTError {
        let c = token[i]
        let segment = dots.0 < 0 || i < dots.0 ? "header" : (dots.1 < 0 || i < dots.1 ? "payload" : "signature")
        var hint = ""
        let scheme = Array("bearer ".utf8)
        if token.count > scheme.count, zip(token.prefix(scheme.count), scheme).allSatisfy({ $0 | 0x20 == $1 }) {
            hint = "; it starts with a \"Bearer \" prefix: pass only the token after the scheme (see bearerToken(fromAuthorization:))"
        } else if isWhitespace(c), token[i...].allSatisfy(isWhitespace) {
            hint = "; the token has trailing whitespace or a line break"
        } else if isWhitespace(c), i == 0 {
            hint = "; the token has leading whitespace"
        } else if c == UInt8(ascii: "\"") {
            hint = "; the token is quoted"
        }
        let shown = c >= 0x21 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(String(c, radix: 16))"
        return JWTError(.malformedToken, "\(shown) at offset \(i) in the \(segment) segment is not base64url (RFC 7515 §2)\(hint)")
    }

    @inline(__always) static func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    /// The decoded length of a segment, or malformed-token when no base64url string has that length.
    static func decodedLength(_ segment: Range<Int>, _ name: String) throws(JWTError) -> Int {
        guard let n = Base64URL.decodedCount(encodedCount: segment.count) else {
            throw JWTError(.malformedToken, "\(name): invalid base64 length \(segment.count)")
        }
        return n
    }

    /// Decodes a segment into `out` (which has room for its decoded length); strict base64url.
    static func decode(_ token: UnsafeBufferPointer<UInt8>, _ segment: Range<Int>, into out: UnsafeMutableBufferPointer<UInt8>,
                       _ name: String) throws(JWTError) -> Int {
        do { return try Base64URL.decode(UnsafeBufferPointer(rebasing: token[segment]), into: out) } catch {
            throw JWTError(.malformedToken, "\(name): \(error)")
        }
    }

    /// Scans a decoded header (strict JSON; a JSON object, RFC 7515 §4) into `members`.
    static func scanHeader(_ header: UnsafeBufferPointer<UInt8>, limits: Limits,
                           members: UnsafeMutableBufferPointer<JSONMember>) throws(JWTError) -> Int {
        let result: JSONScanResult
        do {
            result = try JSONScanner.scanObject(header, limits: limits.json, members: members)
            if result.needsFullValidation { _ = try JSONParser.parse(header, limits: limits.json) }
        } catch {
            throw JWTError(.malformedJSON, "header is not valid JSON: \(error)")
        }
        guard result.topLevelKind == .object else {
            throw JWTError(.malformedToken, "header must be a JSON object (RFC 7515 §4), found \(result.topLevelKind.name)")
        }
        return result.memberCount
    }

    /// Reads and checks the members verification acts on.
    static func readHeader(_ reader: JSONDocumentReader, _ members: UnsafeBufferPointer<JSONMember>) throws(JWTError) -> HeaderFields {
        // RFC 7515 §4.1.1: "alg" … MUST be present.
        guard let alg = reader.find("alg", in: members) else { throw JWTError(.malformedToken, "header has no \"alg\"") }
        guard alg.kind == .string else { throw JWTError(.malformedToken, "header \"alg\" must be a string") }
        var kid: (Range<Int>, Bool)? = nil
        if let k = reader.find("kid", in: members) {
            guard k.kind == .string else { throw JWTError(.malformedToken, "header \"kid\" must be a string") }
            kid = (k.valueRange, k.valueEscaped)
        }
        if let t = reader.find("typ", in: members), t.kind != .string {
            throw JWTError(.malformedToken, "header \"typ\" must be a string")
        }
        // RFC 7515 §4.1.11 crit: a non-empty array of names, each of which must be understood.
        if let crit = reader.find("crit", in: members) {
            guard crit.kind == .array else { throw JWTError(.malformedToken, "header \"crit\" must be a non-empty array (RFC 7515 §4.1.11)") }
            var names = 0
            var failure: JWTError? = nil
            reader.forEachElement(ofArray: crit.valueRange) { kind, range, escaped in
                names += 1
                guard kind == .string else { failure = JWTError(.malformedToken, "header \"crit\" must hold strings"); return false }
                guard understoodCriticalHeaders.contains(where: { reader.stringEquals(range, escaped: escaped, $0) }) else {
                    failure = JWTError(.unsupportedCriticalHeader,
                                       "header \"crit\" names \(quoted(reader.string(range, escaped: escaped))), which this verifier does not understand")
                    return false
                }
                return true
            }
            if let failure { throw failure }
            guard names > 0 else { throw JWTError(.malformedToken, "header \"crit\" must be a non-empty array (RFC 7515 §4.1.11)") }
        }
        // RFC 7797 §3: b64 = false means an unencoded payload; only the default (true) is supported.
        if let b64 = reader.find("b64", in: members), b64.kind != .true {
            throw JWTError(.malformedToken, "header \"b64\" must be true: unencoded payloads (RFC 7797) are not supported")
        }
        // jku, x5u, jwk, x5c are deliberately never read (RFC 8725 §3.10): keys come from the verifier.
        return HeaderFields(algorithmName: alg.valueRange, algorithmEscaped: alg.valueEscaped, keyID: kid)
    }
}
