// Vapor 4 middleware over PureJWT's framework-neutral bearer authentication
// (Sources/PureJWT/BearerAuthentication.swift): the Authorization header values go in, an identity
// (logged in on `req.auth`) or a rejection (status, `WWW-Authenticate`, JSON body) comes out. Every
// decision — RFC 6750 parsing, the status of each error code, the challenge — is PureJWT's; this
// file only moves values between Vapor and PureJWT.
import PureJWT
import Vapor

extension CognitoIdentity: @retroactive Authenticatable {}
extension VerifiedToken: @retroactive Authenticatable {}

/// Authenticates every request that passes through it with a bearer token, or answers it with the
/// RFC 6750 challenge: 401 (no token, malformed, refused), 403 (a `requiring` rule not met), 503
/// (the key set cannot be fetched). The identity is logged in on `req.auth` (`req.cognito` for
/// Cognito, `req.verifiedToken` for other providers).
///
/// Unlike Vapor's own bearer authenticators, a request without a valid token does not reach the
/// routes behind this middleware (no separate guard middleware is needed).
///
/// Build the verifier once at start-up and share it: its key-set cache and refetch cooldown live
/// in it.
///
/// ```swift
/// let api = app.grouped("api").grouped(CognitoAuthenticator(verifier, realm: "api"))
/// api.get("me") { req in try req.cognito.subject }
/// ```
public struct BearerAuthenticator<Verifier: BearerTokenVerifier>: AsyncBearerAuthenticator where Verifier.Identity: Authenticatable {
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
    ///     on `req.logger` at this level; nil for none.
    public init(_ verifier: Verifier, realm: String? = nil, requiring requirements: [BearerRequirement] = [],
                rejectionLogLevel: Logger.Level? = .info) {
        self.verifier = verifier
        self.realm = realm
        self.requirements = requirements
        self.rejectionLogLevel = rejectionLogLevel
    }

    /// Authenticates the request from all of its `Authorization` headers (strictly, RFC 6750 §2.1),
    /// then passes it on; otherwise answers with the rejection.
    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            let identity = try await verifier.authenticate(authorizationValues: request.headers[.authorization], realm: realm)
            for rule in requirements { try rule.check(identity, realm: realm) }
            request.auth.login(identity)
        } catch {
            return reject(error, request: request, level: rejectionLogLevel)
        }
        return try await next.respond(to: request)
    }

    /// `AsyncBearerAuthenticator`'s entry point, for callers that compose Vapor authenticators by
    /// hand: verifies `bearer.token` and logs the identity in, or throws a
    /// `BearerAuthenticationError` (an `AbortError` with the challenge).
    public func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        do {
            let identity = try await verifier.identity(forToken: bearer.token)
            for rule in requirements { try rule.check(identity, realm: realm) }
            request.auth.login(identity)
        } catch let error as JWTError {
            throw BearerAuthenticationError(BearerRejection(error, realm: realm))
        } catch let error as BearerRejection {
            throw BearerAuthenticationError(error)
        }
    }
}

/// Authenticates Cognito ID or access tokens (`req.cognito` is the `CognitoIdentity`).
public typealias CognitoAuthenticator = BearerAuthenticator<CognitoVerifier>

/// Authenticates tokens of any OpenID Connect / OAuth provider (`req.verifiedToken`).
public typealias JWTAuthenticator = BearerAuthenticator<TokenVerifier>

/// A route-level rule on the authenticated caller: group it after a `BearerAuthenticator`, on the
/// routes that need a group or scope. 403 `insufficient_scope` when the caller lacks it, 401 when no
/// authenticator logged an identity in.
///
/// ```swift
/// api.grouped(RequireBearer<CognitoIdentity>(.anyGroup(["admin"]), realm: "api")).get("admin") { _ in "admin" }
/// ```
public struct RequireBearer<Identity: BearerIdentity & Authenticatable>: AsyncMiddleware {
    /// The rule.
    public let requirement: BearerRequirement
    /// The `realm` of the challenge.
    public let realm: String?
    /// The level of the log line per refused request (nil: none).
    public let rejectionLogLevel: Logger.Level?

    /// Middleware that checks `requirement` on the logged-in `Identity`.
    public init(_ requirement: BearerRequirement, realm: String? = nil, rejectionLogLevel: Logger.Level? = .info) {
        self.requirement = requirement
        self.realm = realm
        self.rejectionLogLevel = rejectionLogLevel
    }

    /// Passes the request on when the caller meets the rule; otherwise answers 401/403.
    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do throws(BearerRejection) {
            guard let identity = request.auth.get(Identity.self) else { throw BearerRejection.missingToken(realm: realm) }
            try requirement.check(identity, realm: realm)
        } catch {
            return reject(error, request: request, level: rejectionLogLevel)
        }
        return try await next.respond(to: request)
    }
}

/// A bearer-token rejection as a Vapor `AbortError` (status, `WWW-Authenticate` header, the stable
/// code as the reason), for handlers and hand-composed authenticators that throw.
public struct BearerAuthenticationError: AbortError {
    /// The rejection (status, challenge, stable code).
    public let rejection: BearerRejection
    /// Wraps a rejection.
    public init(_ rejection: BearerRejection) { self.rejection = rejection }
    /// 401, 403 or 503.
    public var status: HTTPResponseStatus { HTTPResponseStatus(statusCode: rejection.status) }
    /// The stable code (never token content).
    public var reason: String { rejection.code }
    /// `WWW-Authenticate`.
    public var headers: HTTPHeaders { ["WWW-Authenticate": rejection.challenge.headerValue] }
}

extension Request {
    /// The Cognito identity a `CognitoAuthenticator` logged in.
    /// - Throws: `BearerAuthenticationError` (401 with the challenge) when none did.
    public var cognito: CognitoIdentity {
        get throws {
            guard let identity = auth.get(CognitoIdentity.self) else { throw BearerAuthenticationError(.missingToken()) }
            return identity
        }
    }

    /// The verified token a `JWTAuthenticator` logged in.
    /// - Throws: `BearerAuthenticationError` (401 with the challenge) when none did.
    public var verifiedToken: VerifiedToken {
        get throws {
            guard let token = auth.get(VerifiedToken.self) else { throw BearerAuthenticationError(.missingToken()) }
            return token
        }
    }
}

/// The answer to a refused request, and its one log line: method, path, status and the stable
/// code — never the token.
func reject(_ rejection: BearerRejection, request: Request, level: Logger.Level?) -> Response {
    if let level {
        request.logger.log(level: level, "bearer token rejected", metadata: [
            "code": .string(rejection.code),
            "status": .stringConvertible(rejection.status),
            "method": .string(request.method.rawValue),
            "path": .string(request.url.path),
        ])
    }
    var headers = HTTPHeaders()
    headers.add(name: .wwwAuthenticate, value: rejection.challenge.headerValue)
    headers.add(name: .contentType, value: "application/json")
    headers.add(name: .cacheControl, value: "no-store")
    return Response(status: HTTPResponseStatus(statusCode: rejection.status), headers: headers, body: .init(string: rejection.body))
}
