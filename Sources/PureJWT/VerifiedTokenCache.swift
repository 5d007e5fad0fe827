// An opt-in cache of tokens whose signature verified, for what a server really sees: a signed-in
// user sends the same access token with every request for up to an hour. A hit skips decoding,
// parsing, hashing and RSA — and nothing else:
//
// - keyed by the exact token bytes: the lookup hashes the token (length and its last 64 bytes,
//   with the process's randomly seeded Hasher, so collisions cannot be planned) and a hit compares
//   the whole token byte for byte;
// - an entry holds the verified header and claims and the key that verified them — not the
//   outcome of the claim checks: every claim check (time, issuer, audience / client id, token use,
//   groups and scopes, the custom check) runs again on every hit, against the current clock and
//   the call's options;
// - an entry dies at its `exp` (RFC 7519 §4.1.4), and when the key set no longer holds the key that
//   verified it (checked on every hit against the current set: a rotated-out key's tokens stop
//   verifying from the cache the moment they would stop verifying without it);
// - only tokens that verified (signature and claims) are inserted; bounded by entries and bytes,
//   oldest first out.
//
// So a hit accepts exactly the tokens a full verification would accept at that moment with that
// key set (SECURITY.md gives the argument). Needs a Mutex: not in Embedded builds.
#if !hasFeature(Embedded)
import PureJSON
import PureJWK
import PureRSA

/// Bounds of a verified-token cache.
public struct VerifiedTokenCacheOptions: Sendable, Equatable {
    /// Most entries kept. Default 10,000.
    public var maxEntries: Int
    /// Most bytes kept (tokens, their decoded parts and bookkeeping). Default 32 MiB.
    public var maxBytes: Int

    /// Cache bounds (negative values count as 0: nothing is kept).
    /// - Parameters:
    ///   - maxEntries: the most tokens kept (default 10,000); the oldest go first.
    ///   - maxBytes: the most bytes kept, tokens and their decoded parts (default 32 MiB).
    public init(maxEntries: Int = 10_000, maxBytes: Int = 32 << 20) {
        self.maxEntries = max(0, maxEntries)
        self.maxBytes = max(0, maxBytes)
    }
}

/// What a verified-token cache holds, for observation.
public struct VerifiedTokenCacheStatus: Sendable, Equatable {
    /// Tokens held now.
    public let entries: Int
    /// Bytes held now.
    public let bytes: Int
    /// Lookups answered from the cache so far (each re-ran the claim checks).
    public let hits: Int
    /// Lookups that found nothing usable (absent, expired, or its key gone).
    public let misses: Int
}

/// The cache a verifier consults before verifying a token in full.
final class VerifiedTokenCache: Sendable {
    struct Entry: Sendable {
        let token: [UInt8]
        let verified: VerifiedToken
        /// The key that verified it, to check it is still in the key set.
        let key: VerificationKey
        /// `exp`, when the entry dies (tokens without exp are not cached).
        let expiresAt: Double
        let bytes: Int
        let serial: UInt64
    }

    struct State: Sendable {
        var entries: [Int: Entry] = [:]
        /// Insertion order (hash, serial), oldest first, for eviction.
        var order: [(hash: Int, serial: UInt64)] = []
        var orderStart = 0
        var bytes = 0
        var serial: UInt64 = 0
        var hits = 0
        var misses = 0
    }

    let options: VerifiedTokenCacheOptions
    let state: Lock<State>

    init(options: VerifiedTokenCacheOptions) {
        self.options = options
        self.state = Lock(State())
    }

    static func hash(_ token: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(token.count)
        hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(token).suffix(64)))
        return hasher.finalize()
    }

    /// The cached verification of exactly `token`, if it is alive at `now` and `keyIsCurrent` says
    /// its key is still in the key set. Dead entries are dropped here.
    func lookup(_ token: UnsafeBufferPointer<UInt8>, now: NumericDate, keyIsCurrent: (VerificationKey, Int) -> Bool) -> VerifiedToken? {
        let h = Self.hash(token)
        let entry: Entry? = state.withLock { s in
            guard let e = s.entries[h], e.token.count == token.count,
                  e.token.withUnsafeBytes({ bytesEqual($0, UnsafeRawBufferPointer(token)) }) else {
                s.misses += 1
                return nil
            }
            guard now.secondsSince1970 < e.expiresAt else {     // died at its exp
                s.entries[h] = nil
                s.bytes -= e.bytes
                s.misses += 1
                return nil
            }
            return e
        }
        guard let entry else { return nil }
        guard keyIsCurrent(entry.key, entry.verified.keyIdentity.setIndex) else {   // its key left the key set
            state.withLock { s in
                if let e = s.entries[h], e.serial == entry.serial { s.entries[h] = nil; s.bytes -= e.bytes }
                s.misses += 1
            }
            return nil
        }
        state.withLock { $0.hits += 1 }
        return entry.verified
    }

    /// Keeps a token that verified (signature and claims) by `key`.
    func insert(_ token: UnsafeBufferPointer<UInt8>, _ verified: VerifiedToken, key: VerificationKey) {
        guard options.maxEntries > 0, let exp = verified.claims.expiration?.secondsSince1970 else { return }
        let storage = verified.claims.object.storage.count + verified.claims.object.members.count * MemoryLayout<JSONMember>.stride
        let cost = token.count + storage + 256
        guard cost <= options.maxBytes else { return }
        let h = Self.hash(token)
        let bytes = Array(token)
        state.withLock { s in
            if let old = s.entries[h] { s.bytes -= old.bytes }
            s.serial &+= 1
            s.entries[h] = Entry(token: bytes, verified: verified, key: key, expiresAt: exp, bytes: cost, serial: s.serial)
            s.bytes += cost
            s.order.append((h, s.serial))
            // Oldest first out, until within both bounds (stale order records are skipped).
            while s.entries.count > options.maxEntries || s.bytes > options.maxBytes, s.orderStart < s.order.count {
                let (oh, serial) = s.order[s.orderStart]
                s.orderStart += 1
                if let e = s.entries[oh], e.serial == serial { s.entries[oh] = nil; s.bytes -= e.bytes }
            }
            if s.orderStart > 1024 && s.orderStart * 2 > s.order.count {
                s.order.removeFirst(s.orderStart)
                s.orderStart = 0
            }
        }
    }

    var status: VerifiedTokenCacheStatus {
        state.withLock { s in VerifiedTokenCacheStatus(entries: s.entries.count, bytes: s.bytes, hits: s.hits, misses: s.misses) }
    }

}

extension KeySource {
    /// Whether the set this source serves now (without fetching) still holds `key`.
    func holdsNow(_ key: VerificationKey) -> Bool {
        let set: JWKSet?
        switch storage {
        case .fixed(let s): set = s
        case .remote(let remote): set = remote.cachedSet(forKid: nil)
        case .remoteAt: set = nil
        }
        return set?.keys.contains { k in
            switch (k.material, key) {
            case (.rsa(let a), .rsa(let b)): a == b
            case (.symmetric(let a), .symmetric(let b)): a == b
            case (.ed25519(let a), .ed25519(let b)): a == b
            case (.ec(let a), .ec(let b)): a == b
            default: false
            }
        } ?? false
    }
}
#endif

#if hasFeature(Embedded)
/// Embedded Swift has no lock for the cache to share its entries safely, so there the verifiers
/// have no verified-token cache: this type has no values and a verifier's `cache:` can only be nil.
public enum VerifiedTokenCacheOptions: Sendable {}
#endif
