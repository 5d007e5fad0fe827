// JWS Compact Serialization (RFC 7515 §7.1) parsing, up to — not including — the payload.
//
//   BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(signature)
//
// The size limit is checked before anything else; the three segments are found in one scan
// (exactly two '.'); the header is decoded (strict base64url) and parsed (strict JSON), and its
// members read: `alg` (required string, §4.1.1), `kid`, `typ` (optional strings, §4.1.4, §4.1.9),
// `crit` (§4.1.11), `b64` (RFC 7797 §3). The payload stays encoded until the signature verifies.
import PureBase64URL
import PureJSON

/// The JOSE header members PureJWT acts on, plus the whole header for callers.
public struct JOSEHeader: Sendable {
    /// `alg` exactly as in the token.
    public let algorithmName: String
    /// `kid`, if present.
    public let keyID: String?
    /// `typ`, if present.
    public let type: String?
    /// The whole header object.
    public let json: JSONObject
}

/// A compact JWS split and its header parsed; payload and signature still encoded.
struct ParsedJWS {
    let header: JOSEHeader
    /// Byte ranges into the token.
    let headerRange: Range<Int>
    let payloadRange: Range<Int>
    let signatureRange: Range<Int>
}

enum CompactJWS {
    /// The header parameters this implementation understands when named in `crit`: none. An
    /// extension must be understood to be accepted (RFC 7515 §4.1.11), so any `crit` is rejected.
    static let understoodCriticalHeaders: [String] = []

    static func parse(_ token: UnsafeBufferPointer<UInt8>, limits: Limits) throws(JWTError) -> ParsedJWS {
        // Size first, before any decoding (ARCHITECTURE.md data flow).
        guard token.count <= limits.maxTokenBytes else {
            throw JWTError(.malformedToken, "token is \(token.count) bytes, over the \(limits.maxTokenBytes)-byte limit")
        }
        guard !token.isEmpty else { throw JWTError(.malformedToken, "token is empty") }
        // One scan for the separators (RFC 7515 §7.1: exactly three parts) that also checks every
        // byte of all three segments is in the base64url alphabet (RFC 7515 §2, RFC 4648 §5), so a
        // space, a NUL or a "Bearer " prefix is `malformed-token` before any key or RSA work.
        var dots = (-1, -1)
        var count = 0
        var firstInvalid = -1
        for i in 0..<token.count {
            let c = token[i]
            if isBase64URLSymbol(c) { continue }
            if c == UInt8(ascii: ".") {
                count += 1
                if count == 1 { dots.0 = i } else if count == 2 { dots.1 = i }
            } else if firstInvalid < 0 {
                firstInvalid = i
            }
        }
        if firstInvalid >= 0 { throw invalidCharacter(token, at: firstInvalid, dots: dots) }
        guard count == 2 else {
            throw JWTError(.malformedToken, "a compact JWS has 3 segments separated by '.', this token has \(count + 1)")
        }
        let headerRange = 0..<dots.0
        let payloadRange = (dots.0 + 1)..<dots.1
        let signatureRange = (dots.1 + 1)..<token.count
        guard !headerRange.isEmpty else { throw JWTError(.malformedToken, "empty header segment") }
        guard headerRange.count <= limits.maxHeaderBytes else {
            throw JWTError(.malformedToken, "header segment is \(headerRange.count) bytes, over the \(limits.maxHeaderBytes)-byte limit")
        }

        let headerBytes: [UInt8]
        do { headerBytes = try Base64URL.decode(UnsafeBufferPointer(rebasing: token[headerRange])) } catch {
            throw JWTError(.malformedToken, "header: \(error)")
        }
        let value: JSONValue
        do { value = try JSONParser.parse(headerBytes, limits: limits.json) } catch {
            throw JWTError(.malformedJSON, "header is not valid JSON: \(error)")
        }
        guard case .object(let h) = value else {
            throw JWTError(.malformedToken, "header must be a JSON object (RFC 7515 §4), found \(value.kindName)")
        }
        let header = try readHeader(h)
        return ParsedJWS(header: header, headerRange: headerRange, payloadRange: payloadRange, signatureRange: signatureRange)
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

    static func readHeader(_ h: JSONObject) throws(JWTError) -> JOSEHeader {
        // RFC 7515 §4.1.1: "alg" … MUST be present.
        guard let algValue = h["alg"] else { throw JWTError(.malformedToken, "header has no \"alg\"") }
        guard case .string(let alg) = algValue else { throw JWTError(.malformedToken, "header \"alg\" must be a string") }
        let kid = try optionalString(h, "kid")
        let typ = try optionalString(h, "typ")
        // RFC 7515 §4.1.11 crit: a non-empty array of names, each of which must be understood.
        if let crit = h["crit"] {
            guard case .array(let names) = crit, !names.isEmpty else {
                throw JWTError(.malformedToken, "header \"crit\" must be a non-empty array (RFC 7515 §4.1.11)")
            }
            for name in names {
                guard case .string(let n) = name else { throw JWTError(.malformedToken, "header \"crit\" must hold strings") }
                guard understoodCriticalHeaders.contains(where: { utf8Equal($0, n) }) else {
                    throw JWTError(.unsupportedCriticalHeader, "header \"crit\" names \(quoted(n)), which this verifier does not understand")
                }
            }
        }
        // RFC 7797 §3: b64 = false means an unencoded payload; only the default (true) is supported.
        if let b64 = h["b64"] {
            guard case .bool(true) = b64 else {
                throw JWTError(.malformedToken, "header \"b64\" must be true: unencoded payloads (RFC 7797) are not supported")
            }
        }
        // jku, x5u, jwk, x5c are deliberately never read (RFC 8725 §3.10): keys come from the verifier.
        return JOSEHeader(algorithmName: alg, keyID: kid, type: typ, json: h)
    }

    static func optionalString(_ h: JSONObject, _ name: String) throws(JWTError) -> String? {
        guard let v = h[name] else { return nil }
        guard case .string(let s) = v else { throw JWTError(.malformedToken, "header \"\(name)\" must be a string") }
        return s
    }

    /// Decodes the signature segment (strict base64url).
    static func signature(_ token: UnsafeBufferPointer<UInt8>, _ parsed: ParsedJWS) throws(JWTError) -> [UInt8] {
        do { return try Base64URL.decode(UnsafeBufferPointer(rebasing: token[parsed.signatureRange])) } catch {
            throw JWTError(.malformedToken, "signature: \(error)")
        }
    }

    /// Decodes the payload segment (strict base64url) — called only after the signature verified.
    static func payload(_ token: UnsafeBufferPointer<UInt8>, _ parsed: ParsedJWS) throws(JWTError) -> [UInt8] {
        do { return try Base64URL.decode(UnsafeBufferPointer(rebasing: token[parsed.payloadRange])) } catch {
            throw JWTError(.malformedToken, "payload: \(error)")
        }
    }
}
