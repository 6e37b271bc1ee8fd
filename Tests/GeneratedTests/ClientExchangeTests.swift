import Synchronization
import Testing

@testable import SpecGenRuntime

/// A transport that records what it is asked to send and answers with a canned response.
final class RecordingTransport: ClientTransport {
    private let state: Mutex<(sent: [ClientRequest], answer: ClientResponse)>

    init(answer: ClientResponse = ClientResponse(status: 204)) {
        state = Mutex(([], answer))
    }

    var sent: [ClientRequest] { state.withLock { $0.sent } }

    func send(_ request: ClientRequest) async throws -> ClientResponse {
        state.withLock { state in
            state.sent.append(request)
            return state.answer
        }
    }
}

/// One operation's round trip without generated types: how the request is written, what is refused before
/// sending, how credentials are chosen, and which answers are errors.
@Suite("Client exchange")
struct ClientExchangeTests {
    static let exchange = ClientExchange(
        method: "POST", path: "/things/{id}",
        rules: RequestRules(
            parameters: [
                .path("id", .integer(minimum: 1)), .query("tags", .array(items: .string(maxLength: 3))),
                .header("X-Trace", .string()),
            ],
            body: .object(properties: ["name": .string(minLength: 1)], required: ["name"]), isBodyRequired: true),
        responses: [
            .code(200, json: .object(properties: ["id": .integer(minimum: 1)], required: ["id"])),
            .code(429, json: .any, headers: [.header("Retry-After", .integer(minimum: 0), required: true)]),
            .code(204),
        ],
        securityRequirements: [["userToken"], ["agentKey"]])

    static let values = ClientRequestValues(
        parameters: ["id": 7, "tags": ["a", "b c"], "X-Trace": "t-1"], body: .json("application/json", ["name": "x"]))

    @Test func theRequestIsWrittenAsTheRulesSay() throws {
        let request = try Self.exchange.request(Self.values)
        #expect(request.method == "POST")
        #expect(request.path == "/things/7?tags=a&tags=b%20c")
        #expect(request.header("X-Trace") == "t-1")
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.body == Array(#"{"name":"x"}"#.utf8))
    }

    @Test func anInvalidRequestIsRefusedNamingEveryFieldAndNeverSent() async {
        let transport = RecordingTransport()
        let values = ClientRequestValues(
            parameters: ["id": 0, "tags": ["long"]], body: .json("application/json", ["name": ""]))
        await #expect {
            _ = try await Self.exchange.run(values, transport: transport, credentials: [:], schemes: [:])
        } throws: { error in
            guard let error = error as? ClientError, let errors = error.validationErrors else { return false }
            return Set(errors.fields.map(\.key)) == ["id", "tags.0", "name"]
                && error.description.hasPrefix("POST /things/{id} was not sent: the server would answer 422.")
                && error.description.contains("name: The name field must be at least 1 characters.")
        }
        #expect(transport.sent.isEmpty)
    }

    @Test func aMissingRequiredBodyIsRefusedToo() {
        #expect(throws: ClientError.self) { try Self.exchange.request(ClientRequestValues(parameters: ["id": 1])) }
    }

    @Test func theFirstSecurityAlternativeHeldIsSentAndAnOpenOperationGetsNone() async throws {
        let transport = RecordingTransport()
        let schemes: [String: ClientSecurityScheme] = [
            "userToken": .bearer, "agentKey": .apiKey(name: "X-Agent-Key", in: .header),
        ]
        _ = try await Self.exchange.run(
            Self.values, transport: transport, credentials: ["agentKey": "k"], schemes: schemes)
        _ = try await Self.exchange.run(
            Self.values, transport: transport, credentials: ["agentKey": "k", "userToken": "t"], schemes: schemes)
        var open = Self.exchange
        open.securityRequirements = [[]]
        _ = try await open.run(Self.values, transport: transport, credentials: ["userToken": "t"], schemes: schemes)
        let sent = transport.sent
        #expect(sent[0].header("X-Agent-Key") == "k" && sent[0].header("Authorization") == nil)
        #expect(sent[1].header("Authorization") == "Bearer t" && sent[1].header("X-Agent-Key") == nil)
        #expect(sent[2].header("Authorization") == nil && sent[2].header("X-Agent-Key") == nil)
    }

    @Test func heldCredentialsAreSentEvenWhenTheSpecListsAnonymousFirst() {
        let credentials: ClientCredentials = ["userToken": "t", "appKey": "k"]
        #expect(credentials.satisfying([[], ["userToken"]]) == ["userToken"])
        let both = [["agentKey", "appKey"], ["userToken", "appKey"]]
        #expect(credentials.satisfying(both) == ["userToken", "appKey"])
        #expect(credentials.satisfying([["agentKey"], []]) == nil)
        #expect(credentials.satisfying([[]]) == nil)
    }

    @Test func schemesCarryTheirCredentialWhereTheySay() {
        var request = ClientRequest(method: "GET", path: "/a?x=1", headers: [("Cookie", "theme=dark")])
        let credentials: ClientCredentials = ["basic": "anna:secret", "query": "k&1", "cookie": "c 1", "digest": "d"]
        credentials.apply(
            ["basic", "query", "cookie", "digest"],
            table: [
                "basic": .basic, "query": .apiKey(name: "api_key", in: .query),
                "cookie": .apiKey(name: "sid", in: .cookie), "digest": .authorization(scheme: "Digest"),
            ], to: &request)
        #expect(request.path == "/a?x=1&api_key=k%261")
        #expect(request.header("Cookie") == "theme=dark; sid=c%201")
        #expect(
            request.headers.filter { $0.name == "Authorization" }.map(\.value) == [
                "Basic YW5uYTpzZWNyZXQ=", "Digest d",
            ])
    }

    @Test func anUndocumentedStatusIsAnErrorNamingIt() {
        #expect {
            _ = try Self.exchange.received(ClientResponse(status: 500, body: Array(#"{"message": "oops"}"#.utf8)))
        } throws: { error in
            guard let error = error as? ClientError else { return false }
            return error.status == 500
                && error.mismatches == [.undocumentedStatus(500, documented: ["200", "429", "204"])]
                && error.description
                    == "POST /things/{id} answered 500, which the spec does not describe: status 500 is not documented (documented: 200, 429, 204)"
        }
    }

    @Test func aBodyOrHeaderThatFailsItsSchemaNamesTheField() {
        let json = ["Content-Type": "application/json"]
        #expect {
            _ = try Self.exchange.received(ClientResponse(status: 200, headers: json, body: Array(#"{"id": 0}"#.utf8)))
        } throws: { error in
            (error as? ClientError)?.description.hasSuffix("body id: The id field must be at least 1.") == true
        }
        #expect {
            _ = try Self.exchange.received(ClientResponse(status: 429, headers: json, body: Array("{}".utf8)))
        } throws: { error in
            (error as? ClientError)?.mismatches == [.missingHeader("Retry-After")]
        }
    }

    @Test func aDocumentedAnswerIsReadByItsSchema() throws {
        let response = try Self.exchange.received(
            ClientResponse(
                status: 429, headers: ["content-type": "application/json", "retry-after": "30"], body: Array("{}".utf8))
        )
        #expect(response.documentedStatus == .code(429))
        #expect(try response.header("Retry-After", as: Int.self) == 30)
        #expect(try response.header("X-Absent", as: Int?.self) == nil)
        #expect(try response.decodeBody(as: JSONValue.self) == [:])
        #expect(try Self.exchange.received(ClientResponse(status: 204)).jsonBody == nil)
    }
}
