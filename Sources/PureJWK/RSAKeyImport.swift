// RSA public keys from DER or PEM (SPKI or PKCS#1), for users who hold PEM keys rather than a JWKS.
// The DER rules are PureDER's; the key rules are PureRSA's.
import PureBigNum
import PureDER
import PureEC
import PureEd25519
import PureRSA

/// Why a DER/PEM key could not be imported.
public enum KeyImportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The DER or PEM is malformed.
    case encoding(DERError)
    /// The key is well-formed but refused by the key policy.
    case key(RSAKeyError)
    /// The Ed25519 key is not a valid point encoding.
    case ed25519Key(Ed25519KeyError)
    /// The EC key is not a valid point of its curve.
    case ecKey(ECKeyError)

    /// The reason, in words.
    public var description: String {
        switch self {
        case .encoding(let e): e.description
        case .key(let e): e.description
        case .ed25519Key(let e): e.description
        case .ecKey(let e): e.description
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

extension Ed25519PublicKey {
    /// Imports a DER SubjectPublicKeyInfo holding an Ed25519 key (RFC 8410 §4).
    public init(der: [UInt8]) throws(KeyImportError) {
        let raw: [UInt8]
        do { raw = try Ed25519PublicKeyDER.decodeSPKI(der) } catch { throw .encoding(error) }
        do { try self.init(rawRepresentation: raw) } catch { throw .ed25519Key(error) }
    }

    /// Imports a `PUBLIC KEY` PEM holding an Ed25519 key.
    public init(pem: String) throws(KeyImportError) {
        let raw: [UInt8]
        do { raw = try Ed25519PublicKeyDER.decode(pem: pem) } catch { throw .encoding(error) }
        do { try self.init(rawRepresentation: raw) } catch { throw .ed25519Key(error) }
    }

    /// SubjectPublicKeyInfo DER (the bytes OpenSSL writes).
    public var spkiDER: [UInt8] { Ed25519PublicKeyDER.spkiDER(rawRepresentation) }
}

extension ECPublicKey {
    /// Imports a DER SubjectPublicKeyInfo holding an EC key on P-256, P-384 or P-521 (RFC 5480),
    /// the point uncompressed.
    public init(der: [UInt8]) throws(KeyImportError) {
        let decoded: (curve: String, point: [UInt8])
        do { decoded = try ECPublicKeyDER.decodeSPKI(der) } catch { throw .encoding(error) }
        guard let curve = ECCurve(rawValue: decoded.curve) else { throw .encoding(.unsupportedAlgorithm) }
        do { try self.init(curve: curve, uncompressed: decoded.point) } catch { throw .ecKey(error) }
    }

    /// Imports a `PUBLIC KEY` PEM holding an EC key.
    public init(pem: String) throws(KeyImportError) {
        let der: [UInt8]
        do throws(DERError) {
            let (label, bytes) = try PEM.decode(pem)
            guard label.utf8.elementsEqual("PUBLIC KEY".utf8) else { throw DERError.invalidPEM("unsupported label \"\(label)\" (expected PUBLIC KEY)") }
            der = bytes
        } catch { throw .encoding(error) }
        try self.init(der: der)
    }

    /// SubjectPublicKeyInfo DER (id-ecPublicKey, namedCurve, uncompressed point: OpenSSL's bytes).
    public var spkiDER: [UInt8] { ECPublicKeyDER.spkiDER(curve: curve.rawValue, uncompressedPoint: uncompressed) }
}
