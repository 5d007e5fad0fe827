// Where a verifier's keys come from. Today: a static key set, loaded and prepared once (every RSA
// key's Montgomery constants computed at load), verified against synchronously. The remote,
// cached key set plugs in behind the same type (see RemoteKeySet.swift) and is verified against
// with `async` verification.
import PureJWK

/// The keys a verifier selects from.
public struct KeySource: Sendable {
    enum Storage: Sendable {
        case fixed(JWKSet)
        #if !hasFeature(Embedded)
        case remote(RemoteKeySet)
        #endif
    }

    let storage: Storage

    /// A fixed key set, e.g. a JWKS file shipped with the service or fetched at start-up.
    public static func `static`(_ keys: JWKSet) -> KeySource { KeySource(storage: .fixed(keys)) }

    #if !hasFeature(Embedded)
    /// A remote key set, fetched and cached (ARCHITECTURE.md "Remote key sets"). Verify with
    /// `try await verifier.verify(token)`; the synchronous `verify` serves only what is cached.
    public static func remote(_ keys: RemoteKeySet) -> KeySource { KeySource(storage: .remote(keys)) }

    /// A remote key set at `url` read through `fetcher`, with default cache settings.
    public static func remote(url: String, clock: JWTClock, fetch fetcher: @escaping JWKSFetcher) -> KeySource {
        .remote(RemoteKeySet(url: url, clock: clock, fetcher: fetcher))
    }
    #endif

    /// The set to select from without waiting (synchronous verification). For a remote source: the
    /// cached set within its stale window (a stale set or an unknown kid starts a background
    /// refresh under the cooldown), or `jwks-fetch-failed` when nothing usable is cached.
    func cachedSet(forKid kid: KidReference?) throws(JWTError) -> JWKSet {
        switch storage {
        case .fixed(let set): return set
        #if !hasFeature(Embedded)
        case .remote(let remote):
            guard let set = remote.cachedSet(forKid: kid.map { k in k.matches }) else {
                throw remote.status.lastError.map { JWTError(.jwksFetchFailed, "the key set at \(remote.url) is not loaded: \($0.message)") }
                    ?? JWTError(.jwksFetchFailed, "the key set at \(remote.url) is not loaded yet: call hydrate() at start-up, or use `await verify`")
            }
            return set
        #endif
        }
    }

    /// The set when it is at hand for this kid without a fetch; nil when a fetch (await) is needed.
    func setIfKnown(forKid kid: KidReference?) -> JWKSet? {
        switch storage {
        case .fixed(let set): return set
        #if !hasFeature(Embedded)
        case .remote(let remote): return remote.cachedSetIfKnown(kid: kid.map { k in k.matches })
        #endif
        }
    }

    #if !hasFeature(Embedded)

    /// The remote key set behind this source, if it is one (for `hydrate()` and `status`).
    public var remoteKeySet: RemoteKeySet? {
        if case .remote(let r) = storage { return r }
        return nil
    }

    /// The set to select from for `kid`, fetching when the remote rules say so.
    func set(forKid kid: String?, refreshOnUnknownKid: Bool) async throws(JWTError) -> JWKSet {
        switch storage {
        case .fixed(let set): return set
        case .remote(let remote): return try await remote.keys(forKid: kid, refreshOnUnknownKid: refreshOnUnknownKid)
        }
    }

    /// True when the source holds a key with this kid right now (no fetch).
    func hasCachedKey(_ kid: String) -> Bool {
        switch storage {
        case .fixed(let set): return set.containsKey(withID: kid)
        case .remote(let remote): return remote.holdsKey(kid)
        }
    }
    #endif
}
