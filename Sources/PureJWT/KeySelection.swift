// Key selection (ARCHITECTURE.md "Key selection"; RFC 7515 §4.1.4 kid; RFC 7517 §4.2–§4.4;
// RFC 8725 §3.1). Candidates are the keys whose `kid` equals the header's byte for byte; a candidate
// must then fit the algorithm: `kty` for the algorithm's family, JWK `alg` (if present) equal to the
// header `alg`, `use` (if present) "sig", `key_ops` (if present) containing "verify".
//   - no key has the token's kid (or the sets are empty)      → key-not-found
//   - keys have the kid but none fits                         → key-not-usable (the first reason)
//   - more than one fits                                      → key-not-usable (never "try all")
//   - the one that fits is an RSA key the policy refused      → key-not-usable (its reason)
// A token without `kid` is accepted only when exactly one key in all sets fits.
import PureJSON
import PureJWK
import PureRSA

enum KeySelector {
    struct Selected {
        let key: RSAPublicKey
        /// Index of the key set (the Cognito pool) the key came from.
        let setIndex: Int
    }

    static func select(header: JOSEHeader, algorithm: JWSAlgorithm, sets: [JWKSet]) throws(JWTError) -> Selected {
        var kidMatches = 0
        var firstReason: String? = nil
        var fits: [(JWK, Int)] = []
        for (setIndex, set) in sets.enumerated() {
            for key in set.keys {
                if let kid = header.keyID {
                    guard let keyKid = key.keyID, utf8Equal(keyKid, kid) else { continue }
                }
                kidMatches += 1
                if let reason = unfitReason(key, algorithm) {
                    if firstReason == nil { firstReason = reason }
                    continue
                }
                fits.append((key, setIndex))
            }
        }
        // Built only for error messages (never on the success path).
        var named: String { header.keyID.map { "kid \(quoted($0))" } ?? "the token (no kid)" }
        if kidMatches == 0 {
            throw JWTError(.keyNotFound, header.keyID == nil ? "the key set is empty" : "no key in the key set has \(named)")
        }
        guard fits.count <= 1 else {
            throw JWTError(.keyNotUsable, "\(fits.count) keys fit \(named) and \(algorithm.rawValue); the token must name one with kid")
        }
        guard let (key, setIndex) = fits.first else {
            if header.keyID == nil { throw JWTError(.keyNotFound, "no key in the key set fits \(algorithm.rawValue) for a token without kid") }
            throw JWTError(.keyNotUsable, "the key with \(named) cannot verify \(algorithm.rawValue): \(firstReason ?? "unsuitable")")
        }
        switch key.material {
        case .rsa(let k): return Selected(key: k, setIndex: setIndex)
        case .rsaRefused(let reason): throw JWTError(.keyNotUsable, "the key with \(named) is refused: \(reason)")
        case .unsupported: throw JWTError(.keyNotUsable, "the key with \(named) has unsupported type \(quoted(key.keyType))")
        }
    }

    /// Why `key` cannot verify `algorithm`, or nil when it can.
    static func unfitReason(_ key: JWK, _ algorithm: JWSAlgorithm) -> String? {
        // RFC 7518 §6.1: kty must be the algorithm's family.
        guard utf8Equal(key.keyType, algorithm.keyType) else {
            return "key type \(quoted(key.keyType)) does not fit \(algorithm.rawValue)"
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
