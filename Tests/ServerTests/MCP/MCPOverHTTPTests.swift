import CekiServer
import CekiTestSupport
import Foundation
import Generated
import HTTPTypes
import Handlers
import Hummingbird
import HummingbirdTesting
import Testing

extension TestServer {
    /// The MCP suite's server and database (`ceki_test_mcp`): five tools a page, so listing takes several pages,
    /// and the test `APP_URL`'s origin allowed.
    static let mcp = Task {
        try await TestServer(suite: "mcp") {
            $0.mcp = MCPSettings(allowedOrigins: [TestServer.appURL], pageSize: 5)
        }
    }
}

/// `/mcp/agent` end to end: the tool table is the spec's agent operations, with valid JSON Schema 2020-12; a tool
/// call is the REST call (same checks, same handler, same billing and 402); answers go back on their own HTTP
/// response, so agents reusing a JSON-RPC id never see each other's; and the transport's checks (origin, protocol
/// version, Accept) hold.
@Suite("MCP over HTTP")
struct MCPOverHTTPTests {
    @Test func toolsListIsEveryOperationAnAgentKeyMayCallAndThePublicDirectoryPageByPage() async throws {
        let server = try await TestServer.mcp.value
        try await server.application.test(.live) { client in
            let tools = try await Self.allTools(client)
            let agentOperations = Operations.all.filter {
                if case .required(let schemes) = $0.security { return schemes.contains("agentKey") }
                return false
            }
            let expected = Set(agentOperations.map(\.id.rawValue)).union([
                "searchAgents", "getPublicAgentProfile", "getAgentScheduleHistory",
            ])
            #expect(expected.count == 17)
            #expect(Set(tools.compactMap { $0["name"]?.stringValue }) == expected)
            #expect(tools.count == expected.count)
            for tool in tools {
                let name = tool["name"]?.stringValue ?? "?"
                let descriptor = try #require(Operations.all.first { $0.id.rawValue == name })
                #expect(tool["inputSchema"]?["type"] == "object", "\(name)")
                #expect(tool["outputSchema"]?["type"] == "object", "\(name)")
                #expect(tool["description"]?.stringValue?.isEmpty == false)
                #expect(tool["annotations"]?["readOnlyHint"] == .bool(descriptor.method == "GET"), "\(name)")
            }
            // Parameters and the body's properties side by side, required as the spec says.
            let create = try #require(tools.first { $0["name"] == "createAgentSchedule" })
            let properties = try #require(create["inputSchema"]?["properties"]?.objectValue)
            #expect(Set(properties.keys).isSuperset(of: ["Idempotency-Key", "kal_id", "start", "settings", "timezone"]))
            let required = Set(create["inputSchema"]?["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            #expect(required.isSuperset(of: ["kal_id", "start"]) && !required.contains("Idempotency-Key"))
            let read = try #require(tools.first { $0["name"] == "getAgentSchedule" })
            #expect(read["inputSchema"]?["properties"]?["id"]?["type"] == "integer")
            #expect(read["inputSchema"]?["required"] == ["id"])

            let bad = try await Self.rpc(client, "tools/list", ["cursor": "not-a-cursor"])
            #expect(bad["error"]?["code"] == -32602, "\(bad.json)")
        }
    }

    @Test func everyToolSchemaIsValidJSONSchema2020_12() async throws {
        let server = try await TestServer.mcp.value
        try await server.application.test(.live) { client in
            let tools = try await Self.allTools(client)
            let schemas = tools.flatMap { tool in [tool["inputSchema"], tool["outputSchema"]].compactMap { $0 } }
            #expect(schemas.count == 2 * tools.count)
            let problems = try SchemaCheck.metaschemaProblems(schemas)
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    @Test func aBilledToolChargesOnceAndAShortWalletIsThe402sContent() async throws {
        let server = try await TestServer.mcp.value
        try await server.application.test(.live) { client in
            let (agent, _) = try await AgentWalletOverHTTPTests.agent(server, client, funded: "20.5")
            let kal = try await AgentFixtures.kal(client, agent)
            let arguments = AgentFixtures.scheduleBody(kal: kal)
            let made = try await Self.call(client, "createAgentSchedule", arguments, key: agent.key)
            #expect(made["isError"] == nil, "\(made)")
            #expect(made["_meta"]?["ceki/status"] == 201)
            let schedule = try #require(made["structuredContent"]?["schedule"], "\(made)")
            #expect(schedule["kal_id"]?.int64Value == Int64(kal) && schedule["agent_id"]?.int64Value == Int64(agent.id))
            // The text block repeats the structured result.
            let text = try #require(made["content"]?[0]?["text"]?.stringValue)
            #expect(try JSONParser().parse(text) == made["structuredContent"])
            #expect(try await AgentFixtures.balance(client, agent) == "19.5")
            // Spend 19 of it in SQL: the next creation cannot be paid.
            try await server.pool.query(
                """
                INSERT INTO wallet_transactions (wallet_id, agent_id, type, status, amount, currency, usd_value, usage_type, description)
                SELECT id, agent_id, 'charge', 'confirmed', 19, 'USDT', 19, 'api_search', 'test: spend down'
                FROM wallets WHERE agent_id = \(agent.id)
                """)

            // What the result holds is what the tool's outputSchema describes.
            let tools = try await Self.allTools(client)
            let output = try #require(tools.first { $0["name"] == "createAgentSchedule" }?["outputSchema"])
            #expect(try SchemaCheck.instanceProblems(schema: output, made["structuredContent"] ?? .null).isEmpty)

            // $1 more than the wallet holds: the REST call's 402, as an error result; nothing made, nothing charged.
            let short = try await Self.call(client, "createAgentSchedule", arguments, agentKeyHeader: agent.key)
            #expect(short["isError"] == true, "\(short)")
            #expect(short["_meta"]?["ceki/status"] == 402)
            #expect(short["_meta"]?["ceki/headers"]?["PAYMENT-REQUIRED"]?.stringValue?.isEmpty == false, "\(short)")
            let refusal = try JSONParser().parse(try #require(short["content"]?[0]?["text"]?.stringValue))
            let rest = try await client.call(.post, "/api/agent/schedules", json: arguments, bearer: agent.key)
            #expect(rest.status == 402)
            #expect(refusal["message"] == rest["message"] && refusal["message"]?.stringValue?.isEmpty == false)
            #expect(try await AgentFixtures.balance(client, agent) == "0.5")
            let rows = try await server.pool.query(
                """
                SELECT (SELECT count(*) FROM schedules WHERE agent_id = \(agent.id)) AS schedules,
                       (SELECT count(*) FROM wallet_transactions
                        WHERE agent_id = \(agent.id) AND type = 'charge' AND usage_type = 'api_schedule_create') AS charges
                """)
            #expect(try rows[0].decode(Int.self, "schedules") == 1 && rows[0].decode(Int.self, "charges") == 1)
        }
    }

    @Test func aBadArgumentIsAnErrorResultNamingEveryFieldAsTheRESTCallDoes() async throws {
        let server = try await TestServer.mcp.value
        try await server.application.test(.live) { client in
            let (agent, _) = try await AgentWalletOverHTTPTests.agent(server, client, funded: "25")
            let refused = try await Self.call(
                client, "createAgentSchedule", ["kal_id": "seven", "settings": ["duration": 30], "label": "Mine"],
                key: agent.key)
            #expect(refused["isError"] == true && refused["_meta"]?["ceki/status"] == 422, "\(refused)")
            let body = try JSONParser().parse(try #require(refused["content"]?[0]?["text"]?.stringValue))
            #expect(Set(body["errors"]?.objectValue?.keys ?? []) == ["kal_id", "start", "label", "settings.days"], "\(body)")
            #expect(body["message"]?.stringValue?.isEmpty == false)
            // A path parameter too; and nothing was charged for either.
            let path = try await Self.call(client, "getAgentSchedule", ["id": "x"], key: agent.key)
            #expect(path["isError"] == true && path["_meta"]?["ceki/status"] == 422, "\(path)")
            #expect(try JSONParser().parse(path["content"]?[0]?["text"]?.stringValue ?? "")["errors"]?["id"] != nil)
            #expect(try await AgentFixtures.balance(client, agent) == "25")

            // No key for a tool that needs one: the REST 401, as an error result.
            let anonymous = try await Self.call(client, "getAgentWallet", [:])
            #expect(anonymous["isError"] == true && anonymous["_meta"]?["ceki/status"] == 401, "\(anonymous)")
            // A public tool needs none.
            let profile = try await Self.call(client, "getPublicAgentProfile", ["id": .number(JSONNumber(agent.id))])
            #expect(profile["structuredContent"]?["agent"]?["id"]?.int64Value == Int64(agent.id), "\(profile)")

            let unknown = try await Self.rpc(client, "tools/call", ["name": "dropTables", "arguments": [:]])
            #expect(unknown["error"]?["code"] == -32602, "\(unknown.json)")
            let method = try await Self.rpc(client, "resources/list", [:])
            #expect(method["error"]?["code"] == -32601, "\(method.json)")
        }
    }

    @Test func twoAgentsCallingAtOnceWithTheSameJSONRPCIdEachGetTheirOwnAnswer() async throws {
        let server = try await TestServer.mcp.value
        try await server.application.test(.live) { client in
            let first = try await AgentFixtures.activeAgent(server, client, name: "First Bot")
            let second = try await AgentFixtures.activeAgent(server, client, name: "Second Bot")
            let message: JSONValue = [
                "jsonrpc": "2.0", "id": 1, "method": "tools/call",
                "params": ["name": "getOwnAgentProfile", "arguments": [:]],
            ]
            let agents = (0..<24).map { $0.isMultiple(of: 2) ? first : second }
            let answers = try await client.callInParallel(
                agents.map { ParallelRequest(.post, MCPOverHTTPTests.path, json: message, bearer: $0.key) })
            for (agent, answer) in zip(agents, answers) {
                #expect(answer.status == 200 && answer["id"] == 1)
                #expect(answer["result"]?["structuredContent"]?["agent"]?["id"]?.int64Value == Int64(agent.id), "\(answer.json)")
            }
        }
    }

    @Test func theTransportNegotiatesChecksOriginVersionAndAcceptAndNeedsNoSession() async throws {
        let server = try await TestServer.mcp.value
        try await server.application.test(.live) { client in
            let initialized = try await Self.rpc(
                client, "initialize",
                ["protocolVersion": "2025-06-18", "capabilities": [:], "clientInfo": ["name": "test", "version": "1"]])
            #expect(initialized["result"]?["protocolVersion"] == "2025-06-18", "\(initialized.json)")
            #expect(initialized["result"]?["capabilities"]?["tools"] != nil)
            #expect(initialized.headers[HTTPField.Name("Mcp-Session-Id")!] == nil)
            let newer = try await Self.rpc(client, "initialize", ["protocolVersion": "2099-01-01"])
            #expect(newer["result"]?["protocolVersion"] == "2025-11-25")
            let ping = try await Self.rpc(client, "ping", nil)
            #expect(ping["result"] == [:] && ping["id"] == 1)

            let notification = try await Self.post(client, ["jsonrpc": "2.0", "method": "notifications/initialized"])
            #expect(notification.status == 202 && notification.text.isEmpty)
            let batch = try await Self.post(
                client, [["jsonrpc": "2.0", "id": "a", "method": "ping"], ["jsonrpc": "2.0", "id": "b", "method": "ping"]])
            #expect(batch.json.arrayValue?.compactMap { $0["id"]?.stringValue } == ["a", "b"])

            let origin = HTTPField.Name("Origin")!
            let foreign = try await Self.post(client, Self.message("ping"), headers: [origin: "http://evil.example"])
            #expect(foreign.status == 403 && foreign["error"]?["message"]?.stringValue?.contains("evil.example") == true)
            let own = try await Self.post(client, Self.message("ping"), headers: [origin: TestServer.appURL])
            #expect(own.status == 200)
            let version = HTTPField.Name("MCP-Protocol-Version")!
            #expect(try await Self.post(client, Self.message("ping"), headers: [version: "2024-11-05"]).status == 400)
            #expect(try await Self.post(client, Self.message("ping"), headers: [version: "2025-03-26"]).status == 200)
            // A client accepting JSON alone is served; one that excludes JSON is told so.
            #expect(try await Self.post(client, Self.message("ping"), headers: [.accept: "application/json"]).status == 200)
            #expect(try await Self.post(client, Self.message("ping"), headers: [.accept: "text/html"]).status == 406)

            let notJSON = try await client.execute(
                uri: Self.path, method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{\"jsonrpc\":"), testCallback: JSONResponse.init)
            #expect(notJSON.status == 400 && notJSON["error"]?["code"] == -32700)
            let stream = try await client.execute(uri: Self.path, method: .get, testCallback: JSONResponse.init)
            #expect(stream.status == 405 && stream.headers[.allow] == "POST")
        }
    }

    @Test func aListToolsPageLinksArePagesOfTheRESTOperation() async throws {
        let server = try await TestServer.mcp.value
        try await server.application.test(.live) { client in
            let agent = try await AgentFixtures.activeAgent(server, client)
            let page = try await Self.call(client, "listAgentSchedules", ["page": 2], key: agent.key)
            let list = try #require(page["structuredContent"], "\(page)")
            #expect(list["current_page"] == 2)
            #expect(list["path"]?.stringValue?.hasSuffix("/api/agent/schedules") == true, "\(list)")
        }
    }

    // MARK: - Helpers

    static let path = "/mcp/agent"

    static func message(_ method: String, _ params: JSONValue? = nil, id: JSONValue = 1) -> JSONValue {
        var object: JSONObject = ["jsonrpc": "2.0", "id": id, "method": .string(method)]
        if let params { object["params"] = params }
        return .object(object)
    }

    static func post(
        _ client: some TestClientProtocol, _ body: JSONValue, bearer: String? = nil, headers: HTTPFields = [:]
    ) async throws -> JSONResponse {
        try await client.call(.post, path, json: body, bearer: bearer, headers: headers, contract: .unchecked)
    }

    static func rpc(_ client: some TestClientProtocol, _ method: String, _ params: JSONValue?) async throws -> JSONResponse {
        let answer = try await post(client, message(method, params))
        #expect(answer.status == 200, "\(answer.text)")
        return answer
    }

    /// The `result` of a `tools/call`, by `Authorization: Bearer` (`key`) or by `X-Agent-Key`.
    static func call(
        _ client: some TestClientProtocol, _ tool: String, _ arguments: JSONValue, key: String? = nil,
        agentKeyHeader: String? = nil
    ) async throws -> JSONValue {
        var headers: HTTPFields = [:]
        if let agentKeyHeader { headers[HTTPField.Name("X-Agent-Key")!] = agentKeyHeader }
        let answer = try await post(
            client, message("tools/call", ["name": .string(tool), "arguments": arguments]), bearer: key,
            headers: headers)
        #expect(answer.status == 200 && answer["error"] == nil, "\(answer.text)")
        return answer["result"] ?? .null
    }

    /// Every tool, following `nextCursor` to the end.
    static func allTools(_ client: some TestClientProtocol) async throws -> [JSONValue] {
        var tools: [JSONValue] = []
        var cursor: JSONValue?
        var pages = 0
        repeat {
            let page = try await rpc(client, "tools/list", cursor.map { ["cursor": $0] } ?? [:])
            tools += page["result"]?["tools"]?.arrayValue ?? []
            cursor = page["result"]?["nextCursor"]
            pages += 1
        } while cursor != nil && pages < 100
        #expect(pages == 4, "17 tools in pages of 5")
        return tools
    }
}

/// JSON Schema checks by the reference Python implementation (`jsonschema`, installed by scripts/setup), so the
/// server's schemas are judged by a validator that is not its own.
enum SchemaCheck {
    /// For each schema that is not valid against the 2020-12 metaschema, what is wrong with it.
    static func metaschemaProblems(_ schemas: [JSONValue]) throws -> [String] {
        try run(
            """
            import json, sys
            from jsonschema import Draft202012Validator
            for schema in json.load(sys.stdin):
                for error in Draft202012Validator(Draft202012Validator.META_SCHEMA).iter_errors(schema):
                    print(json.dumps(schema)[:200], "::", error.message[:300])
            """, input: .array(schemas))
    }

    /// Where `instance` breaks `schema`.
    static func instanceProblems(schema: JSONValue, _ instance: JSONValue) throws -> [String] {
        try run(
            """
            import json, sys
            from jsonschema import Draft202012Validator
            given = json.load(sys.stdin)
            for error in Draft202012Validator(given["schema"]).iter_errors(given["instance"]):
                print(list(error.absolute_path), error.message[:300])
            """, input: ["schema": schema, "instance": instance])
    }

    private static func run(_ script: String, input: JSONValue) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.environment["CEKI_PYTHON"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/bin/python3")
        process.arguments = ["-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.encoded()))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PythonFailed(message: String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    struct PythonFailed: Error, CustomStringConvertible {
        var message: String
        var description: String { "python jsonschema check failed (scripts/setup installs jsonschema): \(message)" }
    }
}
