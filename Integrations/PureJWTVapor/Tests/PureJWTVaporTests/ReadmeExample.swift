// The README's "whole integration" block, compiled as written (not run: it would serve forever).
// Scripts/check-integration-readmes.py (CI) checks that every line of the README block is here.
import PureJWT
import PureJWTFoundation      // URLSessionJWKSFetcher
import PureJWTVapor
import Vapor

@Sendable func readmeExample() async throws {
    let app = try await Application.make(.detect())
    let cognito = try CognitoVerifier(userPoolID: "eu-west-1_AbC123xyz", clientIDs: ["app-client-id"], tokenUse: .access,
                                      fetcher: URLSessionJWKSFetcher().fetcher)     // once, at start-up
    try await cognito.hydrate()                                                      // keys fetched before the first request
    app.post("auth", "login") { _ in "public" }                                      // no middleware: public
    let api = app.grouped("api").grouped(CognitoAuthenticator(cognito, realm: "api"))
    api.get("me") { req in try req.cognito.username ?? "" }                          // req.cognito: CognitoIdentity
    api.grouped(RequireBearer<CognitoIdentity>(.anyGroup(["admin"]), realm: "api")).get("admin") { _ in "admin" }
    try await app.execute()
}
