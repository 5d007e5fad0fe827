import Testing
import VectorSupport
import PureJWT
import PureJWTTesting

/// The API of wave 2, each rule at its boundary: explicit typing (RFC 8725 §3.11) and the RFC 9068
/// profile, scopes, RFC 6750 header parsing and challenges, Cognito overrides and custom checks,
/// typed Cognito claims, ISO 8601 times, one clock for a verifier and its remote key set.
@Suite struct APITests {
    static let now = NumericDate(1_800_000_000)
    static let iss = "https://issuer.test"

    func claims(_ extra: [(String, JSONValue)] = []) -> JSONValue {
        .object(JSONObject([("iss", .string(Self.iss)), ("aud", "api"), ("sub", "u1"), ("exp", .integer(1_800_000_600)),
                            ("iat", .integer(1_799_999_000)), ("client_id", "c1"), ("jti", "j1")] + extra))
    }

    func verifier(_ policy: VerificationPolicy) -> TokenVerifier {
        TokenVerifier(keys: .static(TestSigner.rs256.jwks), policy: policy, clock: .fixed(Self.now))
    }

    // MARK: typ

    @Test("typ compared as a media type", arguments: [
        ("at+jwt", true), ("AT+JWT", true), ("application/at+jwt", true), ("Application/AT+jwt", true),
        ("jwt", false), ("application/jwt", false), ("at+jwt ", false), ("text/at+jwt", false), ("applicationat+jwt", false),
    ])
    func typeExpectation(_ typ: String, _ accepted: Bool) {
        let token = TestSigner.rs256.sign(claims(), header: [("typ", .string(typ))])
        let v = verifier(VerificationPolicy(issuer: [Self.iss], audience: ["api"], type: .oneOf(["at+jwt"])))
        if accepted {
            #expect((try? v.verifySync(token)) != nil, "\(typ)")
        } else {
            #expect(throws: JWTError(.invalidType, "")) { try v.verifySync(token) }
        }
    }

    @Test func typeMissingOrNotAString() {
        let strict = verifier(VerificationPolicy(issuer: [Self.iss], audience: ["api"], type: .oneOf(["at+jwt"])))
        let lenient = verifier(VerificationPolicy(issuer: [Self.iss], audience: ["api"], type: .absentOrOneOf(["JWT"])))
        let bare = TestSigner.rs256.sign(claims())
        #expect(throws: JWTError(.invalidType, "")) { try strict.verifySync(bare) }
        #expect((try? lenient.verifySync(bare)) != nil)
        #expect((try? lenient.verifySync(TestSigner.rs256.sign(claims(), header: [("typ", "jwt")]))) != nil)
        // RFC 7515 §4.1.9: typ is a string — another JSON type is a malformed header, whatever the policy.
        #expect(throws: JWTError(.malformedToken, "")) { try lenient.verifySync(TestSigner.rs256.sign(claims(), header: [("typ", 1)])) }
        #expect(throws: JWTError(.invalidType, "")) { try lenient.verifySync(TestSigner.rs256.sign(claims(), header: [("typ", "at+jwt")])) }
        // Not checked by default: any typ passes.
        #expect((try? verifier(VerificationPolicy(issuers: [Self.iss], audiences: ["api"])).verifySync(TestSigner.rs256.sign(claims(), header: [("typ", "whatever")]))) != nil)
    }

    /// RFC 9068: typ at+jwt and iss, exp, aud, sub, client_id, iat, jti required — an ID token
    /// (no typ, or JWT) never passes, nor an access token missing a required claim.
    @Test func accessTokenProfile() {
        let v = verifier(.accessTokenProfile(issuer: Self.iss, audiences: ["api"]))
        #expect((try? v.verifySync(TestSigner.rs256.sign(claims(), header: [("typ", "at+jwt")]))) != nil)
        #expect(throws: JWTError(.invalidType, "")) { try v.verifySync(TestSigner.rs256.sign(claims())) }
        #expect(throws: JWTError(.invalidType, "")) { try v.verifySync(TestSigner.rs256.sign(claims(), header: [("typ", "JWT")])) }
        for missing in ["sub", "client_id", "iat", "jti"] {
            let c: JSONValue = .object(JSONObject(claims().objectValue!.members.filter { $0.key != missing }.map { ($0.key, $0.value) }))
            #expect(throws: JWTError(.invalidClaim, "")) { try v.verifySync(TestSigner.rs256.sign(c, header: [("typ", "at+jwt")])) }
        }
    }

    @Test func scopesAnyOf() {
        let v = verifier(VerificationPolicy(issuer: [Self.iss], audience: ["api"], scopes: ["orders:read", "admin"]))
        #expect((try? v.verifySync(TestSigner.rs256.sign(claims([("scope", "profile orders:read")])))) != nil)
        #expect(throws: JWTError(.insufficientScope, "")) { try v.verifySync(TestSigner.rs256.sign(claims([("scope", "profile orders:write")]))) }
        #expect(throws: JWTError(.insufficientScope, "")) { try v.verifySync(TestSigner.rs256.sign(claims())) }
        // Byte comparison: a scope differing by case or by Unicode normalisation is another scope.
        #expect(throws: JWTError(.insufficientScope, "")) { try v.verifySync(TestSigner.rs256.sign(claims([("scope", "ADMIN")]))) }
    }

    // MARK: RFC 6750

    @Test("bearer token from an Authorization value", arguments: [
        ("Bearer abc.def.ghi", "abc.def.ghi"), ("bearer abc", "abc"), ("BEARER  abc", "abc"), ("Bearer a-b_c~d+e/f==", "a-b_c~d+e/f=="),
    ])
    func bearerAccepted(_ header: String, _ token: String) throws {
        #expect(try bearerToken(fromAuthorization: header) == token)
    }

    @Test("malformed bearer values", arguments: [
        ("Bearer", BearerHeaderError.Kind.malformed), ("Bearer ", .malformed), ("Bearer abc def", .malformed), ("Bearer abc ", .malformed),
        ("Bearer\tabc", .notBearer), ("Basic dXNlcjpwYXNz", .notBearer), ("", .notBearer), ("Bearerabc", .notBearer),
        ("Bearer =abc", .malformed), ("Bearer ab=c", .malformed), ("Bearer abc\u{0}", .malformed), ("Bearer ébc", .malformed),
        (" Bearer abc", .notBearer), ("Token abc", .notBearer),
    ])
    func bearerRefused(_ header: String, _ kind: BearerHeaderError.Kind) {
        #expect(throws: BearerHeaderError.self) { try bearerToken(fromAuthorization: header) }
        do { _ = try bearerToken(fromAuthorization: header) } catch { #expect(error.kind == kind, "\(header.debugDescription)") }
    }

    @Test func challenges() {
        #expect(BearerChallenge.missingToken(realm: "api") == BearerChallenge.missingToken(realm: "api"))
        #expect(BearerChallenge.missingToken(realm: "api").status == 401)
        #expect(BearerChallenge.missingToken(realm: "api").headerValue == "Bearer realm=\"api\"")
        #expect(BearerChallenge.missingToken().headerValue == "Bearer")
        // The description is the stable code only: the message (with its claim values) stays out.
        let expired = BearerChallenge(JWTError(.expired, "token expired at 1 (1970-01-01T00:00:01Z)"), realm: "api")
        #expect(expired.status == 401)
        #expect(expired.headerValue == "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"expired\"")
        let issuer = BearerChallenge(JWTError(.invalidIssuer, "\"iss\" is \"https://evil.example\""), realm: "api")
        #expect(!issuer.headerValue.contains("evil"))
        let scope = BearerChallenge(JWTError(.insufficientScope, "\"scope\" contains none of \"admin\""), requiredScope: "admin")
        #expect(scope.status == 403)
        #expect(scope.headerValue == "Bearer scope=\"admin\", error=\"insufficient_scope\", error_description=\"insufficient-scope\"")
        let unavailable = BearerChallenge(JWTError(.jwksFetchFailed, "down"), realm: "api")
        #expect(unavailable.status == 503 && unavailable.headerValue == "Bearer realm=\"api\"")
        #expect(BearerChallenge(JWTError(.invalidSignature, "x"), describe: false).headerValue == "Bearer error=\"invalid_token\"")
        let malformed = BearerChallenge(BearerHeaderError(kind: .malformed, message: "bad\r\nSet-Cookie: x=1"))
        #expect(malformed.status == 401)
        #expect(malformed.headerValue == "Bearer error=\"invalid_token\", error_description=\"malformed-token\"")
        #expect(BearerChallenge(BearerHeaderError(kind: .notBearer, message: "")) == .missingToken())
        // A realm or scope from configuration is quoted safely: no quote, backslash or line break survives.
        let hostile = BearerChallenge.missingToken(realm: "a\"b\\c\r\nSet-Cookie: x=1")
        #expect(hostile.headerValue == "Bearer realm=\"a?b?c??Set-Cookie: x=1\"")
        let longScope = BearerChallenge(JWTError(.insufficientScope, ""), requiredScope: String(repeating: "s", count: 2000))
        #expect(longScope.headerValue.utf8.count < 700)
    }

    @Test func bearerAuthenticationOutcomes() async throws {
        let pool = CognitoTestPool()
        let now = NumericDate(secondsSince1970: 1_763_903_000)
        let clock = JWTClock.fixed(now)
        let verifier = try pool.verifier(tokenUse: .any, clock: clock)
        let sub = "00000000-0000-4000-8000-000000000001"
        // 200: an access token and an ID token, read as typed identities.
        let access = try await verifier.authenticate(authorizationValues: ["Bearer " + pool.accessToken(username: "alice", groups: ["admin"], scopes: ["orders/read"], issuedAt: now)], realm: "api")
        #expect(access.tokenUse == .access && access.accessToken != nil && access.idToken == nil)
        #expect(access.subject == sub && access.username == "alice" && access.groups == ["admin"] && access.scopes == ["orders/read"])
        let id = try await verifier.authenticate(authorizationValues: ["bearer  " + pool.idToken(username: "alice", email: "alice@example.com", issuedAt: now)])
        #expect(id.tokenUse == .id && id.idToken?.email == "alice@example.com" && id.accessToken == nil && id.scopes.isEmpty && id.subject == sub)
        #expect(id.username == "alice" && id.groups.isEmpty)
        // 401 without an error attribute: no header, another scheme.
        for values in [[], ["Basic YWxhZGRpbjpvcGVuc2VzYW1l"], [""]] {
            await #expect(throws: BearerRejection.missingToken(realm: "api")) { try await verifier.authenticate(authorizationValues: values, realm: "api") }
        }
        // 401 invalid_token: malformed, two headers, refused tokens — with the code, nothing else.
        let cases: [([String], String)] = [
            (["Bearer"], "malformed-token"), (["Bearer a b"], "malformed-token"), (["Bearer x.y.z"], "malformed-token"),
            (["Bearer " + pool.accessToken(issuedAt: now), "Bearer " + pool.accessToken(issuedAt: now)], "malformed-token"),
            (["Bearer " + pool.accessToken(issuedAt: NumericDate(secondsSince1970: now.secondsSince1970 - 7200))], "expired"),
            (["Bearer " + pool.accessToken(issuedAt: now, overrides: [("client_id", .string("other"))])], "invalid-audience"),
        ]
        for (values, code) in cases {
            do { _ = try await verifier.authenticate(authorizationValues: values, realm: "api"); Issue.record("accepted \(values)") } catch {
                #expect(error.code == code && error.status == 401)
                #expect(error.challenge.headerValue == "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"\(code)\"")
                #expect(error.body == "{\"error\":\"invalid_token\",\"code\":\"\(code)\"}")
            }
        }
        do { _ = try await verifier.authenticate(authorizationValues: []); Issue.record("accepted") } catch {
            #expect(error.error == nil && error.body == "{\"error\":\"unauthorized\",\"code\":\"missing-token\"}" && error.description.hasPrefix("missing-token"))
        }
        // Route-level requirements: 403 insufficient_scope; a scope requirement names the scopes.
        try BearerRequirement.anyGroup(["admin", "ops"]).check(access)
        try BearerRequirement.anyScope(["orders/read"]).check(access)
        #expect(throws: BearerRejection(JWTError(.insufficientScope, ""))) { try BearerRequirement.anyGroup(["admin"]).check(id) }
        do { try BearerRequirement.anyScope(["orders/write", "orders/admin"]).check(access, realm: "api"); Issue.record("accepted") } catch {
            #expect(error.status == 403 && error.body == "{\"error\":\"insufficient_scope\",\"code\":\"insufficient-scope\"}")
            #expect(error.challenge.headerValue == "Bearer realm=\"api\", scope=\"orders/write orders/admin\", error=\"insufficient_scope\", error_description=\"insufficient-scope\"")
        }
        // 503 when the key set cannot be fetched.
        let down = try CognitoVerifier(userPoolID: pool.poolID, clientIDs: [pool.clientID], tokenUse: .access,
                                       fetcher: FakeJWKSFetcher(.failure("down")).fetcher, clock: clock)
        do { _ = try await down.authenticate(authorizationValues: ["Bearer " + pool.accessToken(issuedAt: now)], realm: "api"); Issue.record("accepted") } catch {
            #expect(error.status == 503 && error.code == "jwks-fetch-failed" && error.challenge.headerValue == "Bearer realm=\"api\"")
            #expect(error.body == "{\"error\":\"temporarily_unavailable\",\"code\":\"jwks-fetch-failed\"}")
        }
        // A generic verifier's identity is the verified token.
        let generic = TokenVerifier(keys: .static(pool.jwks), policy: VerificationPolicy(issuer: [pool.issuer], audience: .notChecked), clock: clock)
        let token = try await generic.authenticate(authorizationValues: ["Bearer " + pool.accessToken(scopes: ["a", "b"], issuedAt: now)])
        #expect(token.scopes == ["a", "b"] && token.groups.isEmpty)
    }

    @Test func httpStatusPerCode() {
        for code in JWTError.Code.allCases {
            let expected = code == .insufficientScope ? 403 : (code == .jwksFetchFailed ? 503 : 401)
            #expect(JWTError(code, "").httpStatus == expected, "\(code)")
        }
    }

    // MARK: Cognito

    @Test func cognitoOverridesAndCustomCheck() throws {
        let pool = CognitoTestPool()
        let tenantCheck: CustomClaimCheck = { claims throws(JWTError) in
            guard claims.string("custom:tenant") == "acme" else { throw JWTError(.invalidClaim, "tenant") }
        }
        let v = try CognitoVerifier(userPoolID: pool.poolID, clientIDs: [pool.clientID], tokenUse: .access, keys: .static(pool.jwks),
                                    groups: ["staff"], customCheck: tenantCheck, clock: .fixed(Self.now))
        let staff = pool.accessToken(groups: ["staff", "billing"], scopes: ["openid", "orders:read"], issuedAt: Self.now,
                                     overrides: [("custom:tenant", "acme")])
        #expect((try? v.verifySync(staff)) != nil)
        // Per call: groups, scopes and client ids narrowed; the pool's own group rule is replaced.
        #expect((try? v.verifySync(staff, groups: ["billing"])) != nil)
        #expect(throws: JWTError(.insufficientScope, "")) { try v.verifySync(staff, groups: ["admin"]) }
        #expect(throws: JWTError(.insufficientScope, "")) { try v.verifySync(staff, scopes: ["orders:write"]) }
        #expect((try? v.verifySync(staff, scopes: ["orders:read"])) != nil)
        #expect(throws: JWTError(.invalidAudience, "")) { try v.verifySync(staff, clientIDs: ["another-client"]) }
        #expect((try? v.verifySync(staff, clientIDs: .notChecked)) != nil)
        // The custom check runs last, on every call.
        let otherTenant = pool.accessToken(groups: ["staff"], issuedAt: Self.now, overrides: [("custom:tenant", "globex")])
        #expect(throws: JWTError(.invalidClaim, "")) { try v.verifySync(otherTenant) }
    }

    @Test func typedCognitoClaims() throws {
        let pool = CognitoTestPool()
        let access = try pool.verifier(tokenUse: .access, clock: .fixed(Self.now))
            .verifySync(pool.accessToken(username: "alice", groups: ["admin"], scopes: ["openid", "orders:read"], issuedAt: Self.now))
        let a = try access.cognitoAccessToken()
        #expect(a.clientID == pool.clientID && a.username == "alice" && a.groups == ["admin"] && a.scopes == ["openid", "orders:read"])
        #expect(a.expiration == NumericDate(secondsSince1970: Self.now.secondsSince1970 + 3600) && a.version == 2 && a.issuer == pool.issuer)
        #expect(throws: JWTError(.invalidTokenUse, "")) { try access.cognitoIDToken() }
        let id = try pool.verifier(tokenUse: .id, clock: .fixed(Self.now))
            .verifySync(pool.idToken(email: "a@example.com", issuedAt: Self.now, overrides: [("phone_number_verified", "false"), ("custom:tier", "gold")]))
        let i = try id.cognitoIDToken()
        #expect(i.audience == pool.clientID && i.email == "a@example.com" && i.emailVerified == true && i.phoneNumberVerified == false)
        #expect(i.all.string("custom:tier") == "gold")
        // Wrong types are invalid-claim, never guessed.
        let badGroups = try pool.verifier(tokenUse: .access, clock: .fixed(Self.now))
            .verifySync(pool.accessToken(issuedAt: Self.now, overrides: [("cognito:groups", "admin")]))
        #expect(throws: JWTError(.invalidClaim, "")) { try badGroups.cognitoAccessToken() }
        let badVerified = try pool.verifier(tokenUse: .id, clock: .fixed(Self.now))
            .verifySync(pool.idToken(issuedAt: Self.now, overrides: [("email_verified", 1)]))
        #expect(throws: JWTError(.invalidClaim, "")) { try badVerified.cognitoIDToken() }
    }

    // MARK: times, JWKS text, clock

    @Test("ISO 8601 against day-by-day counting", arguments: [0, 1, 59, 86_399, 86_400, 951_782_400, 951_868_799, 1_763_900_000,
                                                             4_107_542_400, 253_402_300_799])
    func iso8601(_ t: Int64) {
        // A naive reference: walk the calendar year by year, month by month.
        var days = t / 86_400, year: Int64 = 1970
        func leap(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
        while days >= (leap(year) ? 366 : 365) { days -= leap(year) ? 366 : 365; year += 1 }
        var month = 1
        let lengths: [Int64] = [31, leap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        while days >= lengths[month - 1] { days -= lengths[month - 1]; month += 1 }
        let s = t % 86_400
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let yearText = String(repeating: "0", count: 4 - "\(year)".count) + "\(year)"
        let expected = "\(yearText)-\(two(Int64(month)))-\(two(days + 1))T\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))Z"
        #expect(NumericDate(t).iso8601 == expected)
        #expect(NumericDate(t).description == "\(t) (\(expected))")
    }

    @Test func iso8601Edges() {
        #expect(NumericDate(secondsSince1970: 1.5).iso8601 == "1970-01-01T00:00:01.500Z")
        #expect(NumericDate(secondsSince1970: -1).iso8601 == nil)
        #expect(NumericDate(secondsSince1970: .infinity).description == "inf")
        #expect(NumericDate(secondsSince1970: 1e300).iso8601 == nil)
        #expect(JWTError(.expired, "").description == "expired: ")
    }

    @Test func jwksTextRoundTrips() throws {
        let set = TestSigner.jwks(.rs256, .rs256Second)
        let again = try JWKSet(json: set.jsonText)
        #expect(again.keys.count == 2)
        #expect(again.keys.map(\.keyID) == ["purejwt-test-rsa-1", "purejwt-test-rsa-2"])
        #expect(again.keys.map { $0.rsaKey } == set.keys.map { $0.rsaKey })
        #expect(set.jsonText.hasPrefix("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"purejwt-test-rsa-1\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""))
    }

    /// A remote source given by URL reads the verifier's clock: moving the one clock ages the set.
    @Test func oneClockForVerifierAndRemoteSet() async throws {
        let time = PureJWTTesting.TestClock(Self.now)
        let fake = FakeJWKSFetcher(serving: TestSigner.rs256.jwks)
        let v = TokenVerifier(keys: .remote(url: "https://issuer.test/jwks", fetch: fake.fetcher),
                              policy: VerificationPolicy(issuers: [Self.iss], audiences: ["api"]), clock: time.clock)
        let token = TestSigner.rs256.sign(["iss": .string(Self.iss), "aud": "api", "exp": .integer(1_800_003_600)])
        _ = try await v.verify(token)
        #expect(fake.fetchCount == 1)
        time.advance(by: 601)   // past the 10-minute lifetime: served stale, refreshed in the background
        _ = try await v.verify(token)
        try await Task.sleep(nanoseconds: 200_000_000)
        #expect(fake.fetchCount == 2)
    }
}
