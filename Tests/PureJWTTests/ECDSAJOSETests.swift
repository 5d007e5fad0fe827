import Foundation
import Testing
import VectorSupport
import PureBase64URL
import PureJWK
import PureSHA2
@testable import PureJWT

struct RFC7515A3: Decodable { let jwk: [String: String]; let token: String; let payload: String }

/// ES256/384/512 (RFC 7518 §3.4) through the stack: EC JWKs, the curve of each algorithm, r ‖ s
/// signatures only, thumbprints, SPKI PEM.
@Suite struct ECDSAJOSETests {
    static func vector() throws -> (JWKSet, RFC7515A3) {
        let doc = try JSONDecoder().decode(RFC7515A3.self, from: Data(Vectors.data("rfc/rfc7515_a3.json")))
        return (try JWKSet(jsonKeyOrSet: Array(JSONEncoder().encode(doc.jwk))), doc)
    }

    /// RFC 7515 A.3: the ES256 example verifies (its s is "high": accepted, as FIPS 186-5 does);
    /// a flipped bit anywhere fails; a DER-encoded signature is invalid-signature.
    @Test func rfc7515A3() throws {
        let (keys, doc) = try Self.vector()
        let key = try #require(keys.keys.first)
        #expect(key.keyType == "EC" && key.curve == "P-256" && key.ecKey != nil)
        let verifier = JWSVerifier(keys: keys, algorithms: [.es256])
        let (header, payload) = try verifier.verifySync(doc.token)
        #expect(header.algorithmName == "ES256" && String(decoding: payload, as: UTF8.self) == doc.payload)
        for i in stride(from: 3, to: doc.token.utf8.count, by: 13) {
            var bytes = Array(doc.token.utf8)
            guard bytes[i] != UInt8(ascii: ".") else { continue }
            bytes[i] = bytes[i] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            #expect(throws: JWTError.self) { try verifier.verifySync(bytes) }
        }
        // DER (SEQUENCE { INTEGER r, INTEGER s }) instead of r ‖ s: refused.
        let parts = doc.token.split(separator: ".").map(String.init)
        let raw = try Base64URL.decode(parts[2])
        func derInteger(_ v: ArraySlice<UInt8>) -> [UInt8] { let b = v.first! >= 0x80 ? [0] + Array(v) : Array(v); return [0x02, UInt8(b.count)] + b }
        let body = derInteger(raw[0..<32]) + derInteger(raw[32..<64])
        let der = [0x30, UInt8(body.count)] + body
        #expect(throws: JWTError(.invalidSignature, "")) { try verifier.verifySync(parts[0] + "." + parts[1] + "." + Base64URL.encode(der)) }
        // Not allowed unless named; ES384 with a P-256 key is key-not-usable.
        #expect(throws: JWTError(.unsupportedAlgorithm, "")) { try JWSVerifier(keys: keys).verifySync(doc.token) }
        let es384Header = Base64URL.encode(Array("{\"alg\":\"ES384\"}".utf8))
        do { _ = try JWSVerifier(keys: keys, algorithms: [.es384]).verifySync(es384Header + "." + parts[1] + "." + parts[2]); Issue.record("accepted") } catch {
            #expect(error.code == .keyNotFound || error.code == .keyNotUsable)
        }
        // Export, thumbprint (RFC 7638 §3.2 members crv, kty, x, y), PEM as OpenSSL writes it.
        #expect(key.jsonValue?.jsonText == "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"\(doc.jwk["x"] ?? "")\",\"y\":\"\(doc.jwk["y"] ?? "")\"}")
        let members = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"\(doc.jwk["x"] ?? "")\",\"y\":\"\(doc.jwk["y"] ?? "")\"}"
        #expect(key.thumbprint() == Base64URL.encode(SHA256.hash(Array(members.utf8)).bytes))
        let pem = try #require(key.pem())
        #expect(pem == (try Vectors.text("rfc/rfc7515_a3.spki.pem")))
        let imported = try ECPublicKey(pem: pem)
        let reimported = try ECPublicKey(der: imported.spkiDER)
        #expect(imported == key.ecKey && reimported == imported)
        let edPEM = try Vectors.text("rfc/rfc8037_a4.spki.pem")
        #expect(throws: KeyImportError.self) { try ECPublicKey(pem: edPEM) }
    }

    /// JWK rules (RFC 7518 §6.2): x and y of exactly the coordinate length, on the curve, no d;
    /// other curves are kept as unsupported.
    @Test func ecKeyRules() throws {
        let (_, doc) = try Self.vector()
        let x = doc.jwk["x"] ?? "", y = doc.jwk["y"] ?? ""
        func set(_ members: String) throws -> JWKSet { try JWKSet(json: Array("{\"keys\":[{\(members)}]}".utf8)) }
        #expect(throws: JWKError.self) { try set("\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"\(x)\",\"y\":\"\(y)\",\"d\":\"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\"") }
        #expect(throws: JWKError.self) { try set("\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"\(x)\",\"y\":\"\(x)\"") }
        #expect(throws: JWKError.self) { try set("\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\(x)\",\"y\":\"\(y)\"") }
        #expect(throws: JWKError.self) { try set("\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"\(x)\"") }
        let k1 = try set("\"kty\":\"EC\",\"crv\":\"secp256k1\",\"kid\":\"k\",\"x\":\"\(x)\",\"y\":\"\(y)\"")
        #expect(k1.keys[0].ecKey == nil && k1.keys[0].curve == "secp256k1")
    }

    /// RFC 7515 A.4 (ES512, payload "Payload") and RFC 7520 §4.3 (ES512 with a kid, Figure 27):
    /// both verify with only ES512 allowed; a flipped bit anywhere fails; the P-521 keys export
    /// to the PEM OpenSSL writes (Vectors/generators/rfc_pems.py) and import back.
    @Test(arguments: ["rfc7515_a4", "rfc7520_4_3"]) func es512Vectors(_ name: String) throws {
        let doc = try JSONDecoder().decode(RFC7515A3.self, from: Data(Vectors.data("rfc/\(name).json")))
        let keys = try JWKSet(jsonKeyOrSet: Array(JSONEncoder().encode(doc.jwk)))
        let key = try #require(keys.keys.first)
        #expect(key.curve == "P-521" && key.ecKey?.curve == .p521)
        let verifier = JWSVerifier(keys: keys, algorithms: [.es512])
        let (header, payload) = try verifier.verifySync(doc.token)
        #expect(header.algorithmName == "ES512" && String(decoding: payload, as: UTF8.self) == doc.payload)
        for i in stride(from: 5, to: doc.token.utf8.count, by: 11) {
            var bytes = Array(doc.token.utf8)
            guard bytes[i] != UInt8(ascii: ".") else { continue }
            bytes[i] = bytes[i] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            #expect(throws: JWTError.self) { try verifier.verifySync(bytes) }
        }
        #expect(throws: JWTError.self) { try JWSVerifier(keys: keys, algorithms: [.es256, .es384]).verifySync(doc.token) }
        let pem = try #require(key.pem())
        #expect(pem == (try Vectors.text("rfc/\(name).spki.pem")))
        #expect(try ECPublicKey(pem: pem) == key.ecKey)
    }
}
