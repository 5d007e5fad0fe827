// The README's "whole integration" block, compiled as written (not run: it would serve forever).
// Scripts/check-integration-readmes.py (CI) checks that every line of the README block is here.
import Hummingbird
import HummingbirdAuth
import PureJWT
import PureJWTFoundation      // URLSessionJWKSFetcher
import PureJWTHummingbird

@Sendable func readmeExample() async throws {
    let cognito = try CognitoVerifier(userPoolID: "eu-west-1_AbC123xyz", clientIDs: ["app-client-id"], tokenUse: .access,
                                      fetcher: URLSessionJWKSFetcher().fetcher)     // once, at start-up
    try await cognito.hydrate()                                                      // keys fetched before the first request
    let router = Router(context: BasicAuthRequestContext<CognitoIdentity>.self)
    router.post("auth/login") { _, _ in "public" }                                   // no middleware: public
    let api = router.group("api").add(middleware: CognitoAuthenticator(cognito, realm: "api"))
    api.get("me") { _, context in try context.requireIdentity().username ?? "" }     // CognitoIdentity
    api.group("admin").add(middleware: RequireBearer(.anyGroup(["admin"]), realm: "api")).get { _, _ in "admin" }
    try await Application(router: router).runService()
}
