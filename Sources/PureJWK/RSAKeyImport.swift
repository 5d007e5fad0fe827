// RSA public keys from DER or PEM (SPKI or PKCS#1), for users who hold PEM keys rather than a JWKS.
// The DER rules are PureDER's; the key rules are PureRSA's.
import PureBigNum
import PureDER
import PureRSA

/// Why a DER/PEM key could not be imported.
public enum KeyImportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The DER or PEM is malformed.
    case encoding(DERError)
    /// The key is well-formed but refused by the key policy.
    case key(RSAKeyError)

    /// The reason, in words.
    public var description: String {
        switch self {
        case .encoding(let e): e.description
        case .key(let e): e.description
        }
    }
}

extension RSAPublicKey {
    /// Imports a DER-encoded SubjectPublicKeyInfo or PKCS#1 RSAPublicKey.
    public init(der: [UInt8], policy: RSAKeyPolicy = .default) throws(KeyImportError) {
        let c: RSAPublicKeyComponents
        do { c = try RSAPublicKeyDER.decode(der: der) } catch { throw .encoding(error) }
        try self.init(components: c, policy: policy)
    }

    /// Imports a PEM block: `PUBLIC KEY` (SPKI) or `RSA PUBLIC KEY` (PKCS#1).
    public init(pem: String, policy: RSAKeyPolicy = .default) throws(KeyImportError) {
        let c: RSAPublicKeyComponents
        do { c = try RSAPublicKeyDER.decode(pem: pem) } catch { throw .encoding(error) }
        try self.init(components: c, policy: policy)
    }

    init(components c: RSAPublicKeyComponents, policy: RSAKeyPolicy) throws(KeyImportError) {
        do { try self.init(modulus: c.modulus, exponent: c.exponent, policy: policy) } catch { throw .key(error) }
    }

    /// The key's integers as minimal big-endian octets.
    public var components: RSAPublicKeyComponents {
        let e = exponent
        let eBytes: [UInt8] = [UInt8(truncatingIfNeeded: e >> 24), UInt8(truncatingIfNeeded: e >> 16),
                               UInt8(truncatingIfNeeded: e >> 8), UInt8(truncatingIfNeeded: e)]
        return RSAPublicKeyComponents(modulus: modulus.bigEndianBytes, exponent: eBytes)
    }

    /// SubjectPublicKeyInfo DER.
    public var spkiDER: [UInt8] { RSAPublicKeyDER.spkiDER(components) }
}
