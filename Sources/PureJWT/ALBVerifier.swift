// The tokens an AWS Application Load Balancer passes to its targets in `x-amzn-oidc-data` after
// authenticating a user (as aws-jwt-verify's AlbJwtVerifier verifies them): ES256, with the load
// balancer's ARN in the header's `signer`, the app client in `client`, and `kid` naming a public key
// served as a PEM at https://public-keys.auth.elb.<region>.amazonaws.com/<kid>.
//
// What differs from every other verifier here, and is allowed for this one only:
//   - the segments may carry base64 padding ('=') — ALB writes it; the signing input is hashed
//     exactly as received, padding included (RFC 7515 §5.2 step 8);
//   - keys come one per kid from a URL, not from a JWK Set.
// The rules are the library's: ES256 only (checked before any fetch), the key must be a P-256 key,
// `signer` must be one of the configured ARNs (before any fetch too: a token from another load
// balancer never makes this one fetch), `client` and `iss` as configured, `exp` required.
// Fetching: HTTPS (http only to loopback, as the fetcher decides), the fetcher's size cap, keys
// cached per kid (bounded), and a cooldown — at most one fetch of a kid not yet cached per
// `cooldown` seconds, so forged kids cannot turn the verifier into a traffic amplifier.
#if !hasFeature(Embedded)
import PureBase64URL
import PureDER
import PureEC
import PureJSON
import PureJWK
import PureSHA2

/// The cache rules of an `ALBVerifier`'s keys.
public struct ALBKeyOptions: Sendable {
    /// Seconds between fetches of kids not yet cached (default 30).
    public var cooldown: Double
    /// Keys kept (default 64; the oldest leaves first).
    public var maxKeys: Int

    /// Options; each parameter is the property of the same name.
    public init(cooldown: Double = 30, maxKeys: Int = 64) {
        self.cooldown = cooldown
        self.maxKeys = maxKeys
    }
}

/// Verifies AWS Application Load Balancer user tokens (`x-amzn-oidc-data`). Build one at start-up
/// and share it: its key cache and fetch cooldown live in it.
public final class ALBVerifier: Sendable {
    let loadBalancerARNs: [String]
    let clientIDs: ClaimExpectation
    let issuers: ClaimExpectation
    let fetcher: JWKSFetcher
    let options: ALBKeyOptions
    let leeway: Double
    let limits: Limits
    let clock: JWTClock
    let state = Lock(KeyState())

    struct KeyState {
        var keys: [(kid: String, key: ECPublicKey)] = []
        var lastFetch: NumericDate? = nil
    }

    /// A verifier for the tokens of the given load balancers.
    /// - Parameters:
    ///   - loadBalancerARNs: accepted `signer` values, e.g. "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188".
    ///   - clientIDs: accepted `client` values (the ALB's OIDC app client); `.notChecked` opts out.
    ///   - issuers: accepted `iss` values (the identity provider); `.notChecked` opts out.
    ///   - fetch: fetches a URL's body (e.g. `URLSessionJWKSFetcher().fetcher`): here, a key's PEM.
    ///   - options: cooldown and cache size.
    ///   - leeway: clock skew tolerance for `exp` in seconds.
    ///   - limits: bounds on untrusted input.
    ///   - clock: where "now" comes from.
    public init(loadBalancerARNs: [String], clientIDs: ClaimExpectation, issuers: ClaimExpectation, fetch: @escaping JWKSFetcher,
                options: ALBKeyOptions = .init(), leeway: Double = 0, limits: Limits = .default, clock: JWTClock) {
        self.loadBalancerARNs = loadBalancerARNs
        self.clientIDs = clientIDs
        self.issuers = issuers
        fetcher = fetch
        self.options = options
        self.leeway = leeway
        self.limits = limits
        self.clock = clock
    }

    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
    /// The same, reading the system clock.
    public convenience init(loadBalancerARNs: [String], clientIDs: ClaimExpectation, issuers: ClaimExpectation, fetch: @escaping JWKSFetcher,
                            options: ALBKeyOptions = .init(), leeway: Double = 0, limits: Limits = .default) {
        self.init(loadBalancerARNs: loadBalancerARNs, clientIDs: clientIDs, issuers: issuers, fetch: fetch, options: options,
                  leeway: leeway, limits: limits, clock: .system)
    }
    #endif

    /// The URL of an ALB public key: https://public-keys.auth.elb.<region>.amazonaws.com/<kid>
    /// (amazonaws.com.cn for the China regions), the region taken from the signer's ARN.
    public static func keyURL(signer: String, kid: String) -> String? {
        let parts = signer.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[0] == "arn", parts[2] == "elasticloadbalancing", !parts[3].isEmpty,
              parts[3].utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) else { return nil }
        let region = String(parts[3])
        let domain = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return "https://public-keys.auth.elb.\(region).\(domain)/\(kid)"
    }

    /// Verifies an `x-amzn-oidc-data` value.
    /// - Throws: `JWTError` — `malformed-token`, `malformed-json`, `unsupported-algorithm` (not
    ///   ES256), `invalid-issuer` (`signer` not configured, or `iss`), `invalid-audience` (`client`),
    ///   `key-not-found` (a kid ALB would not issue, or the key server does not have it),
    ///   `jwks-fetch-failed`, `key-not-usable` (not a P-256 key), `invalid-signature`, `expired`,
    ///   `not-yet-valid`, `invalid-claim`.
    public func verify(_ token: String) async throws(JWTError) -> VerifiedToken {
        let now = clock.now
        let bytes = Array(token.utf8)
        guard bytes.count <= limits.maxTokenBytes else { throw JWTError(.malformedToken, "token is \(bytes.count) bytes, over the \(limits.maxTokenBytes)-byte limit") }
        let segments = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard segments.count == 3 else { throw JWTError(.malformedToken, "an ALB token has three segments, this one \(segments.count)") }
        let headerBytes = try Self.decodePadded(segments[0], "header")
        guard headerBytes.count <= limits.maxHeaderBytes else { throw JWTError(.malformedToken, "header over the \(limits.maxHeaderBytes)-byte limit") }
        let headerJSON: JSONObject
        do {
            guard case .object(let o) = try JSONParser.parse(headerBytes, limits: limits.json) else {
                throw JWTError(.malformedToken, "the header is not a JSON object")
            }
            headerJSON = o
        } catch let error as JWTError { throw error } catch {
            throw JWTError(.malformedJSON, "header is not valid JSON: \(error)")
        }
        // The algorithm and the signer, before any key lookup or fetch.
        guard case .string(let alg)? = headerJSON["alg"], utf8Equal(alg, "ES256") else {
            throw JWTError(.unsupportedAlgorithm, "an ALB token is ES256")
        }
        guard case .string(let signer)? = headerJSON["signer"], loadBalancerARNs.contains(where: { utf8Equal($0, signer) }) else {
            throw JWTError(.invalidIssuer, "\"signer\" is not one of the configured load balancers")
        }
        guard case .string(let kid)? = headerJSON["kid"], (1...128).contains(kid.utf8.count),
              kid.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D }),
              let url = Self.keyURL(signer: signer, kid: kid) else {
            throw JWTError(.keyNotFound, "\"kid\" is not a key id an ALB issues (letters, digits, '-')")
        }
        if case .oneOf(let clients) = clientIDs {
            guard case .string(let client)? = headerJSON["client"], clients.contains(where: { utf8Equal($0, client) }) else {
                throw JWTError(.invalidAudience, "\"client\" is not one of the configured app clients")
            }
        }
        let key = try await self.key(kid: kid, url: url, now: now)
        // The signature over the signing input exactly as received (padding included).
        let signature = try Self.decodePadded(segments[2], "signature")
        let signingInput = Array(bytes[0..<(segments[0].count + 1 + segments[1].count)])
        guard signature.count == 64, key.isValidSignature(signature, digest: SHA256.hash(signingInput).bytes) else {
            throw JWTError(.invalidSignature, "the ES256 signature does not verify with the key \"\(kid)\"")
        }
        // Only now the claims: iss, exp (required), nbf.
        let payload = try Self.decodePadded(segments[1], "payload")
        let claims = try JWTClaims(json: payload, limits: limits)
        try ClaimChecks.issuer(claims, issuers)
        try ClaimChecks.time(claims, now: now, leeway: leeway, requireExpiration: true, maxAge: nil)
        let header: JOSEHeader
        do {
            guard let scanned = try ScannedObject.scan(headerBytes, limits: limits.json).0 else { throw JWTError(.malformedToken, "header") }
            header = JOSEHeader(scanned)
        } catch let error as JWTError { throw error } catch { throw JWTError(.malformedJSON, "header: \(error)") }
        return VerifiedToken(header: header, algorithm: .es256, claims: claims, keyIdentity: KeyIdentity(setIndex: 0, keyIndex: 0))
    }

    /// A segment's bytes: base64url, with or without trailing '=' padding (ALB pads); the padding
    /// must be exactly what the length needs.
    static func decodePadded(_ segment: ArraySlice<UInt8>, _ what: String) throws(JWTError) -> [UInt8] {
        var end = segment.endIndex
        var pads = 0
        while end > segment.startIndex && segment[end - 1] == UInt8(ascii: "=") && pads < 3 { end -= 1; pads += 1 }
        let body = segment[segment.startIndex..<end]
        guard pads == 0 || (body.count + pads) % 4 == 0 else {
            throw JWTError(.malformedToken, "the \(what) segment's padding does not fit its length")
        }
        do { return try Base64URL.decode(String(decoding: body, as: UTF8.self)) } catch {
            throw JWTError(.malformedToken, "the \(what) segment is not base64url (\(error))")
        }
    }

    /// The key for `kid`: cached, or fetched under the cooldown.
    func key(kid: String, url: String, now: NumericDate) async throws(JWTError) -> ECPublicKey {
        let cached: ECPublicKey?? = state.withLock { s in
            if let hit = s.keys.first(where: { utf8Equal($0.kid, kid) }) { return .some(hit.key) }
            if let last = s.lastFetch, now.secondsSince1970 - last.secondsSince1970 < options.cooldown { return .some(nil) }
            s.lastFetch = now
            return .none
        }
        switch cached {
        case .some(.some(let key)): return key
        case .some(.none): throw JWTError(.keyNotFound, "no cached key \"\(kid)\", and a key was fetched less than \(secondsText(options.cooldown)) s ago")
        case .none: break
        }
        let body: [UInt8]
        do { body = try await fetcher(url).body } catch {
            throw JWTError(.jwksFetchFailed, "fetching the ALB key \"\(kid)\" failed: \(sanitizedForDisplay("\(error)", limit: 200))")
        }
        let key: ECPublicKey
        do { key = try ECPublicKey(pem: String(decoding: body, as: UTF8.self)) } catch {
            throw JWTError(.keyNotUsable, "the ALB key \"\(kid)\" is not a P-256 public key PEM: \(error.description)")
        }
        guard key.curve == .p256 else { throw JWTError(.keyNotUsable, "the ALB key \"\(kid)\" is on \(key.curve.rawValue), ES256 needs P-256") }
        state.withLock { s in
            if !s.keys.contains(where: { utf8Equal($0.kid, kid) }) { s.keys.append((kid, key)) }
            if s.keys.count > options.maxKeys { s.keys.removeFirst(s.keys.count - options.maxKeys) }
        }
        return key
    }
}
#endif
