// The one error type of PureJWT: a stable machine-readable code (ARCHITECTURE.md "Errors") and a
// human message naming the failed check with expected vs actual. Messages never echo a whole
// token; at most a short, truncated claim value. Errors compare equal by code only.
import PureJSON
import PureJWK

/// Why a token (or key set) was rejected.
public struct JWTError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stable codes. Scripts and callers branch on these; they never change meaning.
    public enum Code: String, Sendable, CaseIterable {
        case malformedToken = "malformed-token"
        case malformedJSON = "malformed-json"
        case invalidJWKS = "invalid-jwks"
        case unsupportedAlgorithm = "unsupported-algorithm"
        case keyNotFound = "key-not-found"
        case keyNotUsable = "key-not-usable"
        case invalidSignature = "invalid-signature"
        case expired = "expired"
        case notYetValid = "not-yet-valid"
        case invalidIssuer = "invalid-issuer"
        case invalidAudience = "invalid-audience"
        case invalidTokenUse = "invalid-token-use"
        /// The token is genuine and current but lacks a required group or scope (an any-of check
        /// failed): the caller is known and not allowed — HTTP 403, RFC 6750 `insufficient_scope`.
        case insufficientScope = "insufficient-scope"
        /// The `typ` header does not match the policy (RFC 8725 §3.11 explicit typing).
        case invalidType = "invalid-type"
        case invalidClaim = "invalid-claim"
        case unsupportedCriticalHeader = "unsupported-critical-header"
        case jwksFetchFailed = "jwks-fetch-failed"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The HTTP status a server answers this error with (RFC 6750 §3.1): 403 for
    /// `insufficient-scope`, 503 for `jwks-fetch-failed` (the server cannot check any token right
    /// now; the client is not at fault), 401 for everything else. `BearerChallenge` builds the
    /// matching `WWW-Authenticate` header.
    public var httpStatus: Int {
        switch code {
        case .insufficientScope: 403
        case .jwksFetchFailed: 503
        default: 401
        }
    }

    /// "code: message".
    public var description: String { "\(code.rawValue): \(message)" }

    public static func == (lhs: JWTError, rhs: JWTError) -> Bool { lhs.code == rhs.code }

    /// Maps PureJWK's error (invalid JSON / invalid key set) to the stable codes.
    public init(_ error: JWKError) {
        self.init(error.kind == .malformedJSON ? .malformedJSON : .invalidJWKS, error.message)
    }
}

/// A value taken from a token or key set, for an error message: sanitized (no control, C1, line
/// separator or bidi characters reach a log or terminal; see PureJSON's DisplaySafe.swift),
/// shortened to `max` scalars, in quotes. Never the whole token.
func quoted(_ s: String, max: Int = 64) -> String { displayQuoted(s, limit: max) }
