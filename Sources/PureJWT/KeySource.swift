// Where a verifier's keys come from. Today: a static key set, loaded and prepared once (every RSA
// key's Montgomery constants computed at load), verified against synchronously. The remote,
// cached key set plugs in behind the same type (see RemoteKeySet.swift) and is verified against
// with `async` verification (added with the remote key set).
import PureJWK

/// The keys a verifier selects from.
public struct KeySource: Sendable {
    enum Storage: Sendable {
        case fixed(JWKSet)
    }

    let storage: Storage

    /// A fixed key set, e.g. a JWKS file shipped with the service or fetched at start-up.
    public static func `static`(_ keys: JWKSet) -> KeySource { KeySource(storage: .fixed(keys)) }
}
