// The generic verifier (any OIDC provider with a JWKS): compact JWS → signature → claims.
// Reads top to bottom as docs/ARCHITECTURE.md's data flow: size and shape, header, alg policy, key
// selection, signature over the received signing input, and only then the payload and its claims.
//
// Two calls, never sharing a name: `verify` is async and fetches the remote key set when the cache
// rules say so; `verifySync` never waits — it serves what is cached (for a static key set the two
// are the same). Embedded Swift builds have only `verifySync` (no concurrency runtime there).
import PureJSON
import PureJWK

/// Verifies JWTs against a key source and a policy. Immutable and `Sendable`: build one at start-up
/// and share it across requests and threads.
public struct TokenVerifier: Sendable {
    /// Where the keys come from (a remote source given as `.remote(url:fetch:)` reads this verifier's clock).
    public let keys: KeySource
    /// The rules every token must satisfy.
    public let policy: VerificationPolicy
    /// Where "now" comes from.
    public let clock: JWTClock
    #if !hasFeature(Embedded)
    let tokenCache: VerifiedTokenCache?
    #endif

    /// A verifier.
    /// - Parameters:
    ///   - keys: `.static(jwks)`, `.remote(url:fetch:)` or `.remote(sharedRemoteKeySet)`.
    ///   - policy: issuer, audience, algorithms, `typ`, leeway, scopes, custom check, limits.
    ///   - clock: where "now" comes from (`.system`, or `.fixed(…)` in tests); a remote source given
    ///     by URL reads it too.
    ///   - cache: keep tokens that verified, so a repeated token skips parsing and the signature
    ///     (every claim check still runs on every call; SECURITY.md). Off by default.
    public init(keys: KeySource, policy: VerificationPolicy, clock: JWTClock, cache: VerifiedTokenCacheOptions? = nil) {
        self.keys = keys.resolved(clock: clock)
        self.policy = policy
        self.clock = clock
        #if !hasFeature(Embedded)
        self.tokenCache = cache.map { VerifiedTokenCache(options: $0) }
        #endif
    }

    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
    /// A verifier reading the system clock.
    public init(keys: KeySource, policy: VerificationPolicy, cache: VerifiedTokenCacheOptions? = nil) {
        self.init(keys: keys, policy: policy, clock: .system, cache: cache)
    }
    #endif

    /// Verifies `token` (the part after "Bearer ") without waiting: against the static key set, or
    /// the remote set as cached (an unknown `kid` or a stale set starts a background refresh).
    /// - Parameters:
    ///   - token: the token (the part after "Bearer ").
    ///   - now: the time to judge `exp`/`nbf`/`iat` at; the verifier's clock when nil.
    /// - Returns: the verified header and claims.
    /// - Throws: `JWTError` — `malformed-token`, `malformed-json`, `unsupported-algorithm`,
    ///   `unsupported-critical-header`, `key-not-found`, `key-not-usable`, `invalid-signature`,
    ///   `invalid-claim`, `expired`, `not-yet-valid`, `invalid-issuer`, `invalid-audience`,
    ///   `invalid-type`, `insufficient-scope`, or `jwks-fetch-failed` when a remote set is not loaded.
    public func verifySync(_ token: String, now: NumericDate? = nil) throws(JWTError) -> VerifiedToken {
        try withUTF8Bytes(token) { (b) throws(JWTError) in try verifySync(b, now: now) }
    }

    /// `verifySync` on the token's bytes.
    public func verifySync(_ token: [UInt8], now: NumericDate? = nil) throws(JWTError) -> VerifiedToken {
        try token.withUnsafeBufferPointer { (b) throws(JWTError) in try verifySync(b, now: now) }
    }

    #if !hasFeature(Embedded)
    /// Verifies `token` (the part after "Bearer "), fetching the remote key set when the cache rules
    /// say so (docs/ARCHITECTURE.md "Remote key sets"); for a static set it is `verifySync`. The
    /// algorithm is checked against the policy before any key lookup or fetch, and when the cached
    /// set holds the token's `kid` nothing suspends.
    /// - Parameters:
    ///   - token: the token (the part after "Bearer ").
    ///   - now: the time to judge `exp`/`nbf`/`iat` at; the verifier's clock when nil.
    /// - Throws: `JWTError` with the codes of `verifySync`; `jwks-fetch-failed` when the key set
    ///   cannot be fetched and nothing usable is cached.
    public func verify(_ token: String, now: NumericDate? = nil) async throws(JWTError) -> VerifiedToken {
        let time = now ?? clock.now
        if let hit = try withUTF8Bytes(token, { (b) throws(JWTError) in try cached(b, now: time) }) { return hit }
        let first = try withUTF8Bytes(token) { (b) throws(JWTError) in
            try SignatureCheck.run(b, limits: policy.limits, algorithms: policy.algorithms, payloadIsJSON: true) { kid in
                keys.setIfKnown(forKid: kid).map { CollectionOfOne($0) }
            }
        }
        switch first {
        case .verified(let parts): return try withUTF8Bytes(token) { (b) throws(JWTError) in try finish(b, parts, now: time) }
        case .needsKeys(let kid):
            let set = try await keys.set(forKid: kid, refreshOnUnknownKid: true)
            return try withUTF8Bytes(token) { (b) throws(JWTError) in
                try finish(b, SignatureCheck.run(b, limits: policy.limits, algorithms: policy.algorithms, payloadIsJSON: true) { _ in CollectionOfOne(set) }, now: time)
            }
        }
    }

    /// `verify` on the token's bytes.
    public func verify(_ token: [UInt8], now: NumericDate? = nil) async throws(JWTError) -> VerifiedToken {
        try await verify(String(decoding: token, as: UTF8.self), now: now)
    }

    /// Fetches the remote key set now (call once at start-up, so the first requests need not
    /// wait); does nothing for a static set.
    /// - Throws: `jwks-fetch-failed` when the fetch fails.
    public func hydrate() async throws(JWTError) {
        try await keys.remoteKeySet?.hydrate()
    }

    /// The remote key set's cache state (fresh, refreshing, last error, fetch count), or nil for a static set.
    public var keySetStatus: RemoteKeySetStatus? { keys.remoteKeySet?.status }

    /// The verified-token cache's state, or nil when it is off.
    public var tokenCacheStatus: VerifiedTokenCacheStatus? { tokenCache?.status }
    #endif

    /// A verified-token cache hit, its claims checked again now; nil on a miss (or no cache).
    func cached(_ token: UnsafeBufferPointer<UInt8>, now: NumericDate) throws(JWTError) -> VerifiedToken? {
        #if !hasFeature(Embedded)
        guard let tokenCache, let hit = tokenCache.lookup(token, now: now, keyIsCurrent: { key, _ in keys.holdsNow(key) }) else { return nil }
        try check(hit, now: now)
        return hit
        #else
        return nil
        #endif
    }

    func verifySync(_ token: UnsafeBufferPointer<UInt8>, now: NumericDate?) throws(JWTError) -> VerifiedToken {
        let time = now ?? clock.now
        if let hit = try cached(token, now: time) { return hit }
        return try finish(token, SignatureCheck.run(token, limits: policy.limits, algorithms: policy.algorithms, payloadIsJSON: true) {
            (kid) throws(JWTError) in CollectionOfOne(try keys.cachedSet(forKid: kid))
        }, now: time)
    }

    func finish(_ token: UnsafeBufferPointer<UInt8>, _ outcome: SignatureCheck.Outcome, now: NumericDate) throws(JWTError) -> VerifiedToken {
        guard case .verified(let parts) = outcome else {
            throw JWTError(.jwksFetchFailed, "the key set is not available without a fetch")
        }
        return try finish(token, parts, now: now)
    }

    /// After the signature: the claims' types, then the policy's checks; a token that passes is cached.
    func finish(_ token: UnsafeBufferPointer<UInt8>, _ parts: SignedParts, now: NumericDate) throws(JWTError) -> VerifiedToken {
        let verified = try VerifiedToken(parts)
        try check(verified, now: now)
        #if !hasFeature(Embedded)
        tokenCache?.insert(token, verified, key: parts.key)
        #endif
        return verified
    }

    /// The policy's checks, in order (also re-run on every verified-token cache hit): `typ`, issuer,
    /// time, audience, required claims, scopes, the custom check.
    func check(_ token: VerifiedToken, now: NumericDate) throws(JWTError) {
        try policy.type.check(token.header.type, present: token.header.has("typ"))
        let claims = token.claims
        try ClaimChecks.issuer(claims, policy.issuer)
        try ClaimChecks.time(claims, now: now, leeway: policy.leeway, requireExpiration: policy.requireExpiration, maxAge: policy.maxAge)
        try ClaimChecks.audience(claims, policy.audience)
        try ClaimChecks.required(claims, policy.requiredClaims)
        try ClaimChecks.scopes(claims, policy.scopes)
        try policy.customCheck?(claims)
    }
}

extension VerifiedToken {
    /// The verified token of signed parts whose payload was scanned as JSON; the registered
    /// claims' types are checked here (invalid-claim).
    init(_ parts: SignedParts) throws(JWTError) {
        guard let claims = parts.claims else { throw JWTError(.malformedToken, "the payload was not read as JSON") }
        let c = JWTClaims(claims)
        try c.validateRegistered()
        self.init(header: JOSEHeader(parts.header), algorithm: parts.algorithm, claims: c, keyIdentity: parts.keyIdentity)
    }
}

/// Runs `body` over the UTF-8 bytes of `s` without copying them. `String.withUTF8` is
/// untyped-rethrows, so the typed error travels out through a `Result`.
func withUTF8Bytes<T>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) throws(JWTError) -> T) throws(JWTError) -> T {
    var s = s
    let result = s.withUTF8 { buffer in Result { () throws(JWTError) in try body(buffer) } }
    return try result.get()
}
