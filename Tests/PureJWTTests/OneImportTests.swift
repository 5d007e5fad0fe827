// This file imports only PureJWT (plus the test helpers): the README's snippets must compile with it.
import Testing
import VectorSupport
import PureJWT

@Suite struct OneImportTests {
    @Test func readmeCognitoSnippet() throws {
        let jwksBytes = try Vectors.data("cognito/jwks.json")
        let bearer = try Vectors.text("cognito/access_token.jwt").split(separator: "\n")[0]
        let keys = try JWKSet(json: jwksBytes)
        let verifier = try CognitoVerifier(userPoolID: "us-east-1_AbC123xyz", clientIDs: ["4h8d2j9k1l0m3n5p7q6r2s4t8u"],
                                           tokenUse: .access, keys: .static(keys), clock: .fixed(NumericDate(1_763_900_000)))
        let token = try verifier.verifySync(String(bearer))
        #expect(token.claims.groups == ["admin", "editors"])
        let claim: JSONValue? = token.claims["version"]
        #expect(claim?.numberValue?.int64 == 2)
    }

    /// Users who hold a PEM key: RSAPublicKey(pem:) → JWK(rsaKey:) → a verifier.
    @Test func verifyWithAPEMKey() throws {
        let pem = try Vectors.text("rfc/rfc7515_a2.spki.pem")
        let key = try RSAPublicKey(pem: pem)
        let doc = try Vectors.text("rfc/rfc7515_a2.json")
        guard let start = doc.range(of: "\"token\": \""), let end = doc[start.upperBound...].firstIndex(of: "\"") else {
            Issue.record("no token"); return
        }
        let token = String(doc[start.upperBound..<end])
        let (_, payload) = try JWSVerifier(keys: JWKSet(keys: [JWK(rsaKey: key)])).verifySync(token)
        #expect(String(decoding: payload, as: UTF8.self).hasPrefix("{\"iss\":\"joe\""))
        #expect(JWK(rsaKey: key).thumbprint() != nil)
    }
}
