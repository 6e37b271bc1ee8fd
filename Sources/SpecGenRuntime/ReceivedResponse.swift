/// An answer the client has checked against the operation's documented responses: its status is documented and
/// its headers and body match. Generated `Output(response:)` initializers read their case from it.
///
/// ```swift
/// switch response.documentedStatus {
/// case .code(201): self = .created(try response.decodeBody())
/// case .code(429): self = .tooManyRequests(try response.decodeBody(), retryAfter: try response.header("Retry-After"))
/// …
/// }
/// ```
public struct ReceivedResponse: Sendable {
    /// The answer as the transport returned it.
    public let response: ClientResponse
    /// The documented response that covers the status (its code, its `4XX` range, or `default`).
    public let documented: DocumentedResponse

    public init(_ response: ClientResponse, documented: DocumentedResponse) {
        self.response = response
        self.documented = documented
    }

    /// The HTTP status.
    public var status: Int { response.status }

    /// The `responses` key that covers the status: what a generated `Output` switches over.
    public var documentedStatus: DocumentedResponse.Status { documented.status }

    /// The body read as JSON into `T` (a generated type, `JSONValue`, `String`…).
    public func decodeBody<T: JSONDecodable>(as type: T.Type = T.self) throws(JSONDecodingError) -> T {
        try T(json: jsonBody ?? .null)
    }

    /// The body parsed as JSON; nil for none or one that is not JSON.
    public var jsonBody: JSONValue? {
        guard !response.body.isEmpty else { return nil }
        return try? JSONParser().parse(response.body)
    }

    /// The body as UTF-8 text (a `text/*` media type).
    public var text: String { String(decoding: response.body, as: UTF8.self) }

    /// The body as bytes with the `Content-Type` it came with.
    public var rawBody: RawBody {
        let contentType = response.headers.first { $0.key.lowercased() == "content-type" }?.value
        return RawBody(contentType: contentType ?? "application/octet-stream", bytes: response.body)
    }

    /// The documented header `name` read into `T` by its schema (`Retry-After` → `Int`); an absent header is
    /// `null`, so an optional `T` is nil.
    public func header<T: JSONDecodable>(_ name: String, as type: T.Type = T.self) throws(JSONDecodingError) -> T {
        let sources = ParameterSources(headers: response.headers)
        let value: JSONValue?
        if let rules = documented.headers.first(where: { $0.name.lowercased() == name.lowercased() }) {
            value = ParameterDecoding.value(of: rules, in: sources)
        } else {
            value = sources.headers[name.lowercased()].map(JSONValue.string)
        }
        do {
            return try T(json: value ?? .null)
        } catch {
            throw JSONDecodingError(
                path: FieldPath([.key(name)] + error.path.components), expected: error.expected, found: error.found)
        }
    }
}
