// `jwt demo`: the README's main job. No network, no set-up: verifies the shipped Cognito sample
// (Vectors/cognito: two pool keys, an access and an ID token, judged at their fixed time) and shows
// three attacks rejected, printing each check of the verification as it passes or fails.
//
// The verification itself is one library call; the checks it runs, in order, are listed here, and
// for the demo's cases the stable error code of a rejection tells which check failed (earlier ones
// passed, later ones did not run). Some codes can come from more than one check in general —
// `invalid-claim` from claim types, a missing `exp` or the group/scope rules — so this display is
// for the walkthrough, not a diagnostic.
import Foundation
import PureBase64URL
import PureJSON
import PureJWK
import PureJWT

enum Demo {
    static let poolID = "us-east-1_AbC123xyz"
    static let clientID = "4h8d2j9k1l0m3n5p7q6r2s4t8u"
    static let now = NumericDate(1_763_900_000)

    /// The checks of a Cognito verification, in the order the library runs them, with the codes that mean each failed.
    static let checks: [(name: String, codes: [JWTError.Code])] = [
        ("token structure: 3 base64url segments, JSON header", [.malformedToken, .malformedJSON]),
        ("algorithm allowed (RS256) and no unknown crit", [.unsupportedAlgorithm, .unsupportedCriticalHeader]),
        ("key selected by kid from the pool's JWKS", [.keyNotFound, .keyNotUsable, .invalidJWKS]),
        ("RSASSA-PKCS1-v1_5 signature verifies", [.invalidSignature]),
        ("issuer is the pool", [.invalidIssuer]),
        ("not expired, not before nbf", [.expired, .notYetValid]),
        ("token_use as expected", [.invalidTokenUse]),
        ("client id matches (aud / client_id)", [.invalidAudience]),
        ("claims well-formed", [.invalidClaim]),
        ("groups and scopes, when required", [.insufficientScope]),
    ]

    static func directory() -> URL? {
        let candidates = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Vectors/cognito"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Vectors/cognito"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("jwks.json").path) }
    }

    static func run() throws(CLIFailure) {
        guard let dir = directory() else { throw usage("cannot find Vectors/cognito (run from the PureJWT checkout)") }
        func read(_ name: String) throws(CLIFailure) -> String {
            guard let s = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) else { throw usage("cannot read \(name)") }
            return s.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let keys: JWKSet
        do { keys = try JWKSet(json: Array(try read("jwks.json").utf8)) } catch let e as JWKError { throw .rejected(JWTError(e)) } catch {
            throw usage("cannot read jwks.json")
        }
        let access = try read("access_token.jwt"), id = try read("id_token.jwt")
        print("PureJWT demo: Cognito user pool \(poolID), app client \(clientID)")
        print("keys: Vectors/cognito/jwks.json (\(keys.keys.count) RSA keys); time fixed at \(now)")
        print("")

        var allAsExpected = true
        func step(_ title: String, token: String, use: CognitoTokenUse, at time: NumericDate, expect: JWTError.Code?) {
            print(title)
            let verifier: CognitoVerifier
            do {
                verifier = try CognitoVerifier(userPoolID: poolID, clientIDs: [clientID], tokenUse: use, keys: .static(keys), clock: .fixed(time))
            } catch { print("  ✗ configuration: \(error)"); allAsExpected = false; return }
            do {
                let t = try verifier.verifySync(token)
                for c in checks { print("  ✓ \(c.name)") }
                let exp = t.claims.expiration.map { Int64($0.secondsSince1970 - time.secondsSince1970) } ?? 0
                print("  → VALID \(use.rawValue) token: sub \(sanitizedForDisplay(t.claims.subject ?? "-")), groups [\(sanitizedForDisplay(t.claims.groups.joined(separator: ", ")))], expires in \(exp) s")
                if expect != nil { allAsExpected = false; print("  !! expected a rejection") }
            } catch {
                let failed = checks.firstIndex { $0.codes.contains(error.code) } ?? checks.count
                for (i, c) in checks.enumerated() {
                    if i < failed { print("  ✓ \(c.name)") }
                    else if i == failed { print("  ✗ \(c.name)") }
                    else { print("  · \(c.name) (not reached)") }
                }
                print("  → REJECTED with \(error.code.rawValue): \(error.message)")
                if error.code != expect { allAsExpected = false; print("  !! expected \(expect?.rawValue ?? "success")") }
            }
            print("")
        }

        step("1. Access token (Vectors/cognito/access_token.jwt)", token: access, use: .access, at: now, expect: nil)
        step("2. ID token (Vectors/cognito/id_token.jwt)", token: id, use: .id, at: now, expect: nil)
        step("3. Attack: the same access token replayed two hours later", token: access, use: .access,
             at: NumericDate(secondsSince1970: now.secondsSince1970 + 7200), expect: .expired)
        // Flip one bit in the last signature byte's symbol.
        var tampered = Array(access.utf8)
        if let last = tampered.indices.last { tampered[last - 3] = tampered[last - 3] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A") }
        step("4. Attack: a tampered signature", token: String(decoding: tampered, as: UTF8.self), use: .access, at: now, expect: .invalidSignature)
        let parts = access.split(separator: ".")
        let noneHeader = Base64URL.encode(Array("{\"alg\":\"none\",\"kid\":\"\(keys.keys.first?.keyID ?? "")\"}".utf8))
        step("5. Attack: alg \"none\" with the signature stripped", token: noneHeader + "." + parts[1] + ".", use: .access, at: now,
             expect: .unsupportedAlgorithm)
        print(allAsExpected ? "All outcomes as expected: 2 tokens verified, 3 attacks rejected." : "Some outcomes were NOT as expected.")
        if !allAsExpected { throw .rejected(JWTError(.invalidSignature, "demo outcomes differ from the expected ones")) }
    }
}

