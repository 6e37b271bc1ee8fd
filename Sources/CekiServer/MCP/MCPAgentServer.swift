import Generated
import HTTPTypes
import Handlers
import Hummingbird
import Logging

/// The MCP methods agents call at `/mcp/agent`: `initialize`, `ping`, `tools/list` and `tools/call`, over the tools
/// the spec marks `x-mcp` (`MCPTools.all`). It keeps no session: every message is answered from what it carries,
/// so a client may call `tools/call` without `initialize` (the platform's own client libraries do), replies go back
/// on the HTTP response of the request that asked (two agents using the same JSON-RPC id cannot meet), and any
/// instance behind a load balancer can answer any message.
///
/// A tool call is the REST operation: its arguments become the request the operation would have received
/// (``MCPTool/request(arguments:method:path:)``), authenticated by the same agent key, checked by the same rules
/// and answered by the same handler, billing and 402 included (docs/mcp.md).
struct MCPAgentServer<Handler: APIHandler>: Sendable {
    /// The protocol revisions served, newest first: the first is offered to a client asking for another.
    static var protocolVersions: [String] { ["2025-11-25", "2025-06-18", "2025-03-26"] }

    let handler: Handler
    let authenticator: Authenticator
    let trustedProxies: TrustedProxies
    /// How many tools one `tools/list` page holds.
    let pageSize: Int
    let tools: [MCPTool<OperationID>]
    private let toolsByName: [String: MCPTool<OperationID>]
    private let descriptors: [OperationID: OperationDescriptor]

    init(
        handler: Handler, authenticator: Authenticator, trustedProxies: TrustedProxies, pageSize: Int = 50,
        tools: [MCPTool<OperationID>] = MCPTools.all
    ) {
        self.handler = handler
        self.authenticator = authenticator
        self.trustedProxies = trustedProxies
        self.pageSize = max(1, pageSize)
        self.tools = tools
        self.toolsByName = Dictionary(tools.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.descriptors = Dictionary(uniqueKeysWithValues: Operations.all.map { ($0.id, $0) })
    }

    /// The `result` of one request, or the JSON-RPC error it is answered with.
    func answer(
        method: String, params: JSONObject, request: Request, context: CekiRequestContext
    ) async throws(JSONRPCError) -> JSONValue {
        switch method {
        case "initialize": return initialize(params)
        case "ping": return .object([:])
        case "tools/list": return try list(params)
        case "tools/call": return try await call(params, request: request, context: context)
        default: throw .methodNotFound(method)
        }
    }

    private func initialize(_ params: JSONObject) -> JSONValue {
        let asked = params["protocolVersion"]?.stringValue
        let version = asked.flatMap { Self.protocolVersions.contains($0) ? $0 : nil } ?? Self.protocolVersions[0]
        return .object([
            "protocolVersion": .string(version),
            "capabilities": .object(["tools": .object(["listChanged": false])]),
            "serverInfo": .object(["name": "ceki", "title": "Ceki agent API", "version": "1.0.0"]),
            "instructions": .string(
                "Each tool is one operation of the Ceki agent API (the REST paths under /api/agent). Authenticate with "
                    + "your agent key (Authorization: Bearer ceki_... or X-Agent-Key); billed tools charge your wallet "
                    + "exactly as the REST call does, and a short wallet is an error result with the 402's content."),
        ])
    }

    /// One page of tools; the cursor is the position of the page's first tool.
    private func list(_ params: JSONObject) throws(JSONRPCError) -> JSONValue {
        var start = 0
        if let cursor = params["cursor"] {
            guard let text = cursor.stringValue, let position = Int(text), (0...tools.count).contains(position) else {
                throw .invalidParams("The cursor is not one this server gave.")
            }
            start = position
        }
        let end = min(tools.count, start + pageSize)
        var result: JSONObject = ["tools": .array(tools[start..<end].map(\.listing))]
        if end < tools.count { result["nextCursor"] = .string(String(end)) }
        return .object(result)
    }

    private func call(
        _ params: JSONObject, request: Request, context: CekiRequestContext
    ) async throws(JSONRPCError) -> JSONValue {
        guard let name = params["name"]?.stringValue else { throw .invalidParams("tools/call needs the tool's name.") }
        guard let tool = toolsByName[name], let descriptor = descriptors[tool.operation] else {
            throw .invalidParams("Unknown tool: \(name). tools/list names every tool.")
        }
        let arguments: JSONObject
        switch params["arguments"] {
        case nil, .some(.null): arguments = JSONObject()
        case .some(.object(let given)): arguments = given
        default: throw .invalidParams("A tool's arguments are an object.")
        }
        let encoded = tool.request(arguments: arguments, method: descriptor.method, path: descriptor.path)
        let (path, query) = Self.split(encoded.request.path)
        do {
            let answer = try await RequestOrigin.serving(
                request, context, trustedProxies: trustedProxies, path: path, query: query
            ) {
                let principal = try await authenticator.principal(
                    for: descriptor.security, authorization: Self.credential(request))
                return try await handler.handle(
                    tool.operation, sources: encoded.sources, body: encoded.request.body, principal: principal)
            }
            guard (200..<300).contains(answer.status) else {
                return Self.errorResult(status: answer.status, body: answer.body, headers: answer.headers.map { ($0.name, $0.value) })
            }
            return Self.successResult(tool, answer)
        } catch let rejection as RequestRejection {
            return Self.errorResult(status: rejection.status, body: rejection.responseBody, headers: [])
        } catch let problem as any APIProblem {
            return Self.errorResult(status: problem.status, body: problem.responseBody, headers: problem.responseHeaders)
        } catch {
            context.logger.error("MCP tool call failed", metadata: ["tool": "\(name)", "error": "\(error)"])
            throw .internalError("The tool \(name) failed on the server; nothing more is known to the caller.")
        }
    }

    /// The agent's credential: `Authorization` as sent, or `X-Agent-Key` as a bearer token.
    private static func credential(_ request: Request) -> String? {
        if let authorization = request.headers[.authorization], !authorization.isEmpty { return authorization }
        if let key = request.headers[.xAgentKey], !key.isEmpty { return "Bearer " + key }
        return nil
    }

    private static func successResult(_ tool: MCPTool<OperationID>, _ answer: OperationResponse) -> JSONValue {
        var result: JSONObject = ["_meta": .object(["ceki/status": .number(JSONNumber(answer.status))])]
        if let body = answer.body {
            result["content"] = .array([.object(["type": "text", "text": .string(String(decoding: body.encoded(), as: UTF8.self))])])
            if tool.outputSchema != nil, let structured = tool.structuredContent(body) {
                result["structuredContent"] = structured
            }
        } else {
            result["content"] = .array([])
        }
        return .object(result)
    }

    /// A refusal as a tool result the model can read: the REST answer's JSON body as text (its message and, for a
    /// 422, every field's messages), the status and headers (a 402's `PAYMENT-REQUIRED`) in `_meta`.
    private static func errorResult(status: Int, body: JSONValue?, headers: [(name: String, value: String)]) -> JSONValue {
        var meta: JSONObject = ["ceki/status": .number(JSONNumber(status))]
        if !headers.isEmpty {
            var object = JSONObject()
            for (name, value) in headers { object[name] = .string(value) }
            meta["ceki/headers"] = .object(object)
        }
        let text = body.map { String(decoding: $0.encoded(), as: UTF8.self) } ?? #"{"message":"HTTP \#(status)"}"#
        return .object([
            "isError": true, "content": .array([.object(["type": "text", "text": .string(text)])]),
            "_meta": .object(meta),
        ])
    }

    private static func split(_ target: String) -> (path: String, query: String) {
        guard let mark = target.firstIndex(of: "?") else { return (target, "") }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }
}

extension HTTPField.Name {
    /// An agent key sent on its own, as some MCP clients send API keys.
    static let xAgentKey = HTTPField.Name("X-Agent-Key")!
    /// MCP's protocol revision header.
    static let mcpProtocolVersion = HTTPField.Name("MCP-Protocol-Version")!
}
