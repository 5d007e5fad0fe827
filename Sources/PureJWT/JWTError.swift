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
