// The AWS Cognito preset (ARCHITECTURE.md "Cognito preset"), the rules of aws-jwt-verify made
// stricter:
// - user pool id `<region>_<id>` → issuer https://cognito-idp.<region>.amazonaws.com/<pool> and the
//   multi-region form https://issuer-cognito-idp.<region>.amazonaws.com/<pool>, both accepted;
//   JWKS at <issuer>/.well-known/jwks.json. GovCloud regions (us-gov-west-1) are regions too.
// - `token_use` ("id" | "access") and the client id(s) are mandatory; `.any` / `.notChecked` opt out
//   explicitly. ID tokens carry the client id in `aud`, access tokens in `client_id`.
// - optional any-of checks on `cognito:groups` and on `scope` (space-separated).
// - several pools in one verifier: the key is selected across all pools' key sets (kids are unique
//   per pool), and the token's `iss` must then be an issuer of the pool whose key verified it.
// - emulator mode (local Cognito stand-ins with another issuer host) must be asked for by name.
import PureJSON
import PureJWK

/// Which Cognito token a verifier accepts.
public enum CognitoTokenUse: String, Sendable {
    case id
    case access
    /// Either kind — an explicit opt-out; `token_use` must still be "id" or "access".
    case any
}

/// A Cognito user pool: its id, region, issuers and JWKS URL.
public struct CognitoUserPool: Sendable, Equatable {
    public let id: String
    public let region: String
    /// The issuers accepted for tokens of this pool.
    public let issuers: [String]
    /// Where the pool publishes its keys.
    public let jwksURL: String
    /// True for a pool created with `emulator(id:issuer:)`.
    public let isEmulator: Bool

    /// A real Cognito pool from its id, e.g. "us-east-1_AbC123xyz".
    public init(id: String) throws(JWTError) {
        guard let region = Self.region(ofPoolID: id) else {
            throw JWTError(.invalidIssuer, "user pool id \(quoted(id)) is not of the form <region>_<id> (e.g. us-east-1_AbC123xyz)")
        }
        self.id = id
        self.region = region
        // AWS China regions (cn-north-1, cn-northwest-1) live under amazonaws.com.cn.
        let domain = region.utf8.starts(with: "cn-".utf8) ? "amazonaws.com.cn" : "amazonaws.com"
        let issuer = "https://cognito-idp.\(region).\(domain)/\(id)"
        issuers = [issuer, "https://issuer-cognito-idp.\(region).\(domain)/\(id)"]
        jwksURL = issuer + "/.well-known/jwks.json"
        isEmulator = false
    }

    /// A local Cognito stand-in (moto, cognito-local, LocalStack) whose tokens carry `issuer`, e.g.
    /// "http://127.0.0.1:9229/us-east-1_abc". Named so it cannot be switched on by accident.
    public static func emulator(id: String, issuer: String) -> CognitoUserPool {
        let trimmed = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        return CognitoUserPool(id: id, region: region(ofPoolID: id) ?? "", issuers: [trimmed],
                               jwksURL: trimmed + "/.well-known/jwks.json", isEmulator: true)
    }

    private init(id: String, region: String, issuers: [String], jwksURL: String, isEmulator: Bool) {
        self.id = id
        self.region = region
        self.issuers = issuers
        self.jwksURL = jwksURL
        self.isEmulator = isEmulator
    }

    /// The region part of a pool id: `[a-z]{2}(-gov)?-[a-z]+-[0-9]+`, then "_" and an alphanumeric id.
    static func region(ofPoolID id: String) -> String? {
        let parts = id.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, parts[1].utf8.allSatisfy(isAlphanumeric) else { return nil }
        let labels = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard labels.count == 3 || (labels.count == 4 && labels[1].utf8.elementsEqual("gov".utf8)) else { return nil }
        guard let first = labels.first, first.utf8.count == 2, first.utf8.allSatisfy(isLower) else { return nil }
        for label in labels.dropFirst().dropLast() where label.isEmpty || !label.utf8.allSatisfy(isLower) { return nil }
        guard let last = labels.last, !last.isEmpty, last.utf8.allSatisfy(isDigit) else { return nil }
        return String(parts[0])
    }

    private static func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isAlphanumeric(_ c: UInt8) -> Bool { isLower(c) || isDigit(c) || (c >= 0x41 && c <= 0x5A) }
}

/// Verifies Cognito ID and access tokens.
public struct CognitoVerifier: Sendable {
    /// One pool's configuration.
    public struct Pool: Sendable {
        public let pool: CognitoUserPool
        /// Accepted app client ids (`aud` of ID tokens, `client_id` of access tokens).
        public let clientIDs: ClaimExpectation
        public let tokenUse: CognitoTokenUse
        public let keys: KeySource
        /// When non-empty, `cognito:groups` must contain at least one of these.
        public let groups: [String]
        /// When non-empty, `scope` must contain at least one of these.
        public let scopes: [String]

        public init(pool: CognitoUserPool, clientIDs: ClaimExpectation, tokenUse: CognitoTokenUse, keys: KeySource,
                    groups: [String] = [], scopes: [String] = []) {
            self.pool = pool
            self.clientIDs = clientIDs
            self.tokenUse = tokenUse
            self.keys = keys
            self.groups = groups
            self.scopes = scopes
        }
    }

    public let pools: [Pool]
    public let algorithms: [JWSAlgorithm]
    public let leeway: Double
    public let limits: Limits
    public let clock: JWTClock
    #if !hasFeature(Embedded)
    let tokenCache: VerifiedTokenCache?
    #endif

    /// Several pools in one verifier. `cache`: keep tokens that verified, so a repeated token skips
    /// parsing and the signature (every claim check still runs on every call). Off by default.
    public init(pools: [Pool], algorithms: [JWSAlgorithm] = [.rs256], leeway: Double = 0, limits: Limits = .default,
                cache: VerifiedTokenCacheOptions? = nil, clock: JWTClock) {
        self.pools = pools
        self.algorithms = algorithms
        self.leeway = leeway
        self.limits = limits
        self.clock = clock
        #if !hasFeature(Embedded)
        self.tokenCache = cache.map { VerifiedTokenCache(options: $0) }
        #endif
    }

    /// One pool, by id.
    public init(userPoolID: String, clientIDs: ClaimExpectation, tokenUse: CognitoTokenUse, keys: KeySource,
                groups: [String] = [], scopes: [String] = [], algorithms: [JWSAlgorithm] = [.rs256],
                leeway: Double = 0, limits: Limits = .default, cache: VerifiedTokenCacheOptions? = nil, clock: JWTClock) throws(JWTError) {
        let pool = Pool(pool: try CognitoUserPool(id: userPoolID), clientIDs: clientIDs, tokenUse: tokenUse, keys: keys,
                        groups: groups, scopes: scopes)
        self.init(pools: [pool], algorithms: algorithms, leeway: leeway, limits: limits, cache: cache, clock: clock)
    }

    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
    /// One pool, by id, reading the system clock.
    public init(userPoolID: String, clientIDs: ClaimExpectation, tokenUse: CognitoTokenUse, keys: KeySource,
                groups: [String] = [], scopes: [String] = [], algorithms: [JWSAlgorithm] = [.rs256],
                leeway: Double = 0, limits: Limits = .default, cache: VerifiedTokenCacheOptions? = nil) throws(JWTError) {
        try self.init(userPoolID: userPoolID, clientIDs: clientIDs, tokenUse: tokenUse, keys: keys, groups: groups,
                      scopes: scopes, algorithms: algorithms, leeway: leeway, limits: limits, cache: cache, clock: .system)
    }
    #endif

    #if !hasFeature(Embedded)
    /// One pool, by id, whose keys are fetched from the pool's JWKS URL through `fetcher` and cached
    /// (ARCHITECTURE.md "Remote key sets"); verify with `try await verifier.verify(token)`.
    public init(userPoolID: String, clientIDs: ClaimExpectation, tokenUse: CognitoTokenUse, fetcher: @escaping JWKSFetcher,
                cache: RemoteKeySetOptions = .init(), groups: [String] = [], scopes: [String] = [],
                algorithms: [JWSAlgorithm] = [.rs256], leeway: Double = 0, limits: Limits = .default,
                tokenCache: VerifiedTokenCacheOptions? = nil, clock: JWTClock) throws(JWTError) {
        let pool = try CognitoUserPool(id: userPoolID)
        let keys = KeySource.remote(RemoteKeySet(url: pool.jwksURL, options: cache, clock: clock, fetcher: fetcher))
        self.init(pools: [Pool(pool: pool, clientIDs: clientIDs, tokenUse: tokenUse, keys: keys, groups: groups, scopes: scopes)],
                  algorithms: algorithms, leeway: leeway, limits: limits, cache: tokenCache, clock: clock)
    }

    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
    /// One pool with remote keys, reading the system clock.
    public init(userPoolID: String, clientIDs: ClaimExpectation, tokenUse: CognitoTokenUse, fetcher: @escaping JWKSFetcher,
                cache: RemoteKeySetOptions = .init(), groups: [String] = [], scopes: [String] = [],
                algorithms: [JWSAlgorithm] = [.rs256], leeway: Double = 0, limits: Limits = .default,
                tokenCache: VerifiedTokenCacheOptions? = nil) throws(JWTError) {
        try self.init(userPoolID: userPoolID, clientIDs: clientIDs, tokenUse: tokenUse, fetcher: fetcher, cache: cache, groups: groups,
                      scopes: scopes, algorithms: algorithms, leeway: leeway, limits: limits, tokenCache: tokenCache, clock: .system)
    }
    #endif
    #endif

    /// Verifies a Cognito token (the part after "Bearer ") against the cached key sets; never
    /// waits for the network. A pool whose remote set is not loaded contributes no keys (and starts
    /// a background fetch); its error is reported only when no other pool has the token's key.
    public func verify(_ token: String, now: NumericDate? = nil) throws(JWTError) -> VerifiedToken {
        try withUTF8Bytes(token) { (b) throws(JWTError) in try verify(b, now: now) }
    }

    func verify(_ token: UnsafeBufferPointer<UInt8>, now: NumericDate?) throws(JWTError) -> VerifiedToken {
        let time = now ?? clock.now
        if let hit = try cached(token, now: time) { return hit }
        var unavailable: JWTError? = nil
        do {
            if pools.count == 1 {   // the usual case: no array of sets
                return try finish(token, SignatureCheck.run(token, limits: limits, algorithms: algorithms, payloadIsJSON: true) {
                    (kid) throws(JWTError) in CollectionOfOne(try pools[0].keys.cachedSet(forKid: kid))
                }, now: time)
            }
            return try finish(token, SignatureCheck.run(token, limits: limits, algorithms: algorithms, payloadIsJSON: true) { kid in
                var sets: [JWKSet] = []
                sets.reserveCapacity(pools.count)
                for p in pools {
                    do throws(JWTError) { sets.append(try p.keys.cachedSet(forKid: kid)) } catch {
                        sets.append(JWKSet(keys: []))
                        unavailable = unavailable ?? error
                    }
                }
                return sets
            }, now: time)
        } catch {
            if error.code == .keyNotFound, let unavailable { throw unavailable }
            throw error
        }
    }

    /// A verified-token cache hit, its Cognito checks run again now; nil on a miss (or no cache).
    func cached(_ token: UnsafeBufferPointer<UInt8>, now: NumericDate) throws(JWTError) -> VerifiedToken? {
        #if !hasFeature(Embedded)
        guard let tokenCache, let hit = tokenCache.lookup(token, now: now, keyIsCurrent: { key, setIndex in
            setIndex < pools.count && pools[setIndex].keys.holdsNow(key)
        }) else { return nil }
        try validate(hit.claims, pool: pools[hit.keyIdentity.setIndex], now: now)
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
    public func verify(_ token: String, now: NumericDate? = nil) async throws(JWTError) -> VerifiedToken {
        let time = now ?? clock.now
        if let hit = try withUTF8Bytes(token, { (b) throws(JWTError) in try cached(b, now: time) }) { return hit }
        let first = try withUTF8Bytes(token) { (b) throws(JWTError) in
            if pools.count == 1 {
                return try SignatureCheck.run(b, limits: limits, algorithms: algorithms, payloadIsJSON: true) { kid in
                    pools[0].keys.setIfKnown(forKid: kid).map { CollectionOfOne($0) }
                }
            }
            return try SignatureCheck.run(b, limits: limits, algorithms: algorithms, payloadIsJSON: true) { kid in
                // Every pool's set when at least one holds the kid without a fetch; otherwise fetch.
                var sets: [JWKSet] = []
                sets.reserveCapacity(pools.count)
                var known = false
                for p in pools {
                    if let set = p.keys.setIfKnown(forKid: kid) { sets.append(set); known = true } else { sets.append(JWKSet(keys: [])) }
                }
                return known ? sets : nil
            }
        }
        if case .verified(let parts) = first { return try withUTF8Bytes(token) { (b) throws(JWTError) in try finish(b, parts, now: time) } }
        guard case .needsKeys(let kid) = first else { throw JWTError(.jwksFetchFailed, "unreachable") }
        // A pool whose set cannot be fetched contributes no keys; its error is reported only when
        // no other pool has the token's key (one unreachable pool must not fail the others).
        var sets: [JWKSet] = []
        var unavailable: JWTError? = nil
        for p in pools {
            do throws(JWTError) { sets.append(try await p.keys.set(forKid: kid, refreshOnUnknownKid: true)) } catch {
                sets.append(JWKSet(keys: []))
                unavailable = unavailable ?? error
            }
        }
        do {
            return try withUTF8Bytes(token) { (b) throws(JWTError) in
                try finish(b, SignatureCheck.run(b, limits: limits, algorithms: algorithms, payloadIsJSON: true) { _ in sets }, now: time)
            }
        } catch {
            if error.code == .keyNotFound, let unavailable { throw unavailable }
            throw error
        }
    }

    /// Fetches every pool's remote key set now (call once at start-up); static sets need nothing.
    public func hydrate() async throws(JWTError) {
        for p in pools { try await p.keys.remoteKeySet?.hydrate() }
    }

    /// The cache state of each pool's remote key set, in pool order (static sets are left out).
    public var keySetStatuses: [(poolID: String, status: RemoteKeySetStatus)] {
        pools.compactMap { p in p.keys.remoteKeySet.map { (p.pool.id, $0.status) } }
    }
    #endif

    func finish(_ token: UnsafeBufferPointer<UInt8>, _ outcome: SignatureCheck.Outcome, now: NumericDate) throws(JWTError) -> VerifiedToken {
        guard case .verified(let parts) = outcome else { throw JWTError(.jwksFetchFailed, "the key sets are not available without a fetch") }
        return try finish(token, parts, now: now)
    }

    /// After the signature: the claims' types, then the Cognito checks; a token that passes is cached.
    func finish(_ token: UnsafeBufferPointer<UInt8>, _ parts: SignedParts, now: NumericDate) throws(JWTError) -> VerifiedToken {
        let verified = try VerifiedToken(parts)
        try validate(verified.claims, pool: pools[parts.setIndex], now: now)
        #if !hasFeature(Embedded)
        tokenCache?.insert(token, verified, key: parts.key)
        #endif
        return verified
    }

    #if !hasFeature(Embedded)
    /// The verified-token cache's state, or nil when it is off.
    public var tokenCacheStatus: VerifiedTokenCacheStatus? { tokenCache?.status }
    #endif

    /// The Cognito claim checks, in order: issuer, time, token use, client, groups, scopes. They read
    /// the claims in place and build messages only when they fail.
    func validate(_ claims: JWTClaims, pool p: Pool, now: NumericDate) throws(JWTError) {
        try ClaimChecks.issuer(claims, .oneOf(p.pool.issuers))
        try ClaimChecks.time(claims, now: now, leeway: leeway, requireExpiration: true, maxAge: nil)
        // token_use: "id" or "access", and the one expected unless explicitly .any.
        let use = claims.object.read { reader, members -> (isID: Bool, isAccess: Bool)? in
            guard let m = reader.find("token_use", in: members), m.kind == .string else { return nil }
            return (reader.stringEquals(m.valueRange, escaped: m.valueEscaped, "id"), reader.stringEquals(m.valueRange, escaped: m.valueEscaped, "access"))
        }
        guard let use else {
            throw JWTError(.invalidTokenUse, "\"token_use\" is missing or not a string; expected \(p.tokenUse.rawValue)")
        }
        guard use.isID || use.isAccess else {
            throw JWTError(.invalidTokenUse, "\"token_use\" is \(quoted(claims.tokenUse ?? "")); expected id or access")
        }
        switch p.tokenUse {
        case .id where !use.isID, .access where !use.isAccess:
            throw JWTError(.invalidTokenUse, "\"token_use\" is \(quoted(claims.tokenUse ?? "")); expected \(p.tokenUse.rawValue)")
        default: break
        }
        // The client: aud for ID tokens, client_id for access tokens.
        if use.isID {
            try ClaimChecks.audience(claims, p.clientIDs)
        } else if case .oneOf = p.clientIDs {
            guard let accepted = claims.stringClaim("client_id", isAcceptedBy: p.clientIDs) else {
                throw JWTError(.invalidAudience, "\"client_id\" is missing; expected \(p.clientIDs.summary)")
            }
            guard accepted else {
                throw JWTError(.invalidAudience, "\"client_id\" is \(quoted(claims.clientID ?? "")); expected \(p.clientIDs.summary)")
            }
        }
        if !p.groups.isEmpty {
            let member = claims.object.read { reader, members -> Bool in
                guard let m = reader.find("cognito:groups", in: members), m.kind == .array else { return false }
                var found = false
                reader.forEachElement(ofArray: m.valueRange) { kind, range, escaped in
                    if kind == .string && p.groups.contains(where: { reader.stringEquals(range, escaped: escaped, $0) }) { found = true; return false }
                    return true
                }
                return found
            }
            guard member else {
                throw JWTError(.invalidClaim, "\"cognito:groups\" contains none of \(p.groups.map { quoted($0) }.joined(separator: ", "))")
            }
        }
        if !p.scopes.isEmpty {
            let have = claims.scopes
            guard p.scopes.contains(where: { s in have.contains { utf8Equal($0, s) } }) else {
                throw JWTError(.invalidClaim, "\"scope\" contains none of \(p.scopes.map { quoted($0) }.joined(separator: ", "))")
            }
        }
    }
}
