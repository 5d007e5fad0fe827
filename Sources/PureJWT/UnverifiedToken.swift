// Decoding a token WITHOUT verifying it — for display and debugging only (`jwt decode`). The
// name says so: nothing here checks a signature, a key or a claim. Parsing is as strict as in
// verification (size limit, three segments, canonical base64url, strict JSON).
import PureJSON

/// The header and payload of a token that has NOT been verified.
public struct UnverifiedToken: Sendable {
    public let header: JSONObject
    /// The payload parsed as JSON (a JWT's claims).
    public let payload: JSONValue
    public let payloadBytes: [UInt8]

    /// Splits and decodes `token`. Does not verify anything.
    public static func decodeUnverified(_ token: [UInt8], limits: Limits = .default) throws(JWTError) -> UnverifiedToken {
        try token.withUnsafeBufferPointer { (b) throws(JWTError) in
            let parsed = try CompactJWS.parse(b, limits: limits)
            let bytes = try CompactJWS.payload(b, parsed)
            let value: JSONValue
            do throws(JSONError) { value = try JSONParser.parse(bytes, limits: limits.json) } catch {
                throw JWTError(.malformedJSON, "payload is not valid JSON: \(error)")
            }
            return UnverifiedToken(header: parsed.header.json, payload: value, payloadBytes: bytes)
        }
    }
}
