import Foundation
import Testing
import VectorSupport
import PureDER
import PureRSA
@testable import PureJWK

/// Every Wycheproof rsa_signature_* group: keyJwk, publicKeyDer, publicKeyPem and publicKey
/// (hex integers) parse to the same key, and our SPKI encoding reproduces publicKeyDer exactly.
@Suite(.enabled(if: Vectors.runWycheproof, "Wycheproof vectors not found (set WYCHEPROOF_DIR)"))
struct WycheproofKeyFormsTests {
    struct File: Decodable {
        struct Group: Decodable {
            struct Key: Decodable { let modulus: String; let publicExponent: String }
            let keyJwk: [String: String]
            let publicKeyDer: String
            let publicKeyPem: String
            let publicKey: Key
        }
        let testGroups: [Group]
    }

    static let files = ["2048_sha256", "2048_sha384", "2048_sha512", "3072_sha256", "3072_sha384", "3072_sha512",
                        "4096_sha256", "4096_sha384", "4096_sha512", "8192_sha256"].map { "rsa_signature_\($0)_test.json" }

    @Test("Wycheproof key forms agree", arguments: files)
    func keyForms(file: String) throws {
        let parsed = try JSONDecoder().decode(File.self, from: Vectors.wycheproof(file))
        var groups = 0, refused = 0
        for g in parsed.testGroups {
            let der = Hex.decode(g.publicKeyDer)
            let components = RSAPublicKeyComponents(modulus: Hex.decode(g.publicKey.modulus), exponent: Hex.decode(g.publicKey.publicExponent))
            // DER and PEM decode to the hex integers.
            #expect(try RSAPublicKeyDER.decodeSPKI(der) == components, "\(file)")
            #expect(try RSAPublicKeyDER.decode(pem: g.publicKeyPem) == components, "\(file)")
            // Our SPKI encoding reproduces publicKeyDer byte for byte.
            #expect(RSAPublicKeyDER.spkiDER(components) == der, "\(file)")
            // The JWK form parses to the same integers.
            let jwk = try JWK(json: Array(JSONEncoder().encode(g.keyJwk)))
            #expect(jwk.rsaComponents == components, "\(file)")
            if let key = jwk.rsaKey {
                #expect(try RSAPublicKey(der: der) == key)
                #expect(try RSAPublicKey(pem: g.publicKeyPem) == key)
                #expect(key.spkiDER == der)
            } else {
                refused += 1
                #expect(throws: KeyImportError.self) { try RSAPublicKey(der: der) }
            }
            groups += 1
        }
        print("Wycheproof key forms \(file): \(groups) groups agree (\(refused) refused by policy)")
    }
}
