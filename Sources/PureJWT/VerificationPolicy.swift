// What a verified token must also satisfy: the JWT claim checks of RFC 7519 §4.1 and the caller's
// rules, with the defaults of ARCHITECTURE.md "Behaviour users rely on". Issuer and audience are
// mandatory; not checking one is an explicit `.notChecked`, never an empty default.

import PureJSON

/// An expected value of a string claim.
public enum ClaimExpectation: Sendable, ExpressibleByArrayLiteral {
    /// The claim must equal one of these, byte for byte (an empty list accepts nothing).
    case oneOf([String])
    /// The check is skipped — an explicit opt-out.
    case notChecked

    public init(arrayLiteral elements: String...) { self = .oneOf(elements) }

    func accepts(_ value: String) -> Bool {
        switch self {
        case .notChecked: true
        case .oneOf(let list): list.contains { utf8Equal($0, value) }
        }
    }

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

/// The rules a token's claims must satisfy.
public struct VerificationPolicy: Sendable {
    /// Algorithms accepted (default RS256 only).
    public var algorithms: [JWSAlgorithm]
    /// Expected `iss` (RFC 7519 §4.1.1).
    public var issuer: ClaimExpectation
    /// Expected `aud` (RFC 7519 §4.1.3): one of the token's audiences must be accepted.
    public var audience: ClaimExpectation
    /// Clock skew tolerance in seconds for exp / nbf / iat (default 0).
    public var leeway: Double
    /// Whether `exp` must be present (default true).
    public var requireExpiration: Bool
    /// When set, `iat` is required and the token may be at most this many seconds old.
    public var maxAge: Double?
    /// Claims that must be present, whatever their value.
    public var requiredClaims: [String]
    /// A last check of the caller's own.
    public var customCheck: CustomClaimCheck?
    /// Bounds on untrusted input.
    public var limits: Limits

    public init(issuer: ClaimExpectation, audience: ClaimExpectation, algorithms: [JWSAlgorithm] = [.rs256],
                leeway: Double = 0, requireExpiration: Bool = true, maxAge: Double? = nil,
                requiredClaims: [String] = [], customCheck: CustomClaimCheck? = nil, limits: Limits = .default) {
        self.issuer = issuer
        self.audience = audience
        self.algorithms = algorithms
        self.leeway = leeway
        self.requireExpiration = requireExpiration
        self.maxAge = maxAge
        self.requiredClaims = requiredClaims
        self.customCheck = customCheck
        self.limits = limits
    }

    /// The common case: the token must come from one of `issuers` and be meant for one of `audiences`.
    public init(issuers: [String], audiences: [String], algorithms: [JWSAlgorithm] = [.rs256], leeway: Double = 0) {
        self.init(issuer: .oneOf(issuers), audience: .oneOf(audiences), algorithms: algorithms, leeway: leeway)
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
                throw JWTError(.expired, "token expired at \(exp) (now \(now), leeway \(NumericDate(secondsSince1970: leeway))s)")
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
                throw JWTError(.expired, "token issued at \(iat) is older than the maximum age of \(NumericDate(secondsSince1970: maxAge))s")
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

    static func required(_ c: JWTClaims, _ names: [String]) throws(JWTError) {
        for name in names where !c.has(name) { throw JWTError(.invalidClaim, "required claim \(quoted(name)) is missing") }
    }
}
