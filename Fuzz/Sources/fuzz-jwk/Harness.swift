// libFuzzer harness: JWK and JWK Set parsing with key preparation, thumbprints and jwk-to-pem of
// whatever was accepted.
import PureJWT

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    if let set = try? JWKSet(jsonKeyOrSet: input) {
        for key in set.keys {
            _ = key.thumbprint()
            _ = key.pem(.spki)
        }
    }
    _ = try? JWK(json: input)
    return 0
}
