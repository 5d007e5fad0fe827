// PureJWT in Embedded Swift on WebAssembly: verifies the shipped Cognito sample tokens (embedded
// in Sample.swift by build.sh) with the same CognitoVerifier the server uses — no Foundation, no
// libc beyond runtime.c's allocator and output — and shows an expired and a tampered token rejected.
import PureJWK
import PureJWT

@_extern(c, "putchar") func putchar(_ c: Int32) -> Int32
@_extern(c, "exit_with") func exitWith(_ code: Int32)

func say(_ s: String) {
    for b in s.utf8 { _ = putchar(Int32(b)) }
    _ = putchar(10)
}

func check(_ label: String, _ verifier: CognitoVerifier, _ token: String, now: Int64, expect: JWTError.Code?) -> Bool {
    do {
        let t = try verifier.verifySync(token, now: NumericDate(now))
        say("\(label): VALID, sub \(t.claims.subject ?? "-"), token_use \(t.claims.tokenUse ?? "-")")
        return expect == nil
    } catch {
        say("\(label): REJECTED \(error.code.rawValue)")
        return error.code == expect
    }
}

/// EdDSA (RFC 8037 A.4): Ed25519 in the same build — the example token verifies, a tampered one not.
func checkEdDSA() -> Bool {
    guard let okp = try? JWKSet(jsonKeyOrSet: Array(sampleEdDSAJWK.utf8)) else {
        say("EdDSA key: REFUSED")
        return false
    }
    let eddsa = JWSVerifier(keys: okp, algorithms: [.edDSA])
    var ok = true
    do {
        let payload = try eddsa.verifySync(sampleEdDSAToken).payload
        say("EdDSA (RFC 8037 A.4): VALID, payload \"\(String(decoding: payload, as: UTF8.self))\"")
    } catch {
        say("EdDSA (RFC 8037 A.4): REJECTED \(error.code.rawValue)")
        ok = false
    }
    var bytes = Array(sampleEdDSAToken.utf8)
    bytes[bytes.count - 3] = bytes[bytes.count - 3] == 65 ? 66 : 65
    do {
        _ = try eddsa.verifySync(bytes)
        say("EdDSA tampered: VALID")
        ok = false
    } catch {
        say("EdDSA tampered: REJECTED \(error.code.rawValue)")
        ok = error.code == .invalidSignature && ok
    }
    return ok
}

/// ES256 (RFC 7515 A.3): P-256 ECDSA in the same build.
func checkES256() -> Bool {
    guard let keys = try? JWKSet(jsonKeyOrSet: Array(sampleES256JWK.utf8)) else {
        say("ES256 key: REFUSED")
        return false
    }
    do {
        _ = try JWSVerifier(keys: keys, algorithms: [.es256]).verifySync(sampleES256Token)
        say("ES256 (RFC 7515 A.3): VALID")
        return true
    } catch {
        say("ES256 (RFC 7515 A.3): REJECTED \(error.code.rawValue)")
        return false
    }
}

@_cdecl("_start")
func start() {
    let keys: JWKSet
    do { keys = try JWKSet(json: Array(sampleJWKS.utf8)) } catch {
        say("JWKS: \(error.code)")
        exitWith(1)
        return
    }
    var ok = true
    do {
        let access = try CognitoVerifier(userPoolID: samplePool, clientIDs: [sampleClient], tokenUse: .access, keys: .static(keys),
                                         clock: .fixed(NumericDate(sampleNow)))
        let id = try CognitoVerifier(userPoolID: samplePool, clientIDs: [sampleClient], tokenUse: .id, keys: .static(keys),
                                     clock: .fixed(NumericDate(sampleNow)))
        ok = check("access token", access, sampleAccessToken, now: sampleNow, expect: nil) && ok
        ok = check("id token", id, sampleIDToken, now: sampleNow, expect: nil) && ok
        ok = check("access token two hours later", access, sampleAccessToken, now: sampleNow + 7200, expect: .expired) && ok
        var bytes = Array(sampleAccessToken.utf8)
        bytes[bytes.count - 4] = bytes[bytes.count - 4] == 65 ? 66 : 65
        ok = check("tampered signature", access, String(decoding: bytes, as: UTF8.self), now: sampleNow, expect: .invalidSignature) && ok
        ok = checkEdDSA() && ok
        ok = checkES256() && ok
    } catch {
        say("configuration: \(error.code.rawValue)")
        ok = false
    }
    say(ok ? "wasm: all outcomes as expected" : "wasm: UNEXPECTED outcome")
    exitWith(ok ? 0 : 1)
}

/// For Benchmarks/wasm-bench.sh: verifies the sample access token `iterations` times with one
/// verifier and returns how many verified (the host times the call on its CPU clock).
@_cdecl("bench_verify")
func benchVerify(_ iterations: Int32) -> Int32 {
    guard let keys = try? JWKSet(json: Array(sampleJWKS.utf8)),
          let verifier = try? CognitoVerifier(userPoolID: samplePool, clientIDs: [sampleClient], tokenUse: .access,
                                              keys: .static(keys), clock: .fixed(NumericDate(sampleNow))) else { return -1 }
    var verified: Int32 = 0
    for _ in 0..<iterations {
        if (try? verifier.verifySync(sampleAccessToken)) != nil { verified += 1 }
    }
    return verified
}
