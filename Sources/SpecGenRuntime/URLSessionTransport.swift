import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A ``ClientTransport`` over Foundation's `URLSession`: each request goes to `baseURL` followed by the request's
/// path, so `URLSessionTransport(baseURL: URL(string: "https://api.example.com")!)` sends `GET /api/kals/7` to
/// `https://api.example.com/api/kals/7`. A base URL with a path (`https://example.com/v2`) keeps it in front.
///
/// On Linux `URLSession` lives in `FoundationNetworking` (libcurl); on Apple platforms in Foundation.
public struct URLSessionTransport: ClientTransport {
    /// The server's address, without a trailing `/`: what every request's path is appended to.
    public var baseURL: URL
    /// The session requests are sent on; `URLSession.shared` unless given.
    public var session: URLSession

    public init(baseURL: URL, session: URLSession = .shared) {
        self.baseURL = baseURL
        self.session = session
    }

    /// Sends the request and collects the whole answer. Throws when the URL cannot be formed or no HTTP answer
    /// came; a 4xx or 5xx is an answer, returned like any other.
    public func send(_ request: ClientRequest) async throws -> ClientResponse {
        let url = try url(for: request.path)
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        for header in request.headers { urlRequest.addValue(header.value, forHTTPHeaderField: header.name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        let (data, response) = try await session.data(for: urlRequest)
        guard let http = response as? HTTPURLResponse else {
            throw URLSessionTransportError.notHTTP(url.absoluteString)
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            guard let name = name as? String else { continue }
            headers[name] = value as? String ?? "\(value)"
        }
        return ClientResponse(status: http.statusCode, headers: headers, body: Array(data))
    }

    /// Where a request for `path` (`/api/kals/7?page=2`) goes: the base URL, its trailing `/` dropped, followed by
    /// the path.
    public func url(for path: String) throws(URLSessionTransportError) -> URL {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + path) else { throw .invalidURL(base + path) }
        return url
    }
}

/// Why ``URLSessionTransport`` had nothing to return.
public enum URLSessionTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The base URL and the path do not make a URL.
    case invalidURL(String)
    /// The answer was not an HTTP response (a `file:` base URL, say).
    case notHTTP(String)

    public var description: String {
        switch self {
        case .invalidURL(let text): "\(text) is not a URL: check the transport's base URL"
        case .notHTTP(let url): "\(url) did not answer over HTTP"
        }
    }
}
