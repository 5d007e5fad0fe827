import Foundation
import Testing
import VectorSupport
import PureJWK
@testable import PureJWT

/// Vectors/cognito/cases.json, written by Vectors/cognito/generate.py: every case asserts its outcome.
struct CognitoCases: Decodable {
    struct Options: Decodable {
        let pool: String
        let clientIDs: [String]?
        let tokenUse: String
        let leeway: Double?
        let groups: [String]?
        let scopes: [String]?
        let algorithms: [String]?
    }
    struct Synthesize: Decodable { let head: String; let fill: String; let count: Int; let tail: String }
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        let name: String
        let token: String
        let expect: String
        let now: Double
        let jwks: String
        let options: Options
        let synthesize: Synthesize?
        var testDescription: String { name }
        var fullToken: String {
            guard let s = synthesize else { return token }
            return s.head + String(repeating: s.fill, count: s.count) + s.tail
        }
    }
    let now: Double
    let pool: String
    let clientID: String
    let cases: [Case]

    static func load() throws -> CognitoCases {
        try JSONDecoder().decode(CognitoCases.self, from: Data(Vectors.data("cognito/cases.json")))
    }
}

extension CognitoCases.Options: Sendable {}
extension CognitoCases.Synthesize: Sendable {}

func loadJWKS(_ name: String) throws -> JWKSet {
    try JWKSet(json: Vectors.data("cognito/" + name))
}

func verifier(for c: CognitoCases.Case) throws -> CognitoVerifier {
    let o = c.options
    let use: CognitoTokenUse = switch o.tokenUse { case "id": .id; case "access": .access; default: .any }
    return try CognitoVerifier(
        userPoolID: o.pool,
        clientIDs: o.clientIDs.map { .oneOf($0) } ?? .notChecked,
        tokenUse: use,
        keys: .static(try loadJWKS(c.jwks)),
        groups: o.groups ?? [], scopes: o.scopes ?? [],
        algorithms: (o.algorithms ?? ["RS256"]).compactMap { JWSAlgorithm(rawValue: $0) },
        leeway: o.leeway ?? 0,
        clock: .fixed(NumericDate(secondsSince1970: c.now)))
}

@Suite struct CognitoFixtureTests {
    static let cases: [CognitoCases.Case] = (try? CognitoCases.load().cases) ?? []

    @Test func tableLoaded() {
        #expect(Self.cases.count >= 60)
    }

    @Test("Cognito fixture", arguments: cases)
    func fixture(_ c: CognitoCases.Case) throws {
        let v = try verifier(for: c)
        do {
            let token = try v.verifySync(c.fullToken)
            #expect(c.expect == "valid", "\(c.name): verified, expected \(c.expect)")
            #expect(token.claims.subject == "5f1e3c2a-8b7d-4e6f-9a0b-1c2d3e4f5a6b")
        } catch {
            #expect(error.code.rawValue == c.expect, "\(c.name): got \(error)")
            // Error messages never echo a whole token.
            #expect(!error.message.contains(c.fullToken.prefix(200)) || c.fullToken.isEmpty, "\(c.name): message echoes the token")
        }
    }

    @Test func typedClaimsOfTheSampleTokens() throws {
        let table = try CognitoCases.load()
        let keys = try loadJWKS("jwks.json")
        let access = try Vectors.text("cognito/access_token.jwt").trimmingCharacters(in: .whitespacesAndNewlines)
        let id = try Vectors.text("cognito/id_token.jwt").trimmingCharacters(in: .whitespacesAndNewlines)
        let clock = JWTClock.fixed(NumericDate(secondsSince1970: table.now))
        let av = try CognitoVerifier(userPoolID: table.pool, clientIDs: [table.clientID], tokenUse: .access, keys: .static(keys), clock: clock)
        let t = try av.verifySync(access)
        #expect(t.claims.groups == ["admin", "editors"])
        #expect(t.claims.scopes.contains("openid"))
        #expect(t.claims.clientID == table.clientID)
        #expect(t.claims.tokenUse == "access")
        #expect(t.claims.issuer == "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz")
        #expect(t.header.keyID != nil && t.algorithm == .rs256)
        struct Mine: Decodable { let username: String; let version: Int; let auth_time: Int64 }
        let mine = try t.claims.decode(Mine.self)
        #expect(mine.version == 2 && mine.username == t.claims.subject)
        struct Wrong: Decodable { let version: String }
        #expect(throws: JWTError(.invalidClaim, "")) { try t.claims.decode(Wrong.self) }

        let iv = try CognitoVerifier(userPoolID: table.pool, clientIDs: [table.clientID], tokenUse: .id, keys: .static(keys), clock: clock)
        let it = try iv.verifySync(id)
        #expect(it.claims.audience == [table.clientID])
        #expect(it.claims.username == "alice")
        #expect(it.claims["email_verified"] == .bool(true))
    }

    @Test func severalPoolsPickedByTheVerifyingKey() throws {
        let table = try CognitoCases.load()
        let poolKeys = try loadJWKS("jwks.json")
        let weakSet = try loadJWKS("jwks_e3.json")  // another "pool" with an unrelated key
        let clock = JWTClock.fixed(NumericDate(secondsSince1970: table.now))
        let other = CognitoVerifier.Pool(pool: try CognitoUserPool(id: "eu-west-1_ZyX987wvu"), clientIDs: .notChecked, tokenUse: .any, keys: .static(weakSet))
        let ours = CognitoVerifier.Pool(pool: try CognitoUserPool(id: table.pool), clientIDs: [table.clientID], tokenUse: .any, keys: .static(poolKeys))
        let v = CognitoVerifier(pools: [other, ours], clock: clock)
        let access = try Vectors.text("cognito/access_token.jwt").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try v.verifySync(access).claims.tokenUse == "access")
        // A token of our pool's key claiming the other pool's issuer is refused.
        if let wrongPool = table.cases.first(where: { $0.name == "wrong pool (issuer of another pool)" }) {
            #expect(throws: JWTError(.invalidIssuer, "")) { try v.verifySync(wrongPool.token) }
        }
    }

    @Test("pool ids", arguments: [
        ("us-east-1_AbC123xyz", "us-east-1"), ("us-gov-west-1_abc", "us-gov-west-1"), ("ap-southeast-2_X", "ap-southeast-2"),
        ("eu-central-1_0123456789abcdefghijklmnopqrstuvwxyz", "eu-central-1"),
    ])
    func poolIDs(_ id: String, _ region: String) throws {
        let pool = try CognitoUserPool(id: id)
        #expect(pool.region == region)
        #expect(pool.issuers == ["https://cognito-idp.\(region).amazonaws.com/\(id)", "https://issuer-cognito-idp.\(region).amazonaws.com/\(id)"])
        #expect(pool.jwksURL == "https://cognito-idp.\(region).amazonaws.com/\(id)/.well-known/jwks.json")
    }

    @Test("bad pool ids", arguments: ["us-east-1", "us-east-1_", "_abc", "US-EAST-1_abc", "us-east_abc", "us-east-1_ab-c", "us-east-1_a_b",
                                      "us-east-1_ab/c", "x-east-1_abc", "us-east-x_abc", "us-foo-east-1_abc"])
    func badPoolIDs(_ id: String) {
        #expect(throws: JWTError.self) { try CognitoUserPool(id: id) }
    }

    @Test func emulatorPoolIsExplicit() {
        let p = CognitoUserPool.emulator(id: "us-east-1_localpool", issuer: "http://127.0.0.1:9229/us-east-1_localpool/")
        #expect(p.isEmulator)
        #expect(p.issuers == ["http://127.0.0.1:9229/us-east-1_localpool"])
        #expect(p.jwksURL == "http://127.0.0.1:9229/us-east-1_localpool/.well-known/jwks.json")
    }

    @Test func manyTasksShareOneVerifier() async throws {
        let table = try CognitoCases.load()
        let v = try verifier(for: try #require(table.cases.first { $0.name == "valid access token" }))
        let good = try Vectors.text("cognito/access_token.jwt").trimmingCharacters(in: .whitespacesAndNewlines)
        let bad = try #require(table.cases.first { $0.name == "tampered signature" }).token
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<200 {
                group.addTask {
                    let token = i % 3 == 0 ? bad : good
                    let ok = (try? v.verifySync(token)) != nil
                    return ok == (i % 3 != 0)
                }
            }
            var all: [Bool] = []
            for await o in group { all.append(o) }
            return all
        }
        #expect(outcomes.count == 200 && outcomes.allSatisfy { $0 })
    }
}
