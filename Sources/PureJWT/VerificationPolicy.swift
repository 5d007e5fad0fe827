// What a verified token must also satisfy: the JWT claim checks of RFC 7519 §4.1 and the caller's
// rules, with the defaults of docs/ARCHITECTURE.md "Behaviour users rely on". Issuer and audience are
// mandatory; not checking one is an explicit `.notChecked`, never an empty default.

import PureJSON

/// An expected value of a string claim.
public enum ClaimExpectation: Sendable, ExpressibleByArrayLiteral {
    /// The claim must equal one of these, byte for byte (an empty list accepts nothing).
    case oneOf([String])
    /// The check is skipped — an explicit opt-out.
    case notChecked

    /// `["a", "b"]` is `.oneOf(["a", "b"])`.
    public init(arrayLiteral elements: String...) { self = .oneOf(elements) }


    /// Accepts a value read in place: `matches(expected)` compares it with one expected value.
    func accepts(_ matches: (String) -> Bool) -> Bool {
        switch self {
        case .notChecked: true
        case .oneOf(let list): list.contains(where: matches)
        }
    }

    var summary: String {
        switch self {
        case .notChecked: "any"
        case .oneOf(let list): list.map { quoted($0) }.joined(separator: " or ")
        }
    }
}

/// A caller-supplied claim check; throw a `JWTError` (usually `.invalidClaim`) to reject.
public typealias CustomClaimCheck = @Sendable (JWTClaims) throws(JWTError) -> Void

/// What the `typ` header must say (RFC 7515 §4.1.9; RFC 8725 §3.11 explicit typing). Compared as
/// media types: ASCII case-insensitively, and a value without "/" as if "application/" were in
/// front of it (RFC 7515 §4.1.9), so "at+jwt", "AT+JWT" and "application/at+jwt" are one type.
public enum TypeExpectation: Sendable, Equatable {
    /// `typ` is not looked at (the default: Cognito and most OIDC ID tokens carry none).
    case notChecked
    /// `typ` must be present and one of these.
    case oneOf([String])
    /// `typ` may be absent; when present it must be one of these.
    case absentOrOneOf([String])

    func check(_ typ: String?, present: Bool) throws(JWTError) {
        let accepted: [String]
        switch self {
        case .notChecked: return
        case .oneOf(let list): accepted = list
        case .absentOrOneOf(let list):
            if !present { return }
            accepted = list
        }
        let expected = accepted.map { quoted($0) }.joined(separator: " or ")
        guard present else { throw JWTError(.invalidType, "the \"typ\" header is missing; expected \(expected)") }
        guard let typ else { throw JWTError(.invalidType, "the \"typ\" header is not a string; expected \(expected)") }
        guard accepted.contains(where: { Self.sameMediaType($0, typ) }) else {
            throw JWTError(.invalidType, "the \"typ\" header is \(quoted(typ)); expected \(expected)")
        }
    }

    /// Media type equality for `typ`: the "application/" prefix implied when there is no "/", and
    /// ASCII letters compared without case (RFC 7515 §4.1.9; media types are case-insensitive).
    static func sameMediaType(_ a: String, _ b: String) -> Bool {
        func normalized(_ s: String) -> [UInt8] {
            let bytes = s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            return bytes.contains(UInt8(ascii: "/")) ? bytes : Array("application/".utf8) + bytes
        }
        return normalized(a) == normalized(b)
    }
}

/// The rules a token's claims must satisfy.
public struct VerificationPolicy: Sendable {
    /// Algorithms accepted (default RS256 only).
    public var algorithms: [JWSAlgorithm]
    /// Expected `iss` (RFC 7519 §4.1.1).
    public var issuer: ClaimExpectation
    /// Expected `aud` (RFC 7519 §4.1.3): one of the token's audiences must be accepted.
    public var audience: ClaimExpectation
    /// Expected `typ` header (default: not checked).
    public var type: TypeExpectation
    /// Clock skew tolerance in seconds for exp / nbf / iat (default 0).
    public var leeway: Double
    /// Whether `exp` must be present (default true).
    public var requireExpiration: Bool
    /// When set, `iat` is required and the token may be at most this many seconds old.
    public var maxAge: Double?
    /// Claims that must be present, whatever their value.
    public var requiredClaims: [String]
    /// When non-empty, the token's `scope` (space-separated, RFC 8693 §4.2) must contain at least
    /// one of these; otherwise `insufficient-scope` (HTTP 403).
    public var scopes: [String]
    /// A last check of the caller's own.
    public var customCheck: CustomClaimCheck?
    /// Bounds on untrusted input.
    public var limits: Limits

    /// A policy; each parameter is the property of the same name. Issuer and audience have no
    /// default: not checking one is an explicit `.notChecked`.
    public init(issuer: ClaimExpectation, audience: ClaimExpectation, algorithms: [JWSAlgorithm] = [.rs256],
                type: TypeExpectation = .notChecked, leeway: Double = 0, requireExpiration: Bool = true, maxAge: Double? = nil,
                requiredClaims: [String] = [], scopes: [String] = [], customCheck: CustomClaimCheck? = nil, limits: Limits = .default) {
        self.issuer = issuer
        self.audience = audience
        self.algorithms = algorithms
        self.type = type
        self.leeway = leeway
        self.requireExpiration = requireExpiration
        self.maxAge = maxAge
        self.requiredClaims = requiredClaims
        self.scopes = scopes
        self.customCheck = customCheck
        self.limits = limits
    }

    /// The common case: the token must come from one of `issuers` and be meant for one of `audiences`.
    public init(issuers: [String], audiences: [String], algorithms: [JWSAlgorithm] = [.rs256], leeway: Double = 0) {
        self.init(issuer: .oneOf(issuers), audience: .oneOf(audiences), algorithms: algorithms, leeway: leeway)
    }

    /// OAuth 2.0 access tokens in the JWT profile of RFC 9068: `typ` must be `at+jwt` (§4: "and reject
    /// tokens carrying any other value"), and `iss`, `exp`, `aud`, `sub`, `client_id`, `iat` and
    /// `jti` are required (§2.2). An OpenID Connect ID token (no `typ`, or `JWT`) can never pass as one.
    public static func accessTokenProfile(issuer: String, audiences: [String], algorithms: [JWSAlgorithm] = [.rs256],
                                          scopes: [String] = [], leeway: Double = 0) -> VerificationPolicy {
        VerificationPolicy(issuer: .oneOf([issuer]), audience: .oneOf(audiences), algorithms: algorithms,
                           type: .oneOf(["at+jwt"]), leeway: leeway, requireExpiration: true,
                           requiredClaims: ["iss", "exp", "aud", "sub", "client_id", "iat", "jti"], scopes: scopes)
    }
}

/// The claim checks, in the order they run. They read the claims in place (bytes compared, no
/// String built) and build their messages only when they fail.
enum ClaimChecks {
    static func issuer(_ c: JWTClaims, _ expected: ClaimExpectation) throws(JWTError) {
        if case .notChecked = expected { return }
        guard let accepted = c.stringClaim("iss", isAcceptedBy: expected) else {
            throw JWTError(.invalidIssuer, "\"iss\" is missing; expected \(expected.summary)")
        }
        guard accepted else { throw JWTError(.invalidIssuer, "\"iss\" is \(quoted(c.issuer ?? "")); expected \(expected.summary)") }
    }

    /// RFC 7519 §4.1.4: the token is valid only while now < exp (+ leeway); §4.1.5: not before nbf (− leeway).
    static func time(_ c: JWTClaims, now: NumericDate, leeway: Double, requireExpiration: Bool, maxAge: Double?) throws(JWTError) {
        let t = now.secondsSince1970
        if let exp = c.expiration {
            // "the current date/time MUST be before the expiration date/time": expired when now ≥ exp + leeway.
            guard t < exp.secondsSince1970 + leeway else {
                throw JWTError(.expired, "token expired at \(exp) (now \(now), leeway \(secondsText(leeway)) s)")
            }
        } else if requireExpiration {
            throw JWTError(.invalidClaim, "\"exp\" is required")
        }
        if let nbf = c.notBefore {
            // "the current date/time MUST be after or equal to the not-before date/time".
            guard t >= nbf.secondsSince1970 - leeway else {
                throw JWTError(.notYetValid, "token is not valid before \(nbf) (now \(now))")
            }
        }
        if let maxAge {
            guard let iat = c.issuedAt else { throw JWTError(.invalidClaim, "\"iat\" is required when a maximum age is set") }
            guard iat.secondsSince1970 <= t + leeway else { throw JWTError(.notYetValid, "\"iat\" \(iat) is in the future (now \(now))") }
            guard t - iat.secondsSince1970 <= maxAge + leeway else {
                throw JWTError(.expired, "token issued at \(iat) is older than the maximum age of \(secondsText(maxAge)) s")
            }
        }
    }

    /// RFC 7519 §4.1.3: one of the token's audiences must be accepted.
    static func audience(_ c: JWTClaims, _ expected: ClaimExpectation) throws(JWTError) {
        if case .notChecked = expected { return }
        let accepted = c.anyString("aud") { reader, range, escaped in
            expected.accepts { reader.stringEquals(range, escaped: escaped, $0) }
        }
        guard accepted else {
            let got = c.audience.isEmpty ? "missing" : c.audience.map { quoted($0) }.joined(separator: ", ")
            throw JWTError(.invalidAudience, "\"aud\" is \(got); expected \(expected.summary)")
        }
    }

    /// Any-of on the `scope` claim's space-separated tokens, compared as bytes: insufficient-scope.
    static func scopes(_ c: JWTClaims, _ required: [String]) throws(JWTError) {
        guard !required.isEmpty else { return }
        let have = c.scopes
        guard required.contains(where: { s in have.contains { utf8Equal($0, s) } }) else {
            throw JWTError(.insufficientScope, "\"scope\" contains none of \(required.map { quoted($0) }.joined(separator: ", "))")
        }
    }

    static func required(_ c: JWTClaims, _ names: [String]) throws(JWTError) {
        for name in names where !c.has(name) { throw JWTError(.invalidClaim, "required claim \(quoted(name)) is missing") }
    }
}
