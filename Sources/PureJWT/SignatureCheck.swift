// The signature half of verification, shared by the JWT verifiers and the signature-only
// `JWSVerifier`: parse the compact JWS, check `alg` against the closed set and the allowlist,
// select the key, hash the ASCII signing input exactly as received (RFC 7515 §5.2 step 8), and run
// RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2, in PureRSA). The payload is not decoded here.
import PureJWK
import PureRSA
import PureSHA2

struct SignatureCheck {
    let parsed: ParsedJWS
    let algorithm: JWSAlgorithm
    let setIndex: Int

    /// Parses `token`, checks its algorithm against `algorithms`, selects the key from `sets` and
    /// verifies the signature.
    static func run(_ token: UnsafeBufferPointer<UInt8>, sets: [JWKSet], algorithms: [JWSAlgorithm], limits: Limits) throws(JWTError) -> SignatureCheck {
        let parsed = try CompactJWS.parse(token, limits: limits)
        return try run(token, parsed: parsed, algorithm: allowedAlgorithm(parsed.header, algorithms), sets: sets)
    }

    /// The same, for a token already parsed and its algorithm already allowed — callers check the
    /// algorithm before any key lookup or fetch (an `alg: none` token must not cause a fetch).
    static func run(_ token: UnsafeBufferPointer<UInt8>, parsed: ParsedJWS, algorithm: JWSAlgorithm, sets: [JWKSet]) throws(JWTError) -> SignatureCheck {
        let selected = try KeySelector.select(header: parsed.header, algorithm: algorithm, sets: sets)
        let signature = try CompactJWS.signature(token, parsed)
        // RFC 7515 §5.2 step 8: the signing input is ASCII(header '.' payload) as received.
        let signingInput = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(token)[0..<parsed.payloadRange.upperBound])
        let digest = algorithm.hash.digest(signingInput)
        guard selected.key.isValidPKCS1v15Signature(signature, digest: digest, hash: algorithm.hash) else {
            throw JWTError(.invalidSignature, "the \(algorithm.rawValue) signature does not verify with the key \(parsed.header.keyID.map { quoted($0) } ?? "(no kid)")")
        }
        return SignatureCheck(parsed: parsed, algorithm: algorithm, setIndex: selected.setIndex)
    }

    /// The header's `alg` must name a supported algorithm that the caller allowed.
    static func allowedAlgorithm(_ header: JOSEHeader, _ allowed: [JWSAlgorithm]) throws(JWTError) -> JWSAlgorithm {
        guard let alg = JWSAlgorithm(headerValue: header.algorithmName) else {
            throw JWTError(.unsupportedAlgorithm, "alg \(quoted(header.algorithmName)) is not supported (supported: RS256, RS384, RS512)")
        }
        guard allowed.contains(alg) else {
            throw JWTError(.unsupportedAlgorithm, "alg \(alg.rawValue) is not allowed (allowed: \(allowed.map { $0.rawValue }.joined(separator: ", ")))")
        }
        return alg
    }
}
