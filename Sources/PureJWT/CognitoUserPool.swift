// AWS Cognito user pools (docs/ARCHITECTURE.md "Cognito preset"): a pool id `<region>_<id>` gives
// the issuer https://cognito-idp.<region>.amazonaws.com/<pool> and the multi-region form
// https://issuer-cognito-idp.<region>.amazonaws.com/<pool>, both accepted, and the JWKS at
// <issuer>/.well-known/jwks.json. GovCloud regions (us-gov-west-1) are regions too; China regions
// live under amazonaws.com.cn. Emulator pools (local Cognito stand-ins with another issuer host)
// must be asked for by name.

/// A Cognito user pool: its id, region, issuers and JWKS URL.
public struct CognitoUserPool: Sendable, Equatable {
    /// The pool id, e.g. "us-east-1_AbC123xyz".
    public let id: String
    /// The region part of the id, e.g. "us-east-1".
    public let region: String
    /// The issuers accepted for tokens of this pool.
    public let issuers: [String]
    /// Where the pool publishes its keys.
    public let jwksURL: String
    /// True for a pool created with `emulator(id:issuer:)`.
    public let isEmulator: Bool

    /// A real Cognito pool from its id, e.g. "us-east-1_AbC123xyz".
    public init(id: String) throws(JWTError) {
        guard let region = Self.region(ofPoolID: id) else {
            throw JWTError(.invalidIssuer, "user pool id \(quoted(id)) is not of the form <region>_<id> (e.g. us-east-1_AbC123xyz)")
        }
        self.id = id
        self.region = region
        // AWS China regions (cn-north-1, cn-northwest-1) live under amazonaws.com.cn.
        let domain = region.utf8.starts(with: "cn-".utf8) ? "amazonaws.com.cn" : "amazonaws.com"
        let issuer = "https://cognito-idp.\(region).\(domain)/\(id)"
        issuers = [issuer, "https://issuer-cognito-idp.\(region).\(domain)/\(id)"]
        jwksURL = issuer + "/.well-known/jwks.json"
        isEmulator = false
    }

    /// A local Cognito stand-in (moto, cognito-local, LocalStack) whose tokens carry `issuer`, e.g.
    /// "http://127.0.0.1:9229/us-east-1_abc". Named so it cannot be switched on by accident.
    public static func emulator(id: String, issuer: String) -> CognitoUserPool {
        let trimmed = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        return CognitoUserPool(id: id, region: region(ofPoolID: id) ?? "", issuers: [trimmed],
                               jwksURL: trimmed + "/.well-known/jwks.json", isEmulator: true)
    }

    private init(id: String, region: String, issuers: [String], jwksURL: String, isEmulator: Bool) {
        self.id = id
        self.region = region
        self.issuers = issuers
        self.jwksURL = jwksURL
        self.isEmulator = isEmulator
    }

    /// The region part of a pool id: `[a-z]{2}(-gov)?-[a-z]+-[0-9]+`, then "_" and an alphanumeric id.
    static func region(ofPoolID id: String) -> String? {
        let parts = id.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, parts[1].utf8.allSatisfy(isAlphanumeric) else { return nil }
        let labels = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard labels.count == 3 || (labels.count == 4 && labels[1].utf8.elementsEqual("gov".utf8)) else { return nil }
        guard let first = labels.first, first.utf8.count == 2, first.utf8.allSatisfy(isLower) else { return nil }
        for label in labels.dropFirst().dropLast() where label.isEmpty || !label.utf8.allSatisfy(isLower) { return nil }
        guard let last = labels.last, !last.isEmpty, last.utf8.allSatisfy(isDigit) else { return nil }
        return String(parts[0])
    }

    private static func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isAlphanumeric(_ c: UInt8) -> Bool { isLower(c) || isDigit(c) || (c >= 0x41 && c <= 0x5A) }
}
