/// One operation: an HTTP method on a path, with everything needed to route, decode, validate and answer.
struct Operation: Sendable {
    /// The method, e.g. `.post`.
    var method: HTTPMethod
    /// The path template, e.g. `/api/agent/register`.
    var path: String
    /// The `operationId`, e.g. `registerAgent`; the linter requires it, the reader does not.
    var operationID: String?
    /// The one-line `summary`.
    var summary: String?
    /// The long `description`.
    var description: String?
    /// The `tags`, e.g. `["AgentAuth"]`.
    var tags: [String]
    /// Whether the operation is `deprecated`.
    var deprecated: Bool
    /// Every parameter, path-item level ones merged in (an operation's own parameter replaces a path item's
    /// with the same name and location), references resolved.
    var parameters: [Parameter]
    /// The request body, reference resolved.
    var requestBody: RequestBody?
    /// The responses in document order, references resolved.
    var responses: [Response]
    /// The operation's own `security`; nil when it inherits the document's. `[]` means "no authentication".
    var security: [SecurityRequirement]?
    /// The `callbacks` (read, not generated).
    var callbacks: OrderedMap<Callback>
    /// `x-` extensions.
    var extensions: OrderedMap<SpecValue>
    /// Where the operation is, e.g. `#/paths/~1api~1login/post`.
    var source: SpecLocation

    /// The parameters found at one location.
    func parameters(in location: ParameterLocation) -> [Parameter] {
        parameters.filter { $0.location == location }
    }
}

/// The HTTP methods OpenAPI allows as path-item keys, in the spec's order.
enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    case get, put, post, delete, options, head, patch, trace

    /// The method as sent on the wire, e.g. `POST`.
    var wireName: String { rawValue.uppercased() }
}
