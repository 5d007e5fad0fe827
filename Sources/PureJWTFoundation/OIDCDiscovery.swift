// OpenID Connect Discovery 1.0 for generic providers: from an issuer URL, read the provider's
// configuration, check it, and verify that issuer's tokens against its published keys.
//
// §4: the configuration is at the issuer with any trailing "/" removed, followed by
// "/.well-known/openid-configuration"; it is fetched with the JWKS fetcher's rules (HTTPS — plain
// HTTP to loopback only —, status 200 only, no redirects, size cap, timeout).
// §4.3: "The issuer value returned MUST be identical to the Issuer URL that was used as the prefix
// to /.well-known/openid-configuration to retrieve the configuration information": compared byte
// for byte, so a document cannot point a verifier at another issuer's tokens or keys.
// `jwks_uri` (§3, REQUIRED) then becomes the verifier's remote key set.
import Foundation
import PureJWT

/// The members of an OpenID Provider configuration that verification uses (OIDC Discovery §3).
public struct OIDCProviderConfiguration: Sendable, Equatable {
    /// `issuer`, identical to the issuer it was fetched for.
    public let issuer: String
    /// `jwks_uri`: where the provider publishes its signing keys.
    public let jwksURI: String
    /// `id_token_signing_alg_values_supported`, when present.
    public let idTokenSigningAlgorithms: [String]?
}

/// OpenID Connect Discovery (§4).
public enum OIDCDiscovery {
    /// The configuration URL of `issuer` (§4.1).
    public static func configurationURL(issuer: String) -> String {
        (issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer) + "/.well-known/openid-configuration"
    }

    /// Fetches and checks the provider configuration of `issuer`.
    /// - Parameters:
    ///   - issuer: the issuer URL, exactly as its tokens' `iss`.
    ///   - fetch: how to GET a URL (default: `URLSessionJWKSFetcher`'s rules).
    /// - Throws: `jwks-fetch-failed` when the document cannot be fetched or is not a JSON object
    ///   with string `issuer` and `jwks_uri`; `invalid-issuer` when its `issuer` is not identical.
    public static func configuration(issuer: String, fetch: JWKSFetcher = URLSessionJWKSFetcher().fetcher) async throws(JWTError) -> OIDCProviderConfiguration {
        let url = configurationURL(issuer: issuer)
        let body: [UInt8]
        do { body = try await fetch(url).body } catch {
            throw JWTError(.jwksFetchFailed, "fetching \(url): \(error)")
        }
        let value: JSONValue
        do throws(JSONError) { value = try JSONParser.parse(body, limits: JSONLimits(maxDepth: 16, maxMembersPerObject: 1_000)) } catch {
            throw JWTError(.jwksFetchFailed, "the configuration at \(url) is not valid JSON: \(error)")
        }
        guard case .object(let doc) = value else {
            throw JWTError(.jwksFetchFailed, "the configuration at \(url) is not a JSON object")
        }
        guard case .string(let declared)? = doc["issuer"] else {
            throw JWTError(.jwksFetchFailed, "the configuration at \(url) has no string \"issuer\"")
        }
        guard Array(declared.utf8) == Array(issuer.utf8) else {
            throw JWTError(.invalidIssuer, "the configuration at \(url) is for issuer \(displayQuoted(declared, limit: 100)), not \(displayQuoted(issuer, limit: 100)) (OIDC Discovery §4.3)")
        }
        guard case .string(let jwksURI)? = doc["jwks_uri"] else {
            throw JWTError(.jwksFetchFailed, "the configuration at \(url) has no string \"jwks_uri\"")
        }
        var algorithms: [String]? = nil
        if case .array(let list)? = doc["id_token_signing_alg_values_supported"] {
            algorithms = list.compactMap { $0.stringValue }
        }
        return OIDCProviderConfiguration(issuer: declared, jwksURI: jwksURI, idTokenSigningAlgorithms: algorithms)
    }

    /// A verifier for the tokens of `issuer`: discovery (above), then a `TokenVerifier` whose keys
    /// come from the configuration's `jwks_uri` through `fetch` and whose policy requires this
    /// issuer and one of `audiences`.
    /// - Parameters:
    ///   - issuer: the issuer URL, exactly as its tokens' `iss`.
    ///   - audiences: the accepted `aud` values (your API's identifiers).
    ///   - fetch: how to GET the configuration and the key set (default: `URLSessionJWKSFetcher`).
    ///   - keySetOptions: the key set's cache rules.
    ///   - clock: where "now" comes from.
    ///   - cache: the verified-token cache, off by default.
    ///   - adjust: changes to the policy before use (algorithms, `typ`, leeway, scopes …); the
    ///     issuer stays the discovered one.
    /// - Throws: as `configuration(issuer:fetch:)`.
    public static func verifier(issuer: String, audiences: [String], fetch: @escaping JWKSFetcher = URLSessionJWKSFetcher().fetcher,
                                keySetOptions: RemoteKeySetOptions = .init(), clock: JWTClock = .system,
                                cache: VerifiedTokenCacheOptions? = nil,
                                policy adjust: (inout VerificationPolicy) -> Void = { _ in }) async throws(JWTError) -> TokenVerifier {
        let configuration = try await configuration(issuer: issuer, fetch: fetch)
        var policy = VerificationPolicy(issuers: [configuration.issuer], audiences: audiences)
        adjust(&policy)
        policy.issuer = .oneOf([configuration.issuer])
        return TokenVerifier(keys: .remote(url: configuration.jwksURI, options: keySetOptions, fetch: fetch),
                             policy: policy, clock: clock, cache: cache)
    }
}
