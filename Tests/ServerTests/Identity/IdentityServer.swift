import CekiTestSupport
import Foundation
import Generated
import HTTPTypes
import Handlers
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import Server

/// What the identity tests over HTTP share, made once per test process: a database of their own (so the mail
/// outbox and a dump hold only their rows), a real SMTP sink, and the server configuration pointing at both.
final class IdentityServer: Sendable {
    static let shared = Task { try await IdentityServer() }

    let database: PostgresConfiguration
    let pool: PostgresPool
    let sink: SMTPSink
    let configuration: ServerConfiguration

    private init() async throws {
        let base = PostgresConfiguration(url: SystemRoutesTests.databaseURL, poolSize: 4)
        let name = "ceki_test_identity_http"
        let admin = PostgresPool(configuration: PostgresConfiguration(url: SystemRoutesTests.databaseURL, poolSize: 1))
        try await admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
        try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        admin.shutdown()
        database = base.database(name)
        _ = try await Migrator(configuration: database, logger: Logger(label: "test.identity-http")).migrate()
        pool = PostgresPool(configuration: database)
        sink = try SMTPSink()
        var limits = IdentityLimits()
        // Every test calls from 127.0.0.1: per-client limits would make the tests depend on each other.
        limits.codePerClient.limit = 10_000
        limits.checkPerClient.limit = 10_000
        limits.registrationPerClient.limit = 10_000
        configuration = ServerConfiguration(
            host: "127.0.0.1", port: 0, database: database, logLevel: .warning, logFormat: .text,
            secret: .random(), secretIsEphemeral: false,
            smtp: SMTPConfiguration(url: sink.url(), from: "no-reply@ceki.test"), limits: limits)
    }

    /// The application as `ceki serve` builds it.
    var application: some ApplicationProtocol {
        buildApplication(configuration: configuration, pool: pool, logger: Logger(label: "test.identity-http"))
    }

    /// Runs the delivery worker once, as the server's background service does, and returns the newest mail
    /// the sink received for `recipient` once it has at least `count` of them.
    func mail(to recipient: String, count: Int = 1) async throws -> SMTPSink.Received {
        precondition(count >= 1, "the first mail is count 1")
        let deadline = Date().addingTimeInterval(20)
        while true {
            try await mailWorker.deliverDue()
            let mails = try sink.received().filter { $0.to == [recipient] }
            if mails.count >= count { return mails[count - 1] }
            guard Date() < deadline else { throw MissingMail(recipient: recipient, count: count) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The six-digit code in the `count`-th mail to `recipient`.
    func code(sentTo recipient: String, count: Int = 1) async throws -> String {
        let mail = try await mail(to: recipient, count: count)
        guard let code = mail.body.firstMatch(of: /\b([0-9]{6})\b/).map({ String($0.1) }) else {
            throw MissingMail(recipient: recipient, count: count)
        }
        return code
    }

    /// How many mails `recipient` got, after a delivery pass (mails another test's pass holds may still be on
    /// their way: wait for a later one with `mail(to:count:)`).
    func mailCount(to recipient: String) async throws -> Int {
        try await mailWorker.deliverDue()
        return try sink.received().filter { $0.to == [recipient] }.count
    }

    /// A delivery worker like the one `ceki serve` runs, sending to the sink.
    private var mailWorker: MailDeliveryWorker {
        MailDeliveryWorker(
            pool: pool, outbox: MailOutbox(secret: configuration.secret),
            transport: configuration.smtp.map(SMTPClient.init(configuration:)))
    }

    struct MissingMail: Error {
        let recipient: String
        let count: Int
    }

    /// An address no other test uses.
    static func uniqueEmail(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())@example.com"
    }
}

/// A response read whole: status, headers and the body parsed as JSON.
struct JSONResponse {
    let status: Int
    let headers: HTTPFields
    let json: JSONValue

    /// The string at `key` of the top-level object.
    subscript(key: String) -> JSONValue? { json[key] }

    /// A test client's response, its body parsed as JSON (`null` when empty).
    init(_ response: TestResponse) throws {
        let text = String(buffer: response.body)
        status = Int(response.status.code)
        headers = response.headers
        json = text.isEmpty ? .null : try JSONParser().parse(text)
    }
}

extension TestClientProtocol {
    /// Sends a JSON body (or none) and reads the JSON answer.
    func call(
        _ method: HTTPRequest.Method, _ uri: String, json body: JSONValue? = nil, bearer: String? = nil
    ) async throws -> JSONResponse {
        var headers: HTTPFields = [:]
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0.encoded()) },
            testCallback: JSONResponse.init)
    }
}
