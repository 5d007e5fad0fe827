// JWT claims (RFC 7519 §4). The registered claims are type-checked when the claims are built —
// after the signature verified — and a claim of the wrong type is `invalid-claim`:
//   iss, sub, jti: StringOrURI strings (§4.1.1, §4.1.2, §4.1.7)
//   aud: a string or an array of strings (§4.1.3)
//   exp, nbf, iat: NumericDate — a JSON number, finite and within NumericDate.validRange (§4.1.4–§4.1.6)
// Every other claim (Cognito's `token_use`, `client_id`, `cognito:groups`, `scope`, custom claims)
// is reachable by name and decodable into the caller's own `Decodable` type.
import PureJSON

/// The claims of a verified token.
public struct JWTClaims: Sendable {
    /// The whole claims object, members in document order.
    public let json: JSONObject
    /// `iss`.
    public let issuer: String?
    /// `sub`.
    public let subject: String?
    /// `aud`, as a list (a single string becomes a one-element list).
    public let audience: [String]
    /// `exp`.
    public let expiration: NumericDate?
    /// `nbf`.
    public let notBefore: NumericDate?
    /// `iat`.
    public let issuedAt: NumericDate?
    /// `jti`.
    public let jwtID: String?

    init(_ o: JSONObject) throws(JWTError) {
        json = o
        issuer = try Self.string(o, "iss")
        subject = try Self.string(o, "sub")
        jwtID = try Self.string(o, "jti")
        switch o["aud"] {
        case nil: audience = []
        case .string(let s)?: audience = [s]
        case .array(let items)?:
            var list: [String] = []
            for item in items {
                guard case .string(let s) = item else { throw JWTError(.invalidClaim, "\"aud\" must be a string or an array of strings") }
                list.append(s)
            }
            audience = list
        case let v?: throw JWTError(.invalidClaim, "\"aud\" must be a string or an array of strings, found \(v.kindName)")
        }
        expiration = try Self.numericDate(o, "exp")
        notBefore = try Self.numericDate(o, "nbf")
        issuedAt = try Self.numericDate(o, "iat")
    }

    static func string(_ o: JSONObject, _ name: String) throws(JWTError) -> String? {
        guard let v = o[name] else { return nil }
        guard case .string(let s) = v else { throw JWTError(.invalidClaim, "\"\(name)\" must be a string, found \(v.kindName)") }
        return s
    }

    static func numericDate(_ o: JSONObject, _ name: String) throws(JWTError) -> NumericDate? {
        guard let v = o[name] else { return nil }
        guard case .number(let n) = v else {
            throw JWTError(.invalidClaim, "\"\(name)\" must be a NumericDate (a JSON number), found \(v.kindName)")
        }
        let seconds = n.double
        guard seconds.isFinite, NumericDate.validRange.contains(seconds) else {
            throw JWTError(.invalidClaim, "\"\(name)\" value \(quoted(n.lexeme, max: 24)) is outside the NumericDate range")
        }
        return NumericDate(secondsSince1970: seconds)
    }

    /// Any claim by name (byte-exact).
    public subscript(name: String) -> JSONValue? { json[name] }

    /// A string claim, or nil when absent or not a string.
    public func string(_ name: String) -> String? { json[name]?.stringValue }

    // MARK: Cognito claims

    /// `token_use`: "id" or "access" in Cognito tokens.
    public var tokenUse: String? { string("token_use") }
    /// `client_id` (Cognito access tokens).
    public var clientID: String? { string("client_id") }
    /// `cognito:groups` (the string members; empty when absent).
    public var groups: [String] { json["cognito:groups"]?.arrayValue?.compactMap { $0.stringValue } ?? [] }
    /// `scope`, split on the byte 0x20 (RFC 8693 §4.2, RFC 6749 §3.3 `scope-token *( SP scope-token )`;
    /// empty when absent). Split as bytes: a `Character` split would not split " \u{301}", a space
    /// followed by a combining mark, which Swift treats as one grapheme.
    public var scopes: [String] {
        guard let s = string("scope") else { return [] }
        return s.utf8.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
    }
    /// `cognito:username` (ID tokens) or `username` (access tokens).
    public var username: String? { string("cognito:username") ?? string("username") }

    #if !hasFeature(Embedded)
    /// Decodes the claims into the caller's type, e.g. `try token.claims.decode(MyClaims.self)`.
    public func decode<T: Decodable>(_ type: T.Type) throws(JWTError) -> T {
        do { return try JSONValueDecoder.decode(T.self, from: .object(json)) } catch {
            throw JWTError(.invalidClaim, "claims do not decode as \(T.self): \(error)")
        }
    }
    #endif
}

/// A token whose signature and claims verified.
public struct VerifiedToken: Sendable {
    /// The JOSE header.
    public let header: JOSEHeader
    /// The verified algorithm.
    public let algorithm: JWSAlgorithm
    /// The claims.
    public let claims: JWTClaims
    /// The payload bytes exactly as decoded from the token.
    public let payload: [UInt8]
}
