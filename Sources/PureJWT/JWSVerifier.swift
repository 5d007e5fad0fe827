// Signature-only verification of a compact JWS (RFC 7515 §5.2): the payload is returned as opaque
// bytes and no claim is judged. For tokens that are JWTs use `TokenVerifier` or `CognitoVerifier`.
import PureJWK

/// Verifies JWS signatures against a static key set.
public struct JWSVerifier: Sendable {
    public let keys: JWKSet
    public let algorithms: [JWSAlgorithm]
    public let limits: Limits

    public init(keys: JWKSet, algorithms: [JWSAlgorithm] = [.rs256], limits: Limits = .default) {
        self.keys = keys
        self.algorithms = algorithms
        self.limits = limits
    }

    /// Returns the header and the payload bytes of a JWS whose signature verifies.
    public func verify(_ token: [UInt8]) throws(JWTError) -> (header: JOSEHeader, payload: [UInt8]) {
        try token.withUnsafeBufferPointer { (b) throws(JWTError) in
            let check = try SignatureCheck.run(b, sets: [keys], algorithms: algorithms, limits: limits)
            return (check.parsed.header, try CompactJWS.payload(b, check.parsed))
        }
    }

    public func verify(_ token: String) throws(JWTError) -> (header: JOSEHeader, payload: [UInt8]) {
        try verify(Array(token.utf8))
    }
}
