import Foundation
import Testing
import VectorSupport

/// Runs the built `jwt` binary: arguments, optional stdin; returns exit code, stdout bytes, stderr text.
struct Run {
    let status: Int32
    let stdout: [UInt8]
    let stderr: String
    var out: String { String(decoding: stdout, as: UTF8.self) }
    var firstErrorLine: String { String(stderr.split(separator: "\n", omittingEmptySubsequences: false).first ?? "") }
}

let ignoreSIGPIPE: Void = { signal(SIGPIPE, SIG_IGN); return () }()

enum JWT {
    /// The binary next to the test bundle (.build/<config>/jwt), else under .build/debug.
    static let binary: URL = {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [here, here.deletingLastPathComponent(), Vectors.root.appendingPathComponent(".build/debug")] {
            let candidate = dir.appendingPathComponent("jwt")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return Vectors.root.appendingPathComponent(".build/debug/jwt")
    }()

    static func run(_ args: [String], stdin: [UInt8]? = nil) throws -> Run {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = Vectors.root
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        // The tool reads at most its input limit and may exit before taking all of a large stdin:
        // a write to the closed pipe must be an error here, not a SIGPIPE that kills the tests.
        _ = ignoreSIGPIPE
        try p.run()
        if let stdin { try? input.fileHandleForWriting.write(contentsOf: Data(stdin)) }
        try? input.fileHandleForWriting.close()
        // Read both pipes before waiting so a large output cannot block the child.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: Array(o), stderr: String(decoding: e, as: UTF8.self))
    }
}

let stableCodes = ["malformed-token", "malformed-json", "invalid-jwks", "unsupported-algorithm", "key-not-found", "key-not-usable",
                   "invalid-signature", "expired", "not-yet-valid", "invalid-issuer", "invalid-audience", "invalid-token-use",
                   "invalid-claim", "unsupported-critical-header", "jwks-fetch-failed"]

/// Exit 1, nothing on stdout, first stderr line "error: CODE: …".
func expectRejected(_ r: Run, _ code: String, _ context: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(r.status == 1, "\(context): exit \(r.status), stderr \(r.stderr)", sourceLocation: sourceLocation)
    #expect(r.stdout.isEmpty, "\(context): stdout not empty", sourceLocation: sourceLocation)
    #expect(r.firstErrorLine.hasPrefix("error: \(code): "), "\(context): \(r.firstErrorLine)", sourceLocation: sourceLocation)
}

func expectUsage(_ r: Run, _ context: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(r.status == 2, "\(context): exit \(r.status)", sourceLocation: sourceLocation)
    #expect(r.stdout.isEmpty, "\(context)", sourceLocation: sourceLocation)
    #expect(r.stderr.hasPrefix("usage error: "), "\(context): \(r.stderr)", sourceLocation: sourceLocation)
}

func b64urlDecode(_ s: Substring) -> [UInt8] {
    var t = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while t.count % 4 != 0 { t += "=" }
    return Array(Data(base64Encoded: t) ?? Data())
}

struct CLICase: Decodable, Sendable, CustomTestStringConvertible {
    struct Options: Decodable, Sendable {
        let pool: String; let clientIDs: [String]?; let tokenUse: String; let leeway: Double?
        let groups: [String]?; let scopes: [String]?; let algorithms: [String]?
    }
    struct Synthesize: Decodable, Sendable { let head: String; let fill: String; let count: Int; let tail: String }
    let name: String; let token: String; let expect: String; let now: Double; let jwks: String; let options: Options; let synthesize: Synthesize?
    var testDescription: String { name }
    var fullToken: String { synthesize.map { $0.head + String(repeating: $0.fill, count: $0.count) + $0.tail } ?? token }
    static let all: [CLICase] = {
        struct File: Decodable { let cases: [CLICase] }
        return (try? JSONDecoder().decode(File.self, from: Data(Vectors.data("cognito/cases.json"))).cases) ?? []
    }()
}

@Suite struct CLITests {
    let access = ((try? Vectors.text("cognito/access_token.jwt")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    let pool = "us-east-1_AbC123xyz", client = "4h8d2j9k1l0m3n5p7q6r2s4t8u"

    @Test func help() throws {
        let r = try JWT.run(["--help"])
        #expect(r.status == 0 && r.out.contains("commands:"))
        for c in ["verify", "jws-verify", "decode", "jwks", "pem", "thumbprint", "demo"] {
            let h = try JWT.run([c, "--help"])
            #expect(h.status == 0 && h.out.contains("usage: jwt \(c)"), "\(c)")
        }
        // A bare `jwt` is a usage error: usage on stderr, nothing on stdout, exit 2.
        let bare = try JWT.run([])
        expectUsage(bare, "no arguments")
        #expect(bare.stderr.contains("commands:"))
        expectUsage(try JWT.run(["frobnicate"]))
    }

    /// A check that judged only the signature says so on stderr, after the payload (on success the
    /// first stderr line is the warning; on a rejection it stays "error: CODE: …").
    @Test func signatureOnlyChecksAreAnnounced() throws {
        let generic = try JWT.run(["verify", "--jwks", "Vectors/cognito/jwks.json", "--now", "1763900000", access])
        #expect(generic.status == 0 && generic.stderr == "warning: no --issuer or --audience given: the issuer and audience were NOT checked (signature, time and structure only)\n")
        let noAudience = try JWT.run(["verify", "--jwks", "Vectors/cognito/jwks.json", "--issuer", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz",
                                      "--now", "1763900000", access])
        #expect(noAudience.status == 0 && noAudience.stderr.contains("the audience was NOT checked"))
        let cognito = try JWT.run(["verify", "--jwks", "Vectors/cognito/jwks.json", "--user-pool", "us-east-1_AbC123xyz", "--now", "1763900000", access])
        #expect(cognito.status == 0 && cognito.stderr.contains("the app client (aud / client_id) was NOT checked"))
        let full = try JWT.run(["verify", "--jwks", "Vectors/cognito/jwks.json", "--user-pool", "us-east-1_AbC123xyz", "--client-id", "4h8d2j9k1l0m3n5p7q6r2s4t8u",
                                "--now", "1763900000", access])
        #expect(full.status == 0 && full.stderr.isEmpty)
    }

    /// Key-set text reaches the terminal sanitized: an ANSI escape in a kid cannot clear the screen.
    @Test func jwksOutputIsSanitized() throws {
        let keys = try Vectors.text("cognito/jwks.json")
        let evil = keys.replacingOccurrences(of: "\"kid\": \"", with: "\"kid\": \"\\u001b[2J\\u001b]0;owned\\u0007\u{202E}", options: [], range: keys.range(of: "\"kid\": \""))
        #expect(evil != keys)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-evil-jwks.json")
        try Data(evil.utf8).write(to: file)
        let r = try JWT.run(["jwks", file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains(0x1B) && !r.stdout.contains(0x07), "raw control bytes on stdout")
        #expect(!r.out.unicodeScalars.contains("\u{202E}"))
        #expect(r.out.contains("kid=\\u{1b}[2J\\u{1b}]0;owned\\u{7}\\u{202e}"), "\(r.out)")
        // The same kid in an error line.
        let p = try JWT.run(["pem", file.path, "--kid", "\u{1B}[2J"])
        #expect(p.status == 1 && !p.stderr.utf8.contains(0x1B))
    }

    /// The tokens at the default limits (Vectors/limits, from Vectors/generators/limit_tokens.py) — the
    /// costliest header before the signature, the costliest payloads after it — cost no more peak
    /// memory than the 1 KB sample beyond a small margin: SECURITY.md's bound, measured as the
    /// child's peak RSS (wait4(2)) when the CLI verifies each one from stdin.
    @Test func tokensAtTheLimitsHaveBoundedPeakMemory() throws {
        func peakKiB(_ tokenFile: String) throws -> Int {
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            probe.arguments = ["python3", "-c", """
                import os, sys
                pid = os.fork()
                if pid == 0:
                    os.dup2(os.open(sys.argv[2], os.O_RDONLY), 0)
                    null = os.open(os.devnull, os.O_WRONLY); os.dup2(null, 1); os.dup2(null, 2)
                    os.execv(sys.argv[1], [sys.argv[1], "verify", "--jwks", "Vectors/cognito/jwks.json", "-"])
                _, status, usage = os.wait4(pid, 0)
                print(usage.ru_maxrss)
                """, JWT.binary.path, tokenFile]
            probe.currentDirectoryURL = Vectors.root
            let out = Pipe()
            probe.standardOutput = out
            try probe.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            probe.waitUntilExit()
            return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .max
        }
        // The verdicts: each token is parsed all the way to the claim checks (it has expired by now).
        for name in ["header_values", "payload_values", "payload_members"] {
            let r = try JWT.run(["verify", "--jwks", "Vectors/cognito/jwks.json", "-"],
                                stdin: Array(try String(contentsOf: Vectors.root.appendingPathComponent("Vectors/limits/\(name).jwt"), encoding: .utf8).utf8))
            expectRejected(r, "expired")
        }
        let baseline = try peakKiB("Vectors/cognito/access_token.jwt")
        for name in ["header_values", "payload_values", "payload_members"] {
            let peak = try peakKiB("Vectors/limits/\(name).jwt")
            print("peak RSS verifying Vectors/limits/\(name).jwt: \(peak) KiB (the 1 KB sample: \(baseline) KiB)")
            // Under AddressSanitizer freed memory sits in quarantine, so RSS measures allocation
            // volume, not the peak in use: the bound is checked in the plain run only.
            if ProcessInfo.processInfo.environment["PUREJWT_SANITIZER"] == nil {
                #expect(peak - baseline < 2048, "\(name): \(peak) KiB against \(baseline) KiB for the sample")
            }
        }
    }

    /// Input is read only up to its limit: 64 MB on stdin or a 2 MB key file are refused without
    /// being buffered (the child's peak memory stays far below the input's size).
    @Test func inputIsReadOnlyUpToItsLimit() throws {
        let big = [UInt8](repeating: UInt8(ascii: "A"), count: 64 << 20)
        let r = try JWT.run(["verify", "--jwks", "Vectors/cognito/jwks.json", "-"], stdin: big)
        expectRejected(r, "malformed-token")
        #expect(r.firstErrorLine.contains("16384-byte limit"))
        // The child's own peak memory, from wait4(2) in a small Python parent: 300 MB piped in used
        // to cost 611 MB; now the tool stops reading at its limit.
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", """
            import os, sys
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.dup2(r, 0); os.close(w); os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
                os.execv(sys.argv[1], [sys.argv[1], "verify", "--jwks", "Vectors/cognito/jwks.json", "-"])
            os.close(r)
            try:
                for _ in range(300): os.write(w, b"A" * (1 << 20))
            except BrokenPipeError:
                pass
            os.close(w)
            _, status, usage = os.wait4(pid, 0)
            print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
            """, JWT.binary.path]
        probe.currentDirectoryURL = Vectors.root
        let out = Pipe()
        probe.standardOutput = out
        try probe.run()
        let line = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ")
        probe.waitUntilExit()
        #expect(line.first == "1", "exit status \(line)")
        let peakKiB = Int(line.last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? .max
        #expect(peakKiB < 64 * 1024, "peak RSS \(peakKiB) KiB after 300 MB on stdin")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-big-jwks.json")
        try Data(repeating: 0x20, count: 2 << 20).write(to: file)
        let k = try JWT.run(["jwks", file.path])
        expectRejected(k, "invalid-jwks")
        #expect(k.firstErrorLine.contains("1048576-byte limit"))
    }

    /// Every Cognito fixture case through `jwt verify`, its exit code and error code asserted.
    @Test("jwt verify on the Cognito fixtures", arguments: CLICase.all)
    func verifyFixture(_ c: CLICase) throws {
        var args = ["verify", "--jwks", "Vectors/cognito/" + c.jwks, "--user-pool", c.options.pool, "--now", String(c.now)]
        for id in c.options.clientIDs ?? [] { args += ["--client-id", id] }
        if c.options.tokenUse != "any" { args += ["--token-use", c.options.tokenUse] }
        if let l = c.options.leeway { args += ["--leeway", String(l)] }
        for g in c.options.groups ?? [] { args += ["--group", g] }
        for s in c.options.scopes ?? [] { args += ["--scope", s] }
        for a in c.options.algorithms ?? [] { args += ["--alg", a] }
        let token = c.fullToken
        // Long tokens go through stdin (a single argv string is capped at 128 KiB on Linux).
        let r = token.utf8.count > 64 * 1024 ? try JWT.run(args + ["-"], stdin: Array(token.utf8)) : try JWT.run(args + [token])
        if c.expect == "valid" {
            #expect(r.status == 0, "\(c.name): \(r.stderr)")
            let payload = b64urlDecode(token.split(separator: ".", omittingEmptySubsequences: false)[1])
            #expect(r.stdout == payload + [0x0A], "\(c.name): stdout must be the payload exactly")
        } else {
            expectRejected(r, c.expect, c.name)
        }
    }

    @Test func verifyGenericAndStdin() throws {
        let ok = try JWT.run(["verify", "--jwks", "Vectors/cognito/jwks.json", "--issuer", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz",
                              "--now", "1763900000", "-"], stdin: Array((access + "\n").utf8))
        #expect(ok.status == 0, "\(ok.stderr)")
        expectRejected(try JWT.run(["verify", "--jwks", "Vectors/cognito/jwks.json", "--issuer", "https://example.com", "--now", "1763900000", access]), "invalid-issuer")
        expectRejected(try JWT.run(["verify", "--jwks", "Vectors/cognito/jwks.json", "--audience", "someone", "--now", "1763900000", access]), "invalid-audience")
        // Over the 16 KiB limit: malformed-token before any decoding (the bytes are not even base64).
        expectRejected(try JWT.run(["verify", "--jwks", "Vectors/cognito/jwks.json", "-"], stdin: [UInt8](repeating: 0x21, count: 20_000)), "malformed-token")
        // Key material problems.
        let badJWKS = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-bad-jwks.json")
        try Data("{\"keys\":[{\"kty\":\"RSA\",\"n\":\"AAEC\",\"e\":\"AQAB\"}]}".utf8).write(to: badJWKS)
        expectRejected(try JWT.run(["verify", "--jwks", badJWKS.path, access]), "invalid-jwks")
        try Data("{\"keys\":[".utf8).write(to: badJWKS)
        expectRejected(try JWT.run(["verify", "--jwks", badJWKS.path, access]), "malformed-json")
        expectRejected(try JWT.run(["verify", "--jwks", "http://127.0.0.1:1/jwks.json", access]), "jwks-fetch-failed")
        expectRejected(try JWT.run(["verify", "--jwks", "Vectors/cognito/jwks.json", "not.a.token"]), "malformed-token")
    }

    /// --typ and --scope on generic tokens, and --discover against the local OpenID configuration.
    @Test func verifyTypeScopeAndDiscovery() throws {
        let iss = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz"
        let base = ["verify", "--jwks", "Vectors/cognito/jwks.json", "--issuer", iss, "--now", "1763900000"]
        expectRejected(try JWT.run(base + ["--typ", "at+jwt", access]), "invalid-type")
        expectRejected(try JWT.run(base + ["--scope", "admin:write", access]), "insufficient-scope")
        #expect(try JWT.run(base + ["--scope", "nope", "--scope", "openid", access]).status == 0)
        expectUsage(try JWT.run(["verify", "--discover", access]), "--discover needs exactly one --issuer")
        let server = try PythonScript("jwks_server.py")
        let port = server.firstLine.split(separator: " ").last.map(String.init) ?? "0"
        // The discovered issuer is the local one, so the Cognito sample's iss does not match it.
        let discovered = try JWT.run(["verify", "--discover", "--issuer", "http://127.0.0.1:\(port)/oidc", "--now", "1763900000", access])
        expectRejected(discovered, "invalid-issuer")
        #expect(discovered.firstErrorLine.contains("\"iss\" is"), "\(discovered.stderr)")   // keys were found: the claims were judged
        expectRejected(try JWT.run(["verify", "--discover", "--issuer", "http://127.0.0.1:\(port)/oidc-wrong", access]), "invalid-issuer")
    }

    @Test func usageErrors() throws {
        expectUsage(try JWT.run(["verify", "--bogus", access]), "unknown flag")
        expectUsage(try JWT.run(["verify", "--jwks", "/nonexistent/jwks.json", access]), "missing file")
        expectUsage(try JWT.run(["verify", "--jwks", "Vectors/cognito/jwks.json", "--alg", "none", access]), "bad alg")
        expectUsage(try JWT.run(["verify", "--jwks", "Vectors/cognito/jwks.json", "--alg", "ES256K", access]), "alg not supported")
        expectUsage(try JWT.run(["verify", "--jwks", "Vectors/cognito/jwks.json", "--now", "yesterday", access]), "bad now")
        expectUsage(try JWT.run(["verify", "--jwks", "Vectors/cognito/jwks.json", "--client-id", client, access]), "client-id without pool")
        expectUsage(try JWT.run(["verify", access]), "no keys")
        expectUsage(try JWT.run(["verify", "--jwks", "Vectors/cognito/jwks.json"]), "no token")
        expectUsage(try JWT.run(["verify", "--user-pool", "not-a-pool", "--jwks", "Vectors/cognito/jwks.json", access]), "bad pool")
        expectUsage(try JWT.run(["verify", "--user-pool", pool, "--token-use", "refresh", "--jwks", "Vectors/cognito/jwks.json", access]), "bad token use")
        expectUsage(try JWT.run(["jws-verify", "--jwk", "a", "--jwks", "b", access]), "both key options")
        expectUsage(try JWT.run(["pem"]), "no file")
        expectUsage(try JWT.run(["demo", "extra"]), "demo args")
    }

    @Test func jwsVerifyPrintsThePayloadBytesExactly() throws {
        struct RFC: Decodable { let jwk: [String: String]; let token: String; let payload: String }
        let doc = try JSONDecoder().decode(RFC.self, from: Data(Vectors.data("rfc/rfc7520_4_1.json")))
        let jwk = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-rfc7520.jwk.json")
        try JSONEncoder().encode(doc.jwk).write(to: jwk)
        let r = try JWT.run(["jws-verify", "--jwk", jwk.path, doc.token])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == Array(doc.payload.utf8))
        // key_ops without verify: the key is not usable.
        var restricted = doc.jwk
        restricted["key_ops"] = nil
        let data = try JSONSerialization.data(withJSONObject: restricted.merging(["use": "enc"]) { $1 })
        try data.write(to: jwk)
        expectRejected(try JWT.run(["jws-verify", "--jwk", jwk.path, doc.token]), "key-not-usable")
        let stdinRun = try JWT.run(["jws-verify", "--jwks", "Vectors/cognito/jwks.json", "-"], stdin: Array(access.utf8))
        #expect(stdinRun.status == 0 && stdinRun.stdout == b64urlDecode(access.split(separator: ".")[1]))
    }

    /// PS384 (RFC 7520 §4.2) and HS256 (RFC 7515 A.1) from the command line: --alg, an oct --jwk,
    /// --secret-file; HS256 is refused unless named; `jwt jwks` lists a secrets file without secrets.
    @Test func pssAndHMAC() throws {
        struct RFC: Decodable { let jwk: [String: String]; let token: String; let payload: String? }
        let tmp = FileManager.default.temporaryDirectory
        let pss = try JSONDecoder().decode(RFC.self, from: Data(Vectors.data("rfc/rfc7520_4_2.json")))
        let rsaJWK = tmp.appendingPathComponent("purejwt-rfc7520-pss.jwk.json")
        try JSONEncoder().encode(pss.jwk).write(to: rsaJWK)
        let ok = try JWT.run(["jws-verify", "--jwk", rsaJWK.path, "--alg", "PS384", pss.token])
        #expect(ok.status == 0 && ok.stdout == Array((pss.payload ?? "").utf8), "\(ok.stderr)")
        expectRejected(try JWT.run(["jws-verify", "--jwk", rsaJWK.path, pss.token]), "unsupported-algorithm")

        let hmac = try JSONDecoder().decode(RFC.self, from: Data(Vectors.data("rfc/rfc7515_a1.json")))
        let octJWK = tmp.appendingPathComponent("purejwt-rfc7515-a1.jwk.json")
        try JSONEncoder().encode(hmac.jwk).write(to: octJWK)
        #expect(try JWT.run(["jws-verify", "--jwk", octJWK.path, "--alg", "HS256", hmac.token]).status == 0)
        expectRejected(try JWT.run(["jws-verify", "--jwk", octJWK.path, hmac.token]), "unsupported-algorithm")
        let secretFile = tmp.appendingPathComponent("purejwt-rfc7515-a1.secret")
        try Data(b64urlDecode(Substring(hmac.jwk["k"] ?? ""))).write(to: secretFile)
        #expect(try JWT.run(["jws-verify", "--secret-file", secretFile.path, "--alg", "HS256", hmac.token]).status == 0)
        let asJWT = try JWT.run(["verify", "--secret-file", secretFile.path, "--alg", "HS256", "--issuer", "joe", "--now", "1300000000", hmac.token])
        #expect(asJWT.status == 0 && asJWT.out.contains("\"iss\":\"joe\""), "\(asJWT.stderr)")
        expectRejected(try JWT.run(["verify", "--secret-file", secretFile.path, "--alg", "HS256", "--issuer", "joe", hmac.token]), "expired")
        // The public key's PEM as an HMAC secret (algorithm confusion) against RS256+HS256: refused.
        let pem = try JWT.run(["pem", rsaJWK.path])
        let pemFile = tmp.appendingPathComponent("purejwt-rfc7520.pem")
        try Data(pem.stdout).write(to: pemFile)
        let forged = hmacToken(secret: pem.stdout, kid: "bilbo.baggins@hobbiton.example")
        expectRejected(try JWT.run(["jws-verify", "--jwk", rsaJWK.path, "--alg", "RS256", "--alg", "HS256", forged]), "key-not-usable")
        // Listing a secrets file: kid, length, thumbprint — never the secret.
        let listing = try JWT.run(["jwks", octJWK.path])
        #expect(listing.status == 0 && listing.out.contains("kty=oct") && listing.out.contains("bytes=64") && listing.out.contains("secret=(not shown)"))
        #expect(!listing.out.contains(hmac.jwk["k"] ?? "-"))
        expectUsage(try JWT.run(["jws-verify", "--jwk", octJWK.path, "--secret-file", secretFile.path, hmac.token]), "two key sources")
    }

    /// EdDSA from the command line (RFC 8037 A.4): jws-verify with --alg EdDSA, jwk-to-pem equal to
    /// OpenSSL's SPKI, the RFC 8037 A.3 thumbprint, and the key in a listing.
    @Test func edDSA() throws {
        struct RFC: Decodable { let jwk: [String: String]; let token: String; let payload: String; let thumbprint: String }
        let doc = try JSONDecoder().decode(RFC.self, from: Data(Vectors.data("rfc/rfc8037_a4.json")))
        let jwk = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-rfc8037.jwk.json")
        try JSONEncoder().encode(doc.jwk).write(to: jwk)
        let ok = try JWT.run(["jws-verify", "--jwk", jwk.path, "--alg", "EdDSA", doc.token])
        #expect(ok.status == 0 && ok.stdout == Array(doc.payload.utf8), "\(ok.stderr)")
        expectRejected(try JWT.run(["jws-verify", "--jwk", jwk.path, doc.token]), "unsupported-algorithm")
        #expect(try JWT.run(["pem", jwk.path]).stdout == (try Vectors.data("rfc/rfc8037_a4.spki.pem")))
        expectRejected(try JWT.run(["pem", jwk.path, "--pkcs1"]), "key-not-usable")
        #expect(try JWT.run(["thumbprint", jwk.path]).out == doc.thumbprint + "\n")
        let listing = try JWT.run(["jwks", jwk.path])
        #expect(listing.out.contains("kty=OKP crv=Ed25519") && listing.out.contains("thumbprint=\(doc.thumbprint)"), "\(listing.out)")
    }

    /// ES256 from the command line (RFC 7515 A.3): jws-verify with --alg ES256, jwk-to-pem equal to
    /// OpenSSL's SPKI, and the key in a listing.
    @Test func es256() throws {
        struct RFC: Decodable { let jwk: [String: String]; let token: String; let payload: String }
        let doc = try JSONDecoder().decode(RFC.self, from: Data(Vectors.data("rfc/rfc7515_a3.json")))
        let jwk = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-rfc7515-a3.jwk.json")
        try JSONEncoder().encode(doc.jwk).write(to: jwk)
        let ok = try JWT.run(["jws-verify", "--jwk", jwk.path, "--alg", "ES256", doc.token])
        #expect(ok.status == 0 && ok.stdout == Array(doc.payload.utf8), "\(ok.stderr)")
        expectRejected(try JWT.run(["jws-verify", "--jwk", jwk.path, "--alg", "ES384", doc.token]), "unsupported-algorithm")
        #expect(try JWT.run(["pem", jwk.path]).stdout == (try Vectors.data("rfc/rfc7515_a3.spki.pem")))
        #expect(try JWT.run(["jwks", jwk.path]).out.contains("kty=EC crv=P-256"))
    }

    @Test func decodeIsMarkedUnverified() throws {
        let r = try JWT.run(["decode", access])
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("UNVERIFIED"))
        #expect(r.out.contains("\"token_use\": \"access\""))
        expectRejected(try JWT.run(["decode", "a.b"]), "malformed-token")
        expectRejected(try JWT.run(["decode", "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln"]), "malformed-json")
    }

    @Test func jwksListing() throws {
        let r = try JWT.run(["jwks", "Vectors/cognito/jwks_weak.json"])
        #expect(r.status == 0)
        #expect(r.out.contains("kid=weak-1024 kty=RSA alg=RS256 use=sig bits=1024"))
        #expect(r.out.contains("refused="))
        let mixed = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-mixed.json")
        let n = try Vectors.text("rfc/rfc7517_a1_rsa.jwk.json")
        try Data(("{\"keys\":[{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"kid\":\"ec1\"}," + n + "]}").utf8).write(to: mixed)
        let m = try JWT.run(["jwks", mixed.path])
        #expect(m.out.contains("kid=ec1 kty=EC crv=secp256k1 unsupported"), "\(m.out)")
        #expect(m.out.contains("thumbprint=NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"))
        try Data("[]".utf8).write(to: mixed)
        expectRejected(try JWT.run(["jwks", mixed.path]), "invalid-jwks")
        try Data("{".utf8).write(to: mixed)
        expectRejected(try JWT.run(["jwks", mixed.path]), "malformed-json")
    }

    @Test func pemAndThumbprint() throws {
        for stem in ["rfc7517_a1"] {
            let spki = try JWT.run(["pem", "Vectors/rfc/\(stem)_rsa.jwk.json"])
            let expectedSPKI = try Vectors.data("rfc/\(stem).spki.pem"), expectedPKCS1 = try Vectors.data("rfc/\(stem).pkcs1.pem")
            #expect(spki.status == 0 && spki.stdout == expectedSPKI)
            let pkcs1 = try JWT.run(["pem", "Vectors/rfc/\(stem)_rsa.jwk.json", "--pkcs1"])
            #expect(pkcs1.status == 0 && pkcs1.stdout == expectedPKCS1)
        }
        let several = try JWT.run(["pem", "Vectors/cognito/jwks.json"])
        expectUsage(several, "several keys")
        #expect(several.stderr.contains("Xq3ZpJ8vK2mN5rT7wY1aB4cD6eF9gH0iJ2kL4mN6pQ8="))
        let chosen = try JWT.run(["pem", "Vectors/cognito/jwks.json", "--kid", "Rt5Uv7Wx9Yz1Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7Qr9St1U="])
        #expect(chosen.status == 0 && chosen.out.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        expectRejected(try JWT.run(["pem", "Vectors/cognito/jwks.json", "--kid", "nope"]), "key-not-found")
        let tp = try JWT.run(["thumbprint", "Vectors/rfc/rfc7517_a1_rsa.jwk.json"])
        #expect(tp.status == 0 && tp.out == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs\n")
    }

    @Test func demo() throws {
        let r = try JWT.run(["demo"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.out.contains("All outcomes as expected: 2 tokens verified, 3 attacks rejected."))
        #expect(r.out.contains("REJECTED with expired") && r.out.contains("REJECTED with invalid-signature") && r.out.contains("REJECTED with unsupported-algorithm"))
    }

    @Test("seeded fuzz: the CLI never crashes on random tokens")
    func fuzz() throws {
        var rng = SeededRNG(seed: 0xC11)
        for _ in 0..<40 {
            var b = Array(access.utf8)
            for _ in 0..<4 { b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next() % 128) }
            let r = try JWT.run(["verify", "--jwks", "Vectors/cognito/jwks.json", "--now", "1763900000", "-"], stdin: b)
            #expect(r.status == 0 || r.status == 1, "exit \(r.status)")
            if r.status == 1 { #expect(stableCodes.contains { r.firstErrorLine.hasPrefix("error: \($0): ") }, "\(r.firstErrorLine)") }
        }
    }
}

/// The CLI against a local Cognito emulator (moto): `--user-pool` with the emulator's JWKS URL.
@Suite(.enabled(if: MotoCognito.available, "moto not installed"))
struct CLIMotoTests {
    @Test func verifyEmulatorTokens() throws {
        let m = try MotoCognito.shared.get()
        let access = try JWT.run(["verify", "--user-pool", m.pool, "--jwks", m.jwks, "--client-id", m.client, "--token-use", "access", m.access])
        #expect(access.status == 0, "\(access.stderr)")
        #expect(access.out.contains("\"token_use\":\"access\"") || access.out.contains("\"token_use\": \"access\""))
        let id = try JWT.run(["verify", "--user-pool", m.pool, "--jwks", m.jwks, "--client-id", m.client, "--token-use", "id", m.id])
        #expect(id.status == 0, "\(id.stderr)")
        expectRejected(try JWT.run(["verify", "--user-pool", m.pool, "--jwks", m.jwks, "--client-id", "other", "--token-use", "id", m.id]), "invalid-audience")
        let listed = try JWT.run(["jwks", m.jwks])
        #expect(listed.status == 0 && listed.out.contains("kid=dummy kty=RSA alg=RS256 use=sig bits=2048"))
    }
}

/// An HS256 token over {"sub":"x"} with `secret` (for the algorithm-confusion case).
func hmacToken(secret: [UInt8], kid: String) -> String {
    func b64url(_ b: [UInt8]) -> String {
        Data(b).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
    let input = b64url(Array("{\"alg\":\"HS256\",\"kid\":\"\(kid)\"}".utf8)) + "." + b64url(Array("{\"sub\":\"x\"}".utf8))
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", "import hmac,hashlib,sys; k=open(sys.argv[1],'rb').read(); sys.stdout.buffer.write(hmac.new(k, sys.argv[2].encode(), hashlib.sha256).digest())",
                   FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-rfc7520.pem").path, input]
    let out = Pipe()
    p.standardOutput = out
    try? p.run()
    let mac = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return input + "." + b64url(Array(mac))
}
