// JWT claims (RFC 7519 §4) and the JOSE header of a verified token, read in place from their
// scanned bytes (ScannedObject.swift): the claim checks compare bytes and build no String; the
// accessors below make a String, a JSONValue or a JSONObject only when called.
//
// The registered claims are type-checked when the token is verified — after the signature — and a
// claim of the wrong type is `invalid-claim`:
//   iss, sub, jti: StringOrURI strings (§4.1.1, §4.1.2, §4.1.7)
//   aud: a string or an array of strings (§4.1.3)
//   exp, nbf, iat: NumericDate — a JSON number within NumericDate.validRange (§4.1.4–§4.1.6)
// Every other claim (Cognito's `token_use`, `client_id`, `cognito:groups`, `scope`, custom claims)
// is reachable by name and decodable into the caller's own `Decodable` type.
import PureJSON

/// The claims of a verified token.
public struct JWTClaims: Sendable {
    let object: ScannedObject

    init(_ object: ScannedObject) { self.object = object }

    /// Claims from a JSON document on their own (tests and tools; verification builds them in place).
    package init(json: [UInt8], limits: Limits = .default) throws(JWTError) {
        let scanned: (ScannedObject?, nonObjectKind: JSONMember.Kind?)
        do { scanned = try ScannedObject.scan(json, limits: limits.json) } catch {
            throw JWTError(.malformedJSON, "claims are not valid JSON: \(error)")
        }
        guard let object = scanned.0 else {
            throw JWTError(.malformedToken, "a JWT payload must be a JSON object (RFC 7519 §7.2), found \(scanned.nonObjectKind?.name ?? "?")")
        }
        self.object = object
        try validateRegistered()
    }

    /// The whole claims object, members in document order. Parsed on each access: prefer the
    /// typed accessors and `decode(_:)`.
    public var json: JSONObject { object.json }
    /// `iss`.
    public var issuer: String? { object.string("iss") }
    /// `sub`.
    public var subject: String? { object.string("sub") }
    /// `jti`.
    public var jwtID: String? { object.string("jti") }
    /// `aud`, as a list (a single string becomes a one-element list).
    public var audience: [String] { object.strings("aud") }
    /// `exp`.
    public var expiration: NumericDate? { numericDate("exp") }
    /// `nbf`.
    public var notBefore: NumericDate? { numericDate("nbf") }
    /// `iat`.
    public var issuedAt: NumericDate? { numericDate("iat") }

    /// Any claim by name (byte-exact).
    public subscript(name: String) -> JSONValue? { object.value(name) }

    /// A string claim, or nil when absent or not a string.
    public func string(_ name: String) -> String? {
        object.read { reader, members in
            guard let m = reader.find(name, in: members), m.kind == .string else { return nil }
            return reader.string(m.valueRange, escaped: m.valueEscaped)
        }
    }

    /// The names of the claims, in document order.
    public var names: [String] { object.keys }
    /// The number of claims.
    public var count: Int { object.count }

    // MARK: Cognito claims

    /// `token_use`: "id" or "access" in Cognito tokens.
    public var tokenUse: String? { object.string("token_use") }
    /// `client_id` (Cognito access tokens).
    public var clientID: String? { object.string("client_id") }
    /// `cognito:groups` (the string members; empty when absent).
    public var groups: [String] {
        object.read { reader, members in
            guard let m = reader.find("cognito:groups", in: members), m.kind == .array else { return [] }
            var out: [String] = []
            reader.forEachElement(ofArray: m.valueRange) { kind, range, escaped in
                if kind == .string { out.append(reader.string(range, escaped: escaped)) }
                return true
            }
            return out
        }
    }
    /// `scope`, split on the byte 0x20 (RFC 8693 §4.2, RFC 6749 §3.3 `scope-token *( SP scope-token )`;
    /// empty when absent). Split as bytes: a `Character` split would not split " \u{301}", a space
    /// followed by a combining mark, which Swift treats as one grapheme.
    public var scopes: [String] {
        guard let s = object.string("scope") else { return [] }
        return s.utf8.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
    }
    /// `cognito:username` (ID tokens) or `username` (access tokens).
    public var username: String? { object.string("cognito:username") ?? object.string("username") }

    #if !hasFeature(Embedded)
    /// Decodes the claims into the caller's type, e.g. `try token.claims.decode(MyClaims.self)`.
    public func decode<T: Decodable>(_ type: T.Type) throws(JWTError) -> T {
        do { return try JSONValueDecoder.decode(T.self, from: .object(json)) } catch {
            throw JWTError(.invalidClaim, "claims do not decode as \(T.self): \(error)")
        }
    }
    #endif

    // MARK: in place, for the checks

    func numericDate(_ name: StaticString) -> NumericDate? {
        object.read { reader, members in
            guard let m = reader.find(name, in: members), m.kind == .number else { return nil }
            return NumericDate(secondsSince1970: reader.double(m.valueRange))
        }
    }

    /// The registered claims' types (file comment), checked once per verification.
    func validateRegistered() throws(JWTError) {
        try object.read { (reader, members) throws(JWTError) in
            for name: StaticString in ["iss", "sub", "jti"] {
                if let m = reader.find(name, in: members), m.kind != .string {
                    throw JWTError(.invalidClaim, "\"\(name)\" must be a string, found \(m.kind.name)")
                }
            }
            if let aud = reader.find("aud", in: members) {
                switch aud.kind {
                case .string: break
                case .array:
                    var allStrings = true
                    reader.forEachElement(ofArray: aud.valueRange) { kind, _, _ in allStrings = kind == .string; return allStrings }
                    guard allStrings else { throw JWTError(.invalidClaim, "\"aud\" must be a string or an array of strings") }
                default:
                    throw JWTError(.invalidClaim, "\"aud\" must be a string or an array of strings, found \(aud.kind.name)")
                }
            }
            for name: StaticString in ["exp", "nbf", "iat"] {
                guard let m = reader.find(name, in: members) else { continue }
                guard m.kind == .number else {
                    throw JWTError(.invalidClaim, "\"\(name)\" must be a NumericDate (a JSON number), found \(m.kind.name)")
                }
                let seconds = reader.double(m.valueRange)
                guard seconds.isFinite, NumericDate.validRange.contains(seconds) else {
                    let lexeme = String(decoding: UnsafeBufferPointer(rebasing: reader.buffer[m.valueRange]), as: UTF8.self)
                    throw JWTError(.invalidClaim, "\"\(name)\" value \(quoted(lexeme, max: 24)) is outside the NumericDate range")
                }
            }
        }
    }

    /// Whether the string claim `name` is present and accepted by `expected` (bytes compared in place).
    func stringClaim(_ name: StaticString, isAcceptedBy expected: ClaimExpectation) -> Bool? {
        object.read { reader, members in
            guard let m = reader.find(name, in: members), m.kind == .string else { return nil }
            return expected.accepts { reader.stringEquals(m.valueRange, escaped: m.valueEscaped, $0) }
        }
    }

    /// Whether any string of the claim (a string, or an array's string elements) satisfies `test`.
    func anyString(_ name: StaticString, _ test: (JSONDocumentReader, Range<Int>, Bool) -> Bool) -> Bool {
        object.read { reader, members in
            guard let m = reader.find(name, in: members) else { return false }
            if m.kind == .string { return test(reader, m.valueRange, m.valueEscaped) }
            guard m.kind == .array else { return false }
            var found = false
            reader.forEachElement(ofArray: m.valueRange) { kind, range, escaped in
                if kind == .string && test(reader, range, escaped) { found = true; return false }
                return true
            }
            return found
        }
    }

    func has(_ name: String) -> Bool { object.read { reader, members in reader.find(name, in: members) != nil } }
}

/// The JOSE header of a token, read in place.
public struct JOSEHeader: Sendable {
    let object: ScannedObject

    init(_ object: ScannedObject) { self.object = object }

    /// `alg` exactly as in the token.
    public var algorithmName: String { object.string("alg") ?? "" }
    /// `kid`, if present.
    public var keyID: String? { object.string("kid") }
    /// `typ`, if present (and a string).
    public var type: String? { object.string("typ") }
    /// Whether the header has a member named `name` (byte-exact).
    func has(_ name: String) -> Bool { object.read { reader, members in reader.find(name, in: members) != nil } }
    /// The whole header object (parsed on access).
    public var json: JSONObject { object.json }
    /// Any header member by name (byte-exact).
    public subscript(name: String) -> JSONValue? { object.value(name) }
}

/// A token whose signature and claims verified.
public struct VerifiedToken: Sendable {
    /// The JOSE header.
    public let header: JOSEHeader
    /// The verified algorithm.
    public let algorithm: JWSAlgorithm
    /// The claims.
    public let claims: JWTClaims
    let keyIdentity: KeyIdentity

    /// The payload bytes exactly as decoded from the token (copied on access).
    public var payload: [UInt8] { claims.object.documentBytes }
}
