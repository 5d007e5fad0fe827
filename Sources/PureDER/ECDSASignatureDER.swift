// The DER form of an ECDSA signature (SEC 1 v2 §C.8; RFC 3279 §2.2.3):
//
//   Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }
//
// JWS never uses it — RFC 7518 §3.4 fixes the signature to r ‖ s, and PureJWT rejects a DER
// signature in a token as `invalid-signature` — but X.509, TLS and most ECDSA APIs outside JOSE
// do. Decoded strictly (X.690 §10, DER): definite minimal lengths, minimal non-negative INTEGERs,
// nothing after the SEQUENCE; any BER leniency is an error, so a signature has exactly one
// encoding (no malleability).

/// Decodes a DER `Ecdsa-Sig-Value`.
public enum ECDSASignatureDER {
    /// r and s as unsigned big-endian magnitudes (no leading zero octet).
    /// - Throws: `DERError` for anything that is not exactly one strict DER SEQUENCE of two
    ///   non-negative INTEGERs.
    public static func decode(_ der: [UInt8]) throws(DERError) -> (r: [UInt8], s: [UInt8]) {
        var outer = DERReader(der)
        let body = try outer.read(tag: DERTag.sequence)
        try outer.expectEnd()
        var inner = DERReader(der, from: body.lowerBound, to: body.upperBound)
        let r = try inner.readUnsignedInteger()
        let s = try inner.readUnsignedInteger()
        try inner.expectEnd()
        return (r, s)
    }

    /// The DER encoding of (r, s), given as unsigned big-endian magnitudes (leading zero octets
    /// are dropped, a 0x00 is added where the top bit is set).
    public static func encode(r: [UInt8], s: [UInt8]) -> [UInt8] {
        DEREncoder.tlv(DERTag.sequence, DEREncoder.unsignedInteger(r) + DEREncoder.unsignedInteger(s))
    }
}
