/// What a generated client hands its transport: one HTTP request, already encoded, with the path relative to the
/// server (`/api/kals/7?page=2`). The transport adds the server's address and carries the bytes; it knows nothing
/// of the spec.
public struct ClientRequest: Sendable, Equatable {
    /// The method on the wire: `GET`, `POST`.
    public var method: String
    /// The path and query, percent-encoded: `/api/kals/7?tags%5B%5D=a&tags%5B%5D=b`.
    public var path: String
    /// The header fields in the order they are sent, names as the spec writes them (`Content-Type`,
    /// `Idempotency-Key`, `Authorization`).
    public var headers: [(name: String, value: String)]
    /// The body's bytes; empty for none.
    public var body: [UInt8]

    public init(method: String, path: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }

    /// The value of the first header named `name`, matched without regard to case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public static func == (lhs: ClientRequest, rhs: ClientRequest) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path && lhs.body == rhs.body
            && lhs.headers.map { [$0.name, $0.value] } == rhs.headers.map { [$0.name, $0.value] }
    }
}

/// What a transport hands back: the status, the header fields and the body's bytes, unread. The client checks them
/// against the spec before anything is decoded.
public struct ClientResponse: Sendable, Equatable {
    /// The HTTP status, e.g. `201`.
    public var status: Int
    /// The header fields by name (matched without regard to case when read); a repeated field's values joined by
    /// `, ` as HTTP allows.
    public var headers: [String: String]
    /// The body's bytes; empty for none.
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// How a generated client's requests reach a server. ``URLSessionTransport`` sends them over HTTP; a test can
/// answer them in process (the generated router and an `APIHandler`), so no network is needed.
///
/// ```swift
/// struct Recorder: ClientTransport {
///     func send(_ request: ClientRequest) async throws -> ClientResponse {
///         ClientResponse(status: 204)
///     }
/// }
/// ```
///
/// A transport throws only when no answer came (no connection, a timeout); every status, 4xx and 5xx included, is
/// an answer.
public protocol ClientTransport: Sendable {
    /// Sends one request and returns the server's answer.
    func send(_ request: ClientRequest) async throws -> ClientResponse
}
