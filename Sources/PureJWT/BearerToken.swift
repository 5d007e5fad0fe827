// The framework-neutral half of an HTTP API protected by bearer tokens (RFC 6750): reading the token
// from an `Authorization` header value, and the `WWW-Authenticate` challenge a 401/403 answer
// carries. The Hummingbird and Vapor integrations are thin glue over these two.
//
// RFC 6750 §2.1:
//     b64token    = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
//     credentials = "Bearer" 1*SP b64token
// The scheme name is case-insensitive (RFC 9110 §11.1). Nothing may precede the scheme or follow
// the token. A compact JWT is a b64token (base64url segments and dots), so whatever passes here
// goes to the verifier, which then checks its own, stricter alphabet.

/// Why an `Authorization` header value is not a bearer credential.
public struct BearerHeaderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the header value.
    public enum Kind: Sendable, Equatable {
        /// The header uses another scheme (`Basic …`), or is empty: the request carries no bearer
        /// token. RFC 6750 §3.1: answer 401 with a challenge and no error code.
        case notBearer
        /// `Bearer` with a malformed or missing token: RFC 6750 §3.1 `invalid_request`, HTTP 400.
        case malformed
    }
    /// What is wrong.
    public let kind: Kind
    /// Why, in words.
    public let message: String

    /// An error of `kind` saying `message`.
    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// The token of an `Authorization: Bearer <token>` header value (RFC 6750 §2.1), without copying
/// more than the token. Throws `BearerHeaderError` — `.notBearer` for another scheme or an empty
/// value, `.malformed` for a `Bearer` value whose token is missing or not a b64token (spaces or
/// other characters after it included).
public func bearerToken(fromAuthorization value: String) throws(BearerHeaderError) -> String {
    let bytes = Array(value.utf8)
    let scheme = Array("bearer".utf8)
    // The scheme, compared case-insensitively as ASCII (no Unicode folding: "ʙearer" is not it).
    guard bytes.count >= scheme.count, zip(bytes.prefix(scheme.count), scheme).allSatisfy({ asciiLower($0) == $1 }),
          bytes.count == scheme.count || bytes[scheme.count] == 0x20 else {
        throw BearerHeaderError(kind: .notBearer, message: bytes.isEmpty
            ? "the Authorization header is empty"
            : "the Authorization header does not use the Bearer scheme (RFC 6750 §2.1)")
    }
    // 1*SP, then the b64token to the end.
    var start = scheme.count
    while start < bytes.count && bytes[start] == 0x20 { start += 1 }
    guard start > scheme.count, start < bytes.count else {
        throw BearerHeaderError(kind: .malformed, message: "\"Bearer\" is not followed by a space and a token (RFC 6750 §2.1)")
    }
    var i = start
    while i < bytes.count && isB64TokenCharacter(bytes[i]) { i += 1 }
    while i < bytes.count && bytes[i] == UInt8(ascii: "=") { i += 1 }
    guard i == bytes.count, i > start, bytes[start] != UInt8(ascii: "=") else {
        let what = i < bytes.count ? "a character outside the b64token alphabet at offset \(i)" + (bytes[i] == 0x20 || bytes[i] == 0x09 ? " (whitespace after the token?)" : "")
                                   : "no token characters"
        throw BearerHeaderError(kind: .malformed, message: "the bearer token has \(what) (RFC 6750 §2.1 b64token)")
    }
    return String(decoding: bytes[start...], as: UTF8.self)
}

@inline(__always) private func asciiLower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

/// ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" (RFC 6750 §2.1).
@inline(__always) private func isB64TokenCharacter(_ c: UInt8) -> Bool {
    switch c {
    case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
         UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/"): true
    default: false
    }
}

/// The answer to a request whose bearer token was missing or refused: the HTTP status and the
/// `WWW-Authenticate` header value (RFC 6750 §3), e.g.
/// `Bearer realm="api", error="invalid_token", error_description="expired"`. The description is
/// the stable code (docs/ARCHITECTURE.md "Errors"), never token content or a claim value.
public struct BearerChallenge: Sendable, Equatable {
    /// 401, 403 or 503.
    public let status: Int
    /// The `WWW-Authenticate` header value.
    public let headerValue: String

    /// No bearer token at all (no header, or another scheme): 401 with no error code (RFC 6750 §3.1:
    /// "the resource server SHOULD NOT include an error code or other error information").
    public static func missingToken(realm: String? = nil) -> BearerChallenge {
        BearerChallenge(status: 401, headerValue: header(realm: realm, error: nil, description: nil, scope: nil))
    }

    /// An `Authorization` header that is not a bearer credential: another scheme is a missing token
    /// (401, bare challenge); a malformed `Bearer` value is a token that cannot be valid (401
    /// `invalid_token`, `malformed-token`) — answered as a refused token, not as RFC 6750's 400
    /// `invalid_request`, so a client sees one status for every unusable token.
    public init(_ error: BearerHeaderError, realm: String? = nil) {
        switch error.kind {
        case .notBearer: self = .missingToken(realm: realm)
        case .malformed: self.init(JWTError(.malformedToken, error.message), realm: realm)
        }
    }

    /// A refused token: 401 `invalid_token`, or 403 `insufficient_scope` (with the required
    /// `scope`, when given), or 503 (bare challenge) when the key set cannot be fetched.
    /// `describe: false` leaves the error description (the stable code) out of the header.
    public init(_ error: JWTError, realm: String? = nil, requiredScope: String? = nil, describe: Bool = true) {
        let description = describe ? error.code.rawValue : nil
        switch error.httpStatus {
        case 403: self.init(status: 403, headerValue: Self.header(realm: realm, error: "insufficient_scope", description: description, scope: requiredScope))
        case 503: self.init(status: 503, headerValue: Self.header(realm: realm, error: nil, description: nil, scope: nil))
        default: self.init(status: 401, headerValue: Self.header(realm: realm, error: "invalid_token", description: description, scope: nil))
        }
    }

    private init(status: Int, headerValue: String) {
        self.status = status
        self.headerValue = headerValue
    }

    /// `Bearer` and its auth-params (RFC 6750 §3): each value a quoted-string; RFC 6750 restricts
    /// error_description and scope to %x20-21 / %x23-5B / %x5D-7E, so any other byte (and `"`, `\`)
    /// becomes `?` — a realm or scope can never break out of its quotes or the header line.
    private static func header(realm: String?, error: String?, description: String?, scope: String?) -> String {
        var params: [String] = []
        if let realm { params.append("realm=\"\(quotedValue(realm))\"") }
        if let scope { params.append("scope=\"\(quotedValue(scope))\"") }
        if let error { params.append("error=\"\(error)\"") }
        if let description { params.append("error_description=\"\(quotedValue(description))\"") }
        return params.isEmpty ? "Bearer" : "Bearer " + params.joined(separator: ", ")
    }

    private static func quotedValue(_ s: String) -> String {
        var out: [UInt8] = []
        for b in s.utf8.prefix(512) {
            out.append((b == 0x20 || b == 0x21 || (b >= 0x23 && b <= 0x5B) || (b >= 0x5D && b <= 0x7E)) ? b : UInt8(ascii: "?"))
        }
        return String(decoding: out, as: UTF8.self)
    }
}
