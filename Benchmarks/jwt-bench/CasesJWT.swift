// End-to-end benchmark: verify the sample Cognito access and ID tokens (RSA-2048, ~1.1 KB) with a
// warm verifier — parse, key selection, SHA-256, RSA, payload, claims. Reads Vectors/cognito from
// the checkout this benchmark was built from.
import Foundation
import PureJWK
import PureJWT

let vectorsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Vectors/cognito")

func fixtureText(_ name: String) -> String {
    guard let s = try? String(contentsOf: vectorsDirectory.appendingPathComponent(name), encoding: .utf8) else {
        fatalError("jwt-bench: cannot read \(name) from \(vectorsDirectory.path)")
    }
    return s.trimmingCharacters(in: .whitespacesAndNewlines)
}

func jwtCases() -> [BenchCase] {
    guard let keys = try? JWKSet(json: Array(fixtureText("jwks.json").utf8)) else { fatalError("jwt-bench: jwks.json") }
    let access = fixtureText("access_token.jwt"), id = fixtureText("id_token.jwt")
    let clock = JWTClock.fixed(NumericDate(1_763_900_000))
    guard let av = try? CognitoVerifier(userPoolID: "us-east-1_AbC123xyz", clientIDs: ["4h8d2j9k1l0m3n5p7q6r2s4t8u"],
                                        tokenUse: .access, keys: .static(keys), clock: clock),
          let iv = try? CognitoVerifier(userPoolID: "us-east-1_AbC123xyz", clientIDs: ["4h8d2j9k1l0m3n5p7q6r2s4t8u"],
                                        tokenUse: .id, keys: .static(keys), clock: clock),
          (try? av.verifySync(access)) != nil, (try? iv.verifySync(id)) != nil else {
        fatalError("jwt-bench: sample tokens do not verify")
    }
    var cases = [
        BenchCase(name: "jwt verify cognito access token", bytes: nil) { n in
            for _ in 0..<n { sink &+= UInt64((try? av.verifySync(access))?.claims.count ?? 0) }
        },
        BenchCase(name: "jwt verify cognito id token", bytes: nil) { n in
            for _ in 0..<n { sink &+= UInt64((try? iv.verifySync(id))?.claims.count ?? 0) }
        },
    ]
    // Warm verified-token cache: the same token again (every claim check still runs).
    guard let warm = try? CognitoVerifier(userPoolID: "us-east-1_AbC123xyz", clientIDs: ["4h8d2j9k1l0m3n5p7q6r2s4t8u"],
                                          tokenUse: .access, keys: .static(keys), cache: .init(), clock: clock),
          (try? warm.verifySync(access)) != nil else { fatalError("jwt-bench: cached verifier") }
    cases.append(BenchCase(name: "jwt verify cognito access token (warm cache)", bytes: nil) { n in
        for _ in 0..<n { sink &+= UInt64((try? warm.verifySync(access))?.claims.count ?? 0) }
    })
    // Token-size sweep (Vectors/bench, made by Vectors/generators/bench_tokens.py): the same
    // verification for access tokens of about 1, 2, 4, 8 and 16 KiB.
    for kib in [1, 2, 4, 8, 16] {
        let token = fixtureText("../bench/access_\(kib)k.jwt")
        guard (try? av.verifySync(token)) != nil else { fatalError("jwt-bench: access_\(kib)k.jwt does not verify") }
        cases.append(BenchCase(name: "jwt verify access token \(kib) KiB", bytes: token.utf8.count) { n in
            for _ in 0..<n { sink &+= UInt64((try? av.verifySync(token))?.claims.count ?? 0) }
        })
    }
    return cases
}
