import Foundation
import Testing
import VectorSupport
import PureDER
import PureRSA
@testable import PureJWK

func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

struct RFCKeyFile: Decodable { let jwk: [String: String]; let token: String? }

@Suite struct JWKTests {
    /// RFC 7517 A.1, RFC 7515 A.2 and RFC 7520 §4.1 keys → PEM byte-identical to OpenSSL's
    /// (expected files written by Vectors/generators/rfc_pems.py).
    @Test("RFC example keys to PEM, byte-identical to OpenSSL",
          arguments: [("rfc7517_a1_rsa.jwk.json", "rfc7517_a1"), ("rfc7515_a2.json", "rfc7515_a2"), ("rfc7520_4_1.json", "rfc7520_4_1")])
    func rfcPEM(file: String, stem: String) throws {
        var json = try Vectors.data("rfc/" + file)
        if file != "rfc7517_a1_rsa.jwk.json" {
            let doc = try JSONDecoder().decode(RFCKeyFile.self, from: Data(json))
            json = Array(try JSONEncoder().encode(doc.jwk))
        }
        let jwk = try JWK(json: json)
        let spki = try Vectors.text("rfc/\(stem).spki.pem"), pkcs1 = try Vectors.text("rfc/\(stem).pkcs1.pem")
        #expect(jwk.pem(.spki) == spki)
        #expect(jwk.pem(.pkcs1) == pkcs1)
        // And back: both PEMs import to the same key.
        let key = try #require(jwk.rsaKey)
        #expect(try RSAPublicKey(pem: spki) == key)
        #expect(try RSAPublicKey(pem: pkcs1) == key)
    }

    /// RFC 7638 §3.1.
    @Test func rfc7638Thumbprint() throws {
        let jwk = try JWK(json: Vectors.data("rfc/rfc7517_a1_rsa.jwk.json"))
        #expect(jwk.thumbprint() == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
        #expect(jwk.keyID == "2011-04-29" && jwk.algorithm == "RS256" && jwk.modulusBits == 2048)
    }

    static let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"
    static func rsa(_ extra: String = "", n: String = n, e: String = "AQAB") -> String {
        "{\"kty\":\"RSA\",\"n\":\"\(n)\",\"e\":\"\(e)\"\(extra)}"
    }

    @Test("malformed JWKs are invalid-jwks with a reason", arguments: [
        ("{\"n\":\"AQAB\",\"e\":\"AQAB\"}", "kty"),
        ("{\"kty\":1}", "kty"),
        (rsa(",\"kid\":5"), "kid"),
        (rsa(",\"alg\":[]"), "alg"),
        (rsa(",\"use\":true"), "use"),
        (rsa(",\"key_ops\":\"verify\""), "key_ops"),
        (rsa(",\"key_ops\":[\"verify\",\"verify\"]"), "duplicate"),
        (rsa(",\"key_ops\":[1]"), "key_ops"),
        (rsa(",\"d\":\"AQAB\""), "private"),
        (rsa(",\"p\":\"AQAB\""), "private"),
        (rsa(",\"qi\":\"AQAB\""), "private"),
        ("{\"kty\":\"RSA\",\"e\":\"AQAB\"}", "\"n\""),
        ("{\"kty\":\"RSA\",\"n\":\"\(n)\"}", "\"e\""),
        (rsa(n: "AA" + n), "leading zero"),
        (rsa(e: "AAEAAQ"), "leading zero"),
        (rsa(n: n + "="), "base64url"),
        (rsa(n: n.replacingOccurrences(of: "_", with: "/")), "base64url"),
        (rsa(e: ""), "empty"),
        ("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"a\",\"y\":\"b\"}", "base64url"),
        ("{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"x\":\"AA\",\"y\":\"AA\"}", "unsupported key type"),
        ("[]", "JSON object"),
    ])
    func malformedJWK(json: String, reason: String) {
        do {
            let k = try JWK(json: bytes(json))
            Issue.record("accepted \(k.keyType)")
        } catch {
            #expect(error.kind == .invalidJWKS)
            #expect(error.code == "invalid-jwks")
            #expect(error.message.contains(reason), "\(error.message)")
        }
    }

    @Test func invalidJSONIsMalformedJSON() {
        for json in ["{", "{\"kty\":\"RSA\",}", "", "\u{FEFF}{}", "{\"kty\":\"RSA\",\"kty\":\"EC\"}"] {
            #expect(throws: JWKError.self) { try JWK(json: bytes(json)) }
            do { _ = try JWKSet(json: bytes(json)) } catch { #expect(error.code == "malformed-json", "\(json)") }
        }
    }

    @Test func keySetKeepsUnsupportedAndRefusedKeys() throws {
        let set = try JWKSet(json: bytes("""
        {"keys":[
          {"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","kid":"ec"},
          {"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"ed"},
          {"kty":"oct-but-unknown","kid":"?"},
          \(Self.rsa(",\"kid\":\"2011-04-29\",\"use\":\"sig\"")),
          {"kty":"RSA","kid":"small","n":"\(String(Self.n.prefix(168)))","e":"AQAB"}
        ],"extra":"ignored"}
        """))
        #expect(set.keys.count == 5)
        #expect(set.keys.filter { if case .unsupported = $0.material { true } else { false } }.count == 1)
        #expect(set.keys(withID: "ec").first?.ecKey?.curve == .p256)
        #expect(set.keys(withID: "ed").first?.ed25519Key != nil && set.keys(withID: "ed").first?.curve == "Ed25519")
        #expect(set.keys(withID: "2011-04-29").first?.rsaKey != nil)
        guard case .rsaRefused(let reason)? = set.keys(withID: "small").first?.material else { Issue.record("small key not refused"); return }
        #expect(reason.contains("1008 bits") || reason.contains("even"), "\(reason)")
        // A private member in any key fails the whole set.
        #expect(throws: JWKError.self) { try JWKSet(json: bytes("{\"keys\":[" + Self.rsa(",\"d\":\"AQAB\"") + "]}")) }
        // A malformed member of a supported key fails the whole set.
        #expect(throws: JWKError.self) { try JWKSet(json: bytes("{\"keys\":[" + Self.rsa(n: "AA" + Self.n) + "]}")) }
    }

    @Test func keySetLimits() throws {
        let key = Self.rsa(",\"kid\":\"k\"")
        let hundred = "{\"keys\":[" + Array(repeating: key, count: 100).joined(separator: ",") + "]}"
        #expect(try JWKSet(json: bytes(hundred)).keys.count == 100)
        let hundredOne = "{\"keys\":[" + Array(repeating: key, count: 101).joined(separator: ",") + "]}"
        #expect(throws: JWKError.self) { try JWKSet(json: bytes(hundredOne)) }
        let limits = JWKSetLimits(maxBytes: 100)
        #expect(throws: JWKError.self) { try JWKSet(json: bytes(hundred), limits: limits) }
        for bad in ["{}", "{\"keys\":{}}", "{\"keys\":[1]}", "[]", "\"keys\""] {
            do { _ = try JWKSet(json: bytes(bad)); Issue.record("accepted \(bad)") } catch { #expect(error.code == "invalid-jwks", "\(bad)") }
        }
    }

    @Test func keyOrSet() throws {
        #expect(try JWKSet(jsonKeyOrSet: bytes(Self.rsa())).keys.count == 1)
        #expect(try JWKSet(jsonKeyOrSet: bytes("{\"keys\":[]}")).keys.isEmpty)
        #expect(throws: JWKError.self) { try JWKSet(jsonKeyOrSet: bytes("{\"kty\":\"EC\"}")) }
    }

    @Test("seeded fuzz: JWK and JWKS parsing never traps")
    func fuzz() {
        var rng = SeededRNG(seed: 0x1A4B)
        let seeds = [bytes(Self.rsa(",\"kid\":\"a\",\"use\":\"sig\",\"key_ops\":[\"verify\"]")), bytes("{\"keys\":[" + Self.rsa() + ",{\"kty\":\"EC\"}]}")]
        for i in 0..<3_000 {
            var b = seeds[i % 2]
            for _ in 0..<(1 + Int(rng.next() % 4)) where !b.isEmpty {
                let p = Int(rng.next() % UInt64(b.count))
                switch rng.next() % 3 {
                case 0: b[p] = UInt8(truncatingIfNeeded: rng.next() % 128)
                case 1: b.remove(at: p)
                default:
                    let alphabet = Array("{}[]\",:AQ0".utf8)
                    b.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: p)
                }
            }
            _ = try? JWKSet(jsonKeyOrSet: b)
        }
    }

    /// Import errors describe their cause; containsKey(withID:) compares ids as bytes; a set with a
    /// key whose type is not kept writes only the RSA keys back.
    @Test func importErrorsAndLookups() throws {
        do { _ = try RSAPublicKey(der: [0x30, 0x00]); Issue.record("accepted") } catch {
            #expect(!error.description.isEmpty)
            guard case .encoding = error else { Issue.record("\(error)"); return }
        }
        let small = RSAPublicKeyDER.pkcs1DER(RSAPublicKeyComponents(modulus: [0xC5] + [UInt8](repeating: 0x11, count: 127), exponent: [1, 0, 1]))
        do { _ = try RSAPublicKey(der: small); Issue.record("accepted") } catch {
            guard case .key(.modulusTooSmall) = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains("1024 bits"))
        }
        let set = try JWKSet(json: bytes("{\"keys\":[" + Self.rsa(",\"kid\":\"caf\\u00e9\"") + ",{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"kid\":\"ec\"}]}"))
        #expect(set.containsKey(withID: "caf\u{E9}") && !set.containsKey(withID: "cafe\u{301}") && set.containsKey(withID: "ec"))
        #expect(try JWKSet(json: set.jsonText).keys.count == 1)
    }
}
