// The verification core shared by every verifier (docs/ARCHITECTURE.md "Data flow"): split the
// token, decode and read the header, check the algorithm against the allowlist, find the key,
// decode the signature, hash the ASCII signing input exactly as received (RFC 7515 §5.2 step 8)
// and verify — all on stack buffers, with no heap allocation, so a rejected token costs no memory.
// Only after the signature verifies: one buffer holding the decoded header and payload, and one
// member table for the header and (for a JWT) the claims, both scanned in place (ScannedObject).
import PureBase64URL
import PureEd25519
import PureJSON
import PureJWK
import PureRSA
import PureSHA2

/// A token whose signature verified: its decoded parts, read in place.
struct SignedParts {
    let header: ScannedObject
    /// The payload as scanned JSON (JWTs), or nil for a JWS whose payload was not asked to be JSON.
    let claims: ScannedObject?
    /// The payload bytes exactly as decoded.
    let payload: Range<Int>
    let storage: [UInt8]
    let algorithm: JWSAlgorithm
    /// Index of the key set (the Cognito pool) the key came from.
    let setIndex: Int
    /// The key that verified the signature (for the verified-token cache), and where it was.
    let key: VerificationKey
    let keyIdentity: KeyIdentity
}

/// Identifies a key within its set for cache invalidation: the key set's identity and the index.
struct KeyIdentity: Sendable, Equatable {
    let setIndex: Int
    let keyIndex: Int
}

enum SignatureCheck {
    enum Outcome {
        case verified(SignedParts)
        /// The key sets are not at hand without a fetch: the caller awaits them for this kid, then
        /// runs again with them.
        case needsKeys(kid: String?)
    }

    /// Runs the steps up to and including the signature, then decodes the payload (scanned as a
    /// JSON object when `payloadIsJSON`). `keySets` gives the sets to select from for the header's
    /// kid, or nil when they must be fetched first.
    static func run<Sets: Collection<JWKSet>>(_ token: UnsafeBufferPointer<UInt8>, limits: Limits, algorithms: [JWSAlgorithm],
                                              payloadIsJSON: Bool,
                                              keySets: (KidReference?) throws(JWTError) -> Sets?) throws(JWTError) -> Outcome {
        let segments = try CompactJWS.split(token, limits: limits)
        let headerLength = try CompactJWS.decodedLength(segments.header, "header")
        // A member takes at least four bytes ("":0 and a separator), which bounds the member table.
        let headerCapacity = min(limits.maxJSONMembers, headerLength / 4 + 1)
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(headerLength, 1)) { (headerBuffer) throws(JWTError) -> Outcome in
            let header = UnsafeBufferPointer(rebasing: headerBuffer[0..<(try CompactJWS.decode(token, segments.header, into: headerBuffer, "header"))])
            return try withUnsafeTemporaryAllocation(of: JSONMember.self, capacity: headerCapacity) { (headerTable) throws(JWTError) -> Outcome in
                let headerCount = try CompactJWS.scanHeader(header, limits: limits, members: headerTable)
                let reader = JSONDocumentReader(header)
                let headerMembers = UnsafeBufferPointer(rebasing: headerTable[0..<headerCount])
                let fields = try CompactJWS.readHeader(reader, headerMembers)
                // The algorithm, from the allowlist, before any key lookup or fetch (RFC 8725 §3.1).
                let algorithm = try allowedAlgorithm(reader, fields, algorithms)
                let kid = fields.keyID.map { KidReference(reader: reader, range: $0.range, escaped: $0.escaped) }
                guard let sets = try keySets(kid) else { return .needsKeys(kid: kid?.string) }
                let selected = try KeySelector.select(kid: kid, algorithm: algorithm, sets: sets)
                try verifySignature(token, segments, algorithm, selected, kid)
                // Signature verified: now, and only now, the payload.
                return .verified(try decodePayload(token, segments, header, headerMembers, payloadIsJSON: payloadIsJSON, limits: limits,
                                                   algorithm: algorithm, selected: selected))
            }
        }
    }

    /// The header's `alg` must name a supported algorithm that the caller allowed.
    static func allowedAlgorithm(_ reader: JSONDocumentReader, _ fields: HeaderFields, _ allowed: [JWSAlgorithm]) throws(JWTError) -> JWSAlgorithm {
        guard let alg = JWSAlgorithm.allCases.first(where: { reader.stringEquals(fields.algorithmName, escaped: fields.algorithmEscaped, $0.rawValue) }) else {
            let name = reader.string(fields.algorithmName, escaped: fields.algorithmEscaped)
            throw JWTError(.unsupportedAlgorithm, "alg \(quoted(name)) is not supported (supported: \(JWSAlgorithm.allCases.map { $0.rawValue }.joined(separator: ", ")))")
        }
        guard allowed.contains(alg) else {
            throw JWTError(.unsupportedAlgorithm, "alg \(alg.rawValue) is not allowed (allowed: \(allowed.map { $0.rawValue }.joined(separator: ", ")))")
        }
        return alg
    }

    /// Decodes the signature into a stack buffer, hashes the signing input and verifies (RFC 7515 §5.2 steps 7–8).
    static func verifySignature(_ token: UnsafeBufferPointer<UInt8>, _ segments: Segments, _ algorithm: JWSAlgorithm,
                                _ selected: KeySelector.Selected, _ kid: KidReference?) throws(JWTError) {
        let signatureLength = try CompactJWS.decodedLength(segments.signature, "signature")
        let valid = try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(signatureLength, 1)) { (buffer) throws(JWTError) -> Bool in
            let n = try CompactJWS.decode(token, segments.signature, into: buffer, "signature")
            let signature = UnsafeBufferPointer(rebasing: buffer[0..<n])
            // RFC 7515 §5.2 step 8: the signing input is ASCII(header '.' payload) exactly as received.
            let signingInput = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(token)[0..<segments.payload.upperBound])
            return verify(signature, over: signingInput, algorithm, selected.key)
        }
        guard valid else {
            throw JWTError(.invalidSignature, "the \(algorithm.rawValue) signature does not verify with the key \(kid.map { quoted($0.string) } ?? "(no kid)")")
        }
    }

    /// The one dispatch on the algorithm's family and the key's kind. Selection has already made
    /// them fit (KeySelector.unfitReason); any other pairing does not verify.
    static func verify(_ signature: UnsafeBufferPointer<UInt8>, over signingInput: UnsafeRawBufferPointer,
                       _ algorithm: JWSAlgorithm, _ key: VerificationKey) -> Bool {
        switch (algorithm.family, key) {
        case (.rsaPKCS1v15, .rsa(let rsa)):
            // RFC 7518 §3.3: RSASSA-PKCS1-v1_5 with the algorithm's SHA-2.
            return withDigest(signingInput, algorithm.hash) { rsa.isValidPKCS1v15Signature(signature, digest: $0, hash: algorithm.hash) }
        case (.rsaPSS, .rsa(let rsa)):
            // RFC 7518 §3.5: RSASSA-PSS, MGF1 with the same hash, salt length = the hash length.
            let h = algorithm.hash
            return withDigest(signingInput, h) { rsa.isValidPSSSignature(signature, digest: $0, hash: h, mgfHash: h, saltLength: h.digestByteCount) }
        case (.hmac, .symmetric(let secret)):
            return isValidHMAC(signature, over: signingInput, algorithm.hash, secret)
        case (.ecdsa, .ec(let key)):
            // RFC 7518 §3.4: the signature is exactly r ‖ s (a DER signature fails the length check).
            return withDigest(signingInput, algorithm.hash) { key.isValidSignature(UnsafeRawBufferPointer(signature), digest: $0) }
        case (.eddsa, .ed25519(let key)):
            // RFC 8037 §3.1: the Ed25519 signature of the signing input itself (no pre-hash).
            return key.isValidSignature(UnsafeRawBufferPointer(signature), message: signingInput)
        case (.rsaPKCS1v15, _), (.rsaPSS, _), (.hmac, _), (.ecdsa, _), (.eddsa, _):
            return false
        }
    }

    /// The algorithm's SHA-2 of `input`, lent to `body` (stack only).
    static func withDigest(_ input: UnsafeRawBufferPointer, _ hash: RSAHashAlgorithm, _ body: (UnsafeRawBufferPointer) -> Bool) -> Bool {
        switch hash {
        case .sha256: SHA256.hash(input).withUnsafeBytes(body)
        case .sha384: SHA384.hash(input).withUnsafeBytes(body)
        case .sha512: SHA512.hash(input).withUnsafeBytes(body)
        }
    }

    /// RFC 7518 §3.2: the HMAC of the signing input, compared with the whole signature in constant
    /// time. The signature must be exactly the hash's length: a truncated tag is refused (§3.2 puts
    /// the full output in the JWS Signature; truncation would weaken the MAC).
    static func isValidHMAC(_ signature: UnsafeBufferPointer<UInt8>, over input: UnsafeRawBufferPointer, _ hash: RSAHashAlgorithm,
                            _ secret: SymmetricKey) -> Bool {
        guard signature.count == hash.digestByteCount else { return false }
        func equal(_ mac: UnsafeRawBufferPointer) -> Bool {
            var diff: UInt8 = 0
            for i in 0..<mac.count { diff |= mac[i] ^ signature[i] }   // no early exit: the tag is secret-derived
            return diff == 0
        }
        return secret.withUnsafeBytes { key in
            switch hash {
            case .sha256: HMAC.sha256(key: key, message: input).withUnsafeBytes(equal)
            case .sha384: HMAC.sha384(key: key, message: input).withUnsafeBytes(equal)
            case .sha512: HMAC.sha512(key: key, message: input).withUnsafeBytes(equal)
            }
        }
    }

    /// After the signature: one buffer for header ‖ payload, one member table for both.
    static func decodePayload(_ token: UnsafeBufferPointer<UInt8>, _ segments: Segments, _ header: UnsafeBufferPointer<UInt8>,
                              _ headerMembers: UnsafeBufferPointer<JSONMember>, payloadIsJSON: Bool, limits: Limits,
                              algorithm: JWSAlgorithm, selected: KeySelector.Selected) throws(JWTError) -> SignedParts {
        let payloadLength = try CompactJWS.decodedLength(segments.payload, "payload")
        var failure: JWTError? = nil
        let storage = [UInt8](unsafeUninitializedCapacity: header.count + payloadLength) { out, initialized in
            _ = out.initialize(fromContentsOf: header)
            do throws(JWTError) {
                let n = try CompactJWS.decode(token, segments.payload, into: UnsafeMutableBufferPointer(rebasing: out[header.count...]), "payload")
                initialized = header.count + n
            } catch {
                failure = error
                initialized = header.count
            }
        }
        if let failure { throw failure }
        let headerBytes = 0..<header.count, payloadBytes = header.count..<storage.count
        var claimsCount = 0
        var members: [JSONMember]
        if payloadIsJSON {
            // The member table: 48 entries on the stack (under 1 KiB) cover every usual claims set;
            // a payload with more members is scanned again into a table as large as it can need.
            let bound = min(limits.maxJSONMembers, payloadBytes.count / 4 + 1)
            func scanClaims(_ table: UnsafeMutableBufferPointer<JSONMember>) throws(JWTError) -> [JSONMember]? {
                let result: JSONScanResult
                do {
                    result = try storage.withUnsafeBufferPointer { (all) throws(JSONError) -> JSONScanResult in
                        let payload = UnsafeBufferPointer(rebasing: all[payloadBytes])
                        let result = try JSONScanner.scanObject(payload, limits: limits.json, members: table)
                        if result.needsFullValidation { _ = try JSONParser.parse(payload, limits: limits.json) }
                        return result
                    }
                } catch {
                    if error.kind == .memberLimitExceeded && table.count < bound { return nil }   // the table, not the limit
                    throw JWTError(.malformedJSON, "payload is not valid JSON: \(error)")
                }
                // RFC 7519 §7.2 steps 9–10: the payload of a JWT is a JSON object.
                guard result.topLevelKind == .object else {
                    throw JWTError(.malformedToken, "a JWT payload must be a JSON object (RFC 7519 §7.2), found \(result.topLevelKind.name)")
                }
                claimsCount = result.memberCount
                return [JSONMember](unsafeUninitializedCapacity: headerMembers.count + claimsCount) { out, initialized in
                    _ = out.initialize(fromContentsOf: headerMembers)
                    _ = UnsafeMutableBufferPointer(rebasing: out[headerMembers.count...]).initialize(fromContentsOf: UnsafeBufferPointer(rebasing: table[0..<claimsCount]))
                    initialized = headerMembers.count + claimsCount
                }
            }
            let small = try withUnsafeTemporaryAllocation(of: JSONMember.self, capacity: min(bound, 48)) { (table) throws(JWTError) in try scanClaims(table) }
            if let small {
                members = small
            } else {
                members = try withUnsafeTemporaryAllocation(of: JSONMember.self, capacity: bound) { (table) throws(JWTError) in
                    try scanClaims(table) ?? []
                }
            }
        } else {
            members = Array(headerMembers)
        }
        let headerObject = ScannedObject(storage: storage, bytes: headerBytes, members: members, memberRange: 0..<headerMembers.count)
        let claims = payloadIsJSON
            ? ScannedObject(storage: storage, bytes: payloadBytes, members: members, memberRange: headerMembers.count..<(headerMembers.count + claimsCount))
            : nil
        return SignedParts(header: headerObject, claims: claims, payload: payloadBytes, storage: storage, algorithm: algorithm,
                           setIndex: selected.setIndex, key: selected.key,
                           keyIdentity: KeyIdentity(setIndex: selected.setIndex, keyIndex: selected.keyIndex))
    }
}
