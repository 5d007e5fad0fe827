import Foundation
import Testing
import VectorSupport
import PureJWK
@testable import PureJWT

/// Issue 11: bounded work before the signature, output that cannot mislead, text compared as bytes.
@Suite struct HardeningTests {
    let access = ((try? Vectors.text("cognito/access_token.jwt")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    let keys = (try? loadJWKS("jwks.json")) ?? JWKSet(keys: [])

    func cognito(_ limits: Limits = .default) throws -> CognitoVerifier {
        try CognitoVerifier(userPoolID: "us-east-1_AbC123xyz", clientIDs: ["4h8d2j9k1l0m3n5p7q6r2s4t8u"], tokenUse: .access,
                            keys: .static(keys), limits: limits, clock: .fixed(NumericDate(1_763_900_000)))
    }

    func code(_ body: () throws(JWTError) -> Void) -> JWTError? {
        do { try body(); return nil } catch { return error }
    }

    /// Any byte outside base64url, in any of the three segments, is malformed-token — never
    /// invalid-signature (which would mean RSA work was done on it).
    @Test("a foreign byte in any segment is malformed-token", arguments: [0x20, 0x00, 0x2B, 0x2F, 0x3D, 0x80, 0xFF, 0x0A] as [UInt8])
    func foreignBytesInEverySegment(_ byte: UInt8) throws {
        let v = try cognito()
        var t = Array(access.utf8)
        #expect(code { () throws(JWTError) in _ = try v.verifySync(String(decoding: t, as: UTF8.self)) } == nil)
        let dots = t.indices.filter { t[$0] == UInt8(ascii: ".") }
        for position in [5, dots[0] + 5, dots[1] + 5, t.count - 1] {
            let saved = t[position]
            t[position] = byte
            let error = code { () throws(JWTError) in _ = try v.verifySync(String(decoding: t, as: UTF8.self)) }
            #expect(error?.code == .malformedToken, "byte \(byte) at \(position): \(String(describing: error))")
            t[position] = saved
        }
    }

    @Test func messagesHintAtTheUsualMistakes() throws {
        let v = try cognito()
        let bearer = code { () throws(JWTError) in _ = try v.verifySync("Bearer " + access) }
        #expect(bearer?.code == .malformedToken && bearer?.message.contains("\"Bearer \" prefix") == true, "\(String(describing: bearer))")
        let lower = code { () throws(JWTError) in _ = try v.verifySync("bearer " + access) }
        #expect(lower?.message.contains("\"Bearer \" prefix") == true)
        let trailing = code { () throws(JWTError) in _ = try v.verifySync(access + "\r\n") }
        #expect(trailing?.message.contains("trailing whitespace") == true, "\(String(describing: trailing))")
        let leading = code { () throws(JWTError) in _ = try v.verifySync(" " + access) }
        #expect(leading?.message.contains("leading whitespace") == true)
        let quotedToken = code { () throws(JWTError) in _ = try v.verifySync("\"" + access + "\"") }
        #expect(quotedToken?.message.contains("quoted") == true)
        let segment = code { () throws(JWTError) in _ = try v.verifySync(access.replacingOccurrences(of: ".", with: ".+", options: [], range: access.range(of: "."))) }
        #expect(segment?.message.contains("payload segment") == true, "\(String(describing: segment))")
    }

    @Test func headerSizeLimit() throws {
        // A header segment of exactly the limit is parsed; one byte more is refused before decoding.
        let limits = Limits(maxHeaderBytes: 64)
        let v = try cognito(limits)
        let header = Base64URLForTest.encode(Array("{\"alg\":\"RS256\",\"kid\":\"\(String(repeating: "k", count: 24))\"}".utf8))
        #expect(header.utf8.count == 64)
        let parts = access.split(separator: ".")
        let atLimit = code { () throws(JWTError) in _ = try v.verifySync(header + "." + parts[1] + "." + parts[2]) }
        #expect(atLimit?.code == .keyNotFound)
        let over = code { () throws(JWTError) in _ = try v.verifySync(header + "A." + parts[1] + "." + parts[2]) }
        #expect(over?.code == .malformedToken && over?.message.contains("64-byte limit") == true)
        #expect(Limits.default.maxHeaderBytes == 4096)
    }

    @Test func jsonValueLimitAppliesToHeaders() throws {
        let v = try cognito(Limits(maxJSONValues: 5))
        let header = Base64URLForTest.encode(Array("{\"alg\":\"RS256\",\"x\":[1,2,3,4]}".utf8))
        let parts = access.split(separator: ".")
        let e = code { () throws(JWTError) in _ = try v.verifySync(header + "." + parts[1] + "." + parts[2]) }
        #expect(e?.code == .malformedJSON && e?.message.contains("valueLimitExceeded") == true, "\(String(describing: e))")
    }

    /// Text from a token reaches messages sanitized: no ESC, C1, line separator or bidi control.
    @Test func errorMessagesAreSanitized() throws {
        let v = try cognito()
        let parts = access.split(separator: ".")
        let evilKid = "\u{1B}[2J\u{9B}31m\u{202E}gnp.exe\u{2028}x"
        let headerJSON = "{\"alg\":\"RS256\",\"kid\":\"\\u001b[2J\u{9B}31m\u{202E}gnp.exe\u{2028}x\"}"
        let header = Base64URLForTest.encode(Array(headerJSON.utf8))
        let e = code { () throws(JWTError) in _ = try v.verifySync(header + "." + parts[1] + "." + parts[2]) }
        let message = e?.message ?? ""
        #expect(e?.code == .keyNotFound)
        for scalar in message.unicodeScalars { #expect(!isDisplayUnsafe(scalar), "unsafe U+\(String(scalar.value, radix: 16)) in \(message)") }
        #expect(message.contains("\\u{1b}[2J\\u{9b}31m\\u{202e}gnp.exe\\u{2028}x"), "\(message)")
        #expect(sanitizedForDisplay(evilKid) == "\\u{1b}[2J\\u{9b}31m\\u{202e}gnp.exe\\u{2028}x")
        // Every class the sanitizer promises to escape, and its neighbours that must pass.
        for bad: UInt32 in [0x00, 0x1F, 0x7F, 0x80, 0x9F, 0x2028, 0x2029, 0x061C, 0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069] {
            #expect(isDisplayUnsafe(Unicode.Scalar(bad)!))
        }
        for good: UInt32 in [0x20, 0x7E, 0xA0, 0xE9, 0x2027, 0x202F, 0x2065, 0x206A, 0x1F600] {
            #expect(!isDisplayUnsafe(Unicode.Scalar(good)!))
        }
        #expect(sanitizedForDisplay("abcdef", limit: 3) == "abc…")
    }

    /// Wycheproof's JOSE vector `rejectsKeyWithRocaVulnerability` (json_web_key_test.json tcId 7):
    /// the key loads as refused, the other keys of a set keep working, a token naming it is
    /// key-not-usable — its valid signature notwithstanding.
    @Test func rocaKeyIsRefused() throws {
        struct Vector: Decodable { struct Keys: Decodable { let keys: [[String: String]] }; let `public`: Keys; let jws: String }
        let v = try JSONDecoder().decode(Vector.self, from: Data(Vectors.data("wycheproof-jose/roca_key.json")))
        let set = try JWKSet(json: Array(JSONEncoder().encode(["keys": v.public.keys + [["kty": "oct-not-ours"]]])))
        guard case .rsaRefused(let reason) = set.keys[0].material else { Issue.record("ROCA key accepted"); return }
        #expect(reason.contains("ROCA") && reason.contains("CVE-2017-15361"))
        let e = code { () throws(JWTError) in _ = try JWSVerifier(keys: set).verifySync(v.jws) }
        #expect(e?.code == .keyNotUsable && e?.message.contains("ROCA") == true, "\(String(describing: e))")
    }

    /// `scope` splits on the byte 0x20 only: " \u{301}" is a space then a combining mark.
    @Test func scopesSplitAsBytes() throws {
        let claims = try JWTClaims(json: Array("{\"scope\":\"openid \u{301}email profile\"}".utf8))
        #expect(claims.scopes.map { Array($0.utf8) } == [Array("openid".utf8), Array("\u{301}email".utf8), Array("profile".utf8)])
    }

    /// Codable would merge names that differ only by canonical equivalence; they are refused.
    @Test func canonicallyEquivalentMemberNamesDoNotDecode() throws {
        let claims = try JWTClaims(json: Array("{\"caf\u{E9}\":1,\"cafe\u{301}\":2}".utf8))
        #expect(claims["caf\u{E9}"] == .number(JSONNumber(lexeme: "1", int64: 1)))
        #expect(claims["cafe\u{301}"] == .number(JSONNumber(lexeme: "2", int64: 2)))
        #expect(throws: JWTError(.invalidClaim, "")) { try claims.decode([String: Int].self) }
    }
}
