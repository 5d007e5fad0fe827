// Verifies the shipped sample token through the public API, as an application would.
import Foundation
import PureJWT
import PureJWTFoundation

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../Vectors/cognito")
let keys = try JWKSet(json: Array(try Data(contentsOf: root.appendingPathComponent("jwks.json"))))
let token = try String(contentsOf: root.appendingPathComponent("access_token.jwt"), encoding: .utf8)
    .trimmingCharacters(in: .whitespacesAndNewlines)
let verifier = try CognitoVerifier(userPoolID: "us-east-1_AbC123xyz", clientIDs: ["4h8d2j9k1l0m3n5p7q6r2s4t8u"],
                                   tokenUse: .access, keys: .static(keys), clock: .fixed(NumericDate(1_763_900_000)))
let verified = try verifier.verifySync(token)
print("macOS 13 consumer: verified, sub \(verified.claims.subject ?? "-")")
