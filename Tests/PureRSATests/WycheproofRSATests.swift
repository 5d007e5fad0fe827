import Foundation
import Testing
import VectorSupport
@testable import PureRSA

/// The Wycheproof RSASSA-PKCS1-v1_5 files this issue runs.
let wycheproofVerifyFiles = ["2048_sha256", "2048_sha384", "2048_sha512", "3072_sha256", "3072_sha384", "3072_sha512",
                             "4096_sha256", "4096_sha384", "4096_sha512", "8192_sha256"].map { "rsa_signature_\($0)_test.json" }
let wycheproofGenerateFiles = ["2048", "3072", "4096"].map { "rsa_pkcs1_\($0)_sig_gen_test.json" }

/// How PureRSA decides each `acceptable` flag. A flag not in this table fails the test: every
/// new kind of borderline vector must be decided here, explicitly.
let acceptableDecision: [String: Decision] = [
    // The DigestInfo without the NULL parameters. RFC 8017 §9.2 Note 1 fixes the encoding with NULL;
    // we rebuild exactly that and compare, so these are rejected.
    "MissingNull": .reject,
    // e = 3 with a correct signature: our key rules allow 3 ≤ e, so a correct signature verifies.
    "SmallPublicKey": .accept,
    // SHA-1 (and SHA-224): hashes JWS never uses with RS*; PureRSA does not implement them.
    "WeakHash": .unsupportedHash,
]

enum Decision { case accept, reject, unsupportedHash }

struct WycheproofFile: Decodable {
    struct Group: Decodable {
        struct Key: Decodable { let modulus: String; let publicExponent: String }
        let publicKey: Key?
        let privateKey: Key?
        let sha: String
        let tests: [Case]
        var key: Key? { publicKey ?? privateKey }
    }
    struct Case: Decodable { let tcId: Int; let comment: String; let msg: String; let sig: String; let result: String; let flags: [String] }
    let testGroups: [Group]
}

func hashAlgorithm(_ name: String) -> RSAHashAlgorithm? {
    switch name {
    case "SHA-256": .sha256
    case "SHA-384": .sha384
    case "SHA-512": .sha512
    default: nil
    }
}

struct Counts: CustomStringConvertible {
    var valid = 0, invalid = 0, acceptableAccepted = 0, acceptableRejected = 0, unsupportedHash = 0, refusedKeys = 0
    var total: Int { valid + invalid + acceptableAccepted + acceptableRejected }
    var description: String {
        "\(total) ran (valid \(valid), invalid \(invalid), acceptable accepted \(acceptableAccepted) / rejected \(acceptableRejected)); \(unsupportedHash) skipped for an unsupported hash; \(refusedKeys) key groups refused by policy"
    }
}

func runWycheproof(_ file: String) throws -> Counts {
    let data = try Vectors.wycheproof(file)
    let parsed = try JSONDecoder().decode(WycheproofFile.self, from: data)
    var counts = Counts()
    for group in parsed.testGroups {
        guard let k = group.key else { Issue.record("\(file): group without key"); continue }
        let key: RSAPublicKey
        do {
            key = try RSAPublicKey(modulus: Hex.decode(k.modulus), exponent: Hex.decode(k.publicExponent))
        } catch {
            // Keys the default policy refuses are counted and asserted refused for a size reason.
            counts.refusedKeys += 1
            #expect(Hex.decode(k.modulus).count * 8 < 2048 + 8 || Hex.decode(k.modulus).count * 8 > 8192 + 8, "\(file): key refused: \(error)")
            continue
        }
        guard let hash = hashAlgorithm(group.sha) else {
            for t in group.tests {
                #expect(t.result != "invalid" || true)
                counts.unsupportedHash += 1
            }
            continue
        }
        for t in group.tests {
            let ok = key.isValidPKCS1v15Signature(Hex.decode(t.sig), message: Hex.decode(t.msg), hash: hash)
            let label = "\(file) tcId \(t.tcId) \(t.comment) \(t.flags)"
            switch t.result {
            case "valid":
                #expect(ok, "\(label): valid signature rejected"); counts.valid += 1
            case "invalid":
                #expect(!ok, "\(label): invalid signature accepted"); counts.invalid += 1
            case "acceptable":
                let decisions = t.flags.map { acceptableDecision[$0] }
                if decisions.contains(where: { $0 == nil }) {
                    Issue.record("\(label): acceptable flag without a decision — add it to acceptableDecision")
                    continue
                }
                let expectAccept = decisions.allSatisfy { $0 == .accept }
                #expect(ok == expectAccept, "\(label): acceptable decided \(expectAccept ? "accept" : "reject") but got \(ok)")
                if ok { counts.acceptableAccepted += 1 } else { counts.acceptableRejected += 1 }
            default:
                Issue.record("\(label): unknown result \(t.result)")
            }
        }
    }
    return counts
}

@Suite(.enabled(if: Vectors.runWycheproof, "Wycheproof vectors not found (set WYCHEPROOF_DIR)"))
struct WycheproofRSATests {
    @Test("Wycheproof RSASSA-PKCS1-v1_5 verify", arguments: wycheproofVerifyFiles)
    func verify(file: String) throws {
        let counts = try runWycheproof(file)
        #expect(counts.total > 200)
        #expect(counts.refusedKeys == 0)
        print("Wycheproof \(file): \(counts)")
    }

    @Test("Wycheproof RSASSA-PKCS1-v1_5 generate vectors, used for verification", arguments: wycheproofGenerateFiles)
    func generated(file: String) throws {
        let counts = try runWycheproof(file)
        #expect(counts.valid >= 24)
        print("Wycheproof \(file): \(counts)")
    }
}
