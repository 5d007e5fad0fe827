import Foundation
import Testing
import VectorSupport
import PureJWT
import PureJWTFoundation

/// Interop: tokens from a local Cognito emulator (moto), after sign-up, confirmation and sign-in,
/// verified with the keys fetched from the emulator's JWKS endpoint over loopback HTTP.
@Suite(.enabled(if: MotoCognito.available, "moto not installed"))
struct MotoCognitoTests {
    func verifier(_ m: MotoCognito, use: CognitoTokenUse, clients: [String]) throws -> CognitoVerifier {
        let keys = RemoteKeySet(url: m.jwks, fetcher: URLSessionJWKSFetcher().fetcher)
        return CognitoVerifier(pools: [.init(pool: try CognitoUserPool(id: m.pool), clientIDs: .oneOf(clients), tokenUse: use,
                                             keys: .remote(keys))], clock: .system)
    }

    @Test func tokensFromTheEmulatorVerify() async throws {
        let m = try MotoCognito.shared.get()
        let access = try await verifier(m, use: .access, clients: [m.client]).verify(m.access)
        #expect(access.claims.tokenUse == "access" && access.claims.clientID == m.client)
        #expect(access.claims.username == "alice")
        let id = try await verifier(m, use: .id, clients: [m.client]).verify(m.id)
        #expect(id.claims.audience == [m.client] && id.claims["cognito:username"]?.stringValue == "alice")
    }

    @Test func emulatorTokensAreJudgedByTheSameRules() async throws {
        let m = try MotoCognito.shared.get()
        await #expect(throws: JWTError(.invalidTokenUse, "")) { try await verifier(m, use: .id, clients: [m.client]).verify(m.access) }
        await #expect(throws: JWTError(.invalidAudience, "")) { try await verifier(m, use: .access, clients: ["someone-else"]).verify(m.access) }
        let other = try CognitoUserPool(id: "us-east-1_" + String(m.pool.dropFirst(10).reversed()))
        let wrongPool = CognitoVerifier(pools: [.init(pool: other, clientIDs: [m.client], tokenUse: .access,
                                                      keys: .remote(RemoteKeySet(url: m.jwks, fetcher: URLSessionJWKSFetcher().fetcher)))],
                                        clock: .system)
        await #expect(throws: JWTError(.invalidIssuer, "")) { try await wrongPool.verify(m.access) }
        var tampered = Array(m.access.utf8)
        tampered[tampered.count - 5] = tampered[tampered.count - 5] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        await #expect(throws: JWTError(.invalidSignature, "")) {
            try await verifier(m, use: .access, clients: [m.client]).verify(String(decoding: tampered, as: UTF8.self))
        }
    }
}
