// The server's settings, all from the environment (twelve-factor): nothing secret is logged.
import Foundation
import Logging
import PureJWT

struct Configuration: Sendable {
    /// `<region>_<id>`.
    var userPoolID: String
    /// The app client id (`aud` of ID tokens, `client_id` of access tokens).
    var clientID: String
    /// The app client's secret, when the client has one: every Cognito call then carries
    /// `SECRET_HASH` (CognitoAPI.secretHash).
    var clientSecret: String?
    /// The pool's region (default: the part of the pool id before `_`).
    var region: String
    /// Cognito's API endpoint: `https://cognito-idp.<region>.amazonaws.com/`, or an emulator's.
    var endpoint: URL
    /// The pool's JWKS: `<issuer>/.well-known/jwks.json`, or under the emulator's endpoint.
    var jwksURL: String
    var host: String
    var port: Int
    /// Seconds between refetches for unknown `kid`s (the remote key set's cooldown).
    var jwksCooldown: Double
    var logLevel: Logger.Level

    struct Missing: Error, CustomStringConvertible {
        let name: String
        var description: String { "set \(name) (see README.md)" }
    }

    /// Reads `COGNITO_USER_POOL_ID`, `COGNITO_CLIENT_ID` (required), `COGNITO_CLIENT_SECRET`,
    /// `COGNITO_REGION`, `COGNITO_ENDPOINT` (an emulator, e.g. `http://127.0.0.1:5001`), `HOST`
    /// (default 127.0.0.1), `PORT` (8080), `JWKS_COOLDOWN` (30 s), `LOG_LEVEL` (info).
    init(environment env: [String: String]) throws {
        guard let pool = env["COGNITO_USER_POOL_ID"], !pool.isEmpty else { throw Missing(name: "COGNITO_USER_POOL_ID") }
        guard let client = env["COGNITO_CLIENT_ID"], !client.isEmpty else { throw Missing(name: "COGNITO_CLIENT_ID") }
        let parsed = try CognitoUserPool(id: pool)          // validates the id and gives the issuer
        userPoolID = pool
        clientID = client
        clientSecret = env["COGNITO_CLIENT_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        region = env["COGNITO_REGION"] ?? String(pool.prefix { $0 != "_" })
        if let custom = env["COGNITO_ENDPOINT"], !custom.isEmpty {
            guard let url = URL(string: custom.hasSuffix("/") ? custom : custom + "/") else { throw Missing(name: "a valid COGNITO_ENDPOINT") }
            endpoint = url
            jwksURL = url.absoluteString + pool + "/.well-known/jwks.json"   // where emulators (moto) serve it
        } else {
            let domain = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
            endpoint = URL(string: "https://cognito-idp.\(region).\(domain)/")!
            jwksURL = parsed.jwksURL
        }
        host = env["HOST"] ?? "127.0.0.1"
        port = Int(env["PORT"] ?? "") ?? 8080
        jwksCooldown = Double(env["JWKS_COOLDOWN"] ?? "") ?? 30
        logLevel = Logger.Level(rawValue: env["LOG_LEVEL"] ?? "info") ?? .info
    }
}
