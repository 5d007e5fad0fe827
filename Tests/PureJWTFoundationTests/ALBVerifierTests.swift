import Foundation
import Synchronization
import Testing
import VectorSupport
import PureJWT
import PureJWTTesting

/// ALB user tokens (`x-amzn-oidc-data`): minted here with pyca/cryptography the way an ALB writes
/// them (ES256, `signer`/`client`/`kid` in the header, padded base64url), the key served as a PEM
/// by a local fetcher keyed by URL.
@Suite struct ALBVerifierTests {
    struct Minted: Decodable { let pem: String; let kid: String; let tokens: [String: String] }
    static let arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"
    static let issuer = "https://idp.example.com"

    static func mint() throws -> Minted? {
        guard PythonScript.hasModule("cryptography") else {
            print("note: python3 with cryptography not found; skipping the ALB verifier tests")
            #expect(!Vectors.isCI, "CI must run the ALB tests: pip install cryptography")
            return nil
        }
        let script = #"""
        import base64, json, time, sys
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
        from cryptography.hazmat.primitives import hashes, serialization
        arn, iss, now = sys.argv[1], sys.argv[2], 1763900000
        key = ec.derive_private_key(0xA1B, ec.SECP256R1())
        other = ec.derive_private_key(0xB2C, ec.SECP256R1())
        kid = "7c5a1b2e-3f4d-4e5f-8a9b-0c1d2e3f4a5b"
        b64 = lambda b: base64.urlsafe_b64encode(b).decode()          # with padding, as ALB writes it
        def token(header, payload, k=key, pad=True):
            enc = b64 if pad else (lambda b: base64.urlsafe_b64encode(b).decode().rstrip("="))
            inp = enc(json.dumps(header).encode()) + "." + enc(json.dumps(payload).encode())
            r, s = decode_dss_signature(k.sign(inp.encode(), ec.ECDSA(hashes.SHA256())))
            return inp + "." + enc(r.to_bytes(32, "big") + s.to_bytes(32, "big"))
        h = {"typ": "JWT", "kid": kid, "alg": "ES256", "iss": iss, "client": "app-client", "signer": arn, "exp": now + 120}
        p = {"sub": "user-1", "email": "u@example.com", "exp": now + 120, "iss": iss}
        tokens = {
            "valid": token(h, p), "unpadded": token(h, p, pad=False),
            "otherSigner": token(dict(h, signer=arn.replace("web", "api")), p),
            "otherClient": token(dict(h, client="someone-else"), p),
            "otherIssuer": token(h, dict(p, iss="https://evil.example")),
            "expired": token(dict(h, exp=now - 10), dict(p, exp=now - 10)),
            "otherKey": token(h, p, k=other),
            "badKid": token(dict(h, kid="../../etc/passwd"), p),
            "unknownKid": token(dict(h, kid="00000000-0000-0000-0000-000000000000"), p),
            "unknownKid2": token(dict(h, kid="11111111-0000-0000-0000-000000000000"), p),
            "rs256": token(dict(h, alg="RS256"), p),
        }
        pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
        print(json.dumps({"pem": pem, "kid": kid, "tokens": tokens}))
        """#
        let script2 = script.replacingOccurrences(of: "sys.argv[1], sys.argv[2]", with: "\"\(arn)\", \"\(issuer)\"")
        guard let out = try PythonScript.run(script2, stdin: []) else { return nil }
        return try JSONDecoder().decode(Minted.self, from: Data(out.utf8))
    }

    /// A fetcher that serves the PEM at its ALB URL, 404 elsewhere, and counts fetches.
    final class KeyServer: Sendable {
        let pem: String, kid: String
        let count = Mutex(0)
        init(pem: String, kid: String) { self.pem = pem; self.kid = kid }
        var fetcher: JWKSFetcher {
            { url in
                self.count.withLock { $0 += 1 }
                guard url == "https://public-keys.auth.elb.eu-west-1.amazonaws.com/\(self.kid)" else { throw URLError(.fileDoesNotExist) }
                return JWKSResponse(body: Array(self.pem.utf8))
            }
        }
    }

    @Test func albTokens() async throws {
        guard let m = try Self.mint() else { return }
        let server = KeyServer(pem: m.pem, kid: m.kid)
        let clock = TestClock(NumericDate(secondsSince1970: 1_763_900_000))
        let verifier = ALBVerifier(loadBalancerARNs: [Self.arn], clientIDs: ["app-client"], issuers: [Self.issuer],
                                   fetch: server.fetcher, clock: clock.clock)
        func code(_ name: String) async -> JWTError.Code? {
            do { _ = try await verifier.verify(m.tokens[name] ?? ""); return nil } catch { return error.code }
        }
        let t = try await verifier.verify(m.tokens["valid"] ?? "")
        #expect(t.claims.subject == "user-1" && t.algorithm == .es256 && t.header["signer"]?.stringValue == Self.arn)
        #expect((m.tokens["valid"] ?? "").contains("="))                    // padded, as ALB writes them
        #expect(server.count.withLock { $0 } == 1)
        _ = try await verifier.verify(m.tokens["valid"] ?? "")               // cached: no second fetch
        #expect(server.count.withLock { $0 } == 1)
        #expect(await code("unpadded") == nil)
        #expect(await code("otherSigner") == .invalidIssuer)
        #expect(await code("otherClient") == .invalidAudience)
        #expect(await code("otherIssuer") == .invalidIssuer)
        #expect(await code("expired") == .expired)
        #expect(await code("otherKey") == .invalidSignature)
        #expect(await code("rs256") == .unsupportedAlgorithm)
        #expect(await code("badKid") == .keyNotFound)                        // never becomes a URL
        #expect(server.count.withLock { $0 } == 1)                           // none of these fetched
        // Unknown kids: past the cooldown one fetch (the key server has none: 503, the keys cannot be
        // judged), then the cooldown holds further ones back (key-not-found, no fetch).
        clock.advance(by: 31)
        #expect(await code("unknownKid") == .jwksFetchFailed)
        #expect(await code("unknownKid2") == .keyNotFound)
        #expect(server.count.withLock { $0 } == 2)
        // Tampering with a padded segment's padding is malformed, not accepted.
        var bad = m.tokens["valid"] ?? ""
        if let dot = bad.firstIndex(of: ".") { bad.insert(contentsOf: "==", at: dot) }
        do { _ = try await verifier.verify(bad); Issue.record("accepted") } catch { #expect(error.code == .malformedToken) }
    }

    @Test func keyURLs() {
        #expect(ALBVerifier.keyURL(signer: Self.arn, kid: "k") == "https://public-keys.auth.elb.eu-west-1.amazonaws.com/k")
        #expect(ALBVerifier.keyURL(signer: "arn:aws-cn:elasticloadbalancing:cn-north-1:1:loadbalancer/app/x/y", kid: "k")
                == "https://public-keys.auth.elb.cn-north-1.amazonaws.com.cn/k")
        #expect(ALBVerifier.keyURL(signer: "arn:aws:elasticloadbalancing:eu-west-1/evil:1:x", kid: "k") == nil)
        #expect(ALBVerifier.keyURL(signer: "not-an-arn", kid: "k") == nil)
    }
}
