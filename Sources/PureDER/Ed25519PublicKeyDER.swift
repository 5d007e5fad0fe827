// Ed25519 public keys in SubjectPublicKeyInfo (RFC 8410 §4, RFC 5280 §4.1.2.7):
//
//     SEQUENCE { SEQUENCE { OBJECT IDENTIFIER 1.3.101.112 (id-Ed25519) }, BIT STRING (0 unused bits, 32 octets) }
//     30 2a 30 05 06 03 2b 65 70 03 21 00 ‖ the 32-octet public key
//
// RFC 8410 §3: "the parameters MUST be absent" — so the AlgorithmIdentifier is compared as the exact
// bytes 30 05 06 03 2b 65 70. Encoding writes the same bytes OpenSSL writes (checked in tests).

/// DER and PEM of Ed25519 public keys (the raw 32 octets of RFC 8032 §5.1.5).
public enum Ed25519PublicKeyDER {
    /// AlgorithmIdentifier { id-Ed25519 } with the parameters absent (RFC 8410 §3).
    static let algorithmIdentifier: [UInt8] = [0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70]

    /// SubjectPublicKeyInfo DER of a 32-octet key.
    public static func spkiDER(_ raw: [UInt8]) -> [UInt8] {
        DEREncoder.tlv(DERTag.sequence, algorithmIdentifier + DEREncoder.tlv(DERTag.bitString, [0x00] + raw))
    }

    /// `-----BEGIN PUBLIC KEY-----` PEM of a 32-octet key.
    public static func spkiPEM(_ raw: [UInt8]) -> String { PEM.encode(spkiDER(raw), label: "PUBLIC KEY") }

    /// The 32 octets of an Ed25519 SubjectPublicKeyInfo.
    /// - Throws: `DERError` — `unsupportedAlgorithm` for another algorithm (or parameters present),
    ///   `invalidKeyLength` unless the key is 32 octets, and the DER errors.
    public static func decodeSPKI(_ der: [UInt8]) throws(DERError) -> [UInt8] {
        var outer = DERReader(der)
        let body = try outer.read(tag: DERTag.sequence)
        try outer.expectEnd()
        var r = DERReader(der, from: body.lowerBound, to: body.upperBound)
        let algStart = r.pos
        let alg = try r.read(tag: DERTag.sequence)
        guard Array(der[algStart..<alg.upperBound]) == algorithmIdentifier else { throw .unsupportedAlgorithm }
        let bits = try r.read(tag: DERTag.bitString)
        try r.expectEnd()
        guard let unused = bits.first.map({ der[$0] }), unused == 0 else { throw .invalidBitString(offset: bits.lowerBound) }
        guard bits.count == 33 else { throw .invalidKeyLength(bits.count - 1) }
        return Array(der[(bits.lowerBound + 1)..<bits.upperBound])
    }

    /// The 32 octets of a `PUBLIC KEY` PEM holding an Ed25519 key.
    public static func decode(pem: String) throws(DERError) -> [UInt8] {
        let (label, der) = try PEM.decode(pem)
        guard label.utf8.elementsEqual("PUBLIC KEY".utf8) else {
            throw .invalidPEM("unsupported label \"\(label)\" (expected PUBLIC KEY)")
        }
        return try decodeSPKI(der)
    }
}

/// DER and PEM of EC public keys on P-256, P-384, P-521 (RFC 5480 §2): SubjectPublicKeyInfo with
/// id-ecPublicKey and the curve's namedCurve OID, the point uncompressed (SEC 1 §2.3.3, 0x04 ‖ x ‖ y).
public enum ECPublicKeyDER {
    /// id-ecPublicKey, 1.2.840.10045.2.1 (RFC 5480 §2.1.1).
    static let ecPublicKeyOID: [UInt8] = [0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]

    /// The namedCurve OID of "P-256" (1.2.840.10045.3.1.7), "P-384" (1.3.132.0.34), "P-521"
    /// (1.3.132.0.35) (RFC 5480 §2.1.1.1), as DER; nil for another name.
    static func curveOID(_ name: String) -> [UInt8]? {
        switch name {
        case "P-256": [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
        case "P-384": [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22]
        case "P-521": [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x23]
        default: nil
        }
    }

    /// SubjectPublicKeyInfo DER of an uncompressed point (0x04 ‖ x ‖ y) on the named curve.
    public static func spkiDER(curve: String, uncompressedPoint: [UInt8]) -> [UInt8] {
        let algorithm = DEREncoder.tlv(DERTag.sequence, ecPublicKeyOID + (curveOID(curve) ?? []))
        return DEREncoder.tlv(DERTag.sequence, algorithm + DEREncoder.tlv(DERTag.bitString, [0x00] + uncompressedPoint))
    }

    /// `-----BEGIN PUBLIC KEY-----` PEM of the same.
    public static func spkiPEM(curve: String, uncompressedPoint: [UInt8]) -> String {
        PEM.encode(spkiDER(curve: curve, uncompressedPoint: uncompressedPoint), label: "PUBLIC KEY")
    }

    /// The curve name and the uncompressed point of an EC SubjectPublicKeyInfo on P-256/384/521.
    /// - Throws: `DERError.unsupportedAlgorithm` for another algorithm or curve (explicit
    ///   parameters included), `invalidBitString`, and the DER errors. The point's own checks are
    ///   the key's (PureEC).
    public static func decodeSPKI(_ der: [UInt8]) throws(DERError) -> (curve: String, point: [UInt8]) {
        var outer = DERReader(der)
        let body = try outer.read(tag: DERTag.sequence)
        try outer.expectEnd()
        var r = DERReader(der, from: body.lowerBound, to: body.upperBound)
        let algStart = r.pos
        let alg = try r.read(tag: DERTag.sequence)
        let algorithm = Array(der[algStart..<alg.upperBound])
        guard let curve = ["P-256", "P-384", "P-521"].first(where: {
            algorithm == DEREncoder.tlv(DERTag.sequence, ecPublicKeyOID + (curveOID($0) ?? []))
        }) else { throw .unsupportedAlgorithm }
        let bits = try r.read(tag: DERTag.bitString)
        try r.expectEnd()
        guard let unused = bits.first.map({ der[$0] }), unused == 0 else { throw .invalidBitString(offset: bits.lowerBound) }
        return (curve, Array(der[(bits.lowerBound + 1)..<bits.upperBound]))
    }
}
