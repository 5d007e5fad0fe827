import Foundation
import Testing
import VectorSupport
import PureJWK
@testable import PureJWT

/// The verified-token cache's rules (VerifiedTokenCache.swift): exact bytes, every claim check on
/// every hit, death at exp, death when the key leaves the key set, bounds, concurrency.
@Suite struct VerifiedTokenCacheTests {
    static let now = 1_763_900_000.0
    static let exp = 1_763_903_000.0   // the samples' exp
    let access = ((try? Vectors.text("cognito/access_token.jwt")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    let id = ((try? Vectors.text("cognito/id_token.jwt")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    let rotated = ((try? Vectors.text("cognito/rotated_access_token.jwt")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    let iss = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz"

    func allKeys() throws -> JWKSet {
        let a = try loadJWKS("jwks.json"), b = try loadJWKS("jwks_rotated.json")
        return JWKSet(keys: a.keys + b.keys.filter { k in !a.keys.contains { $0.keyID == k.keyID } })
    }

    func generic(_ keys: KeySource, _ options: VerifiedTokenCacheOptions = .init(), issuer: ClaimExpectation? = nil) -> TokenVerifier {
        TokenVerifier(keys: keys, policy: VerificationPolicy(issuer: issuer ?? .oneOf([iss]), audience: .notChecked),
                      clock: .fixed(NumericDate(secondsSince1970: Self.now)), cache: options)
    }

    @Test func aRepeatedTokenIsAHit() throws {
        let v = generic(.static(try allKeys()))
        let first = try v.verifySync(access)
        let second = try v.verifySync(access)
        #expect(v.tokenCacheStatus == VerifiedTokenCacheStatus(entries: 1, bytes: v.tokenCacheStatus?.bytes ?? 0, hits: 1, misses: 1))
        #expect(first.payload == second.payload && second.claims.subject == first.claims.subject)
        #expect(TokenVerifier(keys: .static(try allKeys()), policy: .init(issuer: .notChecked, audience: .notChecked)).tokenCacheStatus == nil)
    }

    /// Exact bytes: another token with the same signature segment (same hash) is compared in full
    /// and is a miss — and it fails verification as it would without the cache.
    @Test func onlyTheExactBytesHit() throws {
        let v = generic(.static(try allKeys()))
        _ = try v.verifySync(access)
        var parts = access.split(separator: ".").map(String.init)
        parts[1] = parts[1].replacingOccurrences(of: "A", with: "B", options: [], range: parts[1].range(of: "A"))
        #expect(throws: JWTError(.invalidSignature, "")) { try v.verifySync(parts.joined(separator: ".")) }
        #expect(v.tokenCacheStatus?.hits == 0 && v.tokenCacheStatus?.entries == 1)
    }

    /// Every claim check runs again on a hit: time (with the call's `now`) and the policy.
    @Test func everyHitRunsTheClaimChecks() throws {
        let v = generic(.static(try allKeys()))
        _ = try v.verifySync(access)
        _ = try v.verifySync(access, now: NumericDate(secondsSince1970: Self.exp - 1))
        #expect(v.tokenCacheStatus?.hits == 1)
        // The entry dies at exp: the cache drops it, and the full check says expired.
        #expect(throws: JWTError(.expired, "")) { try v.verifySync(access, now: NumericDate(secondsSince1970: Self.exp)) }
        #expect(v.tokenCacheStatus?.entries == 0)
        // A maximum age is judged again on a hit: iat is 600 s before now.
        let young = TokenVerifier(keys: .static(try allKeys()), policy: VerificationPolicy(issuer: [iss], audience: .notChecked, maxAge: 900),
                                  clock: .fixed(NumericDate(secondsSince1970: Self.now)), cache: .init())
        _ = try young.verifySync(access)
        _ = try young.verifySync(access, now: NumericDate(secondsSince1970: Self.now + 299))
        #expect(throws: JWTError(.expired, "")) { try young.verifySync(access, now: NumericDate(secondsSince1970: Self.now + 301)) }
        #expect(young.tokenCacheStatus?.hits == 2)
        // A token that fails its checks is never cached.
        let strict = generic(.static(try allKeys()), issuer: .oneOf(["https://other.example"]))
        #expect(throws: JWTError(.invalidIssuer, "")) { try strict.verifySync(access) }
        #expect(strict.tokenCacheStatus?.entries == 0)
    }

    /// Cognito: a hit re-runs token_use, client and group checks of the pool it came from.
    @Test func cognitoHitsRunThePoolChecks() throws {
        let keys = try loadJWKS("jwks.json")
        let v = try CognitoVerifier(userPoolID: "us-east-1_AbC123xyz", clientIDs: ["4h8d2j9k1l0m3n5p7q6r2s4t8u"], tokenUse: .any,
                                    keys: .static(keys), cache: .init(), clock: .fixed(NumericDate(secondsSince1970: Self.now)))
        _ = try syncVerify(v, access)
        _ = try syncVerify(v, access)
        #expect(v.tokenCacheStatus?.hits == 1)
        let admins = try CognitoVerifier(userPoolID: "us-east-1_AbC123xyz", clientIDs: ["4h8d2j9k1l0m3n5p7q6r2s4t8u"], tokenUse: .access,
                                         keys: .static(keys), groups: ["nobody"], cache: .init(), clock: .fixed(NumericDate(secondsSince1970: Self.now)))
        #expect(throws: JWTError(.insufficientScope, "")) { try syncVerify(admins, access) }
        #expect(admins.tokenCacheStatus?.entries == 0)
    }

    /// Rotation: once the key set no longer holds the key that verified a cached token, the entry
    /// dies, and the token fails as it would without the cache.
    @Test func entriesDieWithTheirKey() async throws {
        let clock = TestClock(Self.now)
        let fake = FakeFetcher()
        fake.answer(.bytes(try Vectors.data("cognito/jwks.json")))
        let remote = RemoteKeySet(url: "https://example.test/jwks.json", clock: clock.clock, fetcher: fake.fetcher)
        let v = generic(.remote(remote))
        _ = try await v.verify(access)
        _ = try await v.verify(access)
        #expect(v.tokenCacheStatus?.hits == 1)
        // The pool rotates: the rotated token's unknown kid makes the set refetch; key A is gone.
        fake.answer(.bytes(try Vectors.data("cognito/jwks_rotated.json")))
        clock.advance(30)
        _ = try await v.verify(rotated)
        await #expect(throws: JWTError(.keyNotFound, "")) { try await v.verify(access) }
        #expect(v.tokenCacheStatus?.hits == 1 && v.tokenCacheStatus?.entries == 1)
    }

    @Test func boundsOldestFirstOut() throws {
        let v = generic(.static(try allKeys()), VerifiedTokenCacheOptions(maxEntries: 2))
        for t in [access, id, rotated] { _ = try v.verifySync(t) }
        #expect(v.tokenCacheStatus?.entries == 2)
        _ = try v.verifySync(rotated)
        _ = try v.verifySync(id)
        #expect(v.tokenCacheStatus?.hits == 2)
        _ = try v.verifySync(access)                                   // evicted first: a miss
        #expect(v.tokenCacheStatus?.hits == 2)
        let tiny = generic(.static(try allKeys()), VerifiedTokenCacheOptions(maxBytes: 100))
        _ = try tiny.verifySync(access)
        #expect(tiny.tokenCacheStatus?.entries == 0)
        let off = generic(.static(try allKeys()), VerifiedTokenCacheOptions(maxEntries: 0))
        _ = try off.verifySync(access)
        #expect(off.tokenCacheStatus?.entries == 0)
    }

    @Test func tokensWithoutExpAreNotCached() throws {
        let (keys, doc) = try rfcVector("rfc7515_a2.json")   // a JWT whose exp is long past: judged before it
        let v = TokenVerifier(keys: .static(keys), policy: VerificationPolicy(issuer: ["joe"], audience: .notChecked),
                              clock: .fixed(NumericDate(1_300_819_000)), cache: .init())
        _ = try v.verifySync(doc.token)
        #expect(v.tokenCacheStatus?.entries == 1)
        let noExp = TokenVerifier(keys: .static(keys), policy: VerificationPolicy(issuer: ["joe"], audience: .notChecked, requireExpiration: false),
                                  clock: .fixed(NumericDate(1_300_819_000)), cache: .init())
        _ = try noExp.verifySync(doc.token)
        #expect(noExp.tokenCacheStatus?.entries == 1)   // it has an exp; the rule is about tokens that have none
    }

    @Test func concurrentHitsAndMisses() async throws {
        let v = generic(.static(try allKeys()))
        let tokens = [access, id, rotated]
        let results = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<300 { group.addTask { (try? v.verifySync(tokens[i % 3])) != nil } }
            var all: [Bool] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 300 && results.allSatisfy { $0 })
        let s = try #require(v.tokenCacheStatus)
        #expect(s.entries == 3 && s.hits + s.misses == 300 && s.hits >= 297 - 6)
    }
}
