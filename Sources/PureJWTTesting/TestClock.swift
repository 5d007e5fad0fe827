// A clock a test can move: tokens expire, caches go stale and cooldowns pass when the test says so.
#if !hasFeature(Embedded)
import PureJWT

/// A settable clock for tests. **Test-only.** Safe to read and move from any number of tasks.
public final class TestClock: Sendable {
    private let time: Lock<Double>

    /// A clock stopped at `start` until moved.
    public init(_ start: NumericDate) { time = Lock(start.secondsSince1970) }

    /// The current test time.
    public var now: NumericDate { NumericDate(secondsSince1970: time.withLock { $0 }) }

    /// Moves the clock forward (or back, with a negative value) by `seconds`.
    public func advance(by seconds: Double) { time.withLock { $0 += seconds } }

    /// Sets the clock.
    public func set(_ t: NumericDate) { time.withLock { $0 = t.secondsSince1970 } }

    /// The `JWTClock` to give a verifier or a remote key set.
    public var clock: JWTClock { JWTClock { [self] in now } }
}
#endif
