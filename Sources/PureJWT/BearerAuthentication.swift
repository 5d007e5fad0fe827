// The framework-neutral core of an HTTP API guarded by bearer tokens: from the request's
// `Authorization` header values to either an identity or a rejection that already knows its HTTP
// answer (status, `WWW-Authenticate` challenge, a small JSON body, the stable code to log). The
// Hummingbird and Vapor integrations (Integrations/) are a few lines of glue over this file.
//
// The mapping (RFC 6750 §3, §3.1; docs/ARCHITECTURE.md "Errors"):
//   no bearer credentials                → 401  Bearer realm="…"                       (no error attribute)
//   malformed header or token, refused   → 401  … error="invalid_token", error_description="<code>"
//   a required group or scope is lacking → 403  … scope="…", error="insufficient_scope", error_description="insufficient-scope"
//   the key set cannot be fetched        → 503  Bearer realm="…"
// The description is the stable code only: never token content, never a claim value.

/// What a server needs of a verified caller to check route-level requirements: the groups and
/// scopes the token grants.
public protocol BearerIdentity: Sendable {
    /// The groups the token grants (Cognito `cognito:groups`).
    var groups: [String] { get }
    /// The scopes the token grants (`scope`, space-separated).
    var scopes: [String] { get }
}

extension VerifiedToken: BearerIdentity {
    /// `cognito:groups` (empty when absent).
    public var groups: [String] { claims.groups }
    /// `scope`, split on spaces (empty when absent).
    public var scopes: [String] { claims.scopes }
}

/// A verified Cognito token as a server's identity: the token, its typed claims by `token_use`, and
/// the fields a handler usually wants.
public struct CognitoIdentity: BearerIdentity {
    /// The typed claims: an ID token's or an access token's.
    public enum Claims: Sendable {
        /// An ID token (`token_use` "id"): who the user is.
        case id(CognitoIDTokenClaims)
        /// An access token (`token_use` "access"): what the caller may do.
        case access(CognitoAccessTokenClaims)
    }

    /// The verified token (header, algorithm, every claim).
    public let token: VerifiedToken
    /// The typed claims.
    public let claims: Claims

    /// Reads a token a `CognitoVerifier` accepted.
    /// - Throws: `invalid-token-use` when `token_use` is neither "id" nor "access"; `invalid-claim`
    ///   when a Cognito claim has the wrong type or a required one is missing.
    public init(_ token: VerifiedToken) throws(JWTError) {
        self.token = token
        switch token.claims.tokenUse {
        case "id": claims = .id(try CognitoIDTokenClaims(token.claims))
        case "access": claims = .access(try CognitoAccessTokenClaims(token.claims))
        default: throw JWTError(.invalidTokenUse, "\"token_use\" is neither \"id\" nor \"access\"")
        }
    }

    /// `.id` or `.access`.
    public var tokenUse: CognitoTokenUse {
        if case .id = claims { return .id }
        return .access
    }
    /// The ID token's claims, nil for an access token.
    public var idToken: CognitoIDTokenClaims? {
        if case .id(let c) = claims { return c }
        return nil
    }
    /// The access token's claims, nil for an ID token.
    public var accessToken: CognitoAccessTokenClaims? {
        if case .access(let c) = claims { return c }
        return nil
    }
    /// `sub`: the user's stable id.
    public var subject: String {
        switch claims {
        case .id(let c): c.subject
        case .access(let c): c.subject
        }
    }
    /// `cognito:username` (ID token) or `username` (access token).
    public var username: String? {
        switch claims {
        case .id(let c): c.username
        case .access(let c): c.username
        }
    }
    /// `cognito:groups` (empty when absent).
    public var groups: [String] {
        switch claims {
        case .id(let c): c.groups
        case .access(let c): c.groups
        }
    }
    /// The access token's `scope`; an ID token grants no scopes.
    public var scopes: [String] { accessToken?.scopes ?? [] }
}

/// A request refused before its handler ran, with everything the HTTP answer needs.
public struct BearerRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why the token was refused; nil when the request carried no bearer token at all.
    public let error: JWTError?
    /// The status and `WWW-Authenticate` value of the answer.
    public let challenge: BearerChallenge

    /// No bearer credentials (no `Authorization` header, or another scheme): 401 with a bare
    /// challenge (RFC 6750 §3.1).
    public static func missingToken(realm: String? = nil) -> BearerRejection {
        BearerRejection(error: nil, challenge: .missingToken(realm: realm))
    }

    /// A refused token (or a lacking group/scope, or an unreachable key set).
    /// - Parameters:
    ///   - error: why.
    ///   - realm: the `realm` of the challenge.
    ///   - requiredScope: for `insufficient-scope`, the scope(s) the resource needs (space-separated).
    public init(_ error: JWTError, realm: String? = nil, requiredScope: String? = nil) {
        self.init(error: error, challenge: BearerChallenge(error, realm: realm, requiredScope: requiredScope))
    }

    private init(error: JWTError?, challenge: BearerChallenge) {
        self.error = error
        self.challenge = challenge
    }

    /// 401, 403 or 503.
    public var status: Int { challenge.status }
    /// The stable code to log and branch on: a `JWTError` code, or "missing-token".
    public var code: String { error?.code.rawValue ?? "missing-token" }
    /// A small JSON body for the answer, e.g. `{"error":"invalid_token","code":"expired"}` (RFC 6750
    /// error names; the code as in the challenge). No token content.
    public var body: String {
        let name = switch status {
        case 403: "insufficient_scope"
        case 503: "temporarily_unavailable"
        default: error == nil ? "unauthorized" : "invalid_token"
        }
        return "{\"error\":\"\(name)\",\"code\":\"\(code)\"}"
    }
    /// The code and, for a refused token, the reason (for logs: never token content beyond the
    /// truncated claim values `JWTError` messages carry).
    public var description: String { error.map { $0.description } ?? "missing-token: no bearer token in the request" }
}

/// The bearer token among a request's `Authorization` header values (RFC 6750 §2.1): none or
/// another scheme is `missing-token`; two headers, or a malformed `Bearer` value, `malformed-token`.
/// - Parameters:
///   - authorizationValues: every `Authorization` header value of the request, in order.
///   - realm: the `realm` of the challenge.
public func bearerToken(fromAuthorizationValues authorizationValues: [String], realm: String? = nil) throws(BearerRejection) -> String {
    guard authorizationValues.count <= 1 else {
        // RFC 6750 §3.1 "uses more than one method for including an access token".
        throw BearerRejection(JWTError(.malformedToken, "the request carries \(authorizationValues.count) Authorization headers"), realm: realm)
    }
    guard let value = authorizationValues.first else { throw .missingToken(realm: realm) }
    do { return try bearerToken(fromAuthorization: value) } catch {
        if error.kind == .notBearer { throw .missingToken(realm: realm) }
        throw BearerRejection(JWTError(.malformedToken, error.message), realm: realm)
    }
}

/// A route's any-of requirement on the verified caller, checked after authentication.
public enum BearerRequirement: Sendable, Equatable {
    /// The caller must be in at least one of these groups (Cognito `cognito:groups`).
    case anyGroup([String])
    /// The token must grant at least one of these scopes.
    case anyScope([String])

    /// Passes when the identity meets the requirement.
    /// - Throws: `BearerRejection` with `insufficient-scope` (HTTP 403; for scopes the challenge names
    ///   the required scopes).
    public func check(_ identity: some BearerIdentity, realm: String? = nil) throws(BearerRejection) {
        switch self {
        case .anyGroup(let required):
            let have = identity.groups
            guard !required.contains(where: { r in have.contains(where: { $0.utf8.elementsEqual(r.utf8) }) }) else { return }
            throw BearerRejection(JWTError(.insufficientScope, "the caller is in none of the groups " + required.map { "\"\($0)\"" }.joined(separator: ", ")), realm: realm)
        case .anyScope(let required):
            let have = identity.scopes
            guard !required.contains(where: { r in have.contains(where: { $0.utf8.elementsEqual(r.utf8) }) }) else { return }
            throw BearerRejection(JWTError(.insufficientScope, "the token grants none of the scopes " + required.map { "\"\($0)\"" }.joined(separator: ", ")),
                                  realm: realm, requiredScope: required.joined(separator: " "))
        }
    }
}

#if !hasFeature(Embedded)
/// A verifier a server puts behind the `Authorization` header: turns a token into the caller's
/// identity. `CognitoVerifier` (identity `CognitoIdentity`) and `TokenVerifier` (identity
/// `VerifiedToken`) conform.
public protocol BearerTokenVerifier: Sendable {
    /// What a verified token tells a handler about the caller.
    associatedtype Identity: BearerIdentity
    /// Verifies `token` (fetching keys as the cache rules allow) and returns the caller's identity.
    func identity(forToken token: String) async throws(JWTError) -> Identity
}

extension BearerTokenVerifier {
    /// Authenticates one request from its `Authorization` header values: the identity, or a
    /// rejection carrying the HTTP answer.
    /// - Parameters:
    ///   - authorizationValues: every `Authorization` header value of the request.
    ///   - realm: the `realm` of the challenge.
    public func authenticate(authorizationValues: [String], realm: String? = nil) async throws(BearerRejection) -> Identity {
        let token = try bearerToken(fromAuthorizationValues: authorizationValues, realm: realm)
        do { return try await identity(forToken: token) } catch { throw BearerRejection(error, realm: realm) }
    }
}

extension CognitoVerifier: BearerTokenVerifier {
    /// `verify(token)`, read as a `CognitoIdentity`.
    public func identity(forToken token: String) async throws(JWTError) -> CognitoIdentity {
        try CognitoIdentity(try await verify(token))
    }
}

extension TokenVerifier: BearerTokenVerifier {
    /// `verify(token)`.
    public func identity(forToken token: String) async throws(JWTError) -> VerifiedToken {
        try await verify(token)
    }
}
#endif
