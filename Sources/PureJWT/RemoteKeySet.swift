// A remote JWK Set: fetched through an injected fetcher (the core does no I/O), cached, refreshed
// on age and on unknown `kid`, rate-limited, single-flight, fault tolerant (ARCHITECTURE.md
// "Remote key sets").
//
// Rules, each tested at its boundary:
// - a fetched set is fresh for `maxAge` (600 s); past it, the next lookup refreshes;
// - an unknown `kid` refreshes at once — but at most one fetch per `cooldown` (30 s), counted from
//   the last fetch attempt, successful or not; within the cooldown the cached set answers and
//   selection reports `key-not-found`;
// - concurrent lookups share one in-flight fetch;
// - a response over `maxResponseBytes`, not JSON, or not a valid JWK Set never replaces a good set;
// - when refreshing fails, the last good set is served until `maxAge + staleWindow` after it was
//   fetched; after that (or with no set at all) lookups fail with `jwks-fetch-failed`;
// - `hydrate()` prefetches; `exportedJSON` / `seed(json:fetchedAt:)` carry the cache across
//   serverless cold starts; `status` exposes freshness, cooldown, last error and fetch times.
//
// Concurrency: a `Mutex` (Synchronization) guards the state rather than an actor, because the hot
// path — a fresh cache that holds the kid — is then a short synchronous critical section with no
// suspension point; only a fetch suspends, and it runs in one shared Task outside the lock.
// Needs Task and Mutex, which Embedded Swift does not have: Embedded builds verify against static sets.
#if !hasFeature(Embedded)
import PureJSON
import PureJWK
import Synchronization

/// Fetches the bytes at a URL: `(url) async throws -> bytes`. Errors become `jwks-fetch-failed`.
public typealias JWKSFetcher = @Sendable (String) async throws -> [UInt8]

/// Cache settings of a remote key set.
public struct RemoteKeySetOptions: Sendable {
    /// Seconds a fetched set is considered fresh. Default 600.
    public var maxAge: Double
    /// Minimum seconds between two fetch attempts for this URL. Default 30.
    public var cooldown: Double
    /// Seconds past `maxAge` during which the last good set is still served while refreshes fail. Default 3600.
    public var staleWindow: Double
    /// Largest accepted response in bytes. Default 1 MiB.
    public var maxResponseBytes: Int
    /// Rules for the fetched set.
    public var limits: JWKSetLimits

    public init(maxAge: Double = 600, cooldown: Double = 30, staleWindow: Double = 3600,
                maxResponseBytes: Int = 1 << 20, limits: JWKSetLimits = .default) {
        self.maxAge = maxAge
        self.cooldown = cooldown
        self.staleWindow = staleWindow
        self.maxResponseBytes = maxResponseBytes
        self.limits = limits
    }
}

/// What the cache holds and may do now.
public struct RemoteKeySetStatus: Sendable {
    public enum Freshness: Sendable, Equatable { case empty, fresh, stale, expired }
    public let freshness: Freshness
    /// True while a new fetch attempt would be refused by the cooldown.
    public let isCoolingDown: Bool
    public let lastError: JWTError?
    /// When the current set was fetched (or seeded).
    public let lastFetch: NumericDate?
    /// When a fetch was last attempted.
    public let lastAttempt: NumericDate?
    /// How many fetches have been made.
    public let fetchCount: Int
    public let keyCount: Int
}

/// A JWK Set at a URL, cached. Share one instance per URL across verifiers and tasks.
public final class RemoteKeySet: Sendable {
    public let url: String
    public let options: RemoteKeySetOptions
    let fetcher: JWKSFetcher
    let clock: JWTClock

    struct State {
        var keys: JWKSet? = nil
        var json: [UInt8]? = nil
        var fetchedAt: NumericDate? = nil
        var lastAttempt: NumericDate? = nil
        var lastError: JWTError? = nil
        var inFlight: Task<Void, Never>? = nil
        var fetchCount = 0
    }

    let state = Mutex(State())

    public init(url: String, options: RemoteKeySetOptions = .init(), clock: JWTClock, fetcher: @escaping JWKSFetcher) {
        self.url = url
        self.options = options
        self.clock = clock
        self.fetcher = fetcher
    }

    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
    public convenience init(url: String, options: RemoteKeySetOptions = .init(), fetcher: @escaping JWKSFetcher) {
        self.init(url: url, options: options, clock: .system, fetcher: fetcher)
    }
    #endif

    // MARK: lookups

    enum Decision { case serve(JWKSet), fetch, fail(JWTError) }

    /// The key set to select from for a token with `kid`, refreshing as the rules above say.
    func keys(forKid kid: String?, refreshOnUnknownKid: Bool = true) async throws(JWTError) -> JWKSet {
        var joined = false
        while true {
            let now = clock.now
            let decision = state.withLock { s in decide(&s, kid: kid, now: now, refreshOnUnknownKid: refreshOnUnknownKid, afterFetch: joined) }
            switch decision {
            case .serve(let set): return set
            case .fail(let error): throw error
            case .fetch:
                await refresh(now: now)
                joined = true
            }
        }
    }

    /// One step of the cache's rules, under the lock.
    private func decide(_ s: inout State, kid: String?, now: NumericDate, refreshOnUnknownKid: Bool, afterFetch: Bool) -> Decision {
        let t = now.secondsSince1970
        // Fast path: a fresh set that holds the kid answers at once, even while a refresh runs.
        if let keys = s.keys, let fetchedAt = s.fetchedAt, t - fetchedAt.secondsSince1970 < options.maxAge,
           kid.map({ keys.containsKey(withID: $0) }) ?? true {
            return .serve(keys)
        }
        // A fetch in flight: wait for it rather than judge the half-updated state (single flight).
        if s.inFlight != nil && !afterFetch { return .fetch }
        let coolingDown = s.lastAttempt.map { t - $0.secondsSince1970 < options.cooldown } ?? false
        guard let keys = s.keys, let fetchedAt = s.fetchedAt else {
            // Nothing cached: fetch, unless the last attempt failed within the cooldown.
            if afterFetch || coolingDown {
                return .fail(s.lastError ?? JWTError(.jwksFetchFailed, "key set \(url) is not available"))
            }
            return .fetch
        }
        let age = t - fetchedAt.secondsSince1970
        let knowsKid = kid.map { keys.containsKey(withID: $0) } ?? true
        if afterFetch || coolingDown {
            // No new fetch now: serve what we have while it is within maxAge + staleWindow.
            guard age < options.maxAge + options.staleWindow else {
                return .fail(JWTError(.jwksFetchFailed, "key set \(url) is \(NumericDate(secondsSince1970: age)) s old and refreshing failed: \(s.lastError?.message ?? "no response")"))
            }
            return .serve(keys)
        }
        if age >= options.maxAge { return .fetch }
        if !knowsKid && refreshOnUnknownKid { return .fetch }
        return .serve(keys)
    }

    /// Fetches once for all concurrent callers (single flight).
    func refresh(now: NumericDate) async {
        let task: Task<Void, Never> = state.withLock { s in
            if let running = s.inFlight { return running }
            s.lastAttempt = now
            s.fetchCount += 1
            let t = Task { await self.fetchAndStore() }
            s.inFlight = t
            return t
        }
        await task.value
    }

    private func fetchAndStore() async {
        let outcome: Result<(JWKSet, [UInt8]), JWTError>
        do {
            let bytes = try await fetcher(url)
            outcome = Self.parse(bytes, url: url, options: options)
        } catch {
            outcome = .failure(JWTError(.jwksFetchFailed, "fetching \(url) failed: \(error)"))
        }
        let now = clock.now
        state.withLock { s in
            switch outcome {
            case .success(let (set, json)):
                s.keys = set
                s.json = json
                s.fetchedAt = now
                s.lastError = nil
            case .failure(let e):
                s.lastError = e    // a bad response never replaces a good set
            }
            s.inFlight = nil
        }
    }

    static func parse(_ bytes: [UInt8], url: String, options: RemoteKeySetOptions) -> Result<(JWKSet, [UInt8]), JWTError> {
        guard bytes.count <= options.maxResponseBytes else {
            return .failure(JWTError(.jwksFetchFailed, "response from \(url) is \(bytes.count) bytes, over the \(options.maxResponseBytes)-byte limit"))
        }
        do {
            return .success((try JWKSet(json: bytes, limits: options.limits), bytes))
        } catch {
            return .failure(JWTError(.jwksFetchFailed, "response from \(url) is not a usable JWK Set: \(error)"))
        }
    }

    // MARK: control and observation

    /// Fetches now (for start-up or a warm-up hook); throws when no usable set could be fetched.
    public func hydrate() async throws(JWTError) {
        await refresh(now: clock.now)
        let error: JWTError? = state.withLock { s -> JWTError? in
            if let e = s.lastError { return e }
            return s.keys == nil ? JWTError(.jwksFetchFailed, "no key set") : nil
        }
        if let error { throw error }
    }

    /// The raw JSON of the current set, for seeding a later cold start.
    public var exportedJSON: [UInt8]? { state.withLock { $0.json } }

    /// Seeds the cache with a set fetched earlier (e.g. stored by a previous process).
    public func seed(json: [UInt8], fetchedAt: NumericDate) throws(JWTError) {
        let set: JWKSet
        switch Self.parse(json, url: url, options: options) {
        case .success(let (s, _)): set = s
        case .failure(let e): throw JWTError(.invalidJWKS, e.message)
        }
        state.withLock { s in
            s.keys = set
            s.json = json
            s.fetchedAt = fetchedAt
        }
    }

    /// The cache's current state.
    public var status: RemoteKeySetStatus {
        let now = clock.now.secondsSince1970
        return state.withLock { s in
            let freshness: RemoteKeySetStatus.Freshness
            if let f = s.fetchedAt, s.keys != nil {
                let age = now - f.secondsSince1970
                freshness = age < options.maxAge ? .fresh : (age < options.maxAge + options.staleWindow ? .stale : .expired)
            } else {
                freshness = .empty
            }
            return RemoteKeySetStatus(freshness: freshness,
                                      isCoolingDown: s.lastAttempt.map { now - $0.secondsSince1970 < options.cooldown } ?? false,
                                      lastError: s.lastError, lastFetch: s.fetchedAt, lastAttempt: s.lastAttempt,
                                      fetchCount: s.fetchCount, keyCount: s.keys?.keys.count ?? 0)
        }
    }

    /// The cached set without any fetch (for synchronous verification), while within its stale window.
    func cachedSet() -> JWKSet? {
        let now = clock.now.secondsSince1970
        return state.withLock { s in
            guard let k = s.keys, let f = s.fetchedAt, now - f.secondsSince1970 < options.maxAge + options.staleWindow else { return nil }
            return k
        }
    }
}

#endif
