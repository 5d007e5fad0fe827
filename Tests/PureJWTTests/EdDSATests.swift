import Foundation
import Testing
import VectorSupport
import PureBase64URL
import PureJWK
import PureJWTTesting
@testable import PureJWT

/// An RSA key and an RS256 token with a given kid, from PureJWTTesting's published key.
enum TestSignerKeys {
    static func rsaJWK() -> JWK { JWK(rsaKey: TestRSAKey.first.publicKey) }
    static func rs256TokenWithoutKid() -> String { TestSigner.rs256.sign(["sub": "x"], removingHeader: ["kid"]) }
}

struct RFC8037: Decodable { let jwk: [String: String]; let token: String; let payload: String; let thumbprint: String }

/// EdDSA (RFC 8037) through the stack: OKP JWKs, key selection, the JWS, thumbprints, SPKI PEM.
@Suite struct EdDSATests {
    static func vector() throws -> (JWKSet, RFC8037) {
        let doc = try JSONDecoder().decode(RFC8037.self, from: Data(Vectors.data("rfc/rfc8037_a4.json")))
        return (try JWKSet(jsonKeyOrSet: Array(JSONEncoder().encode(doc.jwk))), doc)
    }

    /// RFC 8037 A.4: the EdDSA JWS verifies; A.3: the thumbprint; a flipped bit anywhere fails.
    @Test func rfc8037() throws {
        let (keys, doc) = try Self.vector()
        let key = try #require(keys.keys.first)
        #expect(key.keyType == "OKP" && key.curve == "Ed25519" && key.ed25519Key != nil)
        #expect(key.thumbprint() == doc.thumbprint)
        let verifier = JWSVerifier(keys: keys, algorithms: [.edDSA])
        let (header, payload) = try verifier.verifySync(doc.token)
        #expect(header.algorithmName == "EdDSA" && String(decoding: payload, as: UTF8.self) == doc.payload)
        for i in stride(from: 3, to: doc.token.utf8.count, by: 11) {
            var bytes = Array(doc.token.utf8)
            guard bytes[i] != UInt8(ascii: ".") else { continue }
            bytes[i] = bytes[i] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            #expect(throws: JWTError.self) { try verifier.verifySync(bytes) }
        }
        // Not allowed unless named; an RSA-only verifier refuses it before any key lookup.
        #expect(throws: JWTError(.unsupportedAlgorithm, "")) { try JWSVerifier(keys: keys).verifySync(doc.token) }
        // The export round-trips (kty, crv, x) and a PEM is OpenSSL's SPKI shape.
        #expect(key.jsonValue?.jsonText == "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"\(doc.jwk["x"] ?? "")\"}")
        let pem = try #require(key.pem())
        #expect(pem == (try Vectors.text("rfc/rfc8037_a4.spki.pem")))   // byte for byte what OpenSSL writes
        #expect(key.pem(.pkcs1) == nil)
        let imported = try Ed25519PublicKey(pem: pem)
        #expect(imported == key.ed25519Key && imported.spkiDER.count == 44)
        #expect(try Ed25519PublicKey(der: imported.spkiDER) == imported)
    }

    /// JWK rules: x of exactly 32 octets that decode to a point, no private d; Ed448 and X25519
    /// keys are kept as unsupported (their tokens: key-not-usable); kty OKP never fits RS256 and an
    /// RSA key never fits EdDSA.
    @Test func okpKeyRules() throws {
        let (_, doc) = try Self.vector()
        let x = doc.jwk["x"] ?? ""
        func set(_ members: String) throws -> JWKSet { try JWKSet(json: Array("{\"keys\":[{\(members)}]}".utf8)) }
        #expect(throws: JWKError.self) { try set("\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"\(x)\",\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\"") }
        #expect(throws: JWKError.self) { try set("\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"\(x.dropLast(2))\"") }
        #expect(throws: JWKError.self) { try set("\"kty\":\"OKP\",\"crv\":\"Ed25519\"") }
        #expect(throws: JWKError.self) { try set("\"kty\":\"OKP\",\"x\":\"\(x)\"") }
        #expect(throws: JWKError.self) { try set("\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"\(Base64URL.encode([UInt8](repeating: 0xFF, count: 31) + [0x7F]))\"") }
        let ed448 = try set("\"kty\":\"OKP\",\"crv\":\"Ed448\",\"kid\":\"e\",\"x\":\"AAAA\"")
        #expect(ed448.keys[0].curve == "Ed448" && ed448.keys[0].ed25519Key == nil)
        let edToken = doc.token.split(separator: ".").map(String.init)
        // A token naming the Ed448 key (its signature need not be valid: selection refuses first).
        let withKid = Base64URL.encode(Array("{\"alg\":\"EdDSA\",\"kid\":\"e\"}".utf8)) + "." + edToken[1] + "." + edToken[2]
        do { _ = try JWSVerifier(keys: ed448, algorithms: [.edDSA]).verifySync(withKid); Issue.record("accepted") } catch {
            #expect(error.code == .keyNotUsable && error.message.contains("curve \"Ed448\""))
        }
        // Kind for algorithm: with an OKP and an RSA key and tokens without kid, each token selects
        // the one key of its algorithm's kind (exactly one fits), never the other.
        let both = JWKSet(keys: [JWK(ed25519Key: try Ed25519PublicKey(rawRepresentation: Base64URL.decode(x)), algorithm: nil),
                                 TestSignerKeys.rsaJWK()])
        let verifier = JWSVerifier(keys: both, algorithms: [.edDSA, .rs256])
        #expect(throws: Never.self) { try verifier.verifySync(TestSignerKeys.rs256TokenWithoutKid()) }
        #expect(throws: Never.self) { try verifier.verifySync(doc.token) }
        #expect(throws: JWTError(.invalidSignature, "")) {
            try verifier.verifySync(edToken[0] + "." + edToken[1] + "." + Base64URL.encode([UInt8](repeating: 1, count: 64)))
        }
        // An EdDSA token against RSA keys only: no key of its kind.
        #expect(throws: JWTError(.keyNotFound, "")) { try JWSVerifier(keys: JWKSet(keys: [TestSignerKeys.rsaJWK()]), algorithms: [.edDSA, .rs256]).verifySync(doc.token) }
    }
}
