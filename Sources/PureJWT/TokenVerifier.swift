// The generic verifier (any OIDC provider with a JWKS): compact JWS → signature → claims.
// Reads top to bottom as ARCHITECTURE.md's data flow: size and shape, header, alg policy, key
// selection, signature over the received signing input, and only then the payload and its claims.
import PureJSON
import PureJWK

/// Verifies JWTs against a key source and a policy. Immutable and `Sendable`: build one at start-up
/// and share it across requests and threads.
public struct TokenVerifier: Sendable {
    public let keys: KeySource
    public let policy: VerificationPolicy
    public let clock: JWTClock
    #if !hasFeature(Embedded)
    let tokenCache: VerifiedTokenCache?
    #endif

    /// A verifier. `cache`: keep tokens that verified, so a repeated token skips parsing and the
    /// signature (every claim check still runs on every call; VerifiedTokenCache.swift). Off by default.
    public init(keys: KeySource, policy: VerificationPolicy, clock: JWTClock, cache: VerifiedTokenCacheOptions? = nil) {
        self.keys = keys
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

    /// Verifies `token` (the part after "Bearer "), judging time at `now` or the clock's time.
    public func verify(_ token: String, now: NumericDate? = nil) throws(JWTError) -> VerifiedToken {
        try withUTF8Bytes(token) { (b) throws(JWTError) in try verify(b, now: now) }
    }

    public func verify(_ token: [UInt8], now: NumericDate? = nil) throws(JWTError) -> VerifiedToken {
        try token.withUnsafeBufferPointer { (b) throws(JWTError) in try verify(b, now: now) }
    }

    #if !hasFeature(Embedded)
    /// Verifies `token`, fetching the remote key set when the cache rules say so (docs/ARCHITECTURE.md
    /// "Remote key sets"). For a static key set this is the same as the synchronous `verify`.
    /// The algorithm is checked against the policy before any key lookup or fetch. When the cached
    /// set holds the token's kid nothing suspends.
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

    /// Fetches the remote key set now (call once at start-up); does nothing for a static set.
    public func hydrate() async throws(JWTError) {
        try await keys.remoteKeySet?.hydrate()
    }

    /// The remote key set's cache state, or nil for a static set.
    public var keySetStatus: RemoteKeySetStatus? { keys.remoteKeySet?.status }

    /// The verified-token cache's state, or nil when it is off.
    public var tokenCacheStatus: VerifiedTokenCacheStatus? { tokenCache?.status }
    #endif

    /// A verified-token cache hit, its claims checked again now; nil on a miss (or no cache).
    func cached(_ token: UnsafeBufferPointer<UInt8>, now: NumericDate) throws(JWTError) -> VerifiedToken? {
        #if !hasFeature(Embedded)
        guard let tokenCache, let hit = tokenCache.lookup(token, now: now, keyIsCurrent: { key, _ in keys.holdsNow(key) }) else { return nil }
        try check(hit.claims, now: now)
        return hit
        #else
        return nil
        #endif
    }

    func verify(_ token: UnsafeBufferPointer<UInt8>, now: NumericDate?) throws(JWTError) -> VerifiedToken {
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
        try check(verified.claims, now: now)
        #if !hasFeature(Embedded)
        tokenCache?.insert(token, verified, key: parts.key)
        #endif
        return verified
    }

    /// The claim checks of the policy, in order (also re-run on every verified-token cache hit).
    func check(_ claims: JWTClaims, now: NumericDate) throws(JWTError) {
        try ClaimChecks.issuer(claims, policy.issuer)
        try ClaimChecks.time(claims, now: now, leeway: policy.leeway, requireExpiration: policy.requireExpiration, maxAge: policy.maxAge)
        try ClaimChecks.audience(claims, policy.audience)
        try ClaimChecks.required(claims, policy.requiredClaims)
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

