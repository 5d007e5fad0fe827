// Where a verifier's keys come from: a static key set, loaded and prepared once (every RSA key's
// Montgomery constants computed at load), or a remote key set fetched and cached (RemoteKeySet.swift),
// verified against with `async` `verify` (the synchronous `verifySync` serves only what is cached).
import PureJWK

/// The keys a verifier selects from.
public struct KeySource: Sendable {
    enum Storage: Sendable {
        case fixed(JWKSet)
        #if !hasFeature(Embedded)
        case remote(RemoteKeySet)
        /// A remote set still to be made, with the clock of the verifier it is given to.
        case remoteAt(url: String, options: RemoteKeySetOptions, fetcher: JWKSFetcher)
        #endif
    }

    let storage: Storage

    /// A fixed key set, e.g. a JWKS file shipped with the service or fetched at start-up.
    public static func `static`(_ keys: JWKSet) -> KeySource { KeySource(storage: .fixed(keys)) }

    /// HMAC secrets (HS256/384/512, RFC 7518 §3.2): the explicitly named way to verify with a
    /// shared secret. A secret never comes from a public or fetched key set, and HS* is never in a
    /// default allowlist — name it in the verifier's `algorithms`. The secret must be at least as
    /// long as the hash output of the algorithm it verifies (32 bytes for HS256), else
    /// `key-not-usable`.
    /// - Parameters:
    ///   - secret: the shared secret's bytes.
    ///   - keyID: the `kid` tokens name it by (nil: tokens without `kid` select it).
    ///   - algorithm: restricts the secret to one algorithm (the JWK `alg`), e.g. `.hs256`.
    public static func hmacSecret(_ secret: [UInt8], keyID: String? = nil, algorithm: JWSAlgorithm? = nil) -> KeySource {
        KeySource(storage: .fixed(JWKSet(keys: [JWK(symmetricKey: SymmetricKey(secret), keyID: keyID, algorithm: algorithm?.rawValue)])))
    }

    /// HMAC secrets from a JWK or JWK Set of `kty` "oct" keys (RFC 7518 §6.4.1, `k` in base64url),
    /// loaded locally — e.g. a secrets file — for rotation by `kid`. Every key must be `oct`.
    /// - Throws: `invalid-jwks` or `malformed-json` for a file that is not such a set.
    public static func hmacSecrets(jwkJSON: [UInt8]) throws(JWTError) -> KeySource {
        do { return KeySource(storage: .fixed(JWKSet(keys: try JWK.symmetricKeys(json: jwkJSON)))) } catch { throw JWTError(error) }
    }

    #if !hasFeature(Embedded)
    /// A remote key set, fetched and cached (docs/ARCHITECTURE.md "Remote key sets"). Share one
    /// `RemoteKeySet` between verifiers to share its cache. Verify with `try await verifier.verify(token)`;
    /// `verifySync` serves only what is cached.
    public static func remote(_ keys: RemoteKeySet) -> KeySource { KeySource(storage: .remote(keys)) }

    /// A remote key set at `url` read through `fetcher`: the verifier it is given to makes it, with
    /// the verifier's clock (one clock for both), and owns its cache.
    public static func remote(url: String, options: RemoteKeySetOptions = .init(), fetch fetcher: @escaping JWKSFetcher) -> KeySource {
        KeySource(storage: .remoteAt(url: url, options: options, fetcher: fetcher))
    }

    /// This source with a pending remote set made, reading `clock` (verifier initialisers).
    func resolved(clock: JWTClock) -> KeySource {
        guard case .remoteAt(let url, let options, let fetcher) = storage else { return self }
        return .remote(RemoteKeySet(url: url, options: options, clock: clock, fetcher: fetcher))
    }
    #else
    func resolved(clock: JWTClock) -> KeySource { self }
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
        case .remoteAt(let url, _, _):
            throw JWTError(.jwksFetchFailed, "the key set at \(url) belongs to no verifier yet")
        #endif
        }
    }

    /// The set when it is at hand for this kid without a fetch; nil when a fetch (await) is needed.
    func setIfKnown(forKid kid: KidReference?) -> JWKSet? {
        switch storage {
        case .fixed(let set): return set
        #if !hasFeature(Embedded)
        case .remote(let remote): return remote.cachedSetIfKnown(kid: kid.map { k in k.matches })
        case .remoteAt: return nil
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
        case .remoteAt(let url, _, _): throw JWTError(.jwksFetchFailed, "the key set at \(url) belongs to no verifier yet")
        }
    }

    #endif
}
