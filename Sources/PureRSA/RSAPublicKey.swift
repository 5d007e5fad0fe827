// RSA public keys (RFC 8017 §3.1) validated against PureJWT's key rules, with the Montgomery
// constants prepared once.
//
// Rules (docs/ARCHITECTURE.md "Security rules"; NIST SP 800-56B / FIPS 186-5 for the size floor;
// RFC 8017 §3.1 for n and e): modulus 2048–8192 bits by default (1024 only through the explicitly
// named policy `.allowingLegacy1024BitModuli`), odd, without the ROCA fingerprint (ROCA.swift);
// exponent odd, 3 ≤ e < n (§3.1: "3 <= e <= n-1"), at most 32 bits. e = 3 is accepted on purpose:
// RFC 8017 allows it and verification with it is sound when the encoded message is compared whole
// (PKCS1v15.swift); FIPS 186-5 §5.4's e > 2^16 is a rule for generating keys, which PureJWT does not.
// A key is immutable and `Sendable`: verify with it from any number of threads at once.
import PureBigNum

/// Why a key was refused at load.
public enum RSAKeyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// n has fewer bits than the policy's minimum.
    case modulusTooSmall(bits: Int, minimum: Int)
    /// n has more bits than the policy's maximum (bounds the work a key can cause).
    case modulusTooLarge(bits: Int, maximum: Int)
    /// n is even (an RSA modulus is a product of two odd primes).
    case modulusEven
    /// e has more than 32 bits.
    case exponentTooLarge(bits: Int)
    /// e is even (RFC 8017 §3.1: e is odd).
    case exponentEven
    /// e < 3 (RFC 8017 §3.1: 3 ≤ e ≤ n − 1).
    case exponentTooSmall
    /// e ≥ n.
    case exponentNotLessThanModulus
    /// The modulus carries the ROCA fingerprint (CVE-2017-15361): its factors can be recovered.
    case rocaVulnerable

    /// The reason, in words.
    public var description: String {
        switch self {
        case .modulusTooSmall(let bits, let minimum): "RSA modulus of \(bits) bits is below the minimum of \(minimum)"
        case .modulusTooLarge(let bits, let maximum): "RSA modulus of \(bits) bits is above the maximum of \(maximum)"
        case .modulusEven: "RSA modulus is even"
        case .exponentTooLarge(let bits): "RSA public exponent of \(bits) bits is larger than 32 bits"
        case .exponentEven: "RSA public exponent is even"
        case .exponentTooSmall: "RSA public exponent is below 3"
        case .exponentNotLessThanModulus: "RSA public exponent is not less than the modulus"
        case .rocaVulnerable: "RSA modulus has the ROCA fingerprint (CVE-2017-15361, Infineon RSALib): it can be factored"
        }
    }
}

/// Which RSA key sizes are accepted.
public struct RSAKeyPolicy: Sendable, Equatable {
    /// Smallest accepted modulus, in bits.
    public let minimumModulusBits: Int
    /// Largest accepted modulus, in bits (bounds the work a hostile key can cause).
    public let maximumModulusBits: Int

    /// 2048–8192 bits.
    public static let `default` = RSAKeyPolicy(minimumModulusBits: 2048, maximumModulusBits: 8192)

    /// 1024–8192 bits. 1024-bit RSA is below every current recommendation; use only to verify
    /// tokens from a legacy issuer you cannot change.
    public static let allowingLegacy1024BitModuli = RSAKeyPolicy(minimumModulusBits: 1024, maximumModulusBits: 8192)

    private init(minimumModulusBits: Int, maximumModulusBits: Int) {
        self.minimumModulusBits = minimumModulusBits
        self.maximumModulusBits = maximumModulusBits
    }
}

/// A validated RSA public key, ready for verification.
public struct RSAPublicKey: Sendable, Equatable {
    /// n.
    public var modulus: BigUInt { prepared.modulus }
    /// e.
    public let exponent: UInt32
    /// n and its Montgomery context (built once here), behind one reference: a key is copied on
    /// every verification (key selection, the verified-token cache), and a copy is then one retain
    /// instead of one per array.
    package let prepared: Prepared

    package final class Prepared: Sendable {
        let modulus: BigUInt
        package let context: MontgomeryModulus
        init(modulus: BigUInt, context: MontgomeryModulus) {
            self.modulus = modulus
            self.context = context
        }
    }

    /// The size of n in bits.
    public var modulusBitCount: Int { modulus.bitWidth }
    /// k, the length of n in octets (RFC 8017 §8.2.2) — also the signature length.
    public var modulusByteCount: Int { (modulus.bitWidth + 7) / 8 }

    /// Creates a key from big-endian modulus and exponent octets (leading zero octets are ignored;
    /// formats that forbid them — JWK, DER — check before calling).
    public init(modulus: [UInt8], exponent: [UInt8], policy: RSAKeyPolicy = .default) throws(RSAKeyError) {
        try self.init(modulus: BigUInt(bigEndianBytes: modulus), exponent: BigUInt(bigEndianBytes: exponent), policy: policy)
    }

    /// A key from n and e as integers, checked against `policy`.
    /// - Throws: `RSAKeyError` for a key the rules refuse (file header).
    public init(modulus n: BigUInt, exponent e: BigUInt, policy: RSAKeyPolicy = .default) throws(RSAKeyError) {
        let bits = n.bitWidth
        guard bits >= policy.minimumModulusBits else { throw .modulusTooSmall(bits: bits, minimum: policy.minimumModulusBits) }
        guard bits <= policy.maximumModulusBits else { throw .modulusTooLarge(bits: bits, maximum: policy.maximumModulusBits) }
        guard n.isOdd else { throw .modulusEven }
        guard e.bitWidth <= 32, let e64 = e.uint64Value else { throw .exponentTooLarge(bits: e.bitWidth) }
        guard e64 >= 3 else { throw .exponentTooSmall }
        guard e.isOdd else { throw .exponentEven }
        guard e < n else { throw .exponentNotLessThanModulus }
        guard !ROCAFingerprint.matches(n) else { throw .rocaVulnerable }
        // n is odd and ≥ 2^1023, so the Montgomery context cannot fail; map defensively anyway.
        guard let context = try? MontgomeryModulus(n) else { throw .modulusEven }
        self.exponent = UInt32(truncatingIfNeeded: e64)
        self.prepared = Prepared(modulus: n, context: context)
    }

    public static func == (lhs: RSAPublicKey, rhs: RSAPublicKey) -> Bool {
        lhs.exponent == rhs.exponent && (lhs.prepared === rhs.prepared || lhs.modulus == rhs.modulus)
    }
}
