// Hummingbird 2 middleware over PureJWT's framework-neutral bearer authentication
// (Sources/PureJWT/BearerAuthentication.swift): the Authorization header values go in, an identity
// (on `context.identity`) or a rejection (status, `WWW-Authenticate`, JSON body) comes out. Every
// decision — RFC 6750 parsing, the status of each error code, the challenge — is PureJWT's; this
// file only moves values between Hummingbird and PureJWT.
import Hummingbird
import HummingbirdAuth
import Logging
import PureJWT

/// Authenticates every request that passes through it with a bearer token, or answers it with the
/// RFC 6750 challenge: 401 (no token, malformed, refused), 403 (a `requiring` rule not met), 503
/// (the key set cannot be fetched). The verified identity is on `context.identity`.
///
/// Build the verifier once at start-up and share it: its key-set cache and refetch cooldown live
/// in it.
///
/// ```swift
/// let router = Router(context: BasicAuthRequestContext<CognitoIdentity>.self)
/// let api = router.group("api").add(middleware: CognitoAuthenticator(verifier, realm: "api"))
/// api.get("me") { _, context in try context.requireIdentity().subject }
/// ```
public struct BearerAuthenticator<Context: AuthRequestContext, Verifier: BearerTokenVerifier>: AuthenticatorMiddleware
where Context.Identity == Verifier.Identity {
    /// The identity a verified token gives: `CognitoIdentity` or `VerifiedToken`.
    public typealias Identity = Verifier.Identity

    /// The verifier (shared).
    public let verifier: Verifier
    /// The `realm` of the challenge.
    public let realm: String?
    /// Rules every authenticated request must also meet (any-of groups or scopes): 403 otherwise.
    public let requirements: [BearerRequirement]
    /// The level of the one log line per rejected request (nil: no log line).
    public let rejectionLogLevel: Logger.Level?

    /// Middleware that authenticates with `verifier`.
    /// - Parameters:
    ///   - verifier: a `CognitoVerifier` or `TokenVerifier`, built once and shared.
    ///   - realm: the `realm` of the `WWW-Authenticate` challenge.
    ///   - requirements: rules on the verified caller for every route behind this middleware.
    ///   - rejectionLogLevel: logs `bearer token rejected` with the stable `code` (never the token)
    ///     on `context.logger` at this level; nil for none.
    ///   - context: the request context type (for type inference only).
    public init(_ verifier: Verifier, realm: String? = nil, requiring requirements: [BearerRequirement] = [],
                rejectionLogLevel: Logger.Level? = .info, context: Context.Type = Context.self) {
        self.verifier = verifier
        self.realm = realm
        self.requirements = requirements
        self.rejectionLogLevel = rejectionLogLevel
    }

    /// The verified identity, or a thrown `BearerAuthenticationError` carrying the answer (never nil:
    /// a request without a valid token does not reach the routes behind this middleware).
    public func authenticate(request: Request, context: Context) async throws -> Identity? {
        do {
            let identity = try await verifier.authenticate(authorizationValues: request.headers[values: .authorization], realm: realm)
            for rule in requirements { try rule.check(identity, realm: realm) }
            return identity
        } catch {
            if let level = rejectionLogLevel { logRejection(error, request: request, logger: context.logger, level: level) }
            throw BearerAuthenticationError(error)
        }
    }
}

/// Authenticates Cognito ID or access tokens (`context.identity` is a `CognitoIdentity`).
public typealias CognitoAuthenticator<Context: AuthRequestContext<CognitoIdentity>> = BearerAuthenticator<Context, CognitoVerifier>

/// Authenticates tokens of any OpenID Connect / OAuth provider (`context.identity` is the
/// `VerifiedToken`).
public typealias JWTAuthenticator<Context: AuthRequestContext<VerifiedToken>> = BearerAuthenticator<Context, TokenVerifier>

/// A route-level rule on the authenticated caller: put it after a `BearerAuthenticator`, on the
/// routes that need a group or scope. 403 `insufficient_scope` when the caller lacks it, 401 when no
/// authenticator ran before it.
///
/// ```swift
/// api.group("admin").add(middleware: RequireBearer(.anyGroup(["admin"]), realm: "api"))
/// ```
public struct RequireBearer<Context: AuthRequestContext>: RouterMiddleware where Context.Identity: BearerIdentity {
    /// The rule.
    public let requirement: BearerRequirement
    /// The `realm` of the challenge.
    public let realm: String?
    /// The level of the log line per refused request (nil: none).
    public let rejectionLogLevel: Logger.Level?

    /// Middleware that checks `requirement`.
    /// - Parameters:
    ///   - requirement: any-of groups or scopes.
    ///   - realm: the `realm` of the challenge.
    ///   - rejectionLogLevel: as for `BearerAuthenticator`.
    ///   - context: the request context type (for type inference only).
    public init(_ requirement: BearerRequirement, realm: String? = nil, rejectionLogLevel: Logger.Level? = .info,
                context: Context.Type = Context.self) {
        self.requirement = requirement
        self.realm = realm
        self.rejectionLogLevel = rejectionLogLevel
    }

    /// Passes the request on when the caller meets the rule; otherwise throws the 401/403 answer.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do throws(BearerRejection) {
            guard let identity = context.identity else { throw BearerRejection.missingToken(realm: realm) }
            try requirement.check(identity, realm: realm)
        } catch {
            if let level = rejectionLogLevel { logRejection(error, request: request, logger: context.logger, level: level) }
            throw BearerAuthenticationError(error)
        }
        return try await next(request, context)
    }
}

/// A bearer-token rejection as a Hummingbird error: answered with its status, the
/// `WWW-Authenticate` challenge and a JSON body such as `{"error":"invalid_token","code":"expired"}`.
public struct BearerAuthenticationError: HTTPResponseError {
    /// The rejection (status, challenge, stable code).
    public let rejection: BearerRejection

    /// Wraps a rejection.
    public init(_ rejection: BearerRejection) { self.rejection = rejection }

    /// 401, 403 or 503.
    public var status: HTTPResponse.Status { HTTPResponse.Status(code: rejection.status) }

    /// The answer: status, `WWW-Authenticate`, `Content-Type: application/json`, the JSON body.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = rejection.challenge.headerValue
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: rejection.body)))
    }
}

/// One line per refused request: method, path, status and the stable code — never the token.
func logRejection(_ rejection: BearerRejection, request: Request, logger: Logger, level: Logger.Level) {
    logger.log(level: level, "bearer token rejected", metadata: [
        "code": .string(rejection.code),
        "status": .stringConvertible(rejection.status),
        "method": .string(request.method.rawValue),
        "path": .string(request.uri.path),
    ])
}
