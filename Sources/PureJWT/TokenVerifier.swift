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

    public init(keys: KeySource, policy: VerificationPolicy, clock: JWTClock) {
        self.keys = keys
        self.policy = policy
        self.clock = clock
    }

    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
    /// A verifier reading the system clock.
    public init(keys: KeySource, policy: VerificationPolicy) {
        self.init(keys: keys, policy: policy, clock: .system)
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
    /// Verifies `token`, fetching the remote key set when the cache rules say so (ARCHITECTURE.md
    /// "Remote key sets"). For a static key set this is the same as the synchronous `verify`.
    /// The algorithm is checked against the policy before any key lookup or fetch.
    public func verify(_ token: String, now: NumericDate? = nil) async throws(JWTError) -> VerifiedToken {
        let bytes = Array(token.utf8)
        let (parsed, algorithm) = try bytes.withUnsafeBufferPointer { (b) throws(JWTError) in
            let parsed = try CompactJWS.parse(b, limits: policy.limits)
            return (parsed, try SignatureCheck.allowedAlgorithm(parsed.header, policy.algorithms))
        }
        let set = try await keys.set(forKid: parsed.header.keyID, refreshOnUnknownKid: true)
        return try bytes.withUnsafeBufferPointer { (b) throws(JWTError) in
            let check = try SignatureCheck.run(b, parsed: parsed, algorithm: algorithm, sets: [set])
            return try finish(b, check, now: now)
        }
    }

    /// Fetches the remote key set now (call once at start-up); does nothing for a static set.
    public func hydrate() async throws(JWTError) {
        try await keys.remoteKeySet?.hydrate()
    }

    /// The remote key set's cache state, or nil for a static set.
    public var keySetStatus: RemoteKeySetStatus? { keys.remoteKeySet?.status }
    #endif

    func verify(_ token: UnsafeBufferPointer<UInt8>, now: NumericDate?) throws(JWTError) -> VerifiedToken {
        let parsed = try CompactJWS.parse(token, limits: policy.limits)
        let algorithm = try SignatureCheck.allowedAlgorithm(parsed.header, policy.algorithms)
        let set = try keys.cachedSet(forKid: parsed.header.keyID)
        let check = try SignatureCheck.run(token, parsed: parsed, algorithm: algorithm, sets: [set])
        return try finish(token, check, now: now)
    }

    /// After the signature: decode the payload and run the claim checks.
    func finish(_ token: UnsafeBufferPointer<UInt8>, _ check: SignatureCheck, now: NumericDate?) throws(JWTError) -> VerifiedToken {
        let (payload, claims) = try decodeClaims(token, check.parsed, policy.limits)
        try ClaimChecks.issuer(claims, policy.issuer)
        try ClaimChecks.time(claims, now: now ?? clock.now, leeway: policy.leeway,
                             requireExpiration: policy.requireExpiration, maxAge: policy.maxAge)
        try ClaimChecks.audience(claims, policy.audience)
        try ClaimChecks.required(claims, policy.requiredClaims)
        try policy.customCheck?(claims)
        return VerifiedToken(header: check.parsed.header, algorithm: check.algorithm, claims: claims, payload: payload)
    }
}

/// Runs `body` over the UTF-8 bytes of `s` without copying them. `String.withUTF8` is
/// untyped-rethrows, so the typed error travels out through a `Result`.
func withUTF8Bytes<T>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) throws(JWTError) -> T) throws(JWTError) -> T {
    var s = s
    let result = s.withUTF8 { buffer in Result { () throws(JWTError) in try body(buffer) } }
    return try result.get()
}

/// Decodes and parses the payload of a verified JWS into claims (RFC 7519 §7.2 steps 9–10: the
/// payload must be a JSON object).
func decodeClaims(_ token: UnsafeBufferPointer<UInt8>, _ parsed: ParsedJWS, _ limits: Limits) throws(JWTError) -> ([UInt8], JWTClaims) {
    let payload = try CompactJWS.payload(token, parsed)
    let value: JSONValue
    do { value = try JSONParser.parse(payload, limits: limits.json) } catch {
        throw JWTError(.malformedJSON, "payload is not valid JSON: \(error)")
    }
    guard case .object(let object) = value else {
        throw JWTError(.malformedToken, "a JWT payload must be a JSON object (RFC 7519 §7.2), found \(value.kindName)")
    }
    return (payload, try JWTClaims(object))
}
