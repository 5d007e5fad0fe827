// The AWS Cognito verifier (docs/ARCHITECTURE.md "Cognito preset"), the rules of aws-jwt-verify
// made stricter:
// - `token_use` ("id" | "access") and the client id(s) are mandatory; `.any` / `.notChecked` opt out
//   explicitly. ID tokens carry the client id in `aud`, access tokens in `client_id`.
// - optional any-of checks on `cognito:groups` and on `scope` (space-separated): a token that fails
//   them is genuine but not allowed, `insufficient-scope` (HTTP 403).
// - client ids, groups and scopes can be narrowed per call (the pool, issuer and keys cannot); a
//   custom check of the caller's own runs last.
// - several pools in one verifier: the key is selected across all pools' key sets (kids are unique
//   per pool), and the token's `iss` must then be an issuer of the pool whose key verified it.
// - `verify` is async and fetches remote key sets as the cache rules say; `verifySync` never waits.
import PureJSON
import PureJWK

/// Which Cognito token a verifier accepts.
public enum CognitoTokenUse: String, Sendable {
    /// ID tokens (`token_use` "id"): the client id is in `aud`.
    case id
    /// Access tokens (`token_use` "access"): the client id is in `client_id`.
    case access
    /// Either kind — an explicit opt-out; `token_use` must still be "id" or "access".
    case any
}

/// Verifies Cognito ID and access tokens. Immutable and `Sendable`: build one at start-up and share it.
public struct CognitoVerifier: Sendable {
    /// One pool's configuration. (A class: every verification reads its pool, and a reference is
    /// one retain where a struct of strings and arrays is several.)
    public final class Pool: Sendable {
        /// The user pool: its issuers and JWKS URL.
        public let pool: CognitoUserPool
        /// Accepted app client ids (`aud` of ID tokens, `client_id` of access tokens).
        public let clientIDs: ClaimExpectation
        /// Which token the pool's verifications accept.
        public let tokenUse: CognitoTokenUse
        /// Where the pool's keys come from.
        public let keys: KeySource
        /// When non-empty, `cognito:groups` must contain at least one of these.
        public let groups: [String]
        /// When non-empty, `scope` must contain at least one of these.
        public let scopes: [String]

        /// One pool's rules; each parameter is the property of the same name.
        public init(pool: CognitoUserPool, clientIDs: ClaimExpectation, tokenUse: CognitoTokenUse, keys: KeySource,
                    groups: [String] = [], scopes: [String] = []) {
            self.pool = pool
            self.clientIDs = clientIDs
            self.tokenUse = tokenUse
            self.keys = keys
            self.groups = groups
            self.scopes = scopes
        }

        func resolved(clock: JWTClock) -> Pool {
            Pool(pool: pool, clientIDs: clientIDs, tokenUse: tokenUse, keys: keys.resolved(clock: clock), groups: groups, scopes: scopes)
        }
    }

    /// Everything a verification reads, behind one reference (a copy of the verifier is one retain).
    final class Configuration: Sendable {
        let pools: [Pool]
        let algorithms: [JWSAlgorithm]
        let leeway: Double
        let limits: Limits
        let clock: JWTClock
        let customCheck: CustomClaimCheck?
        #if !hasFeature(Embedded)
        let tokenCache: VerifiedTokenCache?
        #endif

        init(pools: [Pool], algorithms: [JWSAlgorithm], leeway: Double, limits: Limits, clock: JWTClock,
             customCheck: CustomClaimCheck?, cache: VerifiedTokenCacheOptions?) {
            self.pools = pools.map { $0.resolved(clock: clock) }
            self.algorithms = algorithms
            self.leeway = leeway
            self.limits = limits
            self.clock = clock
            self.customCheck = customCheck
            #if !hasFeature(Embedded)
            self.tokenCache = cache.map { VerifiedTokenCache(options: $0) }
            #endif
        }
    }

    let configuration: Configuration

    /// The pools, in the order they were given.
    public var pools: [Pool] { configuration.pools }
    /// Algorithms accepted (default RS256 only).
    public var algorithms: [JWSAlgorithm] { configuration.algorithms }
    /// Clock skew tolerance in seconds for exp / nbf.
    public var leeway: Double { configuration.leeway }
    /// Bounds on untrusted input.
    public var limits: Limits { configuration.limits }
    /// Where "now" comes from.
    public var clock: JWTClock { configuration.clock }

    /// Several pools in one verifier.
    /// - Parameters:
    ///   - pools: the pools; a token's key is looked up in all of them, then its `iss` must be its pool's.
    ///   - algorithms: accepted algorithms (default RS256, what Cognito uses).
    ///   - leeway: clock skew tolerance in seconds for `exp`/`nbf` (default 0).
    ///   - limits: bounds on untrusted input.
    ///   - cache: keep tokens that verified, so a repeated token skips parsing and the signature
    ///     (every claim check still runs on every call). Off by default.
    ///   - customCheck: a last check of the caller's own, after the Cognito checks; throw a
    ///     `JWTError` (e.g. `.invalidClaim` or `.insufficientScope`) to reject.
    ///   - clock: where "now" comes from; remote key sets given by URL read it too.
    public init(pools: [Pool], algorithms: [JWSAlgorithm] = [.rs256], leeway: Double = 0, limits: Limits = .default,
                cache: VerifiedTokenCacheOptions? = nil, customCheck: CustomClaimCheck? = nil, clock: JWTClock) {
        configuration = Configuration(pools: pools, algorithms: algorithms, leeway: leeway, limits: limits, clock: clock,
                                      customCheck: customCheck, cache: cache)
    }

    /// One pool, by id, with the given key source (`.static(jwks)`, `.remote(url:fetch:)`, `.remote(set)`).
    /// - Parameters:
    ///   - userPoolID: `<region>_<id>`, e.g. "us-east-1_AbC123xyz".
    ///   - clientIDs: accepted app client ids (`aud` / `client_id`); `.notChecked` opts out.
    ///   - tokenUse: `.id`, `.access`, or `.any`.
    ///   - keys: where the pool's keys come from.
    ///   - groups: when non-empty, `cognito:groups` must contain one of these (`insufficient-scope`).
    ///   - scopes: when non-empty, `scope` must contain one of these (`insufficient-scope`).
    ///   - algorithms: accepted algorithms (default RS256).
    ///   - leeway: clock skew tolerance in seconds (default 0).
    ///   - limits: bounds on untrusted input.
    ///   - cache: the verified-token cache, off by default.
    ///   - customCheck: a last check of the caller's own.
    ///   - clock: where "now" comes from.
    /// - Throws: `invalid-issuer` when `userPoolID` is not of the form `<region>_<id>`.
    public init(userPoolID: String, clientIDs: ClaimExpectation, tokenUse: CognitoTokenUse, keys: KeySource,
                groups: [String] = [], scopes: [String] = [], algorithms: [JWSAlgorithm] = [.rs256],
                leeway: Double = 0, limits: Limits = .default, cache: VerifiedTokenCacheOptions? = nil,
                customCheck: CustomClaimCheck? = nil, clock: JWTClock) throws(JWTError) {
        let pool = Pool(pool: try CognitoUserPool(id: userPoolID), clientIDs: clientIDs, tokenUse: tokenUse, keys: keys,
                        groups: groups, scopes: scopes)
        self.init(pools: [pool], algorithms: algorithms, leeway: leeway, limits: limits, cache: cache, customCheck: customCheck, clock: clock)
    }

    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
    /// One pool, by id, reading the system clock.
    public init(userPoolID: String, clientIDs: ClaimExpectation, tokenUse: CognitoTokenUse, keys: KeySource,
                groups: [String] = [], scopes: [String] = [], algorithms: [JWSAlgorithm] = [.rs256],
                leeway: Double = 0, limits: Limits = .default, cache: VerifiedTokenCacheOptions? = nil,
                customCheck: CustomClaimCheck? = nil) throws(JWTError) {
        try self.init(userPoolID: userPoolID, clientIDs: clientIDs, tokenUse: tokenUse, keys: keys, groups: groups,
                      scopes: scopes, algorithms: algorithms, leeway: leeway, limits: limits, cache: cache,
                      customCheck: customCheck, clock: .system)
    }
    #endif

    #if !hasFeature(Embedded)
    /// One pool, by id, whose keys are fetched from the pool's JWKS URL through `fetcher` and cached
    /// (docs/ARCHITECTURE.md "Remote key sets"); verify with `try await verifier.verify(token)`.
    /// - Parameters:
    ///   - userPoolID: `<region>_<id>`, e.g. "us-east-1_AbC123xyz".
    ///   - clientIDs: accepted app client ids (`aud` / `client_id`); `.notChecked` opts out.
    ///   - tokenUse: `.id`, `.access`, or `.any`.
    ///   - fetcher: e.g. `URLSessionJWKSFetcher().fetcher` (PureJWTFoundation).
    ///   - keySetOptions: the remote key set's cache rules (lifetime, cooldown, stale window).
    ///   - groups: when non-empty, `cognito:groups` must contain one of these (`insufficient-scope`).
    ///   - scopes: when non-empty, `scope` must contain one of these (`insufficient-scope`).
    ///   - algorithms: accepted algorithms (default RS256).
    ///   - leeway: clock skew tolerance in seconds (default 0).
    ///   - limits: bounds on untrusted input.
    ///   - cache: the verified-token cache, off by default.
    ///   - customCheck: a last check of the caller's own.
    ///   - clock: where "now" comes from, for the claims and the key set's cache.
    /// - Throws: `invalid-issuer` when `userPoolID` is not of the form `<region>_<id>`.
    public init(userPoolID: String, clientIDs: ClaimExpectation, tokenUse: CognitoTokenUse, fetcher: @escaping JWKSFetcher,
                keySetOptions: RemoteKeySetOptions = .init(), groups: [String] = [], scopes: [String] = [],
                algorithms: [JWSAlgorithm] = [.rs256], leeway: Double = 0, limits: Limits = .default,
                cache: VerifiedTokenCacheOptions? = nil, customCheck: CustomClaimCheck? = nil, clock: JWTClock) throws(JWTError) {
        let pool = try CognitoUserPool(id: userPoolID)
        try self.init(userPoolID: userPoolID, clientIDs: clientIDs, tokenUse: tokenUse,
                      keys: .remote(url: pool.jwksURL, options: keySetOptions, fetch: fetcher), groups: groups, scopes: scopes,
                      algorithms: algorithms, leeway: leeway, limits: limits, cache: cache, customCheck: customCheck, clock: clock)
    }

    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
    /// One pool with remote keys, reading the system clock.
    public init(userPoolID: String, clientIDs: ClaimExpectation, tokenUse: CognitoTokenUse, fetcher: @escaping JWKSFetcher,
                keySetOptions: RemoteKeySetOptions = .init(), groups: [String] = [], scopes: [String] = [],
                algorithms: [JWSAlgorithm] = [.rs256], leeway: Double = 0, limits: Limits = .default,
                cache: VerifiedTokenCacheOptions? = nil, customCheck: CustomClaimCheck? = nil) throws(JWTError) {
        try self.init(userPoolID: userPoolID, clientIDs: clientIDs, tokenUse: tokenUse, fetcher: fetcher, keySetOptions: keySetOptions,
                      groups: groups, scopes: scopes, algorithms: algorithms, leeway: leeway, limits: limits, cache: cache,
                      customCheck: customCheck, clock: .system)
    }
    #endif
    #endif

    // MARK: verification

    /// Per-call narrowing of a pool's rules (aws-jwt-verify's verify-time properties): nil keeps
    /// the pool's setting. The pool, its issuers, keys and token use cannot be changed per call.
    struct Overrides {
        var clientIDs: ClaimExpectation?
        var groups: [String]?
        var scopes: [String]?
    }

    /// Verifies a Cognito token (the part after "Bearer ") without waiting: against static key sets,
    /// or remote sets as cached. A pool whose remote set is not loaded contributes no keys (and starts
    /// a background fetch); its error is reported only when no other pool has the token's key.
    /// - Parameters:
    ///   - token: the token (the part after "Bearer ").
    ///   - now: the time to judge `exp`/`nbf` at; the verifier's clock when nil.
    ///   - clientIDs: this call's accepted client ids in place of the pool's, when given.
    ///   - groups: this call's group any-of in place of the pool's, when given.
    ///   - scopes: this call's scope any-of in place of the pool's, when given.
    /// - Throws: `JWTError` — `malformed-token`, `malformed-json`, `unsupported-algorithm`,
    ///   `unsupported-critical-header`, `key-not-found`, `key-not-usable`, `invalid-signature`,
    ///   `invalid-claim`, `expired`, `not-yet-valid`, `invalid-issuer`, `invalid-token-use`,
    ///   `invalid-audience` (client id), `insufficient-scope` (groups, scopes), `jwks-fetch-failed`.
    public func verifySync(_ token: String, now: NumericDate? = nil, clientIDs: ClaimExpectation? = nil,
                           groups: [String]? = nil, scopes: [String]? = nil) throws(JWTError) -> VerifiedToken {
        let overrides = Overrides(clientIDs: clientIDs, groups: groups, scopes: scopes)
        return try withUTF8Bytes(token) { (b) throws(JWTError) in try verifySync(b, now: now, overrides) }
    }

    func verifySync(_ token: UnsafeBufferPointer<UInt8>, now: NumericDate?, _ overrides: Overrides = Overrides()) throws(JWTError) -> VerifiedToken {
        let c = configuration
        let time = now ?? c.clock.now
        if let hit = try cached(token, now: time, overrides) { return hit }
        var unavailable: JWTError? = nil
        do {
            if c.pools.count == 1 {   // the usual case: no array of sets
                return try finish(token, SignatureCheck.run(token, limits: c.limits, algorithms: c.algorithms, payloadIsJSON: true) {
                    (kid) throws(JWTError) in CollectionOfOne(try c.pools[0].keys.cachedSet(forKid: kid))
                }, now: time, overrides)
            }
            return try finish(token, SignatureCheck.run(token, limits: c.limits, algorithms: c.algorithms, payloadIsJSON: true) { kid in
                var sets: [JWKSet] = []
                sets.reserveCapacity(c.pools.count)
                for p in c.pools {
                    do throws(JWTError) { sets.append(try p.keys.cachedSet(forKid: kid)) } catch {
                        sets.append(JWKSet(keys: []))
                        unavailable = unavailable ?? error
                    }
                }
                return sets
            }, now: time, overrides)
        } catch {
            if error.code == .keyNotFound, let unavailable { throw unavailable }
            throw error
        }
    }

    /// A verified-token cache hit, its Cognito checks run again now; nil on a miss (or no cache).
    func cached(_ token: UnsafeBufferPointer<UInt8>, now: NumericDate, _ overrides: Overrides) throws(JWTError) -> VerifiedToken? {
        #if !hasFeature(Embedded)
        let c = configuration
        guard let tokenCache = c.tokenCache, let hit = tokenCache.lookup(token, now: now, keyIsCurrent: { key, setIndex in
            setIndex < c.pools.count && c.pools[setIndex].keys.holdsNow(key)
        }) else { return nil }
        try validate(hit.claims, pool: hit.keyIdentity.setIndex, now: now, overrides)
        return hit
        #else
        return nil
        #endif
    }

    #if !hasFeature(Embedded)
    /// Verifies a Cognito token, fetching remote key sets when the cache rules say so. With several
    /// pools, an unknown kid refreshes each pool's set (each rate-limited) only when no pool knows it.
    /// The algorithm is checked before any key lookup or fetch; when a cached set holds the kid,
    /// nothing suspends.
    /// - Parameters: as `verifySync`.
    /// - Throws: `JWTError` with the codes of `verifySync`.
    public func verify(_ token: String, now: NumericDate? = nil, clientIDs: ClaimExpectation? = nil,
                       groups: [String]? = nil, scopes: [String]? = nil) async throws(JWTError) -> VerifiedToken {
        let c = configuration
        let overrides = Overrides(clientIDs: clientIDs, groups: groups, scopes: scopes)
        let time = now ?? c.clock.now
        if let hit = try withUTF8Bytes(token, { (b) throws(JWTError) in try cached(b, now: time, overrides) }) { return hit }
        let first = try withUTF8Bytes(token) { (b) throws(JWTError) in
            if c.pools.count == 1 {
                return try SignatureCheck.run(b, limits: c.limits, algorithms: c.algorithms, payloadIsJSON: true) { kid in
                    c.pools[0].keys.setIfKnown(forKid: kid).map { CollectionOfOne($0) }
                }
            }
            return try SignatureCheck.run(b, limits: c.limits, algorithms: c.algorithms, payloadIsJSON: true) { kid in
                // Every pool's set when at least one holds the kid without a fetch; otherwise fetch.
                var sets: [JWKSet] = []
                sets.reserveCapacity(c.pools.count)
                var known = false
                for p in c.pools {
                    if let set = p.keys.setIfKnown(forKid: kid) { sets.append(set); known = true } else { sets.append(JWKSet(keys: [])) }
                }
                return known ? sets : nil
            }
        }
        if case .verified(let parts) = first {
            return try withUTF8Bytes(token) { (b) throws(JWTError) in try finish(b, parts, now: time, overrides) }
        }
        guard case .needsKeys(let kid) = first else { throw JWTError(.jwksFetchFailed, "unreachable") }
        // A pool whose set cannot be fetched contributes no keys; its error is reported only when
        // no other pool has the token's key (one unreachable pool must not fail the others).
        var sets: [JWKSet] = []
        var unavailable: JWTError? = nil
        for p in c.pools {
            do throws(JWTError) { sets.append(try await p.keys.set(forKid: kid, refreshOnUnknownKid: true)) } catch {
                sets.append(JWKSet(keys: []))
                unavailable = unavailable ?? error
            }
        }
        do {
            return try withUTF8Bytes(token) { (b) throws(JWTError) in
                try finish(b, SignatureCheck.run(b, limits: c.limits, algorithms: c.algorithms, payloadIsJSON: true) { _ in sets }, now: time, overrides)
            }
        } catch {
            if error.code == .keyNotFound, let unavailable { throw unavailable }
            throw error
        }
    }

    /// Fetches every pool's remote key set now (call once at start-up); static sets need nothing.
    /// - Throws: `jwks-fetch-failed` for the first pool whose set cannot be fetched.
    public func hydrate() async throws(JWTError) {
        for p in configuration.pools { try await p.keys.remoteKeySet?.hydrate() }
    }

    /// The cache state of each pool's remote key set, in pool order (static sets are left out).
    public var keySetStatuses: [(poolID: String, status: RemoteKeySetStatus)] {
        configuration.pools.compactMap { p in p.keys.remoteKeySet.map { (p.pool.id, $0.status) } }
    }

    /// The first pool's remote key set state (the single-pool case), or nil for a static set.
    public var keySetStatus: RemoteKeySetStatus? { configuration.pools.first?.keys.remoteKeySet?.status }

    /// The verified-token cache's state, or nil when it is off.
    public var tokenCacheStatus: VerifiedTokenCacheStatus? { configuration.tokenCache?.status }
    #endif

    func finish(_ token: UnsafeBufferPointer<UInt8>, _ outcome: SignatureCheck.Outcome, now: NumericDate, _ overrides: Overrides) throws(JWTError) -> VerifiedToken {
        guard case .verified(let parts) = outcome else { throw JWTError(.jwksFetchFailed, "the key sets are not available without a fetch") }
        return try finish(token, parts, now: now, overrides)
    }

    /// After the signature: the claims' types, then the Cognito checks; a token that passes is cached.
    func finish(_ token: UnsafeBufferPointer<UInt8>, _ parts: SignedParts, now: NumericDate, _ overrides: Overrides) throws(JWTError) -> VerifiedToken {
        let verified = try VerifiedToken(parts)
        try validate(verified.claims, pool: parts.setIndex, now: now, overrides)
        #if !hasFeature(Embedded)
        configuration.tokenCache?.insert(token, verified, key: parts.key)
        #endif
        return verified
    }

    /// The Cognito claim checks, in order: issuer, time, token use, client, groups, scopes, the
    /// custom check. They read the claims in place and build messages only when they fail.
    func validate(_ claims: JWTClaims, pool index: Int, now: NumericDate, _ overrides: Overrides) throws(JWTError) {
        let c = configuration
        let p = c.pools[index]
        try ClaimChecks.issuer(claims, .oneOf(p.pool.issuers))
        try ClaimChecks.time(claims, now: now, leeway: c.leeway, requireExpiration: true, maxAge: nil)
        try CognitoChecks.tokenUse(claims, p.tokenUse)
        try CognitoChecks.client(claims, overrides.clientIDs ?? p.clientIDs)
        try CognitoChecks.groups(claims, overrides.groups ?? p.groups)
        try ClaimChecks.scopes(claims, overrides.scopes ?? p.scopes)
        try c.customCheck?(claims)
    }
}

/// The Cognito-specific checks.
enum CognitoChecks {
    /// `token_use`: "id" or "access", and the one expected unless explicitly `.any`.
    static func tokenUse(_ claims: JWTClaims, _ expected: CognitoTokenUse) throws(JWTError) {
        guard let use = kind(claims) else {
            throw JWTError(.invalidTokenUse, "\"token_use\" is missing or not a string; expected \(expected.rawValue)")
        }
        guard use.isID || use.isAccess else {
            throw JWTError(.invalidTokenUse, "\"token_use\" is \(quoted(claims.tokenUse ?? "")); expected id or access")
        }
        switch expected {
        case .id where !use.isID, .access where !use.isAccess:
            throw JWTError(.invalidTokenUse, "\"token_use\" is \(quoted(claims.tokenUse ?? "")); expected \(expected.rawValue)")
        default: break
        }
    }

    static func kind(_ claims: JWTClaims) -> (isID: Bool, isAccess: Bool)? {
        claims.object.read { reader, members -> (isID: Bool, isAccess: Bool)? in
            guard let m = reader.find("token_use", in: members), m.kind == .string else { return nil }
            return (reader.stringEquals(m.valueRange, escaped: m.valueEscaped, "id"), reader.stringEquals(m.valueRange, escaped: m.valueEscaped, "access"))
        }
    }

    /// The client: `aud` for ID tokens, `client_id` for access tokens (token_use already checked).
    static func client(_ claims: JWTClaims, _ expected: ClaimExpectation) throws(JWTError) {
        if kind(claims)?.isID == true {
            try ClaimChecks.audience(claims, expected)
        } else if case .oneOf = expected {
            guard let accepted = claims.stringClaim("client_id", isAcceptedBy: expected) else {
                throw JWTError(.invalidAudience, "\"client_id\" is missing; expected \(expected.summary)")
            }
            guard accepted else {
                throw JWTError(.invalidAudience, "\"client_id\" is \(quoted(claims.clientID ?? "")); expected \(expected.summary)")
            }
        }
    }

    /// Any-of on `cognito:groups` (strings compared as bytes): insufficient-scope.
    static func groups(_ claims: JWTClaims, _ required: [String]) throws(JWTError) {
        guard !required.isEmpty else { return }
        let member = claims.object.read { reader, members -> Bool in
            guard let m = reader.find("cognito:groups", in: members), m.kind == .array else { return false }
            var found = false
            reader.forEachElement(ofArray: m.valueRange) { kind, range, escaped in
                if kind == .string && required.contains(where: { reader.stringEquals(range, escaped: escaped, $0) }) { found = true; return false }
                return true
            }
            return found
        }
        guard member else {
            throw JWTError(.insufficientScope, "\"cognito:groups\" contains none of \(required.map { quoted($0) }.joined(separator: ", "))")
        }
    }
}
