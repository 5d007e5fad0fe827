// A remote JWK Set: fetched through an injected fetcher (the core does no I/O), cached, refreshed
// on age and on unknown `kid`, rate-limited, single-flight, fault tolerant (docs/ARCHITECTURE.md
// "Remote key sets").
//
// Rules, each tested at its boundary:
// - a fetched set is fresh for its lifetime: the response's `Cache-Control: max-age` clamped to
//   [minimumMaxAge, maximumMaxAge] (1 min … 1 day), or `maxAge` (600 s) when it has none;
// - stale-while-revalidate: past its lifetime, and until `lifetime + staleWindow`, a set that holds
//   the token's `kid` answers at once while one refresh runs in the background — a token the cached
//   set can verify never waits for the network;
// - an unknown `kid` (or no usable set) waits for a refresh — but at most one fetch starts per
//   `cooldown` (30 s), counted from the last attempt, successful or not; within the cooldown the
//   cached set answers and selection reports `key-not-found`;
// - deciding whether to fetch and starting (or joining) the fetch happen in ONE critical section,
//   so no interleaving of callers and a finishing fetch can start a second fetch inside the
//   cooldown: a flood of forged kids costs at most one fetch per cooldown (tested under TSan);
// - concurrent lookups share the one in-flight fetch; a caller waits for one fetch at most;
// - every refresh has a deadline of the key set's own (`refreshDeadline`, 10 s of real time): a
//   fetcher that never answers fails the refresh then (its late answer is discarded), and a
//   waiting caller's wait is cancellable (Task cancellation) — neither leaves the cache wedged;
// - a response over `maxResponseBytes`, not JSON, or not a valid JWK Set is never cached: the last
//   good set stays; when refreshing fails it is served until `lifetime + staleWindow` after it was
//   fetched, then lookups fail with `jwks-fetch-failed`;
// - `hydrate()` prefetches; `exportedJSON` / `seed(json:fetchedAt:)` carry the cache across
//   serverless cold starts; `status` exposes freshness, cooldown, last error and fetch counts.
//
// The cooldown is per RemoteKeySet instance: build verifiers once at start-up and share them (a
// verifier built per request has a fresh cache each time, and the cooldown protects nothing).
//
// Concurrency: a `Mutex` (Synchronization, through Lock.swift) guards the state rather than an actor, because the hot
// path — a cached set that holds the kid — is then a short synchronous critical section with no
// suspension point; only a fetch suspends, and it runs in its own Task outside the lock.
// Needs Task and Mutex, which Embedded Swift does not have: Embedded builds verify against static sets.
#if !hasFeature(Embedded)
import PureJSON
import PureJWK

/// Fetches the key set at a URL: `(url) async throws -> JWKSResponse`. Errors become `jwks-fetch-failed`.
public typealias JWKSFetcher = @Sendable (String) async throws -> JWKSResponse

/// Cache settings of a remote key set.
public struct RemoteKeySetOptions: Sendable {
    /// Seconds a fetched set is fresh when the response gives no `Cache-Control: max-age`. Default 600.
    public var maxAge: Double
    /// The shortest lifetime taken from `Cache-Control` (a smaller max-age is raised to it). Default 60 s.
    public var minimumMaxAge: Double
    /// The longest lifetime taken from `Cache-Control` (a larger max-age is lowered to it). Default 86,400 s (1 day).
    public var maximumMaxAge: Double
    /// Minimum seconds between two fetch attempts for this URL. Default 30.
    public var cooldown: Double
    /// Seconds past the lifetime during which the last good set is still served (while a refresh
    /// runs or after refreshes failed). Default 3600.
    public var staleWindow: Double
    /// Real seconds a refresh may take before it counts as failed, whatever the fetcher does. Default 10.
    public var refreshDeadline: Double
    /// Largest accepted response in bytes. Default 1 MiB.
    public var maxResponseBytes: Int
    /// Rules for the fetched set.
    public var limits: JWKSetLimits

    /// Cache settings; every default is the documented one (SECURITY.md "Remote key sets").
    /// - Parameters:
    ///   - maxAge: seconds a set is fresh without `Cache-Control: max-age` (600).
    ///   - minimumMaxAge: the floor for a `Cache-Control` lifetime (60).
    ///   - maximumMaxAge: the ceiling for a `Cache-Control` lifetime (86,400).
    ///   - cooldown: minimum seconds between two fetch attempts (30).
    ///   - staleWindow: seconds past the lifetime the last good set is still served (3,600).
    ///   - refreshDeadline: real seconds a refresh may take (10).
    ///   - maxResponseBytes: the largest accepted response (1 MiB).
    ///   - limits: rules for the fetched set (size, key count, RSA key policy).
    public init(maxAge: Double = 600, minimumMaxAge: Double = 60, maximumMaxAge: Double = 86_400, cooldown: Double = 30,
                staleWindow: Double = 3600, refreshDeadline: Double = 10, maxResponseBytes: Int = 1 << 20,
                limits: JWKSetLimits = .default) {
        self.maxAge = maxAge
        self.minimumMaxAge = minimumMaxAge
        self.maximumMaxAge = maximumMaxAge
        self.cooldown = cooldown
        self.staleWindow = staleWindow
        self.refreshDeadline = refreshDeadline
        self.maxResponseBytes = maxResponseBytes
        self.limits = limits
    }

    /// The lifetime of a set whose response said `maxAge` (nil: no Cache-Control lifetime).
    func lifetime(_ responseMaxAge: Double?) -> Double {
        guard let m = responseMaxAge, m.isFinite else { return maxAge }
        return min(max(m, minimumMaxAge), maximumMaxAge)
    }
}

/// What the cache holds and may do now.
public struct RemoteKeySetStatus: Sendable {
    /// How usable the cached set is now.
    public enum Freshness: Sendable, Equatable {
        /// Nothing fetched (or seeded) yet.
        case empty
        /// Within its lifetime.
        case fresh
        /// Past its lifetime but within the stale window: still served, while a refresh runs.
        case stale
        /// Past the stale window: not served; verification needs a successful fetch.
        case expired
    }
    /// How usable the cached set is now.
    public let freshness: Freshness
    /// True while a new fetch attempt would be refused by the cooldown.
    public let isCoolingDown: Bool
    /// True while a fetch is in flight.
    public let isRefreshing: Bool
    /// Why the last fetch failed, when it did (cleared by a successful fetch).
    public let lastError: JWTError?
    /// When the current set was fetched (or seeded).
    public let lastFetch: NumericDate?
    /// When a fetch was last attempted.
    public let lastAttempt: NumericDate?
    /// The current set's freshness lifetime in seconds (from Cache-Control, clamped, or maxAge).
    public let lifetime: Double
    /// How many fetches have been started.
    public let fetchCount: Int
    /// Keys in the cached set (0 when empty).
    public let keyCount: Int
}

/// A JWK Set at a URL, cached. Share one instance per URL across verifiers and tasks.
public final class RemoteKeySet: Sendable {
    /// The JWKS URL (fetched through the fetcher; the fetcher decides what schemes it allows).
    public let url: String
    /// The cache rules.
    public let options: RemoteKeySetOptions
    let fetcher: JWKSFetcher
    let clock: JWTClock

    /// One fetch in flight and the callers waiting for it.
    struct Flight: Sendable {
        let id: UInt64
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var fetch: Task<Void, Never>? = nil
        var timer: Task<Void, Never>? = nil
    }

    struct State: Sendable {
        var keys: JWKSet? = nil
        var json: [UInt8]? = nil
        var fetchedAt: NumericDate? = nil
        var lifetime: Double
        var lastAttempt: NumericDate? = nil
        var lastError: JWTError? = nil
        var flight: Flight? = nil
        var fetchCount = 0
        var nextID: UInt64 = 0
    }

    let state: Lock<State>

    /// A cached key set at `url`, empty until the first fetch (`hydrate()`, or the first verification).
    /// - Parameters:
    ///   - url: the JWKS URL, e.g. a Cognito pool's `…/.well-known/jwks.json`.
    ///   - options: cache rules (lifetime, cooldown, stale window, deadline, size).
    ///   - clock: where "now" comes from for lifetimes and cooldowns.
    ///   - fetcher: how to GET the URL, e.g. `URLSessionJWKSFetcher().fetcher` (PureJWTFoundation).
    public init(url: String, options: RemoteKeySetOptions = .init(), clock: JWTClock, fetcher: @escaping JWKSFetcher) {
        self.url = url
        self.options = options
        self.clock = clock
        self.fetcher = fetcher
        self.state = Lock(State(lifetime: options.maxAge))
    }

    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
    /// A cached key set at `url` reading the system clock.
    public convenience init(url: String, options: RemoteKeySetOptions = .init(), fetcher: @escaping JWKSFetcher) {
        self.init(url: url, options: options, clock: .system, fetcher: fetcher)
    }
    #endif

    // MARK: the rules, in one critical section

    enum Decision { case serve(JWKSet), wait(UInt64), fail(JWTError) }

    /// One step of the cache's rules, under the lock. May start a fetch (and then says to wait for
    /// it): the decision and the start are one atomic step, so the cooldown cannot be bypassed.
    ///   - `waited`: this caller already waited for a fetch; it does not wait again.
    ///   - `wait`: false for synchronous callers, who get the cached set (and at most a background refresh).
    ///   - `kid`: compares a key id with the token's (nil: the token has no kid).
    private func decide(_ s: inout State, kid: ((String) -> Bool)?, now: NumericDate, refreshOnUnknownKid: Bool,
                        waited: Bool, wait: Bool) -> Decision {
        let t = now.secondsSince1970
        let age = s.fetchedAt.map { t - $0.secondsSince1970 } ?? .infinity
        let usable = s.keys != nil && age < s.lifetime + options.staleWindow
        let knowsKid = s.keys.map { keys in kid.map { keys.containsKey(where: $0) } ?? true } ?? false
        let coolingDown = s.lastAttempt.map { t - $0.secondsSince1970 < options.cooldown } ?? false
        let canStart = s.flight == nil && !coolingDown

        if usable, knowsKid, let keys = s.keys {
            // Fresh, or stale within the window: answer now; a stale set refreshes in the background.
            if age >= s.lifetime && canStart { _ = start(&s, now: now) }
            return .serve(keys)
        }
        // The kid is unknown, or there is no usable set. With a usable set whose latest refresh
        // failed, an unknown kid cannot be judged (the set may miss a rotation): jwks-fetch-failed
        // (HTTP 503), not key-not-found (401). After a successful refresh it is key-not-found.
        let fallback: Decision = usable && s.lastError == nil ? .serve(s.keys ?? JWKSet(keys: [])) : .fail(unavailable(s, age: age))
        if waited || !wait {
            if !wait && canStart && (refreshOnUnknownKid || !usable) { _ = start(&s, now: now) }
            return fallback
        }
        if let f = s.flight { return .wait(f.id) }                  // join the fetch in flight
        if usable && !refreshOnUnknownKid { return fallback }       // another source knows the kid
        if canStart { return .wait(start(&s, now: now)) }
        return fallback                                              // cooling down
    }

    private func unavailable(_ s: State, age: Double) -> JWTError {
        if s.keys != nil, age < s.lifetime + options.staleWindow {
            return JWTError(.jwksFetchFailed, "the key set at \(url) does not hold the token's key and refreshing it failed: \(s.lastError?.message ?? "no response")")
        }
        if s.keys != nil {
            return JWTError(.jwksFetchFailed, "the key set at \(url) is \(secondsText(age)) s old and refreshing failed: \(s.lastError?.message ?? "no response")")
        }
        return s.lastError ?? JWTError(.jwksFetchFailed, "the key set at \(url) is not available")
    }

    /// Starts a fetch (caller holds the lock and has checked the cooldown). Returns its id.
    private func start(_ s: inout State, now: NumericDate) -> UInt64 {
        s.nextID &+= 1
        let id = s.nextID
        s.lastAttempt = now
        s.fetchCount += 1
        var flight = Flight(id: id)
        flight.fetch = Task { await self.fetch(flight: id) }
        let deadline = UInt64(max(0, min(options.refreshDeadline, 86_400)) * 1_000_000_000)
        flight.timer = Task {
            try? await Task.sleep(nanoseconds: deadline)
            if !Task.isCancelled {
                self.finish(flight: id, .failure(JWTError(.jwksFetchFailed, "fetching \(self.url) gave no answer within the \(secondsText(self.options.refreshDeadline)) s refresh deadline")))
            }
        }
        s.flight = flight
        return id
    }

    private func fetch(flight id: UInt64) async {
        let outcome: Result<(JWKSet, [UInt8], Double), JWTError>
        do {
            let response = try await fetcher(url)
            outcome = Self.parse(response.body, url: url, options: options).map { ($0.0, $0.1, options.lifetime(response.maxAge)) }
        } catch {
            outcome = .failure(JWTError(.jwksFetchFailed, "fetching \(url) failed: \(sanitizedForDisplay("\(error)", limit: 200))"))
        }
        finish(flight: id, outcome)
    }

    /// Ends flight `id` with `outcome` — once: the first of the fetch and the deadline wins; the
    /// other finds the flight gone and does nothing (a late answer is discarded).
    private func finish(flight id: UInt64, _ outcome: Result<(JWKSet, [UInt8], Double), JWTError>) {
        let now = clock.now
        let ended: Flight? = state.withLock { s in
            guard let f = s.flight, f.id == id else { return nil }
            switch outcome {
            case .success(let (set, json, lifetime)):
                s.keys = set
                s.json = json
                s.fetchedAt = now
                s.lifetime = lifetime
                s.lastError = nil
            case .failure(let e):
                s.lastError = e          // a bad response never replaces a good set
            }
            s.flight = nil
            return f
        }
        guard let f = ended else { return }
        f.timer?.cancel()
        if case .failure = outcome { f.fetch?.cancel() }   // a deadline: ask the fetcher to stop
        for c in f.waiters.values { c.resume() }
    }

    /// Waits until flight `id` ends, or until the calling task is cancelled.
    private func wait(for id: UInt64) async throws(JWTError) {
        let token: UInt64 = state.withLock { s in s.nextID &+= 1; return s.nextID }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let registered = state.withLock { s -> Bool in
                    guard !Task.isCancelled, var f = s.flight, f.id == id else { return false }
                    f.waiters[token] = c
                    s.flight = f
                    return true
                }
                if !registered { c.resume() }
            }
        } onCancel: {
            state.withLock { s in s.flight?.waiters.removeValue(forKey: token) }?.resume()
        }
        if Task.isCancelled {
            throw JWTError(.jwksFetchFailed, "waiting for the key set at \(url) was cancelled")
        }
    }

    // MARK: lookups

    /// The key set to select from for a token with `kid`, refreshing as the rules above say.
    func keys(forKid kid: String?, refreshOnUnknownKid: Bool = true) async throws(JWTError) -> JWKSet {
        var waited = false
        while true {
            let now = clock.now
            let decision = state.withLock { s in
                decide(&s, kid: kid.map { k in { utf8Equal($0, k) } }, now: now, refreshOnUnknownKid: refreshOnUnknownKid, waited: waited, wait: true)
            }
            switch decision {
            case .serve(let set): return set
            case .fail(let error): throw error
            case .wait(let id):
                try await wait(for: id)
                waited = true
            }
        }
    }

    /// The cached set for synchronous verification: never waits. A stale set (within its window)
    /// or an unknown kid starts a background refresh under the same cooldown; nil when no usable
    /// set is cached.
    func cachedSet(forKid kid: ((String) -> Bool)?) -> JWKSet? {
        let now = clock.now
        let decision = state.withLock { s in decide(&s, kid: kid, now: now, refreshOnUnknownKid: true, waited: false, wait: false) }
        if case .serve(let set) = decision { return set }
        return nil
    }

    /// The cached set when it is usable and holds the kid — the async path's fast attempt, which
    /// then needs no suspension. A stale set starts its background refresh here too. Nil: the
    /// caller goes through `keys(forKid:)`, which applies every rule.
    func cachedSetIfKnown(kid: ((String) -> Bool)?) -> JWKSet? {
        let now = clock.now.secondsSince1970
        let known: (JWKSet, stale: Bool)? = state.withLock { s in
            guard let keys = s.keys, let f = s.fetchedAt else { return nil }
            let age = now - f.secondsSince1970
            guard age < s.lifetime + options.staleWindow, kid.map({ keys.containsKey(where: $0) }) ?? true else { return nil }
            return (keys, age >= s.lifetime)
        }
        guard let (keys, stale) = known else { return nil }
        if stale { _ = cachedSet(forKid: kid) }   // stale-while-revalidate: the rules start the refresh
        return keys
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

    /// Fetches now — or joins the fetch in flight — whatever the cooldown (an operator's explicit
    /// call, e.g. at start-up); throws when no usable set could be fetched.
    public func hydrate() async throws(JWTError) {
        let now = clock.now
        let id: UInt64 = state.withLock { s in s.flight?.id ?? start(&s, now: now) }
        try await wait(for: id)
        let error: JWTError? = state.withLock { s -> JWTError? in
            if let e = s.lastError { return e }
            return s.keys == nil ? JWTError(.jwksFetchFailed, "no key set") : nil
        }
        if let error { throw error }
    }

    /// The raw JSON of the current set, for seeding a later cold start.
    public var exportedJSON: [UInt8]? { state.withLock { $0.json } }

    /// Seeds the cache with a set fetched earlier (e.g. stored by a previous process), fresh for
    /// `maxAge` from `fetchedAt`.
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
            s.lifetime = options.maxAge
        }
    }

    /// The cache's current state.
    public var status: RemoteKeySetStatus {
        let now = clock.now.secondsSince1970
        return state.withLock { s in
            let freshness: RemoteKeySetStatus.Freshness
            if let f = s.fetchedAt, s.keys != nil {
                let age = now - f.secondsSince1970
                freshness = age < s.lifetime ? .fresh : (age < s.lifetime + options.staleWindow ? .stale : .expired)
            } else {
                freshness = .empty
            }
            return RemoteKeySetStatus(freshness: freshness,
                                      isCoolingDown: s.lastAttempt.map { now - $0.secondsSince1970 < options.cooldown } ?? false,
                                      isRefreshing: s.flight != nil,
                                      lastError: s.lastError, lastFetch: s.fetchedAt, lastAttempt: s.lastAttempt,
                                      lifetime: s.lifetime, fetchCount: s.fetchCount, keyCount: s.keys?.keys.count ?? 0)
        }
    }
}

#endif
