// Cognito-shaped test tokens: the claims a real user pool puts in ID and access tokens (shapes as
// documented by AWS for Cognito user pools), signed by a TestSigner, with any claim overridable or
// removable — so a test can build the exact token a 401 or 403 path needs.
import PureJSON
import PureJWK
import PureJWT

/// A pretend Cognito user pool that mints tokens for tests. **Test-only** (signed with published keys).
public struct CognitoTestPool: Sendable {
    /// The pool id.
    public let poolID: String
    /// The app client id.
    public let clientID: String
    /// The key that signs the pool's tokens.
    public let signer: TestSigner
    /// The issuer Cognito would put in `iss`.
    public let issuer: String

    /// A test pool that signs with `signer`.
    /// - Parameters:
    ///   - poolID: a valid pool id, `<region>_<id>`.
    ///   - clientID: the app client id (`aud` of ID tokens, `client_id` of access tokens).
    ///   - signer: the key that signs (default: the first published RSA test key).
    public init(poolID: String = "us-east-1_PureJWTTest", clientID: String = "purejwttestclient0123456789",
                signer: TestSigner = .rs256) {
        self.poolID = poolID
        self.clientID = clientID
        self.signer = signer
        let region = poolID.split(separator: "_").first.map(String.init) ?? "us-east-1"
        self.issuer = "https://cognito-idp.\(region).amazonaws.com/\(poolID)"
    }

    /// The pool's public JWK Set (what its `/.well-known/jwks.json` would serve).
    public var jwks: JWKSet { signer.jwks }

    /// An access token: `sub`, `cognito:groups` (when any), `iss`, `version`, `client_id`,
    /// `origin_jti`, `event_id`, `token_use` "access", `scope`, `auth_time`, `exp`, `iat`, `jti`,
    /// `username` — then `overrides` replace or add claims, and a `nil` value removes one.
    public func accessToken(subject: String = "00000000-0000-4000-8000-000000000001", username: String? = nil,
                            groups: [String] = [], scopes: [String] = ["openid", "email"],
                            issuedAt: NumericDate, lifetime: Double = 3600,
                            overrides: [(String, JSONValue?)] = []) -> String {
        var claims: [(String, JSONValue)] = [("sub", .string(subject))]
        if !groups.isEmpty { claims.append(("cognito:groups", .array(groups.map { .string($0) }))) }
        claims += [("iss", .string(issuer)), ("version", 2), ("client_id", .string(clientID)),
                   ("origin_jti", .string(uuidLike(subject, "origin"))), ("event_id", .string(uuidLike(subject, "event"))),
                   ("token_use", "access"), ("scope", .string(scopes.joined(separator: " "))),
                   ("auth_time", seconds(issuedAt.secondsSince1970)), ("exp", seconds(issuedAt.secondsSince1970 + lifetime)),
                   ("iat", seconds(issuedAt.secondsSince1970)), ("jti", .string(uuidLike(subject, "jti"))),
                   ("username", .string(username ?? subject))]
        return signer.sign(.object(JSONObject(apply(overrides, to: claims))))
    }

    /// An ID token: `sub`, `cognito:groups` (when any), `email_verified`, `iss`,
    /// `cognito:username`, `origin_jti`, `aud`, `event_id`, `token_use` "id", `auth_time`, `exp`,
    /// `iat`, `jti`, `email` — then `overrides` as for `accessToken`.
    public func idToken(subject: String = "00000000-0000-4000-8000-000000000001", username: String? = nil,
                        email: String = "user@example.com", emailVerified: Bool = true, groups: [String] = [],
                        issuedAt: NumericDate, lifetime: Double = 3600,
                        overrides: [(String, JSONValue?)] = []) -> String {
        var claims: [(String, JSONValue)] = [("sub", .string(subject))]
        if !groups.isEmpty { claims.append(("cognito:groups", .array(groups.map { .string($0) }))) }
        claims += [("email_verified", .bool(emailVerified)), ("iss", .string(issuer)),
                   ("cognito:username", .string(username ?? subject)), ("origin_jti", .string(uuidLike(subject, "origin"))),
                   ("aud", .string(clientID)), ("event_id", .string(uuidLike(subject, "event"))), ("token_use", "id"),
                   ("auth_time", seconds(issuedAt.secondsSince1970)), ("exp", seconds(issuedAt.secondsSince1970 + lifetime)),
                   ("iat", seconds(issuedAt.secondsSince1970)), ("jti", .string(uuidLike(subject, "jti"))),
                   ("email", .string(email))]
        return signer.sign(.object(JSONObject(apply(overrides, to: claims))))
    }

    /// A verifier for this pool's tokens over its static key set.
    public func verifier(tokenUse: CognitoTokenUse, groups: [String] = [], scopes: [String] = [],
                         clock: JWTClock) throws(JWTError) -> CognitoVerifier {
        try CognitoVerifier(userPoolID: poolID, clientIDs: [clientID], tokenUse: tokenUse, keys: .static(jwks),
                            groups: groups, scopes: scopes, clock: clock)
    }
}

func apply(_ overrides: [(String, JSONValue?)], to claims: [(String, JSONValue)]) -> [(String, JSONValue)] {
    var out = claims
    for (name, value) in overrides {
        let existing = out.firstIndex { $0.0 == name }
        switch (existing, value) {
        case (let i?, let v?): out[i].1 = v
        case (let i?, nil): out.remove(at: i)
        case (nil, let v?): out.append((name, v))
        case (nil, nil): break
        }
    }
    return out
}

/// A NumericDate claim: an integer when the time is whole.
func seconds(_ t: Double) -> JSONValue {
    if let i = Int64(exactly: t) { return .integer(i) }
    return JSONNumber(t).map { .number($0) } ?? .null
}

/// A stable UUID-shaped string derived from a subject and a label (deterministic test tokens).
func uuidLike(_ subject: String, _ label: String) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325     // FNV-1a over label ‖ subject
    for b in (label + ":" + subject).utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    let hex = Array("0123456789abcdef".utf8)
    var digits: [UInt8] = []
    var x = h, y = h &* 0x9E37_79B9_7F4A_7C15
    for i in 0..<32 {
        let v = i < 16 ? x & 15 : y & 15
        if i < 16 { x >>= 4 } else { y >>= 4 }
        digits.append(hex[Int(v)])
    }
    func part(_ a: Int, _ b: Int) -> String { String(decoding: digits[a..<b], as: UTF8.self) }
    return "\(part(0, 8))-\(part(8, 12))-4\(part(13, 16))-8\(part(17, 20))-\(part(20, 32))"
}
