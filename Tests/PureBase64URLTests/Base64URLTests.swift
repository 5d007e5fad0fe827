import Testing
import VectorSupport
@testable import PureBase64URL

/// RFC 4648 §10 test vectors (standard base64, with padding).
let rfc4648: [(String, String)] = [
    ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
    ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
]

@Suite struct Base64URLTests {
    @Test("RFC 4648 §10 base64", arguments: rfc4648)
    func rfc4648Standard(plain: String, encoded: String) throws {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(try Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test("RFC 4648 §10 vectors, base64url without padding", arguments: rfc4648)
    func rfc4648URL(plain: String, encoded: String) throws {
        let unpadded = String(encoded.filter { $0 != "=" })
        #expect(Base64URL.encode(Array(plain.utf8)) == unpadded)
        #expect(try Base64URL.decode(unpadded) == Array(plain.utf8))
    }

    @Test func urlAlphabetDiffersFromStandard() throws {
        let bytes: [UInt8] = [0xFB, 0xFF, 0xBF]
        #expect(Base64URL.encode(bytes) == "-_-_")
        #expect(Base64.encode(bytes) == "+/+/")
        #expect(throws: Base64URLError(.invalidCharacter, at: 0)) { try Base64URL.decode("+/+/") }
        #expect(throws: Base64URLError(.invalidCharacter, at: 0)) { try Base64.decode("-_-_") }
    }

    @Test("rejects characters outside the alphabet, with the offset",
          arguments: [("QQ==", 2), ("QUJD=", 4), (" QUJD", 0), ("QU JD", 2), ("QUJD\n", 4), ("QUJ\u{00E9}", 3),
                      ("QU+D", 2), ("QU/D", 2), ("QUJ.", 3), ("QUJD\0", 4)])
    func rejectsBadCharacters(input: String, offset: Int) {
        #expect(throws: Base64URLError(.invalidCharacter, at: offset)) { try Base64URL.decode(input) }
    }

    @Test("rejects impossible lengths (≡ 1 mod 4)", arguments: ["Q", "QUJDR", "QUJDRUZHS"])
    func rejectsLength(input: String) {
        #expect(throws: Base64URLError(.invalidLength, at: input.utf8.count)) { try Base64URL.decode(input) }
    }

    @Test func canonicalTrailingBits() throws {
        // One spelling per value (RFC 4648 §3.5): "QQ" is 0x41; "QR".."QZ" differ only in unused bits.
        #expect(try Base64URL.decode("QQ") == [0x41])
        for last in "RSTUVWXYZabcdef".unicodeScalars {
            let s = "Q" + String(last)
            #expect(throws: Base64URLError(.nonCanonicalTrailingBits, at: 1)) { try Base64URL.decode(s) }
        }
        #expect(try Base64URL.decode("QUI") == [0x41, 0x42])
        #expect(throws: Base64URLError(.nonCanonicalTrailingBits, at: 2)) { try Base64URL.decode("QUJ") }
        #expect(throws: Base64URLError(.nonCanonicalTrailingBits, at: 1)) { try Base64.decode("QR==") }
        #expect(throws: Base64URLError(.nonCanonicalTrailingBits, at: 2)) { try Base64.decode("QUJ=") }
    }

    @Test func standardPaddingRules() throws {
        #expect(throws: Base64URLError(.invalidLength, at: 2)) { try Base64.decode("Zg") }
        #expect(throws: Base64URLError(.invalidPadding, at: 1)) { try Base64.decode("Z=g=") }
        #expect(throws: Base64URLError(.invalidPadding, at: 0)) { try Base64.decode("====") }
        #expect(throws: Base64URLError(.invalidPadding, at: 2)) { try Base64.decode("Zg==Zg==") }
        #expect(throws: Base64URLError(.invalidPadding, at: 1)) { try Base64.decode("Z===") }
        #expect(try Base64.decode("") == [])
    }

    @Test func lineWrapping() {
        let bytes = [UInt8](repeating: 0xAB, count: 100)
        let wrapped = Base64.encode(bytes, lineLength: 64)
        let lines = wrapped.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4) // 136 chars → 64 + 64 + 8, then the final newline
        #expect(lines[0].count == 64 && lines[1].count == 64 && lines[2].count == 8 && lines[3].isEmpty)
    }

    @Test func slicesAndBuffersAgree() throws {
        let token = Array("xxQUJD.x".utf8)
        #expect(try Base64URL.decode(token[2..<6]) == [0x41, 0x42, 0x43])
        #expect(throws: Base64URLError(.invalidCharacter, at: 4)) { try Base64URL.decode(token[2..<8]) }
    }

    @Test("seeded round trip over lengths 0–4096")
    func roundTrip() throws {
        var rng = SeededRNG(seed: 0x5EED_B64)
        for length in 0...4096 {
            let bytes = rng.bytes(length)
            let url = Base64URL.encode(bytes)
            #expect(!url.contains("=") && !url.contains("+") && !url.contains("/"))
            #expect(try Base64URL.decode(url) == bytes, "length \(length)")
            #expect(Base64URL.decodedCount(encodedCount: url.utf8.count) == length)
            let std = Base64.encode(bytes)
            #expect(try Base64.decode(std) == bytes, "length \(length)")
        }
    }

    @Test("seeded fuzz: random input returns or throws, never traps")
    func fuzz() {
        var rng = SeededRNG(seed: 0xF022)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ \n".utf8)
        for _ in 0..<20_000 {
            let n = Int(rng.next() % 40)
            let input: [UInt8] = (0..<n).map { _ in
                rng.next() % 8 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : alphabet[Int(rng.next() % UInt64(alphabet.count))]
            }
            if let decoded = try? Base64URL.decode(input) {
                // Anything accepted must be the canonical encoding of what it decodes to.
                #expect(Base64URL.encodeToBytes(decoded) == input)
            }
            if let decoded = try? Base64.decode(input) {
                #expect(Array(Base64.encode(decoded).utf8) == input)
            }
        }
    }
}
