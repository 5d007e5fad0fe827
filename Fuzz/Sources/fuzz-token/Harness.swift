// libFuzzer harness: whole-token verification — a Cognito verifier (RS*, PS*), a generic one
// allowing every algorithm, and an HMAC one over a fixed secret — over the shipped sample key set (Vectors/cognito/jwks.json, read once from the checkout the harness was
// built in) at the samples' fixed time. Whatever the bytes, verification returns or throws a
// JWTError; it never traps.
#if canImport(Glibc)
import Glibc
#endif
import PureJWT

let keys: JWKSet = {
    let path = String(#filePath.utf8.split(separator: UInt8(ascii: "/")).dropLast(4).reduce("") { $0 + "/" + String(decoding: $1, as: UTF8.self) }) + "/Vectors/cognito/jwks.json"
    guard let file = fopen(path, "rb") else { fatalError("cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&chunk, 1, chunk.count, file)
        if n <= 0 { break }
        bytes += chunk[0..<n]
    }
    do { return try JWKSet(json: bytes) } catch { fatalError("sample JWKS: \(error)") }
}()
let clock = JWTClock.fixed(NumericDate(1_763_900_000))
let cognito: CognitoVerifier = {
    do {
        return try CognitoVerifier(userPoolID: "us-east-1_AbC123xyz", clientIDs: ["4h8d2j9k1l0m3n5p7q6r2s4t8u"], tokenUse: .any,
                                   keys: .static(keys), groups: [], scopes: [], algorithms: [.rs256, .rs384, .rs512, .ps256, .ps384, .ps512],
                                   clock: clock)
    } catch { fatalError("verifier: \(error)") }
}()
let generic = TokenVerifier(keys: .static(keys), policy: VerificationPolicy(issuer: .notChecked, audience: .notChecked,
                                                                          algorithms: JWSAlgorithm.allCases), clock: clock)
/// HS256/384/512 with a 64-byte secret, kid "fuzz" (a seed token in the corpus carries it).
let hmac = TokenVerifier(keys: .hmacSecret([UInt8](repeating: 0x5A, count: 64), keyID: "fuzz"),
                         policy: VerificationPolicy(issuer: .notChecked, audience: .notChecked, algorithms: [.hs256, .hs384, .hs512]),
                         clock: clock)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: input, as: UTF8.self)
    _ = try? cognito.verifySync(text)
    _ = try? generic.verifySync(input)
    _ = try? hmac.verifySync(input)
    _ = try? UnverifiedToken.decodeUnverified(input)
    return 0
}
