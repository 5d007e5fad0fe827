// A real Vapor server on 127.0.0.1 (VaporTesting's running mode) behind the authenticators, asked
// over HTTP: every answer's status, challenge header (byte for byte) and body.
import Logging
import PureJWT
import PureJWTTesting
import PureJWTVapor
import Synchronization
import Testing
import Vapor
import VaporTesting

/// Collects log lines (Vapor's request loggers come from the global logging system).
final class LogLines: Sendable {
    static let shared: LogLines = {
        let sink = LogLines()
        LoggingSystem.bootstrap { _ in Handler(sink: sink) }
        return sink
    }()
    let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    struct Handler: LogHandler {
        let sink: LogLines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info
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
}

@Suite(.serialized) struct BearerAuthenticatorTests {
    static let pool = CognitoTestPool()
    static var now: NumericDate { JWTClock.system.now }

    /// GET /health (public); /api/* needs an access token; /api/admin the group "admin";
    /// /api/orders the scope "orders/read"; /id/profile needs an ID token.
    static func routes(_ app: Application, keys: KeySource = .static(pool.jwks)) throws {
        let access = CognitoVerifier(pools: [.init(pool: try CognitoUserPool(id: pool.poolID), clientIDs: [pool.clientID], tokenUse: .access, keys: keys)], clock: .system)
        let id = CognitoVerifier(pools: [.init(pool: try CognitoUserPool(id: pool.poolID), clientIDs: [pool.clientID], tokenUse: .id, keys: keys)], clock: .system)
        app.get("health") { _ in "ok" }
        let api = app.grouped("api").grouped(CognitoAuthenticator(access, realm: "api"))
        api.get("me") { req in try req.cognito.username ?? "" }
        api.grouped(RequireBearer<CognitoIdentity>(.anyGroup(["admin"]), realm: "api")).get("admin") { _ in "admin" }
        api.grouped(RequireBearer<CognitoIdentity>(.anyScope(["orders/read"]), realm: "api")).get("orders") { _ in "orders" }
        app.grouped("id").grouped(CognitoAuthenticator(id, realm: "api")).get("profile") { req in try req.cognito.idToken?.email ?? "" }
    }

    static func get(_ app: Application, _ path: String, _ authorization: [String]) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        for value in authorization { headers.add(name: .authorization, value: value) }
        return try await app.testing(method: .running(hostname: "127.0.0.1", port: 0)).sendRequest(.GET, path, headers: headers)
    }

    @Test func acceptsValidTokens() async throws {
        let pool = Self.pool
        try await withApp(configure: { try Self.routes($0) }) { app in
            let r = try await Self.get(app, "/api/me", ["Bearer " + pool.accessToken(username: "alice", issuedAt: Self.now)])
            #expect(r.status == .ok && r.body.string == "alice")
            let admin = try await Self.get(app, "/api/admin", ["Bearer " + pool.accessToken(groups: ["admin"], issuedAt: Self.now)])
            #expect(admin.status == .ok && admin.body.string == "admin")
            let orders = try await Self.get(app, "/api/orders", ["Bearer " + pool.accessToken(scopes: ["openid", "orders/read"], issuedAt: Self.now)])
            #expect(orders.status == .ok)
            let profile = try await Self.get(app, "/id/profile", ["Bearer " + pool.idToken(email: "alice@example.com", issuedAt: Self.now)])
            #expect(profile.status == .ok && profile.body.string == "alice@example.com")
            #expect(try await Self.get(app, "/health", []).status == .ok)
        }
    }

    @Test func refusesWithTheChallenge() async throws {
        let pool = Self.pool
        let logs = LogLines.shared
        let good = pool.accessToken(issuedAt: Self.now)
        var tampered = Array(good.utf8)
        tampered[tampered.count - 3] = tampered[tampered.count - 3] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let cases: [(String, String, [String], UInt, String)] = [
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
        try await withApp(configure: { try Self.routes($0) }) { app in
            for (name, path, authorization, status, challenge) in cases {
                let r = try await Self.get(app, path, authorization)
                #expect(r.status.code == status, "\(name)")
                #expect(r.headers[.wwwAuthenticate] == [challenge], "\(name)")
                #expect(r.headers.first(name: .contentType) == "application/json", "\(name)")
                let code = challenge.contains("error_description") ? String(challenge.split(separator: "\"").last!) : "missing-token"
                let error = status == 403 ? "insufficient_scope" : (code == "missing-token" ? "unauthorized" : "invalid_token")
                #expect(r.body.string == "{\"error\":\"\(error)\",\"code\":\"\(code)\"}", "\(name)")
            }
        }
        let lines = logs.all.filter { $0.contains("bearer token rejected") }
        #expect(lines.count >= cases.count)
        #expect(lines.contains { $0.contains("code=invalid-signature") && $0.contains("path=/api/me") && $0.contains("status=401") })
        #expect(!lines.contains { $0.contains(String(good.prefix(20))) || $0.contains("eyJ") })
    }

    @Test func unreachableKeySetIs503() async throws {
        let pool = Self.pool
        let down = FakeJWKSFetcher(.failure("connection refused"))
        try await withApp(configure: { try Self.routes($0, keys: .remote(url: "https://jwks.invalid/keys", fetch: down.fetcher)) }) { app in
            let r = try await Self.get(app, "/api/me", ["Bearer " + pool.accessToken(issuedAt: Self.now)])
            #expect(r.status == .serviceUnavailable)
            #expect(r.headers[.wwwAuthenticate] == ["Bearer realm=\"api\""])
            #expect(r.body.string == "{\"error\":\"temporarily_unavailable\",\"code\":\"jwks-fetch-failed\"}")
        }
    }

    @Test func genericVerifierAndThrowingAccessors() async throws {
        let pool = Self.pool
        let verifier = TokenVerifier(keys: .static(pool.jwks), policy: VerificationPolicy(issuer: [pool.issuer], audience: .notChecked))
        try await withApp(configure: { app in
            app.grouped("api").grouped(JWTAuthenticator(verifier, realm: "oidc", requiring: [.anyScope(["email"])]))
                .get("sub") { req in try req.verifiedToken.claims.subject ?? "" }
            app.get("unguarded") { req in try req.cognito.subject }   // no authenticator: 401 with the challenge
        }) { app in
            let ok = try await Self.get(app, "/api/sub", ["Bearer " + pool.accessToken(issuedAt: Self.now)])
            #expect(ok.status == .ok && ok.body.string == "00000000-0000-4000-8000-000000000001")
            let noScope = try await Self.get(app, "/api/sub", ["Bearer " + pool.accessToken(scopes: ["openid"], issuedAt: Self.now)])
            #expect(noScope.status == .forbidden)
            #expect(noScope.headers[.wwwAuthenticate] == ["Bearer realm=\"oidc\", scope=\"email\", error=\"insufficient_scope\", error_description=\"insufficient-scope\""])
            let unguarded = try await Self.get(app, "/unguarded", [])
            #expect(unguarded.status == .unauthorized && unguarded.headers[.wwwAuthenticate] == ["Bearer"])
        }
    }

    @Test func composedByHandAsAVaporBearerAuthenticator() async throws {
        let pool = Self.pool
        let verifier = CognitoVerifier(pools: [.init(pool: try CognitoUserPool(id: pool.poolID), clientIDs: [pool.clientID], tokenUse: .access,
                                                      keys: .static(pool.jwks))], clock: .system)
        let authenticator = CognitoAuthenticator(verifier, realm: "api")
        try await withApp(configure: { app in
            app.get("manual") { req async throws -> String in
                try await authenticator.authenticate(bearer: BearerAuthorization(token: req.headers.bearerAuthorization?.token ?? ""), for: req)
                return try req.cognito.subject
            }
        }) { app in
            let ok = try await Self.get(app, "/manual", ["Bearer " + pool.accessToken(issuedAt: Self.now)])
            #expect(ok.status == .ok)
            let bad = try await Self.get(app, "/manual", ["Bearer " + pool.accessToken(issuedAt: NumericDate(secondsSince1970: 1))])
            #expect(bad.status == .unauthorized)
            #expect(bad.headers[.wwwAuthenticate] == ["Bearer realm=\"api\", error=\"invalid_token\", error_description=\"expired\""])
        }
    }
}
