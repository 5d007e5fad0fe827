// The routes. Public: POST /auth/signup, /auth/confirm, /auth/login, /auth/refresh (they call
// Cognito), and GET /healthz (for load balancers; it says nothing about users or keys). Everything
// else needs a bearer token: GET /me and /admin an access token (/admin in the group "admin"),
// GET /profile an ID token; any other path answers 401 without a token and 404 with one.
import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import PureJWT
import PureJWTHummingbird

typealias AppContext = BasicAuthRequestContext<CognitoIdentity>

struct SignUpRequest: Decodable { let username: String; let password: String; let email: String; let name: String? }
struct ConfirmRequest: Decodable { let username: String; let code: String }
struct LogInRequest: Decodable { let username: String; let password: String }
struct RefreshRequest: Decodable { let refreshToken: String; let username: String? }

struct SignUpResponse: ResponseEncodable { let userConfirmed: Bool; let userSub: String }
struct ConfirmResponse: ResponseEncodable { let confirmed: Bool }
struct TokensResponse: ResponseEncodable {
    let accessToken: String?; let idToken: String?; let refreshToken: String?; let expiresIn: Int?; let tokenType: String?
}
struct MeResponse: ResponseEncodable { let sub: String; let username: String?; let groups: [String]; let scopes: [String]; let clientId: String }
struct ProfileResponse: ResponseEncodable { let sub: String; let username: String?; let email: String?; let emailVerified: Bool?; let name: String? }
struct AdminResponse: ResponseEncodable { let message: String; let sub: String }

/// A Cognito failure as the client's answer: `{"error":"UsernameExistsException","message":"…"}`.
struct CognitoFailure: HTTPResponseError {
    let error: CognitoAPIError
    var status: HTTPResponse.Status { .init(code: error.status) }
    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONEncoder().encode(["error": error.status == 502 ? "IdentityProviderError" : error.type, "message": error.publicMessage])
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: body)))
    }
}

func buildRouter(_ config: Configuration, cognito: CognitoAPI, accessVerifier: CognitoVerifier, idVerifier: CognitoVerifier) -> Router<AppContext> {
    let router = Router(context: AppContext.self)

    // MARK: public
    router.get("healthz") { _, _ in "ok" }
    let auth = router.group("auth")
    auth.post("signup") { request, context -> EditedResponse<SignUpResponse> in
        let body = try await request.decode(as: SignUpRequest.self, context: context)
        let result = try await callCognito("SignUp", context) { () async throws(CognitoAPIError) in
            try await cognito.signUp(username: body.username, password: body.password, email: body.email, name: body.name)
        }
        return EditedResponse(status: .created, response: SignUpResponse(userConfirmed: result.confirmed, userSub: result.sub))
    }
    auth.post("confirm") { request, context -> ConfirmResponse in
        let body = try await request.decode(as: ConfirmRequest.self, context: context)
        try await callCognito("ConfirmSignUp", context) { () async throws(CognitoAPIError) in
            try await cognito.confirmSignUp(username: body.username, code: body.code)
        }
        return ConfirmResponse(confirmed: true)
    }
    auth.post("login") { request, context -> TokensResponse in
        let body = try await request.decode(as: LogInRequest.self, context: context)
        let r = try await callCognito("InitiateAuth", context) { () async throws(CognitoAPIError) in
            try await cognito.logIn(username: body.username, password: body.password)
        }
        if let challenge = r["ChallengeName"] as? String {    // NEW_PASSWORD_REQUIRED, MFA …: not handled here
            throw CognitoFailure(error: CognitoAPIError(type: "NotAuthorizedException", message: "challenge \(challenge) required"))
        }
        return tokens(r)
    }
    auth.post("refresh") { request, context -> TokensResponse in
        let body = try await request.decode(as: RefreshRequest.self, context: context)
        let r = try await callCognito("InitiateAuth(refresh)", context) { () async throws(CognitoAPIError) in
            try await cognito.refresh(refreshToken: body.refreshToken, username: body.username)
        }
        return tokens(r)
    }

    // MARK: access token
    let api = router.group().add(middleware: CognitoAuthenticator(accessVerifier, realm: "api"))
    api.get("me") { _, context -> MeResponse in
        let caller = try context.requireIdentity()
        guard let token = caller.accessToken else { throw HTTPError(.unauthorized) }
        return MeResponse(sub: token.subject, username: token.username, groups: token.groups, scopes: token.scopes, clientId: token.clientID)
    }
    api.group("admin").add(middleware: RequireBearer(.anyGroup(["admin"]), realm: "api")).get { _, context -> AdminResponse in
        AdminResponse(message: "hello, admin", sub: try context.requireIdentity().subject)
    }

    // MARK: ID token
    router.group("profile").add(middleware: CognitoAuthenticator(idVerifier, realm: "api")).get { _, context -> ProfileResponse in
        let caller = try context.requireIdentity()
        guard let token = caller.idToken else { throw HTTPError(.unauthorized) }
        return ProfileResponse(sub: token.subject, username: token.username, email: token.email, emailVerified: token.emailVerified,
                               name: token.all.string("name"))
    }

    // MARK: everything else needs a token too (then 404)
    for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
        api.on("**", method: method) { _, _ -> Response in throw HTTPError(.notFound) }
    }
    return router
}

/// Calls Cognito; its errors become client answers (and one log line with the exception name —
/// never the password, the code or a token).
func callCognito<T>(_ action: String, _ context: AppContext, _ call: () async throws(CognitoAPIError) -> T) async throws -> T {
    do { return try await call() } catch {
        context.logger.notice("cognito call failed", metadata: ["action": .string(action), "type": .string(error.type), "status": .stringConvertible(error.status)])
        throw CognitoFailure(error: error)
    }
}

func tokens(_ r: [String: Any]) -> TokensResponse {
    let a = r["AuthenticationResult"] as? [String: Any] ?? [:]
    return TokensResponse(accessToken: a["AccessToken"] as? String, idToken: a["IdToken"] as? String,
                          refreshToken: a["RefreshToken"] as? String, expiresIn: a["ExpiresIn"] as? Int,
                          tokenType: a["TokenType"] as? String)
}
