// Time: NumericDate (RFC 7519 §2: seconds since 1970-01-01T00:00:00Z UTC, may be fractional) and
// the injected clock. Verification never reads a clock of its own: `JWTClock.system` goes through
// the small replaceable shim in SystemClock.swift; tests and embedded users pass a fixed time.

/// Seconds since the Unix epoch.
public struct NumericDate: Sendable, Comparable, Hashable, CustomStringConvertible {
    public let secondsSince1970: Double

    public init(secondsSince1970: Double) { self.secondsSince1970 = secondsSince1970 }
    public init(_ seconds: Int64) { secondsSince1970 = Double(seconds) }

    public static func < (a: NumericDate, b: NumericDate) -> Bool { a.secondsSince1970 < b.secondsSince1970 }

    public var description: String {
        // Int64(exactly:) is nil for fractions (and avoids libm's rounding functions).
        if let whole = Int64(exactly: secondsSince1970) { return "\(whole)" }
        return "\(secondsSince1970)"
    }

    /// The range accepted in claims: 0 … 253402300799 (9999-12-31T23:59:59Z). Outside it, a
    /// value is `invalid-claim` rather than a date (so `1e400` and negative times never compare).
    public static let validRange: ClosedRange<Double> = 0...253_402_300_799
}

/// Where "now" comes from.
public struct JWTClock: Sendable {
    let read: @Sendable () -> NumericDate

    public init(_ read: @escaping @Sendable () -> NumericDate) { self.read = read }

    /// A clock stopped at `time` (tests, replays, the CLI's --now).
    public static func fixed(_ time: NumericDate) -> JWTClock { JWTClock { time } }

    public var now: NumericDate { read() }
}
