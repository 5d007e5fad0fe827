// JWK Thumbprints, RFC 7638, with SHA-256.
//
// §3.2: the hash input is a JSON object holding only the required members of the key type, in
// lexicographic order of their names, with no whitespace; for RSA (§3.2.1 via RFC 7518 §6.3.1)
// that is {"e":…,"kty":"RSA","n":…}. The values are the Base64urlUInt encodings, which for a key
// parsed here are exactly the minimal encodings we re-create from the key's integers.
import PureBase64URL
import PureDER
import PureEC
import PureEd25519
import PureSHA2

extension JWK {
    /// The RFC 7638 SHA-256 thumbprint, base64url; nil for key types without a defined member set here.
    public func thumbprint() -> String? {
        if case .symmetric(let key) = material { return Self.symmetricThumbprint(key) }
        if case .ec(let key) = material {
            // RFC 7638 §3.2 (RFC 7518 §6.2.1): crv, kty, x, y.
            let input = "{\"crv\":\"\(key.curve.rawValue)\",\"kty\":\"EC\",\"x\":\"\(Base64URL.encode(key.x))\",\"y\":\"\(Base64URL.encode(key.y))\"}"
            return Base64URL.encode(SHA256.hash(Array(input.utf8)).bytes)
        }
        if case .ed25519(let key) = material {
            // RFC 8037 §2: the required members of an OKP key are crv, kty and x.
            let input = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"\(Base64URL.encode(key.rawRepresentation))\"}"
            return Base64URL.encode(SHA256.hash(Array(input.utf8)).bytes)
        }
        guard let c = rsaComponents else { return nil }
        return Self.rsaThumbprint(c)
    }

    static func rsaThumbprint(_ c: RSAPublicKeyComponents) -> String {
        let input = "{\"e\":\"\(Base64URL.encode(c.exponent))\",\"kty\":\"RSA\",\"n\":\"\(Base64URL.encode(c.modulus))\"}"
        return Base64URL.encode(SHA256.hash(Array(input.utf8)).bytes)
    }

    /// PEM of the key (jwk-to-pem): SubjectPublicKeyInfo ("PUBLIC KEY") or, for RSA, PKCS#1 ("RSA
    /// PUBLIC KEY"); EC (RFC 5480) and Ed25519 (RFC 8410 §4) keys have SPKI only.
    public func pem(_ format: PEMFormat = .spki) -> String? {
        if case .ed25519(let key) = material { return format == .spki ? Ed25519PublicKeyDER.spkiPEM(key.rawRepresentation) : nil }
        if case .ec(let key) = material {
            return format == .spki ? ECPublicKeyDER.spkiPEM(curve: key.curve.rawValue, uncompressedPoint: key.uncompressed) : nil
        }
        guard let c = rsaComponents else { return nil }
        switch format {
        case .spki: return RSAPublicKeyDER.spkiPEM(c)
        case .pkcs1: return RSAPublicKeyDER.pkcs1PEM(c)
        }
    }
}

/// The two PEM shapes of an RSA public key.
public enum PEMFormat: Sendable {
    /// SubjectPublicKeyInfo, `-----BEGIN PUBLIC KEY-----` (RFC 5280 §4.1, RFC 7468 §13).
    case spki
    /// PKCS#1 RSAPublicKey, `-----BEGIN RSA PUBLIC KEY-----` (RFC 8017 A.1.1).
    case pkcs1
}
