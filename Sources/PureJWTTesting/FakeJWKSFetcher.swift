// A JWKS fetcher for tests: serves the JWK Set you give it (or fails as you say), counts fetches,
// and never touches the network — so a test can rotate keys, break the endpoint or watch the
// cache's cooldown with a RemoteKeySet or a verifier built with `fetcher:`.
#if !hasFeature(Embedded)
import PureJWK
import PureJWT

/// A programmable `JWKSFetcher`. **Test-only.** Safe to use from any number of tasks.
public final class FakeJWKSFetcher: Sendable {
    /// What the next fetches get.
    public enum Response: Sendable {
        /// A 200 response with this body and, optionally, a `Cache-Control: max-age`.
        case body([UInt8], maxAge: Double?)
        /// A failed fetch (transport error, non-200 status …) with this message.
        case failure(String)
    }

    struct State: Sendable {
        var response: Response
        var fetches: [String] = []
    }

    private let state: Lock<State>

    /// Serves `jwks` (with an optional max-age) until told otherwise.
    public init(serving jwks: JWKSet, maxAge: Double? = nil) {
        state = Lock(State(response: .body(Array(jwks.jsonText.utf8), maxAge: maxAge)))
    }

    /// Starts with a given response (e.g. `.failure("down")`).
    public init(_ response: Response) {
        state = Lock(State(response: response))
    }

    /// Serves `jwks` from now on (a rotation).
    public func serve(_ jwks: JWKSet, maxAge: Double? = nil) {
        state.withLock { $0.response = .body(Array(jwks.jsonText.utf8), maxAge: maxAge) }
    }

    /// Answers every fetch with `response` from now on.
    public func respond(_ response: Response) { state.withLock { $0.response = response } }

    /// The URLs fetched so far, in order.
    public var fetchedURLs: [String] { state.withLock { $0.fetches } }
    /// How many fetches there were.
    public var fetchCount: Int { state.withLock { $0.fetches.count } }

    /// The closure to give `RemoteKeySet`, `KeySource.remote(url:fetch:)` or a verifier's `fetcher:`.
    public var fetcher: JWKSFetcher {
        { [self] url in
            let response = state.withLock { s -> Response in
                s.fetches.append(url)
                return s.response
            }
            switch response {
            case .body(let body, let maxAge): return JWKSResponse(body: body, maxAge: maxAge)
            case .failure(let message): throw FakeFetchError(message: message)
            }
        }
    }
}

/// The error a failing `FakeJWKSFetcher` throws.
public struct FakeFetchError: Error, Sendable, CustomStringConvertible {
    /// The message the fake was given.
    public let message: String
    /// The message.
    public var description: String { message }
}
#endif
