// The one place PureJWT reads the real-time clock: CLOCK_REALTIME through the C library. This is
// the "small clock shim" docs/ARCHITECTURE.md allows; platforms without it (Embedded, WASI without
// libc) get no `.system` clock and must inject one with `JWTClock { … }`.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
extension JWTClock {
    /// The system real-time clock (UTC seconds since 1970, with nanoseconds).
    public static let system = JWTClock {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return NumericDate(secondsSince1970: Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9)
    }
}
#endif
