// What a JWKS fetch returns, and the one HTTP caching rule the key set honours: the response's
// `Cache-Control: max-age` (RFC 9111 §5.2.2.1), which the cache clamps to documented bounds
// (RemoteKeySetOptions.minimumMaxAge … maximumMaxAge). `no-store` and `no-cache` (§5.2.2.5, §5.2.2.4)
// ask for no reuse; a verifier must still cache, so they count as max-age 0, i.e. the lower bound.
// Parsed as bytes: the header value comes from the server.
#if !hasFeature(Embedded)

/// A fetched JWK Set document and the lifetime its server gave it.
public struct JWKSResponse: Sendable, Equatable {
    /// The response body.
    public var body: [UInt8]
    /// The freshness lifetime from `Cache-Control`, in seconds, when the response carried one.
    public var maxAge: Double?

    /// A response: its body, and the `max-age` of its `Cache-Control` header when it had one.
    public init(body: [UInt8], maxAge: Double? = nil) {
        self.body = body
        self.maxAge = maxAge
    }

    /// A response whose lifetime comes from a `Cache-Control` header value (nil: no header).
    public init(body: [UInt8], cacheControl: String?) {
        self.init(body: body, maxAge: cacheControl.flatMap(Self.maxAge(cacheControl:)))
    }

    /// The lifetime a `Cache-Control` value grants: `max-age=N` (delta-seconds, §1.2.2; a quoted
    /// value is tolerated as §5.2 asks), 0 for `no-store` / `no-cache`, nil when it says nothing.
    /// Directive names are case-insensitive (§5.2); on conflict the most restrictive wins.
    public static func maxAge(cacheControl value: String) -> Double? {
        var result: Double? = nil
        for rawDirective in Array(value.utf8).split(separator: UInt8(ascii: ",")) {
            let directive = trimmed(rawDirective)
            let parts = directive.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = trimmed(parts[0]).map { $0 | (($0 >= 0x41 && $0 <= 0x5A) ? 0x20 : 0) }
            var lifetime: Double? = nil
            if name.elementsEqual("no-store".utf8) || name.elementsEqual("no-cache".utf8) {
                lifetime = 0
            } else if name.elementsEqual("max-age".utf8), parts.count == 2 {
                var digits = trimmed(parts[1])
                if digits.count >= 2, digits.first == UInt8(ascii: "\""), digits.last == UInt8(ascii: "\"") {
                    digits = digits.dropFirst().dropLast()
                }
                // §1.2.2: delta-seconds = 1*DIGIT; a value too large for 31 bits counts as 2^31.
                guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { continue }
                var n = 0
                for d in digits { n = min(n * 10 + Int(d - 0x30), 1 << 31) }
                lifetime = Double(n)
            }
            if let l = lifetime { result = min(result ?? l, l) }
        }
        return result
    }

    private static func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = s.firstIndex(where: { !isSpace($0) }), let last = s.lastIndex(where: { !isSpace($0) }) else { return [] }
        return s[first...last]
    }
}

#endif
