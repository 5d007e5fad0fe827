import Foundation
import Synchronization
import Testing
import VectorSupport
import PureJWK
@testable import PureJWT

/// Issue 11's rules for the remote key set. CI also runs this suite under ThreadSanitizer
/// (`swift test --sanitize=thread --filter RemoteKeySetRulesTests`).
@Suite struct RemoteKeySetRulesTests {
    static let now = 1_763_900_000.0
    let jwks = (try? Vectors.data("cognito/jwks.json")) ?? []
    let access = ((try? Vectors.text("cognito/access_token.jwt")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    let pool = "us-east-1_AbC123xyz", client = "4h8d2j9k1l0m3n5p7q6r2s4t8u"

    func cognito(_ remote: RemoteKeySet) throws -> CognitoVerifier {
        try CognitoVerifier(userPoolID: pool, clientIDs: [client], tokenUse: .access, keys: .remote(remote),
                            clock: .fixed(NumericDate(secondsSince1970: Self.now)))
    }

    func token(kid: String, alg: String = "RS256") -> String {
        let parts = access.split(separator: ".")
        let header = Base64URLForTest.encode(Array("{\"kid\":\"\(kid)\",\"alg\":\"\(alg)\"}".utf8))
        return header + "." + parts[1] + "." + parts[2]
    }

    /// The cooldown cannot be broken by interleaving: with the clock frozen, thousands of concurrent
    /// verifications of tokens with forged kids cause exactly one fetch — repeated many times. (The
    /// old code released the lock between deciding and starting a fetch; a fetch that finished in
    /// between let the next caller start another one without re-checking the cooldown. Measured on
    /// the old code, about 1 flood in 20 made two fetches, so 100 repetitions miss it < 1% of runs.)
    @Test("a flood of forged kids under a frozen clock causes exactly one fetch")
    func floodCausesExactlyOneFetch() async throws {
        let repetitions = Int(ProcessInfo.processInfo.environment["FLOOD_REPETITIONS"] ?? "") ?? 100
        let tasks = 2_000
        var rng = SeededRNG(seed: 0xF100D)
        let tokens = (0..<tasks).map { _ in token(kid: Base64URLForTest.encode(rng.bytes(12))) }
        for repetition in 0..<repetitions {
            let clock = TestClock(Self.now)
            let fake = FakeFetcher()
            fake.answer(.bytes(jwks))                        // answers at once: the racy interleaving
            let remote = RemoteKeySet(url: "https://example.test/jwks.json", clock: clock.clock, fetcher: fake.fetcher)
            try remote.seed(json: jwks, fetchedAt: clock.now)   // fresh, no attempt yet: the first forged kid may fetch
            let v = try cognito(remote)
            let codes = await withTaskGroup(of: JWTError.Code?.self) { group in
                for t in tokens { group.addTask { do throws(JWTError) { _ = try await v.verify(t); return nil } catch { return error.code } } }
                var all: [JWTError.Code?] = []
                for await c in group { all.append(c) }
                return all
            }
            await settle(remote)
            #expect(codes.allSatisfy { $0 == .keyNotFound }, "repetition \(repetition)")
            #expect(fake.calls == 1 && remote.status.fetchCount == 1, "repetition \(repetition): \(fake.calls) fetches")
        }
    }

    /// Stale-while-revalidate: a fetcher that never answers, a set 601 s old. A token whose kid the
    /// set holds verifies at once; a token with an unknown kid waits for the refresh and fails when
    /// the key set's own deadline ends it — `jwks-fetch-failed` (503: the set may miss a rotation,
    /// so the token cannot be judged), and `key-not-found` (401) again once a refresh succeeds.
    @Test func staleSetAnswersAtOnceWhileTheRefreshHangs() async throws {
        let clock = TestClock(Self.now)
        let fake = FakeFetcher()
        fake.answer(.bytes(jwks))
        // Timing bounds are loose (a loaded CI machine, sanitizers) but separate the two outcomes:
        // at once (< 1.5 s) versus after the 3 s deadline.
        let remote = RemoteKeySet(url: "https://example.test/jwks.json", options: .init(refreshDeadline: 3),
                                  clock: clock.clock, fetcher: fake.fetcher)
        let v = try cognito(remote)
        _ = try await v.verify(access)
        fake.answer(.never)
        clock.advance(601)
        let started = ContinuousClock.now
        _ = try await v.verify(access)                                   // served from the stale set
        #expect(ContinuousClock.now - started < .milliseconds(1500))
        #expect(remote.status.freshness == .stale && remote.status.isRefreshing)
        let unknown = ContinuousClock.now
        await #expect(throws: JWTError(.jwksFetchFailed, "")) { try await v.verify(token(kid: "not-in-the-set")) }
        let waited = ContinuousClock.now - unknown
        #expect(waited >= .milliseconds(2500) && waited < .seconds(15), "waited \(waited)")
        #expect(!remote.status.isRefreshing)
        #expect(remote.status.lastError?.message.contains("refresh deadline") == true)
        _ = try await v.verify(access)                                   // still served (cooling down)
        #expect(fake.calls == 2)
        // Cooling down after the failure: still unjudgeable. After a good refresh: not found.
        await #expect(throws: JWTError(.jwksFetchFailed, "")) { try await v.verify(token(kid: "not-in-the-set")) }
        fake.answer(.bytes(jwks))
        clock.advance(31)
        await #expect(throws: JWTError(.keyNotFound, "")) { try await v.verify(token(kid: "not-in-the-set")) }
        #expect(fake.calls == 3 && remote.status.lastError == nil)
    }

    /// With nothing cached, a hanging fetcher fails the first verification at the deadline, and the
    /// cache is not wedged: after the cooldown the next fetch is made and succeeds.
    @Test func deadlineEndsAHangingFirstFetch() async throws {
        let clock = TestClock(Self.now)
        let fake = FakeFetcher()
        fake.answer(.never)
        let remote = RemoteKeySet(url: "https://example.test/jwks.json", options: .init(refreshDeadline: 0.3),
                                  clock: clock.clock, fetcher: fake.fetcher)
        let v = try cognito(remote)
        await #expect(throws: JWTError(.jwksFetchFailed, "")) { try await v.verify(access) }
        #expect(!remote.status.isRefreshing && remote.status.freshness == .empty)
        fake.answer(.bytes(jwks))
        clock.advance(30)
        _ = try await v.verify(access)
        #expect(fake.calls == 2)
    }

    /// A caller's wait is cancellable: cancelling its task returns at once with jwks-fetch-failed,
    /// while the fetch itself runs on to its deadline for other callers.
    @Test func waitingIsCancellable() async throws {
        let clock = TestClock(Self.now)
        let fake = FakeFetcher()
        fake.answer(.never)
        let remote = RemoteKeySet(url: "https://example.test/jwks.json", options: .init(refreshDeadline: 30),
                                  clock: clock.clock, fetcher: fake.fetcher)
        let v = try cognito(remote)
        let access = self.access
        let task = Task { () async -> JWTError? in
            do throws(JWTError) { _ = try await v.verify(access); return nil } catch { return error }
        }
        try await Task.sleep(nanoseconds: 50_000_000)
        let cancelledAt = ContinuousClock.now
        task.cancel()
        let error = await task.value
        #expect(ContinuousClock.now - cancelledAt < .seconds(10))   // not the 30 s deadline
        #expect(error?.code == .jwksFetchFailed && error?.message.contains("cancelled") == true, "\(String(describing: error))")
        #expect(remote.status.isRefreshing)
    }

    /// `alg` is checked against the allowlist before any key lookup or fetch.
    @Test func disallowedAlgorithmCausesNoFetch() async throws {
        let clock = TestClock(Self.now)
        let fake = FakeFetcher()
        fake.answer(.bytes(jwks))
        let remote = RemoteKeySet(url: "https://example.test/jwks.json", clock: clock.clock, fetcher: fake.fetcher)
        let cognito = try self.cognito(remote)
        let generic = TokenVerifier(keys: .remote(remote), policy: .init(issuer: .notChecked, audience: .notChecked),
                                    clock: .fixed(NumericDate(secondsSince1970: Self.now)))
        for alg in ["none", "HS256", "RS384", "ES256"] {
            let t = token(kid: "random-\(alg)", alg: alg)
            await #expect(throws: JWTError(.unsupportedAlgorithm, "")) { try await cognito.verify(t) }
            await #expect(throws: JWTError(.unsupportedAlgorithm, "")) { try await generic.verify(t) }
        }
        #expect(fake.calls == 0 && remote.status.fetchCount == 0)
    }

    /// The synchronous Cognito verify: pool B's remote set not being loaded must not fail pool A's
    /// tokens; a token no pool has the key for reports B's unavailability.
    @Test func syncVerifyToleratesAnUnloadedPool() throws {
        let fake = FakeFetcher()
        fake.answer(.failure("unreachable"))
        let a = try CognitoUserPool(id: pool)
        let b = try CognitoUserPool(id: "eu-west-1_Other1234")
        let v = CognitoVerifier(pools: [
            .init(pool: b, clientIDs: [client], tokenUse: .access,
                  keys: .remote(RemoteKeySet(url: b.jwksURL, clock: .fixed(NumericDate(secondsSince1970: Self.now)), fetcher: fake.fetcher))),
            .init(pool: a, clientIDs: [client], tokenUse: .access, keys: .static(try JWKSet(json: jwks))),
        ], clock: .fixed(NumericDate(secondsSince1970: Self.now)))
        _ = try syncVerify(v, access)
        #expect(throws: JWTError(.jwksFetchFailed, "")) { try syncVerify(v, token(kid: "unknown")) }
        #expect(v.keySetStatuses.map(\.poolID) == ["eu-west-1_Other1234"])
    }

    /// The cache is reachable from a verifier built with a fetcher.
    @Test func verifiersExposeTheirCache() async throws {
        let fake = FakeFetcher()
        fake.answer(.bytes(jwks))
        let v = try CognitoVerifier(userPoolID: pool, clientIDs: [client], tokenUse: .access, fetcher: fake.fetcher,
                                    clock: .fixed(NumericDate(secondsSince1970: Self.now)))
        #expect(v.keySetStatuses.first?.status.freshness == .empty)
        try await v.hydrate()
        #expect(v.keySetStatuses.first?.status.freshness == .fresh && fake.calls == 1)
        _ = try syncVerify(v, access)
        let remote = RemoteKeySet(url: "https://example.test/jwks.json", clock: .fixed(NumericDate(secondsSince1970: Self.now)), fetcher: fake.fetcher)
        let generic = TokenVerifier(keys: .remote(remote), policy: .init(issuer: .notChecked, audience: .notChecked))
        try await generic.hydrate()
        #expect(generic.keySetStatus?.keyCount == 2)
        #expect(TokenVerifier(keys: .static(JWKSet(keys: [])), policy: .init(issuer: .notChecked, audience: .notChecked)).keySetStatus == nil)
    }

    @Test("Cache-Control max-age", arguments: [
        ("max-age=300", 300.0), ("public, max-age=300", 300), ("MAX-AGE=300", 300), ("max-age=\"300\"", 300),
        (" max-age = 300 ", 300), ("no-store", 0), ("no-cache, max-age=300", 0), ("max-age=300, max-age=100", 100),
        ("max-age=abc", nil), ("max-age=", nil), ("s-maxage=10", nil), ("", nil), ("max-age=99999999999999999999", 2_147_483_648),
        ("max-age=30\u{0}", nil),
    ] as [(String, Double?)])
    func cacheControl(_ value: String, _ expected: Double?) {
        #expect(JWKSResponse.maxAge(cacheControl: value) == expected)
    }

    /// The response's lifetime, clamped to [60 s, 1 day]; 600 s without one.
    @Test func cacheControlLifetimeIsClamped() async throws {
        for (maxAge, lifetime) in [(120.0, 120.0), (5, 60), (1e9, 86_400), (nil, 600)] as [(Double?, Double)] {
            let fake = FakeFetcher()
            fake.answer(.response(JWKSResponse(body: jwks, maxAge: maxAge)))
            let clock = TestClock(Self.now)
            let remote = RemoteKeySet(url: "https://example.test/jwks.json", clock: clock.clock, fetcher: fake.fetcher)
            try await remote.hydrate()
            #expect(remote.status.lifetime == lifetime)
            clock.advance(lifetime - 0.5)
            #expect(remote.status.freshness == .fresh)
            clock.advance(0.5)
            #expect(remote.status.freshness == .stale)
        }
    }

    /// AWS China regions live under amazonaws.com.cn.
    @Test func chinaRegions() throws {
        let p = try CognitoUserPool(id: "cn-north-1_AbC123xyz")
        #expect(p.issuers == ["https://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_AbC123xyz",
                              "https://issuer-cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_AbC123xyz"])
        #expect(p.jwksURL == "https://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_AbC123xyz/.well-known/jwks.json")
        #expect(try CognitoUserPool(id: "cn-northwest-1_X1").issuers[0].hasPrefix("https://cognito-idp.cn-northwest-1.amazonaws.com.cn/"))
        #expect(try CognitoUserPool(id: "us-gov-west-1_X1").issuers[0] == "https://cognito-idp.us-gov-west-1.amazonaws.com/us-gov-west-1_X1")
    }
}
