import Foundation
import Generated
import HTTPTypes
import Handlers
import Hummingbird

/// `/mcp/agent`: MCP's Streamable HTTP transport, answering each POSTed JSON-RPC message (or batch) with
/// `application/json` on the same response. There is no server-to-client stream (GET is a 405, as the transport
/// allows) and no session (DELETE is a 405 too).
///
/// Checked before a message is read, as the transport asks: an `Origin` that is not one the operator allows is a
/// 403 (a web page must not drive an agent's wallet from the agent's own machine), an `MCP-Protocol-Version` this
/// server does not speak a 400. A client that accepts only `application/json` is served like one that also accepts
/// `text/event-stream`.
struct MCPRoute<Handler: APIHandler>: Sendable {
    static var path: String { "/mcp/agent" }
    /// The largest message read (a tool call's arguments are a REST body; the JSON routes take the same).
    static var maximumBody: Int { 1_048_576 }

    let server: MCPAgentServer<Handler>
    let settings: MCPSettings

    func register(on router: Router<CekiRequestContext>) {
        router.post(RouterPath(Self.path)) { request, context in
            try await post(request, context: context)
        }
        for method in [HTTPRequest.Method.get, .delete] {
            router.on(RouterPath(Self.path), method: method) { _, _ -> Response in
                var error = JSONErrorResponse(
                    status: .methodNotAllowed,
                    message: "MCP at \(Self.path) is answered on the POST that asks: there is no stream to open and no session to end.")
                error.headers[.allow] = "POST"
                throw error
            }
        }
    }

    func post(_ request: Request, context: CekiRequestContext) async throws -> Response {
        if let origin = request.headers[.origin], !settings.allows(origin: origin) {
            return Self.json(.forbidden, JSONRPCResponse.error(
                id: .null, .invalidRequest("The origin \(origin) may not call this server (MCP_ALLOWED_ORIGINS).")))
        }
        if let version = request.headers[.mcpProtocolVersion],
            !MCPAgentServer<Handler>.protocolVersions.contains(version)
        {
            return Self.json(.badRequest, JSONRPCResponse.error(
                id: .null,
                .invalidRequest(
                    "MCP-Protocol-Version \(version) is not one this server speaks: "
                        + MCPAgentServer<Handler>.protocolVersions.joined(separator: ", ") + ".")))
        }
        if let accept = request.headers[.accept], !Self.acceptsJSON(accept) {
            return Self.json(.notAcceptable, JSONRPCResponse.error(
                id: .null, .invalidRequest("This server answers with application/json; the Accept header excludes it.")))
        }
        if let type = request.headers[.contentType], !type.lowercased().hasPrefix("application/json") {
            return Self.json(.unsupportedMediaType, JSONRPCResponse.error(
                id: .null, .invalidRequest("A message is sent as application/json, not \(type).")))
        }
        let bytes: [UInt8]
        do {
            bytes = Array(buffer: try await request.body.collect(upTo: Self.maximumBody))
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return Self.json(.contentTooLarge, JSONRPCResponse.error(
                id: .null, .invalidRequest("A message is at most \(Self.maximumBody / 1_048_576) MB.")))
        }
        let parsed: JSONValue
        do {
            parsed = try JSONParser().parse(bytes)
        } catch {
            return Self.json(.badRequest, JSONRPCResponse.error(id: .null, .parse("The body is not JSON: \(error).")))
        }
        if case .array(let batch) = parsed {
            guard !batch.isEmpty else {
                return Self.json(.badRequest, JSONRPCResponse.error(id: .null, .invalidRequest("The batch is empty.")))
            }
            var replies: [JSONValue] = []
            for message in batch {
                if let reply = await reply(to: JSONRPCMessage(message), request, context) { replies.append(reply) }
            }
            return replies.isEmpty ? Response(status: .accepted) : Self.json(.ok, .array(replies))
        }
        guard let reply = await reply(to: JSONRPCMessage(parsed), request, context) else {
            return Response(status: .accepted)
        }
        return Self.json(.ok, reply)
    }

    /// The response to one message; nil for a notification or a client's response, which get none.
    private func reply(to message: JSONRPCMessage, _ request: Request, _ context: CekiRequestContext) async -> JSONValue? {
        switch message {
        case .notification, .response:
            return nil
        case .invalid(let id, let reason):
            return JSONRPCResponse.error(id: id, .invalidRequest(reason))
        case .request(let id, let method, let params):
            do {
                return JSONRPCResponse.result(
                    id: id, try await server.answer(method: method, params: params, request: request, context: context))
            } catch {
                return JSONRPCResponse.error(id: id, error)
            }
        }
    }

    /// Whether an `Accept` header admits `application/json` (`application/json`, `application/*`, `*/*`, with any
    /// parameters other than `q=0`).
    static func acceptsJSON(_ accept: String) -> Bool {
        accept.split(separator: ",").contains { range in
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = parts.first, ["application/json", "application/*", "*/*"].contains(type) else {
                return false
            }
            return !parts.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "") == "q=0" }
        }
    }

    private static func json(_ status: HTTPResponse.Status, _ body: JSONValue) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: body.encoded())))
    }
}
