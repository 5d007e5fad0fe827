// The JWS algorithms PureJWT verifies: a closed set (RFC 7518 §3.1 names). Anything else in a
// token's `alg` — `none`, HS256, unknown names — is `unsupported-algorithm`, and so is a supported
// algorithm the caller did not allow. The algorithm is never taken from the token alone
// (RFC 8725 §3.1): it must be in the allowlist and fit the selected key.
import PureJSON
import PureRSA

/// A JWS signature algorithm that PureJWT can verify.
public enum JWSAlgorithm: String, Sendable, CaseIterable, Hashable {
    /// RSASSA-PKCS1-v1_5 using SHA-256 (RFC 7518 §3.3).
    case rs256 = "RS256"
    /// RSASSA-PKCS1-v1_5 using SHA-384.
    case rs384 = "RS384"
    /// RSASSA-PKCS1-v1_5 using SHA-512.
    case rs512 = "RS512"

    /// The JWK `kty` that fits this algorithm (RFC 7518 §6.1).
    public var keyType: String { "RSA" }

    var hash: RSAHashAlgorithm {
        switch self {
        case .rs256: .sha256
        case .rs384: .sha384
        case .rs512: .sha512
        }
    }
}
