/// What an operation answers: a status, an optional JSON body and the documented headers that are present
/// (`Retry-After: 60`), for the server to write as they are.
public struct OperationResponse: Sendable, Equatable {
    /// The HTTP status.
    public var status: Int
    /// The body; nil for none (e.g. 204).
    public var body: JSONValue?
    /// The response headers the spec documents, in its order; empty for most answers.
    public var headers: [ResponseHeader]
    /// A body of a media type that is not JSON (`text/plain`, `image/png`), written as its bytes with its
    /// `Content-Type`; nil for a JSON body or none. At most one of ``body`` and ``rawBody`` is set.
    public var rawBody: RawBody?

    public init(status: Int, body: JSONValue?, headers: [ResponseHeader] = [], rawBody: RawBody? = nil) {
        self.status = status
        self.body = body
        self.headers = headers
        self.rawBody = rawBody
    }
}
