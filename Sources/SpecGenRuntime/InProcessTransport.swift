/// A ``ClientTransport`` that answers in process with a server's own pieces: the operation table's routes, a
/// security check, the request rules and the handler (a generated `APIHandler`'s `handle`), so a client can be
/// tested against the handler it will meet, with no network. Generated code makes one with
/// `handler.inProcessTransport(authenticate:)`.
///
/// It answers as a server built on the runtime does: 404 for a path no operation has, 405 with `Allow` for another
/// method, 401 when the operation requires `security` and `authenticate` finds no caller, 400/415/422 from the
/// rules, then the handler's status, headers and body (JSON, or a raw body with its own `Content-Type`).
public struct InProcessTransport<ID: Hashable & Sendable>: ClientTransport {
    /// Finds the caller a request's credentials prove, for the operation it reached; nil for none.
    public typealias Authenticate = @Sendable (ClientRequest, OperationTableRow<ID>) -> Principal?
    /// Decodes, validates and answers one routed request (`APIHandler.handle`).
    public typealias Handle = @Sendable (ID, ParameterSources, [UInt8], Principal?) async throws -> OperationResponse

    private let tree: RouteTree<ID>
    private let rows: [ID: OperationTableRow<ID>]
    private let authenticate: Authenticate?
    private let handle: Handle

    /// Routes by `operations`, authenticates with `authenticate` (every caller anonymous when nil) and answers
    /// with `handle`.
    public init(operations: [OperationTableRow<ID>], authenticate: Authenticate? = nil, handle: @escaping Handle) {
        self.tree = RouteTree(operations)
        self.rows = Dictionary(operations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.authenticate = authenticate
        self.handle = handle
    }

    public func send(_ request: ClientRequest) async throws -> ClientResponse {
        let (path, query) = Self.split(request.path)
        switch tree.route(method: request.method, path: path) {
        case .notFound:
            return Self.json(404, ["message": .string("No operation has the path \(path).")])
        case .methodNotAllowed(let allowed):
            var response = Self.json(
                405, ["message": .string("The \(request.method) method is not supported for this route.")])
            response.headers["Allow"] = allowed.joined(separator: ", ")
            return response
        case .found(let id, let captures):
            guard let row = rows[id] else {
                return Self.json(404, ["message": .string("No operation has the path \(path).")])
            }
            let principal = authenticate?(request, row)
            if case .required = row.security, principal == nil {
                return Self.json(401, ["message": "Unauthenticated."])
            }
            let headers = Dictionary(
                request.headers.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            let sources = ParameterSources(path: captures, query: QueryString(query), headers: headers)
            let answer: OperationResponse
            do {
                answer = try await handle(id, sources, request.body, principal)
            } catch let rejection as RequestRejection {
                return Self.json(rejection.status, rejection.responseBody)
            }
            var response = ClientResponse(status: answer.status)
            for header in answer.headers { response.headers[header.name] = header.value }
            if let raw = answer.rawBody {
                response.headers["Content-Type"] = raw.contentType
                response.body = raw.bytes
            } else if let body = answer.body {
                response.headers["Content-Type"] = "application/json"
                response.body = body.encoded()
            }
            return response
        }
    }

    /// `/a/b?x=1` → (`/a/b`, `x=1`).
    private static func split(_ target: String) -> (path: String, query: Substring) {
        guard let mark = target.firstIndex(of: "?") else { return (target, "") }
        return (String(target[..<mark]), target[target.index(after: mark)...])
    }

    private static func json(_ status: Int, _ body: JSONValue) -> ClientResponse {
        ClientResponse(status: status, headers: ["Content-Type": "application/json"], body: body.encoded())
    }
}
