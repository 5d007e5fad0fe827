import Foundation
import Testing
import PureJWT
import PureJWTFoundation
import PureJWTTesting

/// `claims.decode(T.self)` with `Date` members: seconds since 1970 (RFC 7519 §2), not Foundation's
/// seconds since 2001 — a 978,307,200 s (31-year) shift otherwise.
@Suite struct DateDecodingTests {
    struct Session: Decodable {
        let sub: String
        let exp: Date
        let iat: Date?
        let auth_time: NumericDate
        let seen: [Date]
    }

    @Test func dateMembersAreNumericDates() throws {
        let now = NumericDate(1_800_000_000)
        let token = TestSigner.rs256.sign(["iss": "https://i.test", "aud": "a", "sub": "u", "exp": 1_800_000_600, "iat": 1_799_999_000,
                                            "auth_time": 1_799_998_000, "seen": [0, 1_700_000_000]])
        let verified = try TokenVerifier(keys: .static(TestSigner.rs256.jwks), policy: VerificationPolicy(issuers: ["https://i.test"], audiences: ["a"]),
                                         clock: .fixed(now)).verifySync(token)
        let s = try verified.claims.decode(Session.self)
        #expect(s.exp == Date(timeIntervalSince1970: 1_800_000_600))
        #expect(s.exp == verified.claims.expirationDate)
        #expect(s.iat == Date(timeIntervalSince1970: 1_799_999_000))
        #expect(s.auth_time == NumericDate(1_799_998_000))
        #expect(s.seen == [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_700_000_000)])
        // A string where a time belongs is a decoding error, not a guess.
        let bad = TestSigner.rs256.sign(["iss": "https://i.test", "aud": "a", "sub": "u", "exp": 1_800_000_600, "auth_time": "yesterday", "seen": []])
        let v = try TokenVerifier(keys: .static(TestSigner.rs256.jwks), policy: VerificationPolicy(issuers: ["https://i.test"], audiences: ["a"]),
                                  clock: .fixed(now)).verifySync(bad)
        #expect(throws: JWTError(.invalidClaim, "")) { try v.claims.decode(Session.self) }
    }
}
