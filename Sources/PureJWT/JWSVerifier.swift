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
        try token.withUnsafeBufferPointer { (b) throws(JWTError) in try verify(b) }
    }

    public func verify(_ token: String) throws(JWTError) -> (header: JOSEHeader, payload: [UInt8]) {
        try withUTF8Bytes(token) { (b) throws(JWTError) in try verify(b) }
    }

    func verify(_ token: UnsafeBufferPointer<UInt8>) throws(JWTError) -> (header: JOSEHeader, payload: [UInt8]) {
        let outcome = try SignatureCheck.run(token, limits: limits, algorithms: algorithms, payloadIsJSON: false) { _ in CollectionOfOne(keys) }
        guard case .verified(let parts) = outcome else { throw JWTError(.jwksFetchFailed, "unreachable: a static key set") }
        return (JOSEHeader(parts.header), Array(parts.storage[parts.payload]))
    }
}
