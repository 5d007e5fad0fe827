// The only networking in PureJWT: a JWKS fetcher on URLSession, for `RemoteKeySet`.
//
// Rules: HTTPS only, except plain HTTP to a loopback host (127.0.0.0/8, ::1, localhost) — or to any
// host when the explicitly named `allowingPlainHTTPForEmulator` option is set; status 200 only;
// redirects are not followed (a 3xx is an error); 5 s timeout for the whole exchange; the size cap
// is enforced while reading (a larger body is cancelled, not buffered); `Accept: application/json,
// application/jwk-set+json`; a `User-Agent`. The response's `Cache-Control` goes back to the cache
// (which clamps its max-age). Importing `PureJWT` alone never pulls Foundation in.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PureJWT

/// Why a fetch failed.
public enum JWKSFetchError: Error, Sendable, CustomStringConvertible {
    /// Not a URL with a scheme and a host.
    case invalidURL(String)
    /// Not HTTPS (and not plain HTTP to a loopback host or an allowed emulator).
    case insecureScheme(String)
    /// A status other than 200.
    case status(Int)
    /// A redirect, which is never followed.
    case redirect(String)
    /// A body over the size cap (the transfer is cancelled).
    case tooLarge(limit: Int)
    /// The connection failed or timed out.
    case transport(String)

    /// The reason, in words.
    public var description: String {
        switch self {
        case .invalidURL(let u): "invalid URL \(u)"
        case .insecureScheme(let u): "refusing \(u): HTTPS is required (plain HTTP only to loopback hosts)"
        case .status(let code): "HTTP status \(code) (200 required)"
        case .redirect(let to): "redirect to \(to) not followed"
        case .tooLarge(let limit): "response larger than \(limit) bytes"
        case .transport(let message): message
        }
    }
}

/// Fetches JWK Sets over HTTPS with URLSession.
public struct URLSessionJWKSFetcher: Sendable {
    /// Seconds for the whole exchange. Default 5.
    public var timeout: TimeInterval
    /// The largest accepted body, enforced while reading. Default 1 MiB.
    public var maxBytes: Int
    /// The `User-Agent` sent.
    public var userAgent: String
    /// Plain HTTP to any host: for local Cognito emulators reached by a non-loopback name only.
    public var allowingPlainHTTPForEmulator: Bool

    /// A fetcher; each parameter is the property of the same name.
    public init(timeout: TimeInterval = 5, maxBytes: Int = 1 << 20, userAgent: String = "PureJWT/1.0 (JWKS fetcher)",
                allowingPlainHTTPForEmulator: Bool = false) {
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.userAgent = userAgent
        self.allowingPlainHTTPForEmulator = allowingPlainHTTPForEmulator
    }

    /// The fetcher closure for `RemoteKeySet` / `KeySource.remote`.
    public var fetcher: JWKSFetcher { { url in try await self.fetch(url) } }

    /// Whether `host` is a loopback host (127.0.0.0/8, ::1, localhost): plain HTTP is allowed to those.
    public static func isLoopback(host: String) -> Bool {
        let h = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if h == "localhost" || h == "::1" { return true }
        let parts = h.split(separator: ".")
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Fetches `urlString` under the rules above: the body and the lifetime its `Cache-Control` gives.
    public func fetch(_ urlString: String) async throws -> JWKSResponse {
        guard let url = URL(string: urlString), let scheme = url.scheme?.lowercased(), let host = url.host else {
            throw JWKSFetchError.invalidURL(urlString)
        }
        switch scheme {
        case "https": break
        case "http" where Self.isLoopback(host: host) || allowingPlainHTTPForEmulator: break
        default: throw JWKSFetchError.insecureScheme(urlString)
        }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue("application/json, application/jwk-set+json", forHTTPHeaderField: "Accept")
        request.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.urlCache = nil
        let delegate = FetchDelegate(maxBytes: maxBytes)
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        return try await withCheckedThrowingContinuation { continuation in
            delegate.start(continuation)
            session.dataTask(with: request).resume()
        }
    }
}

/// Streams one response: checks the status on the response, the size on every chunk.
private final class FetchDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private let maxBytes: Int
    private var body: [UInt8] = []
    private var cacheControl: String? = nil
    private var failure: JWKSFetchError? = nil
    private var continuation: CheckedContinuation<JWKSResponse, any Error>? = nil

    init(maxBytes: Int) { self.maxBytes = maxBytes }

    func start(_ c: CheckedContinuation<JWKSResponse, any Error>) { lock.withLock { continuation = c } }

    private func fail(_ e: JWKSFetchError) { lock.withLock { if failure == nil { failure = e } } }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        fail(.redirect(request.url?.absoluteString ?? "?"))
        completionHandler(nil)   // do not follow
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        if (300..<400).contains(status) {
            fail(.redirect((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Location") ?? "?"))
            completionHandler(.cancel)
        } else if status != 200 {
            fail(.status(status))
            completionHandler(.cancel)
        } else if response.expectedContentLength > Int64(maxBytes) {
            fail(.tooLarge(limit: maxBytes))
            completionHandler(.cancel)
        } else {
            let header = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Cache-Control")
            lock.withLock { cacheControl = header }
            completionHandler(.allow)
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let over: Bool = lock.withLock {
            body.append(contentsOf: data)
            return body.count > maxBytes
        }
        if over {
            fail(.tooLarge(limit: maxBytes))
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (c, result): (CheckedContinuation<JWKSResponse, any Error>?, Result<JWKSResponse, any Error>) = lock.withLock {
            let c = continuation
            continuation = nil
            if let failure { return (c, .failure(failure)) }
            if let error { return (c, .failure(JWKSFetchError.transport(error.localizedDescription))) }
            return (c, .success(JWKSResponse(body: body, cacheControl: cacheControl)))
        }
        c?.resume(with: result)
    }
}
