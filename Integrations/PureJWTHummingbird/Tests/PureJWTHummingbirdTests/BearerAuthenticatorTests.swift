// A real Hummingbird server on 127.0.0.1 (HummingbirdTesting's live framework) behind the
// authenticators, asked over HTTP: every answer's status, challenge header (byte for byte) and body.
import Hummingbird
import HummingbirdAuth
import HTTPTypes
import HummingbirdTesting
import Logging
import PureJWT
import PureJWTHummingbird
import PureJWTTesting
import Synchronization
import Testing

typealias AppContext = BasicAuthRequestContext<CognitoIdentity>

/// Collects log lines so a test can read what a rejection logged.
final class LogLines: Sendable {
    let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    struct Handler: LogHandler {
        let sink: LogLines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let all = self.metadata.merging(event.metadata ?? [:]) { $1 }
            let text = "\(event.level) \(event.message) " + all.keys.sorted().map { "\($0)=\(all[$0]!)" }.joined(separator: " ")
            sink.lines.withLock { $0.append(text) }
        }
    }
    var logger: Logger { Logger(label: "test") { _ in Handler(sink: self) } }
}

struct BearerAuthenticatorTests {
    static let pool = CognitoTestPool()
    static var now: NumericDate { JWTClock.system.now }

    /// GET /health (public); /api/* needs an access token; /api/admin the group "admin";
    /// /api/orders the scope "orders/read"; /id/profile needs an ID token.
    static func app(keys: KeySource = .static(pool.jwks), logs: LogLines = LogLines()) throws -> some ApplicationProtocol {
        let access = CognitoVerifier(pools: [.init(pool: try CognitoUserPool(id: pool.poolID), clientIDs: [pool.clientID], tokenUse: .access, keys: keys)], clock: .system)
        let id = CognitoVerifier(pools: [.init(pool: try CognitoUserPool(id: pool.poolID), clientIDs: [pool.clientID], tokenUse: .id, keys: keys)], clock: .system)
        let router = Router(context: AppContext.self)
        router.get("health") { _, _ in "ok" }
        let api = router.group("api").add(middleware: CognitoAuthenticator(access, realm: "api"))
        api.get("me") { _, context in try context.requireIdentity().username ?? "" }
        api.group("admin").add(middleware: RequireBearer(.anyGroup(["admin"]), realm: "api")).get { _, _ in "admin" }
        api.group("orders").add(middleware: RequireBearer(.anyScope(["orders/read"]), realm: "api")).get { _, _ in "orders" }
        router.group("id").add(middleware: CognitoAuthenticator(id, realm: "api")).get("profile") { _, context in
            try context.requireIdentity().idToken?.email ?? ""
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logs.logger)
    }

    static func get(_ client: some TestClientProtocol, _ path: String, _ authorization: [String]) async throws -> TestResponse {
        var headers = HTTPFields()
        for value in authorization { headers.append(HTTPField(name: .authorization, value: value)) }
        return try await client.execute(uri: path, method: .get, headers: headers)
    }

    @Test func acceptsValidTokens() async throws {
        let pool = Self.pool
        try await Self.app().test(.live) { client in
            let r = try await Self.get(client, "/api/me", ["Bearer " + pool.accessToken(username: "alice", issuedAt: Self.now)])
            #expect(r.status == .ok && String(buffer: r.body) == "alice")
            let admin = try await Self.get(client, "/api/admin", ["Bearer " + pool.accessToken(groups: ["admin"], issuedAt: Self.now)])
            #expect(admin.status == .ok && String(buffer: admin.body) == "admin")
            let orders = try await Self.get(client, "/api/orders", ["Bearer " + pool.accessToken(scopes: ["openid", "orders/read"], issuedAt: Self.now)])
            #expect(orders.status == .ok)
            let profile = try await Self.get(client, "/id/profile", ["Bearer " + pool.idToken(email: "alice@example.com", issuedAt: Self.now)])
            #expect(profile.status == .ok && String(buffer: profile.body) == "alice@example.com")
            #expect(try await Self.get(client, "/health", []).status == .ok)
        }
    }

    @Test func refusesWithTheChallenge() async throws {
        let pool = Self.pool
        let logs = LogLines()
        let good = pool.accessToken(issuedAt: Self.now)
        var tampered = Array(good.utf8)
        tampered[tampered.count - 3] = tampered[tampered.count - 3] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let cases: [(String, String, [String], Int, String)] = [
            ("no token", "/api/me", [], 401, "Bearer realm=\"api\""),
            ("another scheme", "/api/me", ["Basic YWxhZGRpbjpvcGVuc2VzYW1l"], 401, "Bearer realm=\"api\""),
            ("malformed", "/api/me", ["Bearer " + good + " trailing"], 401, "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"malformed-token\""),
            ("two headers", "/api/me", ["Bearer " + good, "Bearer " + good], 401, "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"malformed-token\""),
            ("not a JWT", "/api/me", ["Bearer abc"], 401, "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"malformed-token\""),
            ("expired", "/api/me", ["Bearer " + pool.accessToken(issuedAt: NumericDate(secondsSince1970: Self.now.secondsSince1970 - 7200))], 401,
             "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"expired\""),
            ("tampered", "/api/me", ["Bearer " + String(decoding: tampered, as: UTF8.self)], 401,
             "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"invalid-signature\""),
            ("wrong client", "/api/me", ["Bearer " + pool.accessToken(issuedAt: Self.now, overrides: [("client_id", "someone-else")])], 401,
             "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"invalid-audience\""),
            ("ID token on an access route", "/api/me", ["Bearer " + pool.idToken(issuedAt: Self.now)], 401,
             "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"invalid-token-use\""),
            ("access token on an ID route", "/id/profile", ["Bearer " + good], 401,
             "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"invalid-token-use\""),
            ("alg none", "/api/me", ["Bearer " + pool.signer.sign(headerJSON: Array("{\"alg\":\"none\"}".utf8), payload: Array("{}".utf8))], 401,
             "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"unsupported-algorithm\""),
            ("not in the group", "/api/admin", ["Bearer " + good], 403,
             "Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\"insufficient-scope\""),
            ("lacking the scope", "/api/orders", ["Bearer " + good], 403,
             "Bearer realm=\"api\", scope=\"orders/read\", error=\"insufficient_scope\", error_description=\"insufficient-scope\""),
        ]
        try await Self.app(logs: logs).test(.live) { client in
            for (name, path, authorization, status, challenge) in cases {
                let r = try await Self.get(client, path, authorization)
                #expect(Int(r.status.code) == status, "\(name)")
                #expect(r.headers[.wwwAuthenticate] == challenge, "\(name)")
                #expect(r.headers[values: .wwwAuthenticate].count == 1, "\(name)")
                #expect(r.headers[.contentType] == "application/json", "\(name)")
                let code = challenge.contains("error_description") ? String(challenge.split(separator: "\"").last!) : "missing-token"
                let error = status == 403 ? "insufficient_scope" : (code == "missing-token" ? "unauthorized" : "invalid_token")
                #expect(String(buffer: r.body) == "{\"error\":\"\(error)\",\"code\":\"\(code)\"}", "\(name)")
            }
        }
        // One log line per refused request, with the code, never the token.
        let lines = logs.all.filter { $0.contains("bearer token rejected") }
        #expect(lines.count == cases.count)
        #expect(lines.contains { $0.contains("code=invalid-signature") && $0.contains("path=/api/me") && $0.contains("status=401") })
        #expect(!lines.contains { $0.contains(String(good.prefix(20))) || $0.contains("eyJ") })
    }

    @Test func unreachableKeySetIs503() async throws {
        let pool = Self.pool
        let down = FakeJWKSFetcher(.failure("connection refused"))
        let keys = KeySource.remote(url: "https://jwks.invalid/keys", fetch: down.fetcher)
        try await Self.app(keys: keys).test(.live) { client in
            let r = try await Self.get(client, "/api/me", ["Bearer " + pool.accessToken(issuedAt: Self.now)])
            #expect(r.status == .serviceUnavailable)
            #expect(r.headers[.wwwAuthenticate] == "Bearer realm=\"api\"")
            #expect(String(buffer: r.body) == "{\"error\":\"temporarily_unavailable\",\"code\":\"jwks-fetch-failed\"}")
        }
    }

    @Test func genericVerifier() async throws {
        let pool = Self.pool
        let verifier = TokenVerifier(keys: .static(pool.jwks), policy: VerificationPolicy(issuer: [pool.issuer], audience: .notChecked))
        let router = Router(context: BasicAuthRequestContext<VerifiedToken>.self)
        router.group("api").add(middleware: JWTAuthenticator(verifier, realm: "oidc", requiring: [.anyScope(["email"])]))
            .get("sub") { _, context in try context.requireIdentity().claims.subject ?? "" }
        try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0))).test(.live) { client in
            let ok = try await Self.get(client, "/api/sub", ["Bearer " + pool.accessToken(issuedAt: Self.now)])
            #expect(ok.status == .ok && String(buffer: ok.body) == "00000000-0000-4000-8000-000000000001")
            let noScope = try await Self.get(client, "/api/sub", ["Bearer " + pool.accessToken(scopes: ["openid"], issuedAt: Self.now)])
            #expect(noScope.status == .forbidden)
            #expect(noScope.headers[.wwwAuthenticate] == "Bearer realm=\"oidc\", scope=\"email\", error=\"insufficient_scope\", error_description=\"insufficient-scope\"")
        }
    }

    @Test func requirementWithoutAuthenticatorIs401() async throws {
        let router = Router(context: AppContext.self)
        router.group("admin").add(middleware: RequireBearer(.anyGroup(["admin"]))).get { _, _ in "admin" }
        try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0))).test(.live) { client in
            let r = try await Self.get(client, "/admin", [])
            #expect(r.status == .unauthorized && r.headers[.wwwAuthenticate] == "Bearer")
        }
    }
}
