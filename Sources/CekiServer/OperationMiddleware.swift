import Foundation
import Generated
import HTTPTypes
import Handlers
import Hummingbird

/// Serves every operation of the spec through the generated router: route (404 for an unknown path, 405 with
/// `Allow` for a known path with another method), authenticate by the operation's security (401), decode and
/// validate parameters and body (400/422 naming every field), then call the `APIHandler`.
/// Requests that match no operation go on to the rest of the server (health, the spec, the JSON 404).
struct OperationMiddleware<Handler: APIHandler>: RouterMiddleware {
    typealias Context = CekiRequestContext

    let handler: Handler
    let authenticator: Authenticator
    /// The operation table by id, built once.
    let descriptors: [OperationID: OperationDescriptor]
    /// `uploadFiles` streamed to disk; without it (tests of the HTTP layer alone) the form is collected like any.
    let streamedUpload: StreamedUpload?
    /// Whose `X-Forwarded-For` names the client that rate limits count.
    let trustedProxies: TrustedProxies

    init(
        handler: Handler, authenticator: Authenticator, streamedUpload: StreamedUpload? = nil,
        trustedProxies: TrustedProxies = .none
    ) {
        self.handler = handler
        self.authenticator = authenticator
        self.streamedUpload = streamedUpload
        self.trustedProxies = trustedProxies
        self.descriptors = Dictionary(uniqueKeysWithValues: Operations.all.map { ($0.id, $0) })
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let method = request.method.rawValue
        switch APIRouter.route(method: method, path: request.uri.path) {
        case .notFound:
            return try await next(request, context)
        case .methodNotAllowed(let allowed):
            var error = JSONErrorResponse(
                status: .methodNotAllowed, message: "The \(method) method is not supported for this route. Supported methods: \(allowed.joined(separator: ", ")).")
            error.headers[.allow] = allowed.joined(separator: ", ")
            throw error
        case .found(let operation, let rawParameters):
            guard let descriptor = descriptors[operation] else { return try await next(request, context) }
            // The operation names the request in metrics (MetricsMiddleware) as a route's path does elsewhere.
            context.coreContext.endpointPath.value = operation.rawValue
            let answer: OperationResponse
            do {
                // 401 for missing or dead credentials; 403 for a proven caller the platform stopped (a suspended
                // or banned agent), both as problems rendered below.
                let principal = try await authenticator.principal(
                    for: descriptor.security, authorization: request.headers[.authorization])
                var headers: [String: String] = [:]
                for field in request.headers { headers[field.name.canonicalName] = field.value }
                // The router has percent-decoded the path parameters already; decoding again would turn `%2540`
                // into `@`.
                let sources = ParameterSources(
                    path: rawParameters, query: QueryString(request.uri.query ?? ""), headers: headers)
                // Where the request came from, for every operation alike: rate limits and page links read it.
                answer = try await RequestOrigin.serving(request, context, trustedProxies: trustedProxies) {
                    try await answering(operation, request, context, sources: sources, principal: principal)
                }
            } catch let rejection as RequestRejection {
                return Self.json(status: rejection.status, body: rejection.responseBody)
            } catch let problem as any APIProblem {
                return Self.json(status: problem.status, body: problem.responseBody, headers: problem.responseHeaders)
            }
            if let raw = answer.rawBody {
                return Self.raw(status: answer.status, body: raw, headers: answer.headers.map { ($0.name, $0.value) })
            }
            return Self.json(
                status: answer.status, body: answer.body, headers: answer.headers.map { ($0.name, $0.value) })
        }
    }

    /// The operation's answer: `uploadFiles` streamed to disk as it arrives (StreamedUpload), every other operation
    /// with its body collected up to the context's limit.
    private func answering(
        _ operation: OperationID, _ request: Request, _ context: Context, sources: ParameterSources,
        principal: Principal?
    ) async throws -> OperationResponse {
        if operation == .uploadFiles, let streamedUpload {
            let (input, files) = try await streamedUpload.receive(request, sources: sources, principal: principal)
            let output = Operations.UploadFiles.Output.created(
                try await streamedUpload.uploads.upload(input.body, files: files, by: Caller(principal)))
            return OperationResponse(status: output.status, body: output.body, headers: output.headers)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: context.maxUploadSize)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw Problem.tooLarge(
                "The request body is larger than \(context.maxUploadSize / 1_048_576) MB, the most this operation "
                    + "takes; nothing was done.")
        }
        return try await handler.handle(operation, sources: sources, body: Array(buffer: body), principal: principal)
    }

    /// An answer whose body is not JSON (a `text/*` or binary media type of the spec), written with its own
    /// `Content-Type`.
    static func raw(status: Int, body: RawBody, headers extra: [(name: String, value: String)]) -> Response {
        var headers = HTTPFields()
        for (name, value) in extra {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        headers[.contentType] = body.contentType
        return Response(
            status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body.bytes)))
    }

    static func json(status: Int, body: JSONValue?, headers extra: [(name: String, value: String)] = []) -> Response {
        var headers = HTTPFields()
        for (name, value) in extra {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        guard let body else { return Response(status: .init(code: status), headers: headers) }
        headers[.contentType] = "application/json"
        return Response(
            status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body.encoded())))
    }
}

extension HTTPField.Name {
    /// The proxies' headers naming the client (TrustedProxies).
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let forwarded = HTTPField.Name("Forwarded")!
}
