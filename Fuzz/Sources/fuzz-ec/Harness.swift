// libFuzzer harness: EC key import and ECDSA verification. The first byte picks the curve; then an
// uncompressed point (0x04 ‖ x ‖ y of the curve's length), an r ‖ s signature and a digest; the
// whole input is also read as an SPKI DER and as a JWK. Whatever the bytes, import refuses or
// accepts and verification returns a verdict; nothing traps.
import PureEC
import PureJWT

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? ECPublicKey(der: input)
    _ = try? JWK(json: input)
    guard let first = input.first else { return 0 }
    let curve = ECCurve.allCases[Int(first) % 3]
    let k = curve.coordinateByteCount
    let rest = Array(input.dropFirst())
    let pointLength = 1 + 2 * k
    if let key = try? ECPublicKey(curve: curve, uncompressed: Array(rest.prefix(pointLength))) {
        let signature = Array(rest.dropFirst(pointLength).prefix(2 * k))
        let digest = Array(rest.dropFirst(pointLength + 2 * k))
        _ = key.isValidSignature(signature, digest: digest)
        _ = key.spkiDER
    }
    return 0
}
