/// Who sent the request being handled, beyond its credentials: the client address rate limits are keyed by.
///
/// A task-local value, set by the HTTP layer around each operation, because the generated `Input` carries only
/// what the spec describes (parameters, body, principal) and the client's address is not part of the API.
public enum RequestOrigin {
    /// The client's IP address (`unknown` outside a request, e.g. in tests calling handlers directly).
    @TaskLocal public static var clientAddress: String = "unknown"

    /// The URL the request was sent to, for lists' page links: scheme and host as the client addressed the server
    /// (its `Host` header), the path, and the query string as sent.
    @TaskLocal public static var url = RequestURL(base: "http://localhost", path: "/", query: "")
}

/// Where a request was sent: what a paginator's links are made of.
public struct RequestURL: Sendable, Hashable {
    /// `http://host[:port]`, without a trailing `/`.
    public var base: String
    /// The path, as sent (still percent-encoded).
    public var path: String
    /// The raw query string, without `?`.
    public var query: String

    public init(base: String, path: String, query: String) {
        self.base = base
        self.path = path
        self.query = query
    }
}
