// Key selection (docs/ARCHITECTURE.md "Key selection"; RFC 7515 §4.1.4 kid; RFC 7517 §4.2–§4.4;
// RFC 8725 §3.1). Candidates are the keys whose `kid` equals the header's byte for byte; a candidate
// must then fit the algorithm: `kty` for the algorithm's family, JWK `alg` (if present) equal to the
// header `alg`, `use` (if present) "sig", `key_ops` (if present) containing "verify".
//   - no key has the token's kid (or the sets are empty)      → key-not-found
//   - keys have the kid but none fits                         → key-not-usable (the first reason)
//   - more than one fits                                      → key-not-usable (never "try all")
//   - the one that fits is an RSA key the policy refused      → key-not-usable (its reason)
//   - an HMAC secret shorter than the hash output             → key-not-usable (RFC 7518 §3.2)
// A token without `kid` is accepted only when exactly one key in all sets fits.
//
// The seam every algorithm goes through: `unfitReason` decides "this key kind for this algorithm"
// (the `kty` of the algorithm's family), and `VerificationKey` is the closed set of keys a
// signature can be checked with. An RSA key never reaches HMAC and a secret never reaches RSA,
// whatever the header says; HMAC secrets exist only in an HMAC key source (KeySource.hmacSecret).
import PureEC
import PureEd25519
import PureJSON
import PureJWK
import PureRSA

/// The keys a signature can be checked with (closed: EC and OKP keys join in their issues).
enum VerificationKey: Sendable, Equatable {
    case rsa(RSAPublicKey)
    case symmetric(SymmetricKey)
    case ed25519(Ed25519PublicKey)
    case ec(ECPublicKey)
}

enum KeySelector {
    struct Selected {
        let key: VerificationKey
        /// Index of the key set (the Cognito pool) the key came from, and of the key in it.
        let setIndex: Int
        let keyIndex: Int
    }

    /// Selects the one key for `kid` (read in place from the token's header) and `algorithm`.
    /// Allocates nothing unless it fails (the messages).
    static func select<Sets: Collection<JWKSet>>(kid: KidReference?, algorithm: JWSAlgorithm, sets: Sets) throws(JWTError) -> Selected {
        var kidMatches = 0
        var firstReason: String? = nil
        var fitCount = 0
        var fit: (setIndex: Int, keyIndex: Int)? = nil
        var setIndex = 0
        for set in sets {
            // Keys are read in place (no JWK copied per candidate).
            set.keys.withUnsafeBufferPointer { keys in
                for keyIndex in keys.indices {
                    if let kid {
                        guard let keyKid = keys[keyIndex].keyID, kid.matches(keyKid) else { continue }
                    }
                    kidMatches += 1
                    if let reason = unfitReason(keys[keyIndex], algorithm) {
                        if firstReason == nil { firstReason = reason }
                        continue
                    }
                    fitCount += 1
                    if fit == nil { fit = (setIndex, keyIndex) }
                }
            }
            setIndex += 1
        }
        // Built only for error messages (never on the success path).
        var named: String { kid.map { "kid \(quoted($0.string))" } ?? "the token (no kid)" }
        if kidMatches == 0 {
            throw JWTError(.keyNotFound, kid == nil ? "the key set is empty" : "no key in the key set has \(named)")
        }
        guard fitCount <= 1 else {
            throw JWTError(.keyNotUsable, "\(fitCount) keys fit \(named) and \(algorithm.rawValue); the token must name one with kid")
        }
        guard let (setIndex, keyIndex) = fit else {
            if kid == nil { throw JWTError(.keyNotFound, "no key in the key set fits \(algorithm.rawValue) for a token without kid") }
            throw JWTError(.keyNotUsable, "the key with \(named) cannot verify \(algorithm.rawValue): \(firstReason ?? "unsuitable")")
        }
        let key = sets[sets.index(sets.startIndex, offsetBy: setIndex)].keys[keyIndex]
        switch key.material {
        case .rsa(let k): return Selected(key: .rsa(k), setIndex: setIndex, keyIndex: keyIndex)
        case .symmetric(let k): return Selected(key: .symmetric(k), setIndex: setIndex, keyIndex: keyIndex)
        case .ed25519(let k): return Selected(key: .ed25519(k), setIndex: setIndex, keyIndex: keyIndex)
        case .ec(let k): return Selected(key: .ec(k), setIndex: setIndex, keyIndex: keyIndex)
        case .rsaRefused(let reason): throw JWTError(.keyNotUsable, "the key with \(named) is refused: \(reason)")
        case .unsupported:
            let what = key.curve.map { "curve \(quoted($0))" } ?? "type \(quoted(key.keyType))"
            throw JWTError(.keyNotUsable, "the key with \(named) has unsupported \(what)")
        }
    }

    /// The same for a kid given as a String (tests, callers outside the hot path).
    static func select(kid: String?, algorithm: JWSAlgorithm, sets: [JWKSet]) throws(JWTError) -> Selected {
        guard let kid else { return try select(kid: nil as KidReference?, algorithm: algorithm, sets: sets) }
        let bytes = Array(kid.utf8)
        return try bytes.withUnsafeBufferPointer { (b) throws(JWTError) -> Selected in
            try select(kid: KidReference(reader: JSONDocumentReader(b), range: 0..<b.count, escaped: false), algorithm: algorithm, sets: sets)
        }
    }

    /// Why `key` cannot verify `algorithm`, or nil when it can.
    static func unfitReason(_ key: JWK, _ algorithm: JWSAlgorithm) -> String? {
        // RFC 7518 §6.1: kty must be the algorithm's family.
        guard utf8Equal(key.keyType, algorithm.keyType) else {
            return "key type \(quoted(key.keyType)) does not fit \(algorithm.rawValue)"
        }
        // RFC 7518 §3.4: ES256 uses P-256, ES384 P-384, ES512 P-521 — the key's crv must be that curve.
        if let required = algorithm.ecCurve, let crv = key.curve, !utf8Equal(crv, required) {
            return "\(algorithm.rawValue) needs a \(required) key, this one is \(quoted(crv))"
        }
        // RFC 7518 §3.2: "A key of the same size as the hash output (for instance, 256 bits for
        // "HS256") or larger MUST be used with this algorithm."
        if case .symmetric(let secret) = key.material, secret.byteCount < algorithm.hash.digestByteCount {
            return "an \(algorithm.rawValue) secret must be at least \(algorithm.hash.digestByteCount) bytes (RFC 7518 §3.2); this one is \(secret.byteCount)"
        }
        // RFC 7517 §4.4: a key's alg, when present, restricts it to that algorithm.
        if let alg = key.algorithm, !utf8Equal(alg, algorithm.rawValue) {
            return "the key is for \(quoted(alg)), the token uses \(algorithm.rawValue)"
        }
        // RFC 7517 §4.2: use, when present, must be "sig" for signature verification.
        if let use = key.use, !utf8Equal(use, "sig") {
            return "the key's use is \(quoted(use)), not \"sig\""
        }
        // RFC 7517 §4.3: key_ops, when present, must include "verify".
        if let ops = key.keyOperations, !ops.contains(where: { utf8Equal($0, "verify") }) {
            return "the key's key_ops do not include \"verify\""
        }
        return nil
    }
}
