import Foundation
import Testing
import VectorSupport
import PureJWK
@testable import PureJWT

struct RFCJWS: Decodable { let jwk: [String: String]; let token: String; let payload: String }

func rfcVector(_ name: String) throws -> (JWKSet, RFCJWS) {
    let doc = try JSONDecoder().decode(RFCJWS.self, from: Data(Vectors.data("rfc/" + name)))
    return (try JWKSet(jsonKeyOrSet: Array(JSONEncoder().encode(doc.jwk))), doc)
}

@Suite struct RFCAndPolicyTests {
    /// RFC 7515 Appendix A.2 and RFC 7520 §4.1: signature-only verification returns the payload.
    @Test("RFC RS256 examples", arguments: ["rfc7515_a2.json", "rfc7520_4_1.json"])
    func rfcExamples(_ file: String) throws {
        let (keys, doc) = try rfcVector(file)
        let (header, payload) = try JWSVerifier(keys: keys).verifySync(doc.token)
        #expect(header.algorithmName == "RS256")
        #expect(String(decoding: payload, as: UTF8.self) == doc.payload)
        // One flipped bit anywhere in the signing input or signature fails.
        var bytes = Array(doc.token.utf8)
        bytes[10] = bytes[10] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(throws: JWTError.self) { try JWSVerifier(keys: keys).verifySync(bytes) }
    }

    /// RFC 7515 A.2's payload is a JWT (iss "joe", exp 1300819380); verify it as one.
    @Test func rfc7515A2AsJWT() throws {
        let (keys, doc) = try rfcVector("rfc7515_a2.json")
        let policy = VerificationPolicy(issuer: ["joe"], audience: .notChecked)
        let v = TokenVerifier(keys: .static(keys), policy: policy, clock: .fixed(NumericDate(1_300_819_379)))
        let t = try v.verifySync(doc.token)
        #expect(t.claims.issuer == "joe")
        #expect(t.claims["http://example.com/is_root"] == .bool(true))
        #expect(throws: JWTError(.expired, "")) { try v.verifySync(doc.token, now: NumericDate(1_300_819_380)) }
        let wrongIssuer = TokenVerifier(keys: .static(keys), policy: VerificationPolicy(issuers: ["jo"], audiences: []), clock: .fixed(NumericDate(0)))
        #expect(throws: JWTError(.invalidIssuer, "")) { try wrongIssuer.verifySync(doc.token) }
        // Audience is mandatory unless .notChecked: an empty list accepts nothing.
        let noAud = TokenVerifier(keys: .static(keys), policy: VerificationPolicy(issuers: ["joe"], audiences: []), clock: .fixed(NumericDate(0)))
        #expect(throws: JWTError(.invalidAudience, "")) { try noAud.verifySync(doc.token) }
    }

    @Test func maxAgeRequiredClaimsAndCustomCheck() throws {
        let table = try CognitoCases.load()
        let keys = try loadJWKS("jwks.json")
        let access = try Vectors.text("cognito/access_token.jwt").trimmingCharacters(in: .whitespacesAndNewlines)
        let iss = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz"
        func v(_ p: VerificationPolicy) -> TokenVerifier { TokenVerifier(keys: .static(keys), policy: p, clock: .fixed(NumericDate(secondsSince1970: table.now))) }
        // iat = now - 600
        #expect((try? v(VerificationPolicy(issuer: [iss], audience: .notChecked, maxAge: 600)).verifySync(access)) != nil)
        #expect(throws: JWTError(.expired, "")) { try v(VerificationPolicy(issuer: [iss], audience: .notChecked, maxAge: 599)).verifySync(access) }
        #expect((try? v(VerificationPolicy(issuer: [iss], audience: .notChecked, leeway: 1, maxAge: 599)).verifySync(access)) != nil)
        #expect(throws: JWTError(.invalidClaim, "")) { try v(VerificationPolicy(issuer: [iss], audience: .notChecked, requiredClaims: ["device_key"])).verifySync(access) }
        let custom = VerificationPolicy(issuer: [iss], audience: .notChecked, customCheck: { (c) throws(JWTError) in
            guard c.groups.contains("billing") else { throw JWTError(.invalidClaim, "not in billing") }
        })
        #expect(throws: JWTError(.invalidClaim, "")) { try v(custom).verifySync(access) }
        // The generic verifier has no Cognito rules: client_id is not an audience.
        #expect(throws: JWTError(.invalidAudience, "")) { try v(VerificationPolicy(issuers: [iss], audiences: [table.clientID])).verifySync(access) }
    }

    @Test func errorCodesAreTheStableStrings() {
        #expect(JWTError.Code.allCases.map(\.rawValue) == [
            "malformed-token", "malformed-json", "invalid-jwks", "unsupported-algorithm", "key-not-found", "key-not-usable",
            "invalid-signature", "expired", "not-yet-valid", "invalid-issuer", "invalid-audience", "invalid-token-use",
            "insufficient-scope", "invalid-type", "invalid-claim", "unsupported-critical-header", "jwks-fetch-failed"])
        #expect(JWTError(.expired, "a") == JWTError(.expired, "b"))
        #expect(JWTError(.expired, "x").description == "expired: x")
    }

    @Test func keySelectionRules() throws {
        let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"
        func set(_ extra: String) throws -> JWKSet { try JWKSet(json: Array("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k\",\"n\":\"\(n)\",\"e\":\"AQAB\"\(extra)}]}".utf8)) }
        func header(_ kid: String?) -> String? { kid }
        #expect((try? KeySelector.select(kid: header("k"), algorithm: .rs256, sets: [set("")])) != nil)
        #expect((try? KeySelector.select(kid: header(nil), algorithm: .rs256, sets: [set("")])) != nil)   // one candidate, no kid
        #expect(throws: JWTError(.keyNotFound, "")) { try KeySelector.select(kid: header("K"), algorithm: .rs256, sets: [set("")]) }
        #expect(throws: JWTError(.keyNotUsable, "")) { try KeySelector.select(kid: header("k"), algorithm: .rs256, sets: [set(",\"use\":\"enc\"")]) }
        #expect(throws: JWTError(.keyNotUsable, "")) { try KeySelector.select(kid: header("k"), algorithm: .rs256, sets: [set(",\"key_ops\":[\"sign\"]")]) }
        #expect((try? KeySelector.select(kid: header("k"), algorithm: .rs256, sets: [set(",\"key_ops\":[\"sign\",\"verify\"]")])) != nil)
        #expect(throws: JWTError(.keyNotUsable, "")) { try KeySelector.select(kid: header("k"), algorithm: .rs512, sets: [set(",\"alg\":\"RS256\"")]) }
        #expect(throws: JWTError(.keyNotUsable, "")) { try KeySelector.select(kid: header("k"), algorithm: .rs256, sets: [set(""), set("")]) }
        // kid compared as bytes: a decomposed "é" is not the precomposed one.
        let e1 = try JWKSet(json: Array("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"caf\\u00e9\",\"n\":\"\(n)\",\"e\":\"AQAB\"}]}".utf8))
        #expect(throws: JWTError(.keyNotFound, "")) { try KeySelector.select(kid: header("cafe\u{301}"), algorithm: .rs256, sets: [e1]) }
    }

    @Test("seeded fuzz: verification of mutated tokens throws, never traps")
    func fuzz() throws {
        let table = try CognitoCases.load()
        let v = try verifier(for: try #require(table.cases.first { $0.name == "valid access token" }))
        let seeds = table.cases.map(\.token).filter { !$0.isEmpty }
        var rng = SeededRNG(seed: 0x70CE)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ".utf8)
        var accepted = 0
        for i in 0..<3_000 {
            var b = Array(seeds[i % seeds.count].utf8)
            for _ in 0..<(1 + Int(rng.next() % 3)) where !b.isEmpty {
                let p = Int(rng.next() % UInt64(b.count))
                let c = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                switch rng.next() % 3 { case 0: b[p] = c; case 1: b.remove(at: p); default: b.insert(c, at: p) }
            }
            if (try? v.verifySync(String(decoding: b, as: UTF8.self))) != nil { accepted += 1 }
        }
        #expect(accepted <= 3_000)
        print("JWT fuzz: 3000 mutated tokens, \(accepted) accepted, none trapped")
    }
}
