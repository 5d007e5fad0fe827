import Foundation
import Testing
import VectorSupport
@testable import PureDER

@Suite struct DERTests {
    let key = RSAPublicKeyComponents(modulus: [0xC5, 0x01, 0x02, 0x03], exponent: [0x01, 0x00, 0x01])

    @Test func encodesMinimalIntegers() {
        #expect(DEREncoder.unsignedInteger([0x7F]) == [0x02, 0x01, 0x7F])
        #expect(DEREncoder.unsignedInteger([0x80]) == [0x02, 0x02, 0x00, 0x80])      // 0x00 only before a set top bit
        #expect(DEREncoder.unsignedInteger([0x00, 0x00, 0x01]) == [0x02, 0x01, 0x01])
        #expect(DEREncoder.unsignedInteger([]) == [0x02, 0x01, 0x00])
        #expect(DEREncoder.length(127) == [0x7F])
        #expect(DEREncoder.length(128) == [0x81, 0x80])
        #expect(DEREncoder.length(256) == [0x82, 0x01, 0x00])
    }

    @Test func roundTripsBothShapes() throws {
        #expect(try RSAPublicKeyDER.decodePKCS1(RSAPublicKeyDER.pkcs1DER(key)) == key)
        #expect(try RSAPublicKeyDER.decodeSPKI(RSAPublicKeyDER.spkiDER(key)) == key)
        #expect(try RSAPublicKeyDER.decode(der: RSAPublicKeyDER.spkiDER(key)) == key)
        #expect(try RSAPublicKeyDER.decode(der: RSAPublicKeyDER.pkcs1DER(key)) == key)
        #expect(try RSAPublicKeyDER.decode(pem: RSAPublicKeyDER.spkiPEM(key)) == key)
        #expect(try RSAPublicKeyDER.decode(pem: RSAPublicKeyDER.pkcs1PEM(key)) == key)
    }

    /// Each strictness rule, with its typed error.
    @Test func rejectsNonDER() {
        // SEQUENCE { INTEGER 0xC5..., INTEGER 65537 } = 30 0c 02 05 00 c5 01 02 03 02 03 01 00 01
        let good: [UInt8] = [0x30, 0x0C, 0x02, 0x05, 0x00, 0xC5, 0x01, 0x02, 0x03, 0x02, 0x03, 0x01, 0x00, 0x01]
        #expect((try? RSAPublicKeyDER.decodePKCS1(good)) == key)
        let cases: [([UInt8], DERError)] = [
            ([0x30, 0x80] + good.dropFirst(2) + [0, 0], .indefiniteLength(offset: 1)),
            ([0x30, 0x81, 0x0C] + good.dropFirst(2), .nonMinimalLength(offset: 1)),
            ([0x30, 0x82, 0x00, 0x0C] + good.dropFirst(2), .nonMinimalLength(offset: 1)),
            (good + [0x00], .trailingData(offset: 14)),
            (Array(good.dropLast()), .truncated(offset: 13)),
            ([0x30, 0x0D, 0x02, 0x06, 0x00, 0x00, 0xC5, 0x01, 0x02, 0x03, 0x02, 0x03, 0x01, 0x00, 0x01], .nonMinimalInteger(offset: 2)),
            ([0x30, 0x0B, 0x02, 0x04, 0xC5, 0x01, 0x02, 0x03, 0x02, 0x03, 0x01, 0x00, 0x01], .negativeInteger(offset: 2)),
            ([0x30, 0x09, 0x02, 0x00, 0x02, 0x03, 0x01, 0x00, 0x01, 0x02, 0x00], .emptyInteger(offset: 2)),
            ([0x31, 0x00], .unexpectedTag(expected: 0x30, found: 0x31, offset: 0)),
            ([0x3F, 0x00], .highTagNumber(offset: 0)),
            ([0x30, 0x85, 1, 0, 0, 0, 0], .lengthTooLarge(offset: 1)),
            ([], .truncated(offset: 0)),
        ]
        for (bytes, expected) in cases {
            #expect(throws: expected, "\(Hex.encode(bytes))") { try RSAPublicKeyDER.decodePKCS1(bytes) }
        }
    }

    /// The DER ECDSA signature (SEC 1 §C.8): round trip, and the strictness rules with their
    /// errors (the Wycheproof DER file runs through it in PureECTests).
    @Test func ecdsaSignatureDER() throws {
        let r: [UInt8] = [0x80, 0x01], s: [UInt8] = [0x7F]
        let der = ECDSASignatureDER.encode(r: r, s: s)
        #expect(der == [0x30, 0x08, 0x02, 0x03, 0x00, 0x80, 0x01, 0x02, 0x01, 0x7F])
        let decoded = try ECDSASignatureDER.decode(der)
        #expect(decoded.r == r && decoded.s == s)
        #expect(ECDSASignatureDER.encode(r: [0, 0, 5], s: []) == [0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x00])
        let cases: [([UInt8], DERError)] = [
            (der + [0], .trailingData(offset: 10)),
            ([0x30, 0x0A] + der.dropFirst(2) + [0x05, 0x00], .trailingData(offset: 10)),
            ([0x30, 0x81, 0x08] + der.dropFirst(2), .nonMinimalLength(offset: 1)),
            ([0x30, 0x09, 0x02, 0x04, 0x00, 0x00, 0x80, 0x01, 0x02, 0x01, 0x7F], .nonMinimalInteger(offset: 2)),
            ([0x30, 0x07, 0x02, 0x02, 0x80, 0x01, 0x02, 0x01, 0x7F], .negativeInteger(offset: 2)),
            ([0x30, 0x08, 0x02, 0x03, 0x00, 0x80], .truncated(offset: 6)),
            ([0x31, 0x00], .unexpectedTag(expected: 0x30, found: 0x31, offset: 0)),
        ]
        for (bytes, expected) in cases {
            #expect(throws: expected, "\(Hex.encode(bytes))") { try ECDSASignatureDER.decode(bytes) }
        }
    }

    @Test func spkiAlgorithmMustBeRSAWithNull() {
        var der = RSAPublicKeyDER.spkiDER(key)
        // Drop the NULL parameters: 30 0b 06 09 … (no 05 00) — the algorithm bytes no longer match.
        der[13] = 0x06  // corrupt the NULL tag
        #expect(throws: DERError.unsupportedAlgorithm) { try RSAPublicKeyDER.decodeSPKI(der) }
        var bits = RSAPublicKeyDER.spkiDER(key)
        if let i = bits.firstIndex(of: 0x03) { bits[i + 2] = 0x01 }  // unused-bits octet = 1
        #expect(throws: DERError.self) { try RSAPublicKeyDER.decodeSPKI(bits) }
    }

    @Test func pemIsStrict() {
        let pem = RSAPublicKeyDER.spkiPEM(RSAPublicKeyComponents(modulus: [UInt8](repeating: 0xAB, count: 256), exponent: [1, 0, 1]))
        #expect((try? RSAPublicKeyDER.decode(pem: pem)) != nil)
        #expect((try? RSAPublicKeyDER.decode(pem: pem.replacingOccurrences(of: "\n", with: "\r\n"))) != nil)
        #expect((try? RSAPublicKeyDER.decode(pem: pem + "\n\n")) != nil)
        let cases: [String] = [
            pem.replacingOccurrences(of: "-----END PUBLIC KEY-----", with: "-----END RSA PUBLIC KEY-----"),
            pem.replacingOccurrences(of: "-----BEGIN PUBLIC KEY-----\n", with: ""),
            "-----BEGIN CERTIFICATE-----\n" + pem.split(separator: "\n").dropFirst().dropLast().joined(separator: "\n") + "\n-----END CERTIFICATE-----\n",
            pem.replacingOccurrences(of: "\n", with: "\n "),          // indented lines
            String(pem.prefix(100)) + "\n" + String(pem.dropFirst(100)),  // a short line in the middle
            pem.replacingOccurrences(of: "A", with: "*"),
        ]
        for c in cases { #expect(throws: DERError.self) { try RSAPublicKeyDER.decode(pem: c) } }
    }

    /// Labels are bytes: U+212A KELVIN SIGN is canonically equivalent to "K", so `String ==` took
    /// "PUBLIC \u{212A}EY" for "PUBLIC KEY"; OpenSSL rejects it, and so do we — in BEGIN, in END,
    /// and as the unsupported-label case. Labels outside RFC 7468's grammar are refused too.
    @Test func pemLabelsAreComparedAsBytes() {
        let pem = RSAPublicKeyDER.spkiPEM(RSAPublicKeyComponents(modulus: [UInt8](repeating: 0xAB, count: 256), exponent: [1, 0, 1]))
        #expect("PUBLIC \u{212A}EY" == "PUBLIC KEY")   // why String == is the wrong tool here
        let kelvin = "PUBLIC \u{212A}EY"
        let cases: [String] = [
            pem.replacingOccurrences(of: "BEGIN PUBLIC KEY", with: "BEGIN " + kelvin).replacingOccurrences(of: "END PUBLIC KEY", with: "END " + kelvin),
            pem.replacingOccurrences(of: "END PUBLIC KEY", with: "END " + kelvin),
            pem.replacingOccurrences(of: "BEGIN PUBLIC KEY", with: "BEGIN " + kelvin),
            pem.replacingOccurrences(of: "PUBLIC KEY", with: "PUBLIC  KEY"),        // two spaces
            pem.replacingOccurrences(of: "PUBLIC KEY", with: "PUBLIC\tKEY"),
            pem.replacingOccurrences(of: "PUBLIC KEY", with: "PUBLIC KEY "),        // trailing space
            pem.replacingOccurrences(of: "PUBLIC KEY", with: "PUBLIC\u{1B}KEY"),
        ]
        for c in cases { #expect(throws: DERError.self) { try RSAPublicKeyDER.decode(pem: c) } }
        do { _ = try RSAPublicKeyDER.decode(pem: cases[0]) } catch {
            #expect(error == .invalidPEM("the label is not an RFC 7468 label (printable ASCII, single spaces or hyphens)"))
        }
        #expect(PEM.isRFC7468Label(ArraySlice("RSA PUBLIC KEY".utf8)) && PEM.isRFC7468Label(ArraySlice("X-Y".utf8)))
        #expect(!PEM.isRFC7468Label(ArraySlice(" A".utf8)) && !PEM.isRFC7468Label(ArraySlice("A-".utf8)) && !PEM.isRFC7468Label(ArraySlice("A--B".utf8)))
    }

    @Test("seeded fuzz: DER and PEM decoders never trap")
    func fuzz() {
        var rng = SeededRNG(seed: 0xDE5)
        let seeds = [RSAPublicKeyDER.spkiDER(key), RSAPublicKeyDER.pkcs1DER(key)]
        var accepted = 0
        for i in 0..<30_000 {
            var bytes = i % 5 == 0 ? rng.bytes(Int(rng.next() % 40)) : seeds[i % 2]
            for _ in 0..<(1 + Int(rng.next() % 3)) where !bytes.isEmpty {
                let p = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes[p] = UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes.remove(at: p)
                default: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: p)
                }
            }
            if (try? RSAPublicKeyDER.decode(der: bytes)) != nil { accepted += 1 }
            let pem = PEM.encode(bytes, label: i % 2 == 0 ? "PUBLIC KEY" : "RSA PUBLIC KEY")
            var pemBytes = Array(pem.utf8)
            if !pemBytes.isEmpty { pemBytes[Int(rng.next() % UInt64(pemBytes.count))] = UInt8(truncatingIfNeeded: rng.next()) }
            _ = try? RSAPublicKeyDER.decode(pem: String(decoding: pemBytes, as: UTF8.self))
        }
        print("DER fuzz: 30000 inputs, \(accepted) accepted, none trapped")
    }
}
