import Foundation
import Synchronization
import Testing
import VectorSupport
import PureJWK
import PureJWT
@testable import PureJWTFoundation
import PureJWTTesting

/// Tests/Support/jwks_server.py, started once for this test process on 127.0.0.1 (it exits when our
/// stdin pipe to it closes, i.e. when the test process ends).
final class JWKSServer: Sendable {
    let port: Int
    private let script: PythonScript

    static let shared: JWKSServer? = try? JWKSServer()

    init() throws {
        script = try PythonScript("jwks_server.py")
        guard script.firstLine.hasPrefix("PORT "), let p = Int(script.firstLine.dropFirst(5)) else {
            throw Vectors.Missing(description: "jwks_server.py said \(script.firstLine)")
        }
        port = p
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    func get(_ path: String) async throws -> [UInt8] { try await URLSessionJWKSFetcher().fetch(url(path)).body }
    func serve(_ file: String) async throws { _ = try await get("/control/serve?file=\(file)") }
    func jwksCount() async throws -> Int {
        let obj = try JSONSerialization.jsonObject(with: Data(try await get("/control/count"))) as? [String: Int]
        return obj?["jwks"] ?? -1
    }
}

final class ManualClock: Sendable {
    let seconds: Mutex<Double>
    init(_ s: Double) { seconds = Mutex(s) }
    func advance(_ s: Double) { seconds.withLock { $0 += s } }
    var clock: JWTClock { JWTClock { NumericDate(secondsSince1970: self.seconds.withLock { $0 }) } }
}

func text(_ name: String) -> String {
    ((try? Vectors.text("cognito/" + name)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Integration tests share one server whose state they change, so they run one at a time.
@Suite(.serialized) struct JWKSServerTests {
    let access = text("access_token.jwt"), rotatedToken = text("rotated_access_token.jwt")
    static let now = 1_763_900_000.0

    func server() throws -> JWKSServer { try #require(JWKSServer.shared, "could not start Tests/Support/jwks_server.py (python3 needed)") }

    /// OpenID Connect Discovery against the local server: the configuration is read and checked,
    /// a verifier built from it fetches the keys at `jwks_uri` and accepts the issuer's token; a
    /// document naming another issuer, or without `jwks_uri`, is refused.
    @Test func oidcDiscovery() async throws {
        let s = try server()
        let issuer = s.url("/oidc")
        let config = try await OIDCDiscovery.configuration(issuer: issuer)
        #expect(config == OIDCProviderConfiguration(issuer: issuer, jwksURI: s.url("/jwks"), idTokenSigningAlgorithms: ["RS256"]))
        #expect(OIDCDiscovery.configurationURL(issuer: issuer + "/") == s.url("/oidc/.well-known/openid-configuration"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-oidc-jwks-\(getpid()).json")
        try Data(TestSigner.rs256.jwks.jsonText.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try await s.serve(file.path)
        let verifier = try await OIDCDiscovery.verifier(issuer: issuer, audiences: ["api"], clock: .fixed(NumericDate(secondsSince1970: Self.now)))
        let token = TestSigner.rs256.sign(["iss": .string(issuer), "aud": "api", "sub": "u", "exp": .integer(Int64(Self.now) + 60)])
        #expect(try await verifier.verify(token).claims.subject == "u")
        #expect(verifier.keySetStatus?.fetchCount == 1)
        // A token of another issuer signed by the same key: the discovered issuer is required.
        await #expect(throws: JWTError(.invalidIssuer, "")) {
            try await verifier.verify(TestSigner.rs256.sign(["iss": "https://evil.example", "aud": "api", "exp": .integer(Int64(Self.now) + 60)]))
        }
        await #expect(throws: JWTError(.invalidIssuer, "")) { try await OIDCDiscovery.configuration(issuer: s.url("/oidc-wrong")) }
        await #expect(throws: JWTError(.jwksFetchFailed, "")) { try await OIDCDiscovery.configuration(issuer: s.url("/oidc-nojwks")) }
        await #expect(throws: JWTError(.jwksFetchFailed, "")) { try await OIDCDiscovery.configuration(issuer: s.url("/nothing-here")) }
        // Plain HTTP to a non-loopback issuer is refused before any request.
        await #expect(throws: JWTError(.jwksFetchFailed, "")) { try await OIDCDiscovery.configuration(issuer: "http://issuer.example") }
        try await s.serve("jwks.json")
    }

    @Test func fetchesAKeySet() async throws {
        let s = try server()
        try await s.serve("jwks.json")
        let bytes = try await URLSessionJWKSFetcher().fetch(s.url("/jwks")).body
        #expect(try JWKSet(json: bytes).keys.count == 2)
    }

    @Test("failing responses", arguments: ["/status/500", "/status/404", "/redirect", "/big", "/status/204"])
    func failingResponses(path: String) async throws {
        let s = try server()
        do {
            let b = try await URLSessionJWKSFetcher().fetch(s.url(path)).body
            Issue.record("\(path) returned \(b.count) bytes")
        } catch let e as JWKSFetchError {
            switch (path, e) {
            case ("/status/500", .status(500)), ("/status/404", .status(404)), ("/status/204", .status(204)), ("/big", .tooLarge): break
            case ("/redirect", .redirect), ("/redirect", .status(302)): break
            default: Issue.record("\(path): unexpected \(e)")
            }
        }
    }

    @Test func hangIsCutByTheTimeout() async throws {
        let s = try server()
        let start = ContinuousClock.now
        await #expect(throws: (any Error).self) { try await URLSessionJWKSFetcher(timeout: 1).fetch(s.url("/hang")) }
        #expect(ContinuousClock.now - start < .seconds(6))
    }

    @Test func connectionRefusedAndInsecureSchemes() async throws {
        await #expect(throws: (any Error).self) { try await URLSessionJWKSFetcher(timeout: 2).fetch("http://127.0.0.1:1/jwks") }
        await #expect(throws: JWKSFetchError.self) { try await URLSessionJWKSFetcher().fetch("http://example.com/jwks.json") }
        await #expect(throws: JWKSFetchError.self) { try await URLSessionJWKSFetcher().fetch("ftp://127.0.0.1/jwks.json") }
        await #expect(throws: JWKSFetchError.self) { try await URLSessionJWKSFetcher().fetch("not a url") }
        #expect(URLSessionJWKSFetcher.isLoopback(host: "127.0.0.1") && URLSessionJWKSFetcher.isLoopback(host: "[::1]"))
        #expect(URLSessionJWKSFetcher.isLoopback(host: "localhost") && !URLSessionJWKSFetcher.isLoopback(host: "127.0.0.1.example.com"))
    }

    @Test func garbageNeverReplacesTheSet() async throws {
        let s = try server()
        try await s.serve("jwks.json")
        let clock = ManualClock(Self.now)
        let remote = RemoteKeySet(url: s.url("/garbage"), clock: clock.clock, fetcher: URLSessionJWKSFetcher().fetcher)
        await #expect(throws: JWTError(.jwksFetchFailed, "")) { try await remote.hydrate() }
        #expect(remote.status.freshness == .empty)
    }

    func verifier(_ remote: RemoteKeySet) throws -> CognitoVerifier {
        try CognitoVerifier(userPoolID: "us-east-1_AbC123xyz", clientIDs: ["4h8d2j9k1l0m3n5p7q6r2s4t8u"], tokenUse: .access,
                            keys: .remote(remote), clock: .fixed(NumericDate(secondsSince1970: Self.now)))
    }

    @Test func keyRotationAndStaleWindow() async throws {
        let s = try server()
        try await s.serve("jwks.json")
        let clock = ManualClock(Self.now)
        let remote = RemoteKeySet(url: s.url("/jwks"), options: .init(maxAge: 600, cooldown: 30, staleWindow: 3600),
                                  clock: clock.clock, fetcher: URLSessionJWKSFetcher().fetcher)
        let v = try verifier(remote)
        let before = try await s.jwksCount()
        _ = try await v.verify(access)
        // Rotation: a new key appears, the old one is removed.
        try await s.serve("jwks_rotated.json")
        clock.advance(30)
        _ = try await v.verify(rotatedToken)
        #expect(try await s.jwksCount() - before == 2)
        await #expect(throws: JWTError(.keyNotFound, "")) { try await v.verify(access) }
        #expect(try await s.jwksCount() - before == 2)          // inside the cooldown: no fetch
        // The server fails: the last good set is served through the stale window, then not.
        try await s.serve("fail")
        clock.advance(600)
        _ = try await v.verify(rotatedToken)              // stale: served at once, refreshed behind
        for _ in 0..<500 where remote.status.isRefreshing { try await Task.sleep(nanoseconds: 2_000_000) }
        #expect(remote.status.lastError?.code == .jwksFetchFailed)
        clock.advance(3600)
        await #expect(throws: JWTError(.jwksFetchFailed, "")) { try await v.verify(rotatedToken) }
        try await s.serve("jwks.json")
    }

    @Test("64 tasks verifying while the key set rotates")
    func concurrentRotation() async throws {
        let s = try server()
        try await s.serve("jwks.json")
        let clock = ManualClock(Self.now)
        let remote = RemoteKeySet(url: s.url("/jwks"), clock: clock.clock, fetcher: URLSessionJWKSFetcher().fetcher)
        let v = try verifier(remote)
        try await remote.hydrate()
        let before = try await s.jwksCount()
        let (access, rotatedToken) = (self.access, self.rotatedToken)
        let outcomes = await withTaskGroup(of: [String].self) { group in
            for i in 0..<64 {
                group.addTask {
                    var seen: [String] = []
                    for j in 0..<20 {
                        if i == 0 && j == 5 {
                            try? await s.serve("jwks_rotated.json")
                            clock.advance(30)
                        }
                        do { _ = try await v.verify(j % 2 == 0 ? access : rotatedToken); seen.append("ok") } catch {
                            seen.append((error as? JWTError)?.code.rawValue ?? "\(error)")
                        }
                    }
                    return seen
                }
            }
            var all: [String] = []
            for await o in group { all.append(contentsOf: o) }
            return all
        }
        #expect(outcomes.count == 64 * 20)
        #expect(outcomes.allSatisfy { $0 == "ok" || $0 == "key-not-found" }, "\(Set(outcomes))")
        _ = try await v.verify(rotatedToken)
        #expect(try await s.jwksCount() - before <= 2)
        try await s.serve("jwks.json")
    }
}

@Suite struct FoundationConvenienceTests {
    @Test func dates() {
        let d = Date(timeIntervalSince1970: 1_763_900_000.5)
        #expect(NumericDate(d).secondsSince1970 == 1_763_900_000.5)
        #expect(NumericDate(secondsSince1970: 10).date == Date(timeIntervalSince1970: 10))
    }

    /// The remote Cognito initializer fetches the pool's JWKS URL through the injected fetcher.
    @Test func remoteCognitoVerifierUsesThePoolURL() async throws {
        let jwks = try Vectors.data("cognito/jwks.json")
        let requested = Mutex<[String]>([])
        let v = try CognitoVerifier(userPoolID: "us-east-1_AbC123xyz", clientIDs: ["4h8d2j9k1l0m3n5p7q6r2s4t8u"], tokenUse: .access,
                                    fetcher: { url in requested.withLock { $0.append(url) }; return JWKSResponse(body: jwks) },
                                    clock: .fixed(NumericDate(secondsSince1970: 1_763_900_000)))
        let t = try await v.verify(text("access_token.jwt"))
        #expect(t.claims.expirationDate == Date(timeIntervalSince1970: 1_763_903_000))
        #expect(requested.withLock { $0 } == ["https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz/.well-known/jwks.json"])
    }
}
