import CekiTestSupport
import Foundation
import Generated
import HTTPTypes
import Handlers
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import CekiServer

/// Every operation of spec/openapi.yaml, over HTTP: routed, authenticated by its security, validated, and
/// answered (501 until it is implemented).
@Suite("Operations over HTTP")
struct OperationRoutingTests {
    static func application(authenticator: Authenticator = .rejectingEverything) -> some ApplicationProtocol {
        buildApplication(
            configuration: ServerConfiguration(
                host: "127.0.0.1", port: 0, database: PostgresConfiguration(url: SystemRoutesTests.databaseURL),
                logLevel: .warning, logFormat: .text),
            pool: SystemRoutesTests.pool, logger: Logger(label: "test"), authenticator: authenticator)
    }

    /// A concrete path for a template: every `{parameter}` becomes 1 (ids are integers ≥ 1 in this spec).
    static func concretePath(_ template: String) -> String {
        template.replacingOccurrences(of: #"\{[^}]+\}"#, with: "1", options: .regularExpression)
    }

    @Test func theSpecHasEveryOperationOfTheRouteTable() {
        #expect(Operations.all.count == 118)
    }

    @Test func everyOperationIsRoutedAndThoseNeedingCredentialsAnswer401WithoutThem() async throws {
        try await Self.application().test(.live) { client in
            for operation in Operations.all {
                let method = HTTPRequest.Method(operation.method)!
                try await client.execute(uri: Self.concretePath(operation.path), method: method) { response in
                    let status = response.status.code
                    // A 404 from the router has Hummingbird's words; a handler's names what it did not find.
                    let routed = status != 405 && !(status == 404 && String(buffer: response.body).contains("Not Found"))
                    #expect(routed, "\(operation.id) \(operation.method) \(operation.path) was not routed")
                    switch operation.security {
                    case .required:
                        #expect(status == 401, "\(operation.id) answered \(status) without credentials")
                        #expect(String(buffer: response.body) == #"{"message":"Unauthenticated."}"#)
                    case .none, .optional:
                        // Public operations run (this database may not have every table: only routing is checked).
                        break
                    }
                }
            }
        }
    }

    @Test func aMalformedAuthorizationHeaderIs401() async throws {
        try await Self.application().test(.live) { client in
            for header in ["", "Bearer", "Basic dXNlcjpwYXNz", "Bearer a b", "Token ceki_abc"] {
                try await client.execute(
                    uri: "/api/agent/wallet", method: .get, headers: [.authorization: header]
                ) { response in
                    #expect(response.status == .unauthorized, "Authorization: \(header)")
                }
            }
        }
    }

    @Test func anAcceptedCredentialReachesTheOperation() async throws {
        let authenticator = Authenticator { scheme, credential in
            scheme == "userToken" && credential == "ceki_test" ? Principal(scheme: scheme, id: 7, credential: 1) : nil
        }
        try await Self.application(authenticator: authenticator).test(.live) { client in
            // Past authentication the handler runs: whatever it answers for this made-up user 7 (this database may
            // not have every table), it is not the authentication's 401.
            try await client.execute(
                uri: "/api/users/1", method: .get, headers: [.authorization: "Bearer ceki_test"]
            ) { response in
                #expect(response.status != .unauthorized)
                #expect(String(buffer: response.body) != #"{"message":"Unauthenticated."}"#)
            }
            try await client.execute(
                uri: "/api/users/1", method: .get, headers: [.authorization: "Bearer ceki_wrong"]
            ) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func aBodyBreakingFourRulesGetsOne422NamingAllFourFields() async throws {
        let body = #"{"name": "", "email": "not-an-email", "currency": "DOGE", "avatar": "no uri", "skills": "x"}"#
        try await Self.application().test(.live) { client in
            try await client.execute(
                uri: "/api/agent/register", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let errors = try #require(json?["errors"] as? [String: [String]])
                #expect(Set(errors.keys) == ["name", "email", "currency", "avatar", "skills"])
                #expect((json?["message"] as? String)?.contains("(and 4 more errors)") == true)
            }
        }
    }

    @Test func malformedJSONIsAClear400() async throws {
        try await Self.application().test(.live) { client in
            try await client.execute(
                uri: "/api/agent/register", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"name": "x",}"#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("not valid JSON"))
            }
        }
    }

    @Test func aKnownPathWithAnotherMethodIs405WithAllow() async throws {
        try await Self.application().test(.live) { client in
            try await client.execute(uri: "/api/agent/register", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
                #expect(response.headers[.contentType] == "application/json")
            }
        }
    }

    @Test func aStaticSegmentWinsOverAParameter() {
        guard case .found(let archived, _) = APIRouter.route(method: "GET", path: "/api/contracts/archived") else {
            Issue.record("no route for /api/contracts/archived")
            return
        }
        #expect(archived == .listArchivedContracts)
        guard case .found(_, let parameters) = APIRouter.route(method: "GET", path: "/api/contracts/12") else {
            Issue.record("no route for /api/contracts/12")
            return
        }
        #expect(parameters.values.contains("12"))
        // The concrete path is the path the request names (OpenAPI's matching rule), whatever the method:
        // another method on it is a 405, not a call of the template with the segment as its id.
        guard case .methodNotAllowed(let allowed) = APIRouter.route(method: "PATCH", path: "/api/contracts/archived")
        else {
            Issue.record("PATCH /api/contracts/archived reached the template")
            return
        }
        #expect(allowed == ["GET"])
    }
}
