// Decoding a token WITHOUT verifying it — for display and debugging only (`jwt decode`). The
// name says so: nothing here checks a signature, a key or a claim. Parsing is as strict as in
// verification (size limits, three segments of base64url, canonical base64url, strict JSON).
import PureBase64URL
import PureJSON

/// The header and payload of a token that has NOT been verified.
public struct UnverifiedToken: Sendable {
    /// The header, parsed. NOT verified.
    public let header: JSONObject
    /// The payload parsed as JSON (a JWT's claims).
    public let payload: JSONValue
    /// The payload bytes exactly as decoded. NOT verified.
    public let payloadBytes: [UInt8]

    /// Splits and decodes `token`. Does not verify anything.
    /// - Parameters:
    ///   - token: the compact serialization.
    ///   - limits: the same bounds as verification.
    /// - Throws: `malformed-token` or `malformed-json`.
    public static func decodeUnverified(_ token: [UInt8], limits: Limits = .default) throws(JWTError) -> UnverifiedToken {
        try token.withUnsafeBufferPointer { (b) throws(JWTError) in
            let segments = try CompactJWS.split(b, limits: limits)
            func decode(_ segment: Range<Int>, _ name: String) throws(JWTError) -> [UInt8] {
                do { return try Base64URL.decode(UnsafeBufferPointer(rebasing: b[segment])) } catch {
                    throw JWTError(.malformedToken, "\(name): \(error)")
                }
            }
            let headerBytes = try decode(segments.header, "header")
            let header: JSONValue
            do throws(JSONError) { header = try JSONParser.parse(headerBytes, limits: limits.json) } catch {
                throw JWTError(.malformedJSON, "header is not valid JSON: \(error)")
            }
            guard case .object(let h) = header else {
                throw JWTError(.malformedToken, "header must be a JSON object (RFC 7515 §4), found \(header.kindName)")
            }
            let bytes = try decode(segments.payload, "payload")
            let value: JSONValue
            do throws(JSONError) { value = try JSONParser.parse(bytes, limits: limits.json) } catch {
                throw JWTError(.malformedJSON, "payload is not valid JSON: \(error)")
            }
            return UnverifiedToken(header: h, payload: value, payloadBytes: bytes)
        }
    }
}
