// Foundation conveniences for PureJWT's time type (NumericDate, RFC 7519 §2).
import Foundation
import PureJWT

extension NumericDate {
    /// The NumericDate of a Foundation `Date`.
    public init(_ date: Date) { self.init(secondsSince1970: date.timeIntervalSince1970) }

    /// This NumericDate as a Foundation `Date`.
    public var date: Date { Date(timeIntervalSince1970: secondsSince1970) }
}

extension JWTClaims {
    /// `exp` as a `Date`.
    public var expirationDate: Date? { expiration?.date }
    /// `iat` as a `Date`.
    public var issuedAtDate: Date? { issuedAt?.date }
    /// `nbf` as a `Date`.
    public var notBeforeDate: Date? { notBefore?.date }
}

/// Foundation's `Date` decodes from a claim as seconds since 1970 — a NumericDate (RFC 7519 §2) —
/// in `claims.decode(_:)`; its own `init(from:)` would read seconds since 2001 and shift every time
/// by 31 years. (Without this module, `decode` refuses `Date` members with a message saying so.)
extension Date: DecodableFromSecondsSince1970 {
    public init(secondsSince1970: Double) { self.init(timeIntervalSince1970: secondsSince1970) }
}
