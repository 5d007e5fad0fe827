// Cognito's public (unauthenticated) JSON API, as a browser SDK calls it: POST to the endpoint with
// `Content-Type: application/x-amz-json-1.1` and `X-Amz-Target:
// AWSCognitoIdentityProviderService.<Action>`. SignUp, ConfirmSignUp and InitiateAuth need no AWS
// credentials — only the app client id, and `SECRET_HASH` when the client has a secret.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PureSHA2

/// An error Cognito answered (its `__type`) or a transport failure, with the HTTP answer the
/// backend gives for it. The message never holds a password, a code or a token.
struct CognitoAPIError: Error, CustomStringConvertible {
    /// Cognito's exception name, e.g. `UsernameExistsException`; "Unreachable" for transport errors.
    let type: String
    let message: String

    /// Cognito's errors as client answers: 4xx for what the user can fix, 502 for the rest.
    var status: Int {
        switch type {
        case "UsernameExistsException", "AliasExistsException": 409
        case "InvalidPasswordException", "InvalidParameterException", "CodeMismatchException", "ExpiredCodeException": 400
        case "NotAuthorizedException", "UserNotFoundException": 401
        case "UserNotConfirmedException", "PasswordResetRequiredException": 403
        case "TooManyRequestsException", "LimitExceededException", "TooManyFailedAttemptsException", "CodeDeliveryFailureException": 429
        default: 502
        }
    }

    /// What the client is told. Sign-in failures say the same whether the user exists or not.
    var publicMessage: String {
        switch type {
        case "NotAuthorizedException", "UserNotFoundException": "incorrect username or password"
        case "Unreachable": "the identity provider cannot be reached"
        default: status == 502 ? "the identity provider refused the request" : message
        }
    }

    var description: String { "\(type): \(message)" }
}

struct CognitoAPI: Sendable {
    let endpoint: URL
    let clientID: String
    let clientSecret: String?
    let session: URLSession

    init(endpoint: URL, clientID: String, clientSecret: String?) {
        self.endpoint = endpoint
        self.clientID = clientID
        self.clientSecret = clientSecret
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 10
        session = URLSession(configuration: configuration)
    }

    /// `SECRET_HASH` = Base64(HMAC-SHA256(key: client secret, message: username ‖ client id)), as
    /// Cognito's developer guide ("Computing secret hash values") defines it.
    static func secretHash(secret: String, username: String, clientID: String) -> String {
        let mac = HMAC.sha256(key: Array(secret.utf8), message: Array((username + clientID).utf8))
        return Data(mac.bytes).base64EncodedString()
    }

    func secretHash(_ username: String) -> String? {
        clientSecret.map { Self.secretHash(secret: $0, username: username, clientID: clientID) }
    }

    /// One action; the parsed JSON object of a 200 answer, or `CognitoAPIError`.
    func call(_ action: String, _ body: [String: Any]) async throws(CognitoAPIError) -> [String: Any] {
        var request = URLRequest(url: endpoint)
        request.httpMethod = "POST"
        request.setValue("application/x-amz-json-1.1", forHTTPHeaderField: "Content-Type")
        request.setValue("AWSCognitoIdentityProviderService.\(action)", forHTTPHeaderField: "X-Amz-Target")
        let data: Data
        let response: URLResponse
        do {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            (data, response) = try await session.data(for: request)
        } catch {
            throw CognitoAPIError(type: "Unreachable", message: "\(action): \(error.localizedDescription)")
        }
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            // `__type` may be "com.amazonaws…#UsernameExistsException": keep the name after '#'.
            let type = (object["__type"] as? String).map { String($0.split(separator: "#").last ?? "") } ?? "HTTP\((response as? HTTPURLResponse)?.statusCode ?? 0)"
            let message = object["message"] as? String ?? object["Message"] as? String ?? ""
            throw CognitoAPIError(type: type, message: String(message.prefix(200)))
        }
        return object
    }

    func signUp(username: String, password: String, email: String, name: String?) async throws(CognitoAPIError) -> (confirmed: Bool, sub: String) {
        var attributes = [["Name": "email", "Value": email]]
        if let name { attributes.append(["Name": "name", "Value": name]) }
        var body: [String: Any] = ["ClientId": clientID, "Username": username, "Password": password, "UserAttributes": attributes]
        body["SecretHash"] = secretHash(username)
        let r = try await call("SignUp", body)
        return (r["UserConfirmed"] as? Bool ?? false, r["UserSub"] as? String ?? "")
    }

    func confirmSignUp(username: String, code: String) async throws(CognitoAPIError) {
        var body: [String: Any] = ["ClientId": clientID, "Username": username, "ConfirmationCode": code]
        body["SecretHash"] = secretHash(username)
        _ = try await call("ConfirmSignUp", body)
    }

    /// USER_PASSWORD_AUTH; a challenge (new password, MFA …) comes back as its name.
    func logIn(username: String, password: String) async throws(CognitoAPIError) -> [String: Any] {
        var parameters = ["USERNAME": username, "PASSWORD": password]
        parameters["SECRET_HASH"] = secretHash(username)
        return try await call("InitiateAuth", ["ClientId": clientID, "AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": parameters])
    }

    /// REFRESH_TOKEN_AUTH. With a client secret, `SECRET_HASH` is computed over the user's name
    /// (Cognito accepts the `username` of the access token, which is the `sub` in pools that sign
    /// in with an email address).
    func refresh(refreshToken: String, username: String?) async throws(CognitoAPIError) -> [String: Any] {
        var parameters = ["REFRESH_TOKEN": refreshToken]
        if clientSecret != nil {
            guard let username else { throw CognitoAPIError(type: "InvalidParameterException", message: "username is required to refresh with a client secret") }
            parameters["SECRET_HASH"] = secretHash(username)
        }
        return try await call("InitiateAuth", ["ClientId": clientID, "AuthFlow": "REFRESH_TOKEN_AUTH", "AuthParameters": parameters])
    }
}
