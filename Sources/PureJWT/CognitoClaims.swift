// Typed views of Cognito's ID and access token claims, read from verified claims without
// Foundation. Shapes as AWS documents them for user pool tokens: the ID token carries the user's
// attributes (`email`, `phone_number`, `cognito:username`, custom attributes `custom:…`), the
// access token the authorisation (`client_id`, `scope`, `username`). Both carry `sub`,
// `cognito:groups`, `token_use`, `auth_time`, `iat`, `exp`, `jti`, `origin_jti`, `event_id`.
//
// Reading is strict about types and lenient about presence: a member of the wrong JSON type is
// `invalid-claim` (a string where a number belongs is a bug or an attack, never data), an absent
// optional member is nil. `sub`, `iss`, `token_use`, `exp` and the client (`aud` / `client_id`)
// are required. `email_verified` / `phone_number_verified` are JSON booleans; the strings "true"
// and "false" are accepted too, as Cognito writes attributes mapped from federated identity
// providers as strings.
import PureJSON

/// The claims of a Cognito ID token.
public struct CognitoIDTokenClaims: Sendable {
    /// `sub`: the user's stable id.
    public let subject: String
    /// `iss`: the pool's issuer URL.
    public let issuer: String
    /// `aud`: the app client id.
    public let audience: String
    /// `cognito:username`.
    public let username: String?
    /// `cognito:groups` (empty when absent).
    public let groups: [String]
    /// `email`.
    public let email: String?
    /// `email_verified`.
    public let emailVerified: Bool?
    /// `phone_number`.
    public let phoneNumber: String?
    /// `phone_number_verified`.
    public let phoneNumberVerified: Bool?
    /// `auth_time`: when the user authenticated.
    public let authTime: NumericDate?
    /// `iat`.
    public let issuedAt: NumericDate?
    /// `exp`.
    public let expiration: NumericDate
    /// `jti`.
    public let jwtID: String?
    /// `origin_jti`: the id of the authentication event that issued this token.
    public let originJTI: String?
    /// `event_id`.
    public let eventID: String?
    /// Every claim, for custom attributes (`custom:tenant`) and anything else.
    public let all: JWTClaims

    /// Reads the claims of a verified ID token.
    /// - Throws: `invalid-token-use` unless `token_use` is "id"; `invalid-claim` when a member has
    ///   the wrong type or a required one is missing.
    public init(_ claims: JWTClaims) throws(JWTError) {
        let r = TypedClaims(claims)
        guard try r.string("token_use") == "id" else { throw JWTError(.invalidTokenUse, "an ID token has \"token_use\": \"id\"") }
        subject = try r.required("sub")
        issuer = try r.required("iss")
        audience = try r.required("aud")
        username = try r.string("cognito:username")
        groups = try r.strings("cognito:groups")
        email = try r.string("email")
        emailVerified = try r.bool("email_verified")
        phoneNumber = try r.string("phone_number")
        phoneNumberVerified = try r.bool("phone_number_verified")
        authTime = try r.date("auth_time")
        issuedAt = try r.date("iat")
        guard let exp = try r.date("exp") else { throw JWTError(.invalidClaim, "\"exp\" is required") }
        expiration = exp
        jwtID = try r.string("jti")
        originJTI = try r.string("origin_jti")
        eventID = try r.string("event_id")
        all = claims
    }
}

/// The claims of a Cognito access token.
public struct CognitoAccessTokenClaims: Sendable {
    /// `sub`: the user's stable id.
    public let subject: String
    /// `iss`: the pool's issuer URL.
    public let issuer: String
    /// `client_id`: the app client the token was issued to.
    public let clientID: String
    /// `username`.
    public let username: String?
    /// `cognito:groups` (empty when absent).
    public let groups: [String]
    /// `scope`, split on spaces (empty when absent).
    public let scopes: [String]
    /// `auth_time`: when the user authenticated.
    public let authTime: NumericDate?
    /// `iat`.
    public let issuedAt: NumericDate?
    /// `exp`.
    public let expiration: NumericDate
    /// `jti`.
    public let jwtID: String?
    /// `origin_jti`: the id of the authentication event that issued this token.
    public let originJTI: String?
    /// `event_id`.
    public let eventID: String?
    /// `version` (2 for tokens with the newer, customisable claims).
    public let version: Int64?
    /// Every claim.
    public let all: JWTClaims

    /// Reads the claims of a verified access token.
    /// - Throws: `invalid-token-use` unless `token_use` is "access"; `invalid-claim` when a member
    ///   has the wrong type or a required one is missing.
    public init(_ claims: JWTClaims) throws(JWTError) {
        let r = TypedClaims(claims)
        guard try r.string("token_use") == "access" else { throw JWTError(.invalidTokenUse, "an access token has \"token_use\": \"access\"") }
        subject = try r.required("sub")
        issuer = try r.required("iss")
        clientID = try r.required("client_id")
        username = try r.string("username")
        groups = try r.strings("cognito:groups")
        scopes = try r.string("scope").map { s in s.utf8.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) } } ?? []
        authTime = try r.date("auth_time")
        issuedAt = try r.date("iat")
        guard let exp = try r.date("exp") else { throw JWTError(.invalidClaim, "\"exp\" is required") }
        expiration = exp
        jwtID = try r.string("jti")
        originJTI = try r.string("origin_jti")
        eventID = try r.string("event_id")
        version = try r.integer("version")
        all = claims
    }
}

extension VerifiedToken {
    /// The claims as a Cognito ID token's (for a token a `CognitoVerifier` with `.id` accepted).
    public func cognitoIDToken() throws(JWTError) -> CognitoIDTokenClaims { try CognitoIDTokenClaims(claims) }
    /// The claims as a Cognito access token's.
    public func cognitoAccessToken() throws(JWTError) -> CognitoAccessTokenClaims { try CognitoAccessTokenClaims(claims) }
}

/// Typed reads of single claims: nil when absent, `invalid-claim` when of another JSON type.
struct TypedClaims {
    let claims: JWTClaims
    init(_ claims: JWTClaims) { self.claims = claims }

    private func member<T>(_ name: String, _ body: (JSONDocumentReader, JSONMember) throws(JWTError) -> T?) throws(JWTError) -> T? {
        try claims.object.read { (reader, members) throws(JWTError) -> T? in
            guard let m = reader.find(name, in: members), m.kind != .null else { return nil }
            return try body(reader, m)
        }
    }

    private func mismatch(_ name: String, _ expected: String, _ m: JSONMember) -> JWTError {
        JWTError(.invalidClaim, "\(quoted(name)) must be \(expected), found \(m.kind.name)")
    }

    func string(_ name: String) throws(JWTError) -> String? {
        try member(name) { (reader, m) throws(JWTError) in
            guard m.kind == .string else { throw mismatch(name, "a string", m) }
            return reader.string(m.valueRange, escaped: m.valueEscaped)
        }
    }

    func required(_ name: String) throws(JWTError) -> String {
        guard let s = try string(name) else { throw JWTError(.invalidClaim, "\(quoted(name)) is required") }
        return s
    }

    func strings(_ name: String) throws(JWTError) -> [String] {
        try member(name) { (reader, m) throws(JWTError) -> [String]? in
            guard m.kind == .array else { throw mismatch(name, "an array of strings", m) }
            var out: [String] = []
            var allStrings = true
            reader.forEachElement(ofArray: m.valueRange) { kind, range, escaped in
                guard kind == .string else { allStrings = false; return false }
                out.append(reader.string(range, escaped: escaped))
                return true
            }
            guard allStrings else { throw mismatch(name, "an array of strings", m) }
            return out
        } ?? []
    }

    func bool(_ name: String) throws(JWTError) -> Bool? {
        try member(name) { (reader, m) throws(JWTError) -> Bool? in
            switch m.kind {
            case .true: return true
            case .false: return false
            case .string where reader.stringEquals(m.valueRange, escaped: m.valueEscaped, "true"): return true
            case .string where reader.stringEquals(m.valueRange, escaped: m.valueEscaped, "false"): return false
            default: throw mismatch(name, "a boolean", m)
            }
        }
    }

    func date(_ name: String) throws(JWTError) -> NumericDate? {
        try member(name) { (reader, m) throws(JWTError) -> NumericDate? in
            guard m.kind == .number else { throw mismatch(name, "a NumericDate (a JSON number)", m) }
            let t = reader.double(m.valueRange)
            guard t.isFinite, NumericDate.validRange.contains(t) else { throw JWTError(.invalidClaim, "\(quoted(name)) is outside the NumericDate range") }
            return NumericDate(secondsSince1970: t)
        }
    }

    func integer(_ name: String) throws(JWTError) -> Int64? {
        try member(name) { (reader, m) throws(JWTError) -> Int64? in
            guard m.kind == .number, let i = reader.number(m.valueRange).exactInteger(Int64.self) else { throw mismatch(name, "an integer", m) }
            return i
        }
    }
}
