// Time: NumericDate (RFC 7519 §2: seconds since 1970-01-01T00:00:00Z UTC, may be fractional) and
// the injected clock. Verification never reads a clock of its own: `JWTClock.system` goes through
// the small replaceable shim in SystemClock.swift; tests and embedded users pass a fixed time.

/// Seconds since the Unix epoch.
public struct NumericDate: Sendable, Comparable, Hashable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z UTC, ignoring leap seconds (RFC 7519 §2).
    public let secondsSince1970: Double

    /// A time from seconds since 1970 (may be fractional).
    public init(secondsSince1970: Double) { self.secondsSince1970 = secondsSince1970 }
    /// A time from whole seconds since 1970.
    public init(_ seconds: Int64) { secondsSince1970 = Double(seconds) }

    public static func < (a: NumericDate, b: NumericDate) -> Bool { a.secondsSince1970 < b.secondsSince1970 }

    /// The seconds, then the UTC date and time in ISO 8601 (RFC 3339): "1763903000 (2025-11-23T13:03:20Z)".
    /// Fractions show to the millisecond; outside `validRange` only the number is shown.
    public var description: String {
        // Int64(exactly:) is nil for fractions (and avoids libm's rounding functions).
        let number = Int64(exactly: secondsSince1970).map { "\($0)" } ?? "\(secondsSince1970)"
        guard let iso = iso8601 else { return number }
        return "\(number) (\(iso))"
    }

    /// The time as an RFC 3339 UTC timestamp ("2025-11-23T13:03:20Z", with ".123" when the time has
    /// a fraction of a second), or nil outside `validRange`.
    public var iso8601: String? {
        guard secondsSince1970.isFinite, Self.validRange.contains(secondsSince1970) else { return nil }
        let millis = Int64(secondsSince1970 * 1000)          // truncation toward zero; the value is ≥ 0
        let seconds = millis / 1000, fraction = millis % 1000
        let days = seconds / 86_400, secondOfDay = seconds % 86_400
        let (year, month, day) = Self.civilDate(daysSince1970: days)
        func pad(_ v: Int64, _ width: Int) -> String {
            let digits = String(v)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var s = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if fraction != 0 { s += ".\(pad(fraction, 3))" }
        return s + "Z"
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01 (≥ 0). Counted in 400-year eras
    /// of 146,097 days from 0000-03-01, so the leap day is the last day of each shifted year: a
    /// year of the era is day-of-era minus its leap days (one every 4 years, but not every 100,
    /// except every 400), divided by 365; the month comes from the day of that March-based year by
    /// the linear map (153·m + 2) / 5 (March…February month lengths 31 30 31 30 31 31 30 31 30 31 31 28/29).
    static func civilDate(daysSince1970: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = daysSince1970 + 719_468                     // days from 0000-03-01 to 1970-01-01
        let era = z / 146_097
        let dayOfEra = z - era * 146_097                    // 0…146096
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)   // 0…365, from March 1
        let shiftedMonth = (5 * dayOfYear + 2) / 153        // 0 = March … 11 = February
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// The range accepted in claims: 0 … 253402300799 (9999-12-31T23:59:59Z). Outside it, a
    /// value is `invalid-claim` rather than a date (so `1e400` and negative times never compare).
    public static let validRange: ClosedRange<Double> = 0...253_402_300_799
}

/// Where "now" comes from.
public struct JWTClock: Sendable {
    let read: @Sendable () -> NumericDate

    /// A clock that reads `read` whenever a verifier needs the time.
    public init(_ read: @escaping @Sendable () -> NumericDate) { self.read = read }

    /// A clock stopped at `time` (tests, replays, the CLI's --now).
    public static func fixed(_ time: NumericDate) -> JWTClock { JWTClock { time } }

    /// The time now, by this clock.
    public var now: NumericDate { read() }
}

/// A duration in seconds for a message ("30", "0.5"): no date shown.
func secondsText(_ d: Double) -> String {
    Int64(exactly: d).map { "\($0)" } ?? "\(d)"
}

#if !hasFeature(Embedded)
/// NumericDate members of the caller's own claim types decode from the JSON number (RFC 7519 §2).
extension NumericDate: DecodableFromSecondsSince1970, Decodable {
    /// Decodes a JSON number of seconds (other decoders than PureJSON's).
    public init(from decoder: any Decoder) throws {
        self.init(secondsSince1970: try decoder.singleValueContainer().decode(Double.self))
    }
}
#endif
