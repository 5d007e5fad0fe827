// The one error type of PureJWT: a stable machine-readable code (docs/ARCHITECTURE.md "Errors") and a
// human message naming the failed check with expected vs actual. Messages never echo a whole
// token; at most a short, truncated claim value. Errors compare equal by code only.
import PureJSON
import PureJWK

/// Why a token (or key set) was rejected.
public struct JWTError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stable codes. Scripts and callers branch on these; they never change meaning.
    public enum Code: String, Sendable, CaseIterable {
        /// Not a compact JWS: size, segments, base64url, header shape (RFC 7515 §5.2 steps 1–5).
        case malformedToken = "malformed-token"
        /// A header, payload or key set that is not valid JSON (RFC 8259), or breaks a JSON limit.
        case malformedJSON = "malformed-json"
        /// A key set or key that is not a valid JWK Set / JWK (RFC 7517), or holds private members.
        case invalidJWKS = "invalid-jwks"
        /// `alg` is not supported, or not in the verifier's allowlist (RFC 8725 §3.1).
        case unsupportedAlgorithm = "unsupported-algorithm"
        /// No key in the key set has the token's `kid` (or, without `kid`, none fits).
        case keyNotFound = "key-not-found"
        /// Keys have the `kid` but none can verify this algorithm, several do, or the policy refused it.
        case keyNotUsable = "key-not-usable"
        /// The signature does not verify with the selected key.
        case invalidSignature = "invalid-signature"
        /// `now ≥ exp + leeway`, or older than the maximum age (RFC 7519 §4.1.4).
        case expired = "expired"
        /// `now < nbf − leeway`, or `iat` in the future (RFC 7519 §4.1.5).
        case notYetValid = "not-yet-valid"
        /// `iss` is missing or not an accepted issuer (RFC 7519 §4.1.1).
        case invalidIssuer = "invalid-issuer"
        /// `aud` (or Cognito's `client_id`) is missing or not accepted (RFC 7519 §4.1.3).
        case invalidAudience = "invalid-audience"
        /// Cognito `token_use` is missing, not "id"/"access", or not the expected one.
        case invalidTokenUse = "invalid-token-use"
        /// The token is genuine and current but lacks a required group or scope (an any-of check
        /// failed): the caller is known and not allowed — HTTP 403, RFC 6750 `insufficient_scope`.
        case insufficientScope = "insufficient-scope"
        /// The `typ` header does not match the policy (RFC 8725 §3.11 explicit typing).
        case invalidType = "invalid-type"
        /// A claim of the wrong type or out of range, a required claim missing, or a custom check refused.
        case invalidClaim = "invalid-claim"
        /// `crit` names a header member the verifier does not understand (RFC 7515 §4.1.11).
        case unsupportedCriticalHeader = "unsupported-critical-header"
        /// The remote key set could not be fetched and nothing usable is cached.
        case jwksFetchFailed = "jwks-fetch-failed"
    }

    /// The stable code: branch on this.
    public let code: Code
    /// What failed, for people and logs: the check, expected and actual values (sanitized, never a whole token).
    public let message: String

    /// An error with a code and a message.
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

    /// Equal when the codes are (messages may differ).
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
