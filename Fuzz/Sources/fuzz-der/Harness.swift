// libFuzzer harness: DER (SPKI and PKCS#1) and PEM decoding of RSA public keys, and import under
// the key policy; the DER ECDSA signature form. Accepted DER must re-encode to exactly the input
// (DER is canonical).
import PureDER
import PureJWT

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    if let c = try? RSAPublicKeyDER.decodeSPKI(input) {
        guard RSAPublicKeyDER.spkiDER(c) == input else { fatalError("SPKI: accepted non-canonical DER") }
    }
    if let c = try? RSAPublicKeyDER.decodePKCS1(input) {
        guard RSAPublicKeyDER.pkcs1DER(c) == input else { fatalError("PKCS#1: accepted non-canonical DER") }
    }
    if let (r, s) = try? ECDSASignatureDER.decode(input) {
        guard ECDSASignatureDER.encode(r: r, s: s) == input else { fatalError("ECDSA-Sig-Value: accepted non-canonical DER") }
    }
    _ = try? RSAPublicKey(der: input, policy: .allowingLegacy1024BitModuli)
    let text = String(decoding: input, as: UTF8.self)
    _ = try? RSAPublicKeyDER.decode(pem: text)
    return 0
}
