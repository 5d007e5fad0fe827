import Foundation
import Synchronization
import Testing
import VectorSupport
import PureJWK
@testable import PureJWT

/// State shared between test tasks behind an NSLock (a pthread mutex, which ThreadSanitizer sees;
/// Synchronization.Mutex is invisible to it on Linux — see Sources/PureJWT/Lock.swift).
final class Protected<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock(); defer { lock.unlock() }
        return try body(&value)
    }
}

/// A clock the test moves by hand.
final class TestClock: Sendable {
    let seconds: Protected<Double>
    init(_ start: Double) { seconds = Protected(start) }
    func advance(_ s: Double) { seconds.withLock { $0 += s } }
    var clock: JWTClock { JWTClock { NumericDate(secondsSince1970: self.seconds.withLock { $0 }) } }
    var now: NumericDate { clock.now }
}

/// A fetcher whose answers the test scripts, counting calls.
final class FakeFetcher: Sendable {
    enum Answer: Sendable { case bytes([UInt8]), response(JWKSResponse), failure(String), never }
    let state = Protected<(answer: Answer, calls: Int, delayMs: UInt64)>((.failure("unset"), 0, 0))
    func answer(_ a: Answer) { state.withLock { $0.answer = a } }
    func delay(_ ms: UInt64) { state.withLock { $0.delayMs = ms } }
    var calls: Int { state.withLock { $0.calls } }
    var fetcher: JWKSFetcher {
        { _ in
            let (a, d) = self.state.withLock { s -> (Answer, UInt64) in s.calls += 1; return (s.answer, s.delayMs) }
            if d > 0 { try await Task.sleep(nanoseconds: d * 1_000_000) }
            switch a {
            case .bytes(let b): return JWKSResponse(body: b)
            case .response(let r): return r
            case .failure(let m): throw JWKSFetchErrorForTest(message: m)
            case .never: return await Hang.forever()
            }
        }
    }
}

/// A fetch that never answers and ignores cancellation (its continuation is kept, never resumed).
enum Hang {
    static let parked = Protected<[CheckedContinuation<JWKSResponse, Never>]>([])
    static func forever() async -> JWKSResponse {
        await withCheckedContinuation { c in parked.withLock { $0.append(c) } }
    }
}

/// Waits (real time, bounded) until the cache has no fetch in flight.
func settle(_ remote: RemoteKeySet) async {
    for _ in 0..<500 where remote.status.isRefreshing { try? await Task.sleep(nanoseconds: 2_000_000) }
}

struct JWKSFetchErrorForTest: Error, CustomStringConvertible { let message: String; var description: String { message } }

@Suite struct RemoteKeySetTests {
    static let now = 1_763_900_000.0
    let jwks = (try? Vectors.data("cognito/jwks.json")) ?? []
    let rotated = (try? Vectors.data("cognito/jwks_rotated.json")) ?? []
    let access = ((try? Vectors.text("cognito/access_token.jwt")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    let rotatedToken = ((try? Vectors.text("cognito/rotated_access_token.jwt")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    let pool = "us-east-1_AbC123xyz", client = "4h8d2j9k1l0m3n5p7q6r2s4t8u"

    func setUp(_ options: RemoteKeySetOptions = .init()) throws -> (CognitoVerifier, RemoteKeySet, FakeFetcher, TestClock) {
        let clock = TestClock(Self.now)
        let fake = FakeFetcher()
        fake.answer(.bytes(jwks))
        let remote = RemoteKeySet(url: "https://example.test/jwks.json", options: options, clock: clock.clock, fetcher: fake.fetcher)
        // Tokens are judged at a fixed time; the cache runs on the test clock.
        let v = try CognitoVerifier(userPoolID: pool, clientIDs: [client], tokenUse: .access, keys: .remote(remote),
                                    clock: .fixed(NumericDate(secondsSince1970: Self.now)))
        return (v, remote, fake, clock)
    }

    @Test func firstVerificationFetchesThenCaches() async throws {
        let (v, remote, fake, _) = try setUp()
        #expect(remote.status.freshness == .empty)
        #expect(throws: JWTError(.jwksFetchFailed, "")) { try v.verifySync(access) }   // sync: nothing cached
        _ = try await v.verify(access)
        _ = try await v.verify(access)
        _ = try syncVerify(v, access)                                              // sync now serves the cache
        #expect(fake.calls == 1)
        #expect(remote.status.freshness == .fresh && remote.status.keyCount == 2)
    }

    @Test func maxAgeBoundary() async throws {
        let (v, remote, fake, clock) = try setUp()
        _ = try await v.verify(access)
        clock.advance(599.9)
        _ = try await v.verify(access)
        #expect(fake.calls == 1 && remote.status.freshness == .fresh)
        clock.advance(0.1)                       // age == maxAge: stale — served at once, refreshed behind
        _ = try await v.verify(access)
        #expect(remote.status.fetchCount == 2)
        await settle(remote)
        #expect(fake.calls == 2)
        #expect(remote.status.lastFetch == clock.now && remote.status.freshness == .fresh)
    }

    @Test func unknownKidRefetchesOncePerCooldown() async throws {
        let (v, _, fake, clock) = try setUp()
        _ = try await v.verify(access)
        #expect(fake.calls == 1)
        // The pool rotates: the new key's token triggers exactly one refetch…
        fake.answer(.bytes(rotated))
        clock.advance(30)
        _ = try await v.verify(rotatedToken)
        #expect(fake.calls == 2)
        // …and the retired key is gone: key-not-found, no new fetch inside the cooldown.
        await #expect(throws: JWTError(.keyNotFound, "")) { try await v.verify(access) }
        clock.advance(29.9)
        await #expect(throws: JWTError(.keyNotFound, "")) { try await v.verify(access) }
        #expect(fake.calls == 2)
        clock.advance(0.1)                       // cooldown over: one more attempt
        await #expect(throws: JWTError(.keyNotFound, "")) { try await v.verify(access) }
        #expect(fake.calls == 3)
    }

    @Test("1,000 tokens with random unknown kids cause at most one fetch per cooldown")
    func unknownKidFlood() async throws {
        let (v, remote, fake, clock) = try setUp()
        _ = try await v.verify(access)
        var rng = SeededRNG(seed: 1000)
        let parts = access.split(separator: ".")
        for i in 0..<1_000 {
            let kid = Base64URLForTest.encode(rng.bytes(12))
            let header = Base64URLForTest.encode(Array("{\"kid\":\"\(kid)\",\"alg\":\"RS256\"}".utf8))
            await #expect(throws: JWTError(.keyNotFound, "")) { try await v.verify(header + "." + parts[1] + "." + parts[2]) }
            if i % 100 == 99 { clock.advance(10) }   // 1,000 tokens over 100 s: 3 cooldown periods
        }
        #expect(fake.calls <= 1 + 4, "fetches: \(fake.calls)")
        #expect(remote.status.isCoolingDown || fake.calls <= 5)
    }

    @Test func concurrentCallersShareOneFetch() async throws {
        let (v, _, fake, _) = try setUp()
        fake.delay(200)
        let ok = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<50 { group.addTask { (try? await v.verify(access)) != nil } }
            var all: [Bool] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(ok.count == 50 && ok.allSatisfy { $0 })
        #expect(fake.calls == 1)
    }

    @Test func badResponsesNeverReplaceAGoodSet() async throws {
        let (v, remote, fake, clock) = try setUp()
        _ = try await v.verify(access)
        for bad: FakeFetcher.Answer in [.bytes(Array("not json".utf8)), .bytes(Array("{\"keys\":[{\"kty\":\"RSA\",\"n\":\"AA\",\"e\":\"AQAB\",\"d\":\"x\"}]}".utf8)),
                                        .bytes([UInt8](repeating: 0x20, count: (1 << 20) + 1)), .failure("connection refused")] {
            fake.answer(bad)
            clock.advance(600)                    // stale → refresh attempt, which fails
            _ = try await v.verify(access)        // still verifies with the last good set
            await settle(remote)
            #expect(remote.status.lastError?.code == .jwksFetchFailed)
            #expect(remote.status.keyCount == 2)
        }
    }

    @Test func staleWindowThenFailure() async throws {
        let (v, remote, fake, clock) = try setUp(RemoteKeySetOptions(maxAge: 600, cooldown: 30, staleWindow: 3600))
        _ = try await v.verify(access)
        fake.answer(.failure("HTTP status 500"))
        clock.advance(600 + 3599)                 // stale but within the window
        _ = try await v.verify(access)
        #expect(remote.status.freshness == .stale)
        await settle(remote)
        clock.advance(1)                          // maxAge + staleWindow reached
        await #expect(throws: JWTError(.jwksFetchFailed, "")) { try await v.verify(access) }
        #expect(remote.status.freshness == .expired)
        // Failures respect the cooldown too.
        let calls = fake.calls
        await #expect(throws: JWTError(.jwksFetchFailed, "")) { try await v.verify(access) }
        #expect(fake.calls == calls)
        // Recovery.
        fake.answer(.bytes(jwks))
        clock.advance(30)
        _ = try await v.verify(access)
        #expect(remote.status.freshness == .fresh && remote.status.lastError == nil)
    }

    @Test func firstFetchFailureRespectsCooldown() async throws {
        let (v, _, fake, clock) = try setUp()
        fake.answer(.failure("down"))
        await #expect(throws: JWTError(.jwksFetchFailed, "")) { try await v.verify(access) }
        await #expect(throws: JWTError(.jwksFetchFailed, "")) { try await v.verify(access) }
        #expect(fake.calls == 1)
        clock.advance(30)
        fake.answer(.bytes(jwks))
        _ = try await v.verify(access)
        #expect(fake.calls == 2)
    }

    @Test func hydrateExportAndSeed() async throws {
        let (_, remote, fake, clock) = try setUp()
        try await remote.hydrate()
        #expect(fake.calls == 1)
        let exported = try #require(remote.exportedJSON)
        // A cold start seeded from the export needs no fetch.
        let fake2 = FakeFetcher()
        let seeded = RemoteKeySet(url: "https://example.test/jwks.json", clock: clock.clock, fetcher: fake2.fetcher)
        try seeded.seed(json: exported, fetchedAt: clock.now)
        let v2 = try CognitoVerifier(userPoolID: pool, clientIDs: [client], tokenUse: .access, keys: .remote(seeded),
                                     clock: .fixed(NumericDate(secondsSince1970: Self.now)))
        _ = try await v2.verify(access)
        #expect(fake2.calls == 0)
        #expect(throws: JWTError(.invalidJWKS, "")) { try seeded.seed(json: Array("[]".utf8), fetchedAt: clock.now) }
        fake.answer(.failure("down"))
        clock.advance(30)
        await #expect(throws: JWTError(.jwksFetchFailed, "")) { try await remote.hydrate() }
    }
}

/// Base64url for building test tokens (PureBase64URL is not a dependency of this test target).
enum Base64URLForTest {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// Calls the synchronous `verify` (inside an async test the async overload would be chosen).
func syncVerify(_ v: CognitoVerifier, _ token: String) throws(JWTError) -> VerifiedToken { try v.verifySync(token) }
