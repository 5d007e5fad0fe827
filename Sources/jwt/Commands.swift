// The subcommands of `jwt`. Each reads its arguments, calls the library, and prints; all policy
// lives in the library.
import Foundation
import PureJSON
import PureJWK
import PureJWT
import PureJWTFoundation

enum Commands {
    // MARK: verify

    static func verify(_ args: [String]) async throws(CLIFailure) {
        let a = try Arguments(args, valued: ["--jwks", "--jwk", "--secret-file", "--user-pool", "--issuer", "--audience", "--client-id",
                                             "--token-use", "--group", "--scope", "--typ", "--alg", "--now", "--leeway"], flags: ["--discover"])
        let tokenArg = try a.singlePositional("TOKEN (or - for stdin)")
        let algs = try algorithms(a.values("--alg"))
        let now = try seconds(a.value("--now"), "--now").map { NumericDate(secondsSince1970: $0) }
        let leeway = try seconds(a.value("--leeway"), "--leeway") ?? 0
        let pool = try a.value("--user-pool")
        if pool == nil {
            for cognitoOnly in ["--client-id", "--token-use", "--group"] where a.flag(cognitoOnly) {
                throw usage("\(cognitoOnly) needs --user-pool")
            }
        }
        // Keys: --jwks (files or URLs, merged) and --jwk; with --user-pool and neither, the pool's JWKS URL.
        var keys: [JWK] = []
        for source in a.values("--jwks") { keys.append(contentsOf: try await Input.keySet(source).keys) }
        if let jwkFile = try a.value("--jwk") { keys.append(try Input.jwk(jwkFile)) }
        if let secretFile = try a.value("--secret-file") { keys.append(try Input.secret(secretFile)) }
        if a.flag("--discover") {
            // OpenID Connect Discovery: the keys at the configuration's jwks_uri (its issuer checked).
            guard pool == nil, a.values("--issuer").count == 1, let issuer = a.values("--issuer").first else {
                throw usage("--discover needs exactly one --issuer (and no --user-pool)")
            }
            let configuration = try await judgedAsync { () async throws(JWTError) in try await OIDCDiscovery.configuration(issuer: issuer) }
            keys.append(contentsOf: try await Input.keySet(configuration.jwksURI).keys)
        }
        let explicitKeys = a.flag("--jwks") || a.flag("--jwk") || a.flag("--secret-file") || a.flag("--discover")
        let token = try Input.token(tokenArg)
        let verified: VerifiedToken
        // Said on stderr after a success, so an operator cannot mistake a signature-only check for a
        // full one (after, so that on a rejection the first stderr line stays "error: CODE: …").
        var warning: String? = nil
        if let pool {
            let cognitoPool: CognitoUserPool
            do { cognitoPool = try CognitoUserPool(id: pool) } catch { throw usage("--user-pool \(pool): \(error.message)") }
            if !explicitKeys { keys = try await Input.keySet(cognitoPool.jwksURL).keys }
            let use: CognitoTokenUse
            switch try a.value("--token-use") {
            case nil: use = .any
            case "id": use = .id
            case "access": use = .access
            case let other?: throw usage("--token-use must be id or access, got \(other)")
            }
            let clients = a.values("--client-id")
            if clients.isEmpty { warning = "warning: no --client-id given: the app client (aud / client_id) was NOT checked" }
            let verifier = CognitoVerifier(
                pools: [.init(pool: cognitoPool, clientIDs: clients.isEmpty ? .notChecked : .oneOf(clients), tokenUse: use,
                              keys: .static(JWKSet(keys: keys)), groups: a.values("--group"), scopes: a.values("--scope"))],
                algorithms: algs, leeway: leeway, clock: .system)
            verified = try judged { () throws(JWTError) in try verifier.verifySync(String(decoding: token, as: UTF8.self), now: now) }
        } else {
            guard explicitKeys else { throw usage("verify needs --jwks, --jwk, --secret-file, --discover or --user-pool") }
            let issuers = a.values("--issuer"), audiences = a.values("--audience")
            let unchecked = (issuers.isEmpty ? ["issuer"] : []) + (audiences.isEmpty ? ["audience"] : [])
            if !unchecked.isEmpty {
                warning = "warning: no --\(unchecked.joined(separator: " or --")) given: the \(unchecked.joined(separator: " and ")) "
                    + (unchecked.count == 1 ? "was" : "were") + " NOT checked (signature, time and structure only)"
            }
            let types = a.values("--typ")
            let policy = VerificationPolicy(issuer: issuers.isEmpty ? .notChecked : .oneOf(issuers),
                                            audience: audiences.isEmpty ? .notChecked : .oneOf(audiences),
                                            algorithms: algs, type: types.isEmpty ? .notChecked : .oneOf(types), leeway: leeway,
                                            scopes: a.values("--scope"))
            let verifier = TokenVerifier(keys: .static(JWKSet(keys: keys)), policy: policy)
            verified = try judged { () throws(JWTError) in try verifier.verifySync(token, now: now) }
        }
        // The payload JSON, with display-unsafe characters inside its strings written as \uXXXX
        // escapes: the same JSON value, but nothing that can drive or reorder a terminal.
        writeStdout(JSONPrinter.escapingDisplayUnsafe(verified.payload) + [0x0A])
        if let warning { printErr(warning) }
    }

    // MARK: jws-verify

    static func jwsVerify(_ args: [String]) async throws(CLIFailure) {
        let a = try Arguments(args, valued: ["--jwk", "--jwks", "--secret-file", "--alg"], flags: [])
        let tokenArg = try a.singlePositional("TOKEN (or - for stdin)")
        let jwk = try a.value("--jwk"), jwks = try a.value("--jwks"), secret = try a.value("--secret-file")
        guard [jwk, jwks, secret].compactMap({ $0 }).count == 1 else {
            throw usage("jws-verify needs exactly one of --jwk FILE, --jwks FILE or --secret-file FILE")
        }
        let set: JWKSet
        if let jwk {
            set = JWKSet(keys: [try Input.jwk(jwk)])
        } else if let secret {
            set = JWKSet(keys: [try Input.secret(secret)])
        } else {
            set = try await Input.keySet(jwks ?? "")
        }
        let verifier = JWSVerifier(keys: set, algorithms: try algorithms(a.values("--alg")))
        let token = try Input.token(tokenArg)
        let (_, payload) = try judged { () throws(JWTError) in try verifier.verifySync(token) }
        // The payload bytes exactly — unless they go to a terminal, where they are shown sanitized.
        if stdoutIsTerminal {
            writeStdout(Array((sanitizedForDisplay(String(decoding: payload, as: UTF8.self)) + "\n").utf8))
        } else {
            writeStdout(payload)
        }
    }

    // MARK: decode

    static func decode(_ args: [String]) throws(CLIFailure) {
        let a = try Arguments(args, valued: [], flags: [])
        let token = try Input.token(try a.singlePositional("TOKEN (or - for stdin)"))
        let t = try judged { () throws(JWTError) in try UnverifiedToken.decodeUnverified(token) }
        let text = "UNVERIFIED: this shows the token's contents; the signature and claims were NOT checked.\n" +
            "header:\n" + JSONPrinter.pretty(.object(t.header)) + "\npayload:\n" + JSONPrinter.pretty(t.payload) + "\n"
        writeStdout(Array(text.utf8))
    }

    // MARK: jwks

    static func jwks(_ args: [String]) async throws(CLIFailure) {
        let a = try Arguments(args, valued: [], flags: [])
        let source = try a.singlePositional("FILE or URL")
        // A local file of HMAC secrets (`oct` keys) is listed too — never its secrets.
        let localBytes = FileManager.default.fileExists(atPath: source) ? try Input.file(source, limit: JWKSetLimits.default.maxBytes, what: "key set") : nil
        let set: JWKSet
        if let localBytes, Input.isSymmetric(localBytes) {
            do { set = JWKSet(keys: try JWK.symmetricKeys(json: localBytes)) } catch { throw .rejected(JWTError(error)) }
        } else {
            set = try await Input.keySet(source)
        }
        var lines: [String] = []
        for (i, k) in set.keys.enumerated() {
            // kid, kty, alg and use come from the key set's author: sanitized before printing.
            func shown(_ s: String?) -> String { s.map { sanitizedForDisplay($0, limit: 128) } ?? "-" }
            var fields = ["kid=\(shown(k.keyID))", "kty=\(shown(k.keyType))"]
            switch k.material {
            case .unsupported:
                fields.append(k.curve.map { "crv=\(shown($0)) unsupported" } ?? "unsupported")
            case .ec(let key):
                fields += ["crv=\(key.curve.rawValue)", "alg=\(shown(k.algorithm))", "use=\(shown(k.use))", "thumbprint=\(k.thumbprint() ?? "-")"]
            case .ed25519:
                fields += ["crv=Ed25519", "alg=\(shown(k.algorithm))", "use=\(shown(k.use))", "thumbprint=\(k.thumbprint() ?? "-")"]
            case .symmetric(let secret):
                fields += ["alg=\(shown(k.algorithm))", "use=\(shown(k.use))", "bytes=\(secret.byteCount)",
                           "thumbprint=\(k.thumbprint() ?? "-")", "secret=(not shown)"]
            case .rsa, .rsaRefused:
                fields += ["alg=\(shown(k.algorithm))", "use=\(shown(k.use))", "bits=\(k.modulusBits ?? 0)",
                           "thumbprint=\(k.thumbprint() ?? "-")"]
                if case .rsaRefused(let reason) = k.material { fields.append("refused=\"\(shown(reason))\"") }
            }
            lines.append("key \(i + 1): " + fields.joined(separator: " "))
        }
        writeStdout(Array(((lines.isEmpty ? ["no keys"] : lines).joined(separator: "\n") + "\n").utf8))
    }

    // MARK: pem, thumbprint

    /// One key from a JWK or JWKS file: by --kid, or the only one.
    static func selectKey(_ a: Arguments) async throws(CLIFailure) -> JWK {
        let set = try await Input.keySet(try a.singlePositional("FILE"))
        if let kid = try a.value("--kid") {
            let matches = set.keys(withID: kid)
            guard let key = matches.first else { throw .rejected(JWTError(.keyNotFound, "no key with kid \(displayQuoted(kid))")) }
            guard matches.count == 1 else { throw .rejected(JWTError(.keyNotUsable, "\(matches.count) keys have kid \(displayQuoted(kid))")) }
            return key
        }
        guard set.keys.count == 1, let only = set.keys.first else {
            let kids = set.keys.map { $0.keyID.map { sanitizedForDisplay($0, limit: 64) } ?? "(no kid)" }.joined(separator: ", ")
            throw usage(set.keys.isEmpty ? "the key set is empty" : "the key set has \(set.keys.count) keys; choose one with --kid: \(kids)")
        }
        return only
    }

    static func pem(_ args: [String]) async throws(CLIFailure) {
        let a = try Arguments(args, valued: ["--kid"], flags: ["--pkcs1"])
        let key = try await selectKey(a)
        guard let pem = key.pem(a.flag("--pkcs1") ? .pkcs1 : .spki) else {
            throw .rejected(JWTError(.keyNotUsable, "key type \(displayQuoted(key.keyType)) has no PEM form here (RSA; EC and Ed25519 as SPKI only)"))
        }
        writeStdout(Array(pem.utf8))
    }

    static func thumbprint(_ args: [String]) async throws(CLIFailure) {
        let a = try Arguments(args, valued: ["--kid"], flags: [])
        let key = try await selectKey(a)
        guard let tp = key.thumbprint() else {
            throw .rejected(JWTError(.keyNotUsable, "key type \(displayQuoted(key.keyType)) has no thumbprint here (RSA, EC, Ed25519, oct)"))
        }
        writeStdout(Array((tp + "\n").utf8))
    }
}
