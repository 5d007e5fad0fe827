// The two DER shapes of an RSA public key:
//
//   RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }      -- RFC 8017 A.1.1
//
//   SubjectPublicKeyInfo ::= SEQUENCE {                                        -- RFC 5280 §4.1
//       algorithm AlgorithmIdentifier,          -- rsaEncryption, parameters NULL (RFC 3279 §2.3.1)
//       subjectPublicKey BIT STRING }           -- the DER of RSAPublicKey
//
// and their PEM armour (RFC 7468 §13 "PUBLIC KEY"; "RSA PUBLIC KEY" for PKCS#1, as OpenSSL writes it).
// PureDER hands back the modulus and exponent magnitudes; PureJWK turns them into an `RSAPublicKey`
// (PureDER sits below PureRSA in the stack).

/// The integers of an RSA public key, as minimal big-endian magnitudes.
public struct RSAPublicKeyComponents: Equatable, Sendable {
    /// n, big-endian, without leading zero octets.
    public let modulus: [UInt8]
    /// e, big-endian, without leading zero octets.
    public let exponent: [UInt8]

    /// Components from big-endian octets (leading zero octets are dropped).
    public init(modulus: [UInt8], exponent: [UInt8]) {
        self.modulus = Array(modulus.drop(while: { $0 == 0 }))
        self.exponent = Array(exponent.drop(while: { $0 == 0 }))
    }
}

/// DER and PEM encodings of RSA public keys.
public enum RSAPublicKeyDER {
    /// rsaEncryption, 1.2.840.113549.1.1.1 (RFC 8017 A.1; RFC 3279 §2.3.1), as an encoded OID.
    static let rsaEncryptionOID: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
    /// AlgorithmIdentifier { rsaEncryption, NULL }.
    static let rsaAlgorithmIdentifier: [UInt8] = DEREncoder.tlv(DERTag.sequence, rsaEncryptionOID + [0x05, 0x00])

    // MARK: encode

    /// PKCS#1 RSAPublicKey (RFC 8017 A.1.1), DER.
    public static func pkcs1DER(_ key: RSAPublicKeyComponents) -> [UInt8] {
        DEREncoder.tlv(DERTag.sequence, DEREncoder.unsignedInteger(key.modulus) + DEREncoder.unsignedInteger(key.exponent))
    }

    /// SubjectPublicKeyInfo (RFC 5280 §4.1) with rsaEncryption and NULL parameters, DER.
    public static func spkiDER(_ key: RSAPublicKeyComponents) -> [UInt8] {
        // BIT STRING contents: the unused-bits octet (0) then the key bytes (X.690 §8.6.2).
        let bitString = DEREncoder.tlv(DERTag.bitString, [0x00] + pkcs1DER(key))
        return DEREncoder.tlv(DERTag.sequence, rsaAlgorithmIdentifier + bitString)
    }

    /// SubjectPublicKeyInfo as PEM ("PUBLIC KEY").
    public static func spkiPEM(_ key: RSAPublicKeyComponents) -> String { PEM.encode(spkiDER(key), label: "PUBLIC KEY") }
    /// PKCS#1 RSAPublicKey as PEM ("RSA PUBLIC KEY").
    public static func pkcs1PEM(_ key: RSAPublicKeyComponents) -> String { PEM.encode(pkcs1DER(key), label: "RSA PUBLIC KEY") }

    // MARK: decode

    /// Decodes a PKCS#1 RSAPublicKey.
    public static func decodePKCS1(_ der: [UInt8]) throws(DERError) -> RSAPublicKeyComponents {
        var outer = DERReader(der)
        let body = try outer.read(tag: DERTag.sequence)
        try outer.expectEnd()
        return try decodePKCS1Body(der, body)
    }

    static func decodePKCS1Body(_ der: [UInt8], _ body: Range<Int>) throws(DERError) -> RSAPublicKeyComponents {
        var r = DERReader(der, from: body.lowerBound, to: body.upperBound)
        let n = try r.readUnsignedInteger()
        let e = try r.readUnsignedInteger()
        try r.expectEnd()
        return RSAPublicKeyComponents(modulus: n, exponent: e)
    }

    /// Decodes a SubjectPublicKeyInfo holding an RSA key.
    public static func decodeSPKI(_ der: [UInt8]) throws(DERError) -> RSAPublicKeyComponents {
        var outer = DERReader(der)
        let body = try outer.read(tag: DERTag.sequence)
        try outer.expectEnd()
        var r = DERReader(der, from: body.lowerBound, to: body.upperBound)
        // AlgorithmIdentifier: exactly rsaEncryption with NULL parameters, compared as bytes.
        let algStart = r.pos
        let alg = try r.read(tag: DERTag.sequence)
        guard Array(der[algStart..<alg.upperBound]) == rsaAlgorithmIdentifier else { throw .unsupportedAlgorithm }
        let bits = try r.read(tag: DERTag.bitString)
        try r.expectEnd()
        // §8.6.2.2: the first contents octet is the number of unused bits; a key is whole octets.
        guard let unused = bits.first.map({ der[$0] }), unused == 0 else { throw .invalidBitString(offset: bits.lowerBound) }
        var inner = DERReader(der, from: bits.lowerBound + 1, to: bits.upperBound)
        let keyBody = try inner.read(tag: DERTag.sequence)
        try inner.expectEnd()
        return try decodePKCS1Body(der, keyBody)
    }

    /// Decodes DER of either shape, told apart by the first element of the outer SEQUENCE:
    /// a SEQUENCE (the AlgorithmIdentifier) for SPKI, an INTEGER (the modulus) for PKCS#1.
    public static func decode(der: [UInt8]) throws(DERError) -> RSAPublicKeyComponents {
        var outer = DERReader(der)
        let body = try outer.read(tag: DERTag.sequence)
        guard body.lowerBound < body.upperBound else { throw .truncated(offset: body.lowerBound) }
        return der[body.lowerBound] == DERTag.integer ? try decodePKCS1(der) : try decodeSPKI(der)
    }

    /// Decodes PEM: "PUBLIC KEY" (SPKI) or "RSA PUBLIC KEY" (PKCS#1).
    public static func decode(pem: String) throws(DERError) -> RSAPublicKeyComponents {
        let (label, der) = try PEM.decode(pem)
        // Labels compared as bytes; PEM.decode has checked the label is printable ASCII (RFC 7468 §3),
        // so echoing it cannot put control characters into a message.
        if label.utf8.elementsEqual("PUBLIC KEY".utf8) { return try decodeSPKI(der) }
        if label.utf8.elementsEqual("RSA PUBLIC KEY".utf8) { return try decodePKCS1(der) }
        throw .invalidPEM("unsupported label \"\(label)\" (expected PUBLIC KEY or RSA PUBLIC KEY)")
    }
}
