// libFuzzer harness: strict base64url and padded base64 decoding. Accepted input must round-trip
// (decode ∘ encode is the identity on the canonical spellings the decoder accepts).
import PureBase64URL

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    if let decoded = try? Base64URL.decode(input) {
        guard Base64URL.encodeToBytes(decoded) == input else { fatalError("base64url: accepted a non-canonical spelling") }
    }
    if let decoded = try? Base64.decode(input) {
        guard Array(Base64.encode(decoded).utf8) == input else { fatalError("base64: accepted a non-canonical spelling") }
    }
    return 0
}
