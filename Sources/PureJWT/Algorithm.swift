// The JWS algorithms PureJWT verifies: a closed set (RFC 7518 §3.1 names). Anything else in a
// token's `alg` — `none`, unknown names — is `unsupported-algorithm`, and so is a supported
// algorithm the caller did not allow. The algorithm is never taken from the token alone
// (RFC 8725 §3.1): it must be in the allowlist and fit the selected key, whose kind the algorithm's
// family fixes (KeySelection.swift) — an RSA key can never serve as an HMAC secret.
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
    /// RSASSA-PSS using SHA-256 and MGF1 with SHA-256, salt of 32 octets (RFC 7518 §3.5).
    case ps256 = "PS256"
    /// RSASSA-PSS using SHA-384 and MGF1 with SHA-384, salt of 48 octets.
    case ps384 = "PS384"
    /// RSASSA-PSS using SHA-512 and MGF1 with SHA-512, salt of 64 octets.
    case ps512 = "PS512"
    /// HMAC using SHA-256 (RFC 7518 §3.2). Verifies only with secrets from an HMAC key source.
    case hs256 = "HS256"
    /// HMAC using SHA-384.
    case hs384 = "HS384"
    /// HMAC using SHA-512.
    case hs512 = "HS512"
    /// ECDSA using P-256 and SHA-256 (RFC 7518 §3.4); the signature is r ‖ s, 64 octets.
    case es256 = "ES256"
    /// ECDSA using P-384 and SHA-384; r ‖ s, 96 octets.
    case es384 = "ES384"
    /// ECDSA using P-521 and SHA-512; r ‖ s, 132 octets.
    case es512 = "ES512"
    /// EdDSA (RFC 8037 §3.1) with Ed25519 (`kty` "OKP", `crv` "Ed25519"); Ed448 is not supported.
    case edDSA = "EdDSA"

    /// The signature scheme: what kind of key verifies it, and how.
    enum Family {
        case rsaPKCS1v15, rsaPSS, hmac, ecdsa, eddsa
    }

    var family: Family {
        switch self {
        case .rs256, .rs384, .rs512: .rsaPKCS1v15
        case .ps256, .ps384, .ps512: .rsaPSS
        case .hs256, .hs384, .hs512: .hmac
        case .es256, .es384, .es512: .ecdsa
        case .edDSA: .eddsa
        }
    }

    /// The JWK `kty` that fits this algorithm (RFC 7518 §6.1, RFC 8037 §2): "RSA" for RS*/PS*,
    /// "oct" for HS*, "EC" for ES*, "OKP" for EdDSA.
    public var keyType: String {
        switch family {
        case .rsaPKCS1v15, .rsaPSS: "RSA"
        case .hmac: "oct"
        case .ecdsa: "EC"
        case .eddsa: "OKP"
        }
    }

    /// The SHA-2 function of the algorithm (the message hash; for PS*, MGF1's too; for HS*, HMAC's;
    /// for EdDSA the SHA-512 inside Ed25519, which hashes the message itself).

    /// The curve an ES* algorithm requires (RFC 7518 §3.4), nil for the others.
    var ecCurve: String? {
        switch self {
        case .es256: "P-256"
        case .es384: "P-384"
        case .es512: "P-521"
        default: nil
        }
    }
    var hash: RSAHashAlgorithm {
        switch self {
        case .rs256, .ps256, .hs256, .es256: .sha256
        case .rs384, .ps384, .hs384, .es384: .sha384
        case .rs512, .ps512, .hs512, .es512, .edDSA: .sha512
        }
    }
}
