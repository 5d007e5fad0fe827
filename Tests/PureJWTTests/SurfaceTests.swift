import Testing
import VectorSupport
import PureJWT
import PureJWTTesting

/// The rest of the public surface, each entry point exercised once with its result checked:
/// signature-only verification over remote keys, the Cognito verifier's accessors and its multi-pool
/// async path, claims accessors, unverified decoding errors.
@Suite struct SurfaceTests {
    static let now = NumericDate(1_800_000_000)
    let claims: JSONValue = ["iss": "https://i.test", "aud": "a", "sub": "s", "jti": "j", "exp": 1_800_000_600, "list": [1, "two", [3]],
                             "obj": ["k": "v"], "groups": ["g1", 2, "g3"]]

    @Test func jwsVerifierOverARemoteSet() async throws {
        let fake = FakeJWKSFetcher(serving: TestSigner.rs256.jwks)
        let jws = JWSVerifier(keys: .remote(url: "https://i.test/jwks", fetch: fake.fetcher), clock: .fixed(Self.now))
        #expect(jws.keySetStatus?.freshness == .empty)
        // verifySync before any fetch: the set is not loaded.
        #expect(throws: JWTError(.jwksFetchFailed, "")) { try jws.verifySync(TestSigner.rs256.sign(claims)) }
        let token = TestSigner.rs256.sign(claims)
        let (header, payload) = try await jws.verify(token)
        #expect(header.keyID == "purejwt-test-rsa-1" && payload == claims.jsonBytes)
        #expect(try await jws.verify(Array(token.utf8)).payload == claims.jsonBytes)
        #expect(try jws.verifySync(token).payload == claims.jsonBytes)
        try await jws.hydrate()
        #expect(jws.keySetStatus?.keyCount == 1)
        await #expect(throws: JWTError(.invalidSignature, "")) {
            try await jws.verify(TestSigner.rsa(.second, keyID: "purejwt-test-rsa-1").sign(claims))
        }
        // Static sets: async verify is verifySync.
        let fixed = JWSVerifier(keys: TestSigner.rs256.jwks)
        #expect(try await fixed.verify(token).payload == claims.jsonBytes && fixed.keySetStatus == nil)
    }

    @Test func claimsAccessors() throws {
        let v = TokenVerifier(keys: .static(TestSigner.rs256.jwks), policy: VerificationPolicy(issuers: ["https://i.test"], audiences: ["a"]),
                              clock: .fixed(Self.now))
        let t = try v.verifySync(Array(TestSigner.rs256.sign(claims).utf8))
        #expect(t.claims.jwtID == "j" && t.claims.count == 8)
        #expect(t.claims.names == ["iss", "aud", "sub", "jti", "exp", "list", "obj", "groups"])
        #expect(t.claims["list"] == [1, "two", [3]] && t.claims["obj"] == ["k": "v"] && t.claims["missing"] == nil)
        #expect(t.claims.json.count == 8 && t.header.json["alg"] == "RS256" && t.header["kid"] == "purejwt-test-rsa-1")
        #expect(t.header.algorithmName == "RS256" && t.algorithm == .rs256 && t.header.type == nil)
        #expect(t.claims.groups.isEmpty)              // no cognito:groups
        #expect(t.claims.string("sub") == "s" && t.claims.string("exp") == nil)
        #expect(t.claims.issuedAt == nil && t.claims.notBefore == nil && t.claims.expiration == NumericDate(1_800_000_600))
        #expect(NumericDate(1) < NumericDate(2))
    }

    @Test func registeredClaimTypes() throws {
        let v = TokenVerifier(keys: .static(TestSigner.rs256.jwks), policy: VerificationPolicy(issuer: .notChecked, audience: .notChecked),
                              clock: .fixed(Self.now))
        for (name, value) in [("sub", JSONValue.integer(1)), ("aud", ["a", 1]), ("aud", 5), ("nbf", "soon"), ("exp", .number(JSONNumber(1e300)!))] {
            let c: JSONValue = .object(JSONObject([("exp", .integer(1_800_000_600)), (name, value)].filter { name != "exp" || $0.0 == "exp" }))
            let token = TestSigner.rs256.sign(name == "exp" ? ["exp": value] : c)
            #expect(throws: JWTError(.invalidClaim, ""), "\(name)") { try v.verifySync(token) }
        }
        let issuerRequired = TokenVerifier(keys: .static(TestSigner.rs256.jwks), policy: VerificationPolicy(issuers: ["https://i.test"], audiences: ["a"]),
                                           clock: .fixed(Self.now))
        #expect(throws: JWTError(.invalidIssuer, "")) { try issuerRequired.verifySync(TestSigner.rs256.sign(["aud": "a", "exp": 1_800_000_600])) }
        // A payload that is JSON but not an object.
        let array = TestSigner.rs256.sign(headerJSON: Array(#"{"alg":"RS256","kid":"purejwt-test-rsa-1"}"#.utf8), payload: Array("[1]".utf8))
        #expect(throws: JWTError(.malformedToken, "")) { try v.verifySync(array) }
    }

    @Test func cognitoAccessorsAndMultiplePools() async throws {
        let a = CognitoTestPool(poolID: "us-east-1_PoolA", clientID: "clienta", signer: .rs256)
        let b = CognitoTestPool(poolID: "eu-west-1_PoolB", clientID: "clientb", signer: .rs256Second)
        let fakeA = FakeJWKSFetcher(serving: a.jwks), fakeB = FakeJWKSFetcher(.failure("pool B is down"))
        let verifier = CognitoVerifier(pools: [
            .init(pool: try CognitoUserPool(id: a.poolID), clientIDs: [a.clientID], tokenUse: .access,
                  keys: .remote(url: "https://a.test/jwks", fetch: fakeA.fetcher)),
            .init(pool: try CognitoUserPool(id: b.poolID), clientIDs: [b.clientID], tokenUse: .access,
                  keys: .remote(url: "https://b.test/jwks", fetch: fakeB.fetcher)),
        ], leeway: 5, clock: .fixed(Self.now))
        #expect(verifier.pools.count == 2 && verifier.algorithms == [.rs256] && verifier.leeway == 5 && verifier.limits == .default)
        #expect(verifier.clock.now == Self.now && verifier.keySetStatus?.freshness == .empty && verifier.tokenCacheStatus == nil)
        // Pool A's token verifies although pool B cannot be fetched.
        _ = try await verifier.verify(a.accessToken(issuedAt: Self.now))
        // Now A's keys are cached: a token of A verifies without fetching B again.
        _ = try await verifier.verify(a.accessToken(subject: "other", issuedAt: Self.now))
        #expect(fakeA.fetchCount == 1)
        // B's token: B's set cannot be fetched, so B's error is the answer.
        await #expect(throws: JWTError(.jwksFetchFailed, "")) { try await verifier.verify(b.accessToken(issuedAt: Self.now)) }
        #expect(verifier.keySetStatuses.map(\.poolID) == [a.poolID, b.poolID])
    }

    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
    @Test func systemClockInitialisers() throws {
        let pool = CognitoTestPool()
        let v1 = try CognitoVerifier(userPoolID: pool.poolID, clientIDs: [pool.clientID], tokenUse: .access, keys: .static(pool.jwks))
        let fake = FakeJWKSFetcher(serving: pool.jwks)
        let v2 = try CognitoVerifier(userPoolID: pool.poolID, clientIDs: [pool.clientID], tokenUse: .access, fetcher: fake.fetcher)
        let real = NumericDate(secondsSince1970: JWTClock.system.now.secondsSince1970.rounded(.down))
        #expect(try v1.verifySync(pool.accessToken(issuedAt: real)).claims.clientID == pool.clientID)
        #expect(v2.clock.now.secondsSince1970 >= real.secondsSince1970)
        let remote = RemoteKeySet(url: "https://x.test/jwks", fetcher: fake.fetcher)
        #expect(remote.url == "https://x.test/jwks" && remote.options.cooldown == 30)
    }
    #endif

    @Test func unverifiedDecodingErrors() throws {
        #expect(throws: JWTError(.malformedToken, "")) { try UnverifiedToken.decodeUnverified(Array("e30.e30".utf8)) }
        #expect(throws: JWTError(.malformedToken, "")) { try UnverifiedToken.decodeUnverified(Array("QR.e30.sig".utf8)) }   // non-canonical base64url
        #expect(throws: JWTError(.malformedJSON, "")) { try UnverifiedToken.decodeUnverified(Array("e30x.e30.sig".utf8)) }
        #expect(throws: JWTError(.malformedToken, "")) { try UnverifiedToken.decodeUnverified(Array("WzFd.e30.sig".utf8)) }   // header [1]
        #expect(throws: JWTError(.malformedJSON, "")) { try UnverifiedToken.decodeUnverified(Array("e30.e30x.sig".utf8)) }
        let ok = try UnverifiedToken.decodeUnverified(Array("e30.WzFd.sig".utf8))
        #expect(ok.payload == [1] && ok.payloadBytes == Array("[1]".utf8) && ok.header.count == 0)
    }

    @Test func testingHelpers() throws {
        let clock = PureJWTTesting.TestClock(Self.now)
        clock.set(NumericDate(5))
        #expect(clock.now == NumericDate(5))
        #expect(TestRSAKey.first.jwk(algorithm: "RS256").algorithm == "RS256")
        let fractional = CognitoTestPool().accessToken(issuedAt: NumericDate(secondsSince1970: 1_800_000_000.5))
        #expect(try UnverifiedToken.decodeUnverified(Array(fractional.utf8)).payload["iat"] == .number(JSONNumber(1_800_000_000.5)!))
    }
}
