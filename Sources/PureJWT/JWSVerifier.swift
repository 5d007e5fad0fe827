// Signature-only verification of a compact JWS (RFC 7515 §5.2): the payload is returned as opaque
// bytes and no claim is judged. For tokens that are JWTs use `TokenVerifier` or `CognitoVerifier`.
import PureJWK

/// Verifies JWS signatures.
public struct JWSVerifier: Sendable {
    /// Where the keys come from.
    public let keys: KeySource
    /// Algorithms accepted (default RS256 only).
    public let algorithms: [JWSAlgorithm]
    /// Bounds on untrusted input.
    public let limits: Limits

    /// A verifier over a key source (`.static(jwks)`, `.remote(url:fetch:)` read with `clock`,
    /// or a shared `.remote(set)`).
    public init(keys: KeySource, algorithms: [JWSAlgorithm] = [.rs256], limits: Limits = .default, clock: JWTClock) {
        self.keys = keys.resolved(clock: clock)
        self.algorithms = algorithms
        self.limits = limits
    }

    /// A verifier over a static key set.
    public init(keys: JWKSet, algorithms: [JWSAlgorithm] = [.rs256], limits: Limits = .default) {
        self.keys = .static(keys)
        self.algorithms = algorithms
        self.limits = limits
    }

    /// The header and the payload bytes of a JWS whose signature verifies, without waiting (a
    /// remote set as cached).
    /// - Throws: `JWTError` — `malformed-token`, `malformed-json`, `unsupported-algorithm`,
    ///   `unsupported-critical-header`, `key-not-found`, `key-not-usable`, `invalid-signature`,
    ///   `jwks-fetch-failed` (a remote set not loaded).
    public func verifySync(_ token: [UInt8]) throws(JWTError) -> (header: JOSEHeader, payload: [UInt8]) {
        try token.withUnsafeBufferPointer { (b) throws(JWTError) in try verifySync(b) }
    }

    /// `verifySync` on a String.
    public func verifySync(_ token: String) throws(JWTError) -> (header: JOSEHeader, payload: [UInt8]) {
        try withUTF8Bytes(token) { (b) throws(JWTError) in try verifySync(b) }
    }

    func verifySync(_ token: UnsafeBufferPointer<UInt8>) throws(JWTError) -> (header: JOSEHeader, payload: [UInt8]) {
        let outcome = try SignatureCheck.run(token, limits: limits, algorithms: algorithms, payloadIsJSON: false) {
            (kid) throws(JWTError) in CollectionOfOne(try keys.cachedSet(forKid: kid))
        }
        return try result(outcome)
    }

    func result(_ outcome: SignatureCheck.Outcome) throws(JWTError) -> (header: JOSEHeader, payload: [UInt8]) {
        guard case .verified(let parts) = outcome else { throw JWTError(.jwksFetchFailed, "the key set is not available without a fetch") }
        return (JOSEHeader(parts.header), Array(parts.storage[parts.payload]))
    }

    #if !hasFeature(Embedded)
    /// The header and payload of a JWS whose signature verifies, fetching a remote key set when the
    /// cache rules say so; for a static set it is `verifySync`.
    public func verify(_ token: String) async throws(JWTError) -> (header: JOSEHeader, payload: [UInt8]) {
        let first = try withUTF8Bytes(token) { (b) throws(JWTError) in
            try SignatureCheck.run(b, limits: limits, algorithms: algorithms, payloadIsJSON: false) { kid in
                keys.setIfKnown(forKid: kid).map { CollectionOfOne($0) }
            }
        }
        guard case .needsKeys(let kid) = first else { return try result(first) }
        let set = try await keys.set(forKid: kid, refreshOnUnknownKid: true)
        return try withUTF8Bytes(token) { (b) throws(JWTError) in
            try result(SignatureCheck.run(b, limits: limits, algorithms: algorithms, payloadIsJSON: false) { _ in CollectionOfOne(set) })
        }
    }

    /// `verify` on the token's bytes.
    public func verify(_ token: [UInt8]) async throws(JWTError) -> (header: JOSEHeader, payload: [UInt8]) {
        try await verify(String(decoding: token, as: UTF8.self))
    }

    /// Fetches a remote key set now; nothing for a static one.
    public func hydrate() async throws(JWTError) { try await keys.remoteKeySet?.hydrate() }

    /// The remote key set's cache state, or nil for a static set.
    public var keySetStatus: RemoteKeySetStatus? { keys.remoteKeySet?.status }
    #endif
}
