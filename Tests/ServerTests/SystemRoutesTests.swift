import CekiTestSupport
import Foundation
import HTTPTypes
import Handlers
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import CekiServer

@Suite("Server skeleton over HTTP")
struct SystemRoutesTests {
    static let databaseURL: String = {
        guard let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty else {
            fatalError("TEST_DATABASE_URL is not set: run the tests through scripts/test")
        }
        return url
    }()

    static let pool = PostgresPool(configuration: PostgresConfiguration(url: databaseURL, poolSize: 2))

    func configuration(url: String = databaseURL) -> ServerConfiguration {
        ServerConfiguration(
            host: "127.0.0.1", port: 0, database: PostgresConfiguration(url: url), logLevel: .warning, logFormat: .text)
    }

    @Test func healthAnswers200WithTheDatabaseReachable() async throws {
        let app = buildApplication(configuration: configuration(), pool: Self.pool, logger: Logger(label: "test"))
        try await app.test(.live) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                #expect(String(buffer: response.body) == #"{"status":"ok","database":"ok"}"#)
                #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
            }
        }
    }

    @Test func healthAnswers503AsJSONWhenTheDatabaseIsUnreachable() async throws {
        let unreachable = PostgresPool(configuration: PostgresConfiguration(url: "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", poolSize: 1))
        defer { unreachable.shutdown() }
        let app = buildApplication(configuration: configuration(), pool: unreachable, logger: Logger(label: "test"))
        try await app.test(.live) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body) == #"{"message":"The database is unreachable."}"#)
            }
        }
    }

    @Test func livenessAnswers200EvenWithTheDatabaseUnreachable() async throws {
        let unreachable = PostgresPool(
            configuration: PostgresConfiguration(url: "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", poolSize: 1))
        defer { unreachable.shutdown() }
        let app = buildApplication(configuration: configuration(), pool: unreachable, logger: Logger(label: "test"))
        try await app.test(.live) { client in
            try await client.execute(uri: "/health/live", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
            }
        }
    }

    @Test func unknownRoutesAnswerAJSON404() async throws {
        let app = buildApplication(configuration: configuration(), pool: Self.pool, logger: Logger(label: "test"))
        try await app.test(.live) { client in
            try await client.execute(uri: "/api/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/json")
                #expect(String(buffer: response.body) == #"{"message":"Not Found"}"#)
                #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
            }
        }
    }

    @Test func theSpecIsServedAsBuiltIn() async throws {
        let app = buildApplication(configuration: configuration(), pool: Self.pool, logger: Logger(label: "test"))
        let spec = try String(contentsOf: PostgresRestartRoot.spec, encoding: .utf8)
        try await app.test(.live) { client in
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == spec)
            }
        }
    }

    @Test func configurationComesFromTheEnvironmentWithDefaults() throws {
        let defaults = try ServerConfiguration.fromEnvironment(["DATABASE_URL": "postgresql:///x"])
        #expect(defaults.host == "127.0.0.1")
        #expect(defaults.port == 8080)
        #expect(defaults.logLevel == .info)
        #expect(defaults.database.poolSize == max(2, ProcessInfo.processInfo.activeProcessorCount))
        #expect(throws: ServerConfiguration.InvalidSetting.self) {
            try ServerConfiguration.fromEnvironment(["DATABASE_URL": "postgresql:///x", "PORT": "eighty"])
        }
        #expect(throws: ServerConfiguration.InvalidSetting.self) { try ServerConfiguration.fromEnvironment([:]) }
    }
}

enum PostgresRestartRoot {
    static let spec = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("spec/openapi.yaml")
}
