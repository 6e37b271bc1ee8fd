import CekiServer
import Foundation
import Generated
import HTTPTypes
import Handlers
import Hummingbird
import HummingbirdTesting
import Logging

/// What every HTTP suite shares, made once per suite: a scratch database of its own (dropped and made anew, then
/// migrated), a real SMTP sink, and the server configured for both, built as `ceki serve` builds it.
///
/// ```swift
/// extension TestServer { static let kals = Task { try await TestServer(suite: "kal") } }
///
/// let server = try await TestServer.kals.value
/// try await server.application.test(.live) { client in
///     let anna = try await server.signIn(client)
///     let made = try await client.call(.post, "/api/kals", json: ["label": "Work", "private": false], bearer: anna.token)
/// }
/// ```
public final class TestServer: Sendable {
    public let database: PostgresConfiguration
    public let pool: PostgresPool
    public let sink: SMTPSink
    public let configuration: ServerConfiguration
    /// The time the server reads: the machine's unless a test sets it.
    public let clock = TestClock()
    /// What this server's `/metrics` shows: its own registry, so that servers of other suites count apart.
    public let metrics = ServerMetrics()

    /// A server over the database `ceki_test_<suite>`, with Google Calendar at `google` (a
    /// ``GoogleCalendarStub``'s configuration) when given, and whatever `configure` changes (limits, proxies).
    /// The agents' money every test server has unless a suite says otherwise: both test keys, dollar rates for
    /// BTC and ETH, the default prices, and a webhook secret.
    public static var standardWallets: WalletSettings {
        WalletSettings(
            billing: BillingConfiguration(dollarRates: [.btc: "50000", .eth: "2500"]), keyring: TestDepositKeys.keyring,
            webhookSecret: webhookSecret)
    }

    /// The `APP_URL` of test servers: files' URLs start with it (their paths are what a test fetches).
    public static let appURL = "http://files.test"

    /// The deposit webhook's secret on test servers.
    public static let webhookSecret = "test-webhook-secret"

    public init(
        suite: String, google: GoogleCalendarConfiguration? = nil, wallets: WalletSettings = TestServer.standardWallets,
        configure: (inout ServerConfiguration) throws -> Void = { _ in }
    ) async throws {
        let base = PostgresConfiguration(url: try TestEnvironment.databaseURL(), poolSize: 4)
        let name = "ceki_test_\(suite)"
        let admin = PostgresPool(configuration: PostgresConfiguration(url: base.url, poolSize: 1))
        defer { admin.shutdown() }
        do {
            try await admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
            try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        } catch let error as PostgresError where error.isUnavailable {
            throw TestEnvironment.Unreachable(url: base.url, error: error)
        }
        var database = base.database(name)
        database.sessionSettings[ServerConfiguration.appURLSetting] = Self.appURL
        self.database = database
        _ = try await Migrator(configuration: database, logger: Logger(label: "test.\(suite)")).migrate()
        pool = PostgresPool(configuration: database, metrics: metrics.factory)
        sink = try SMTPSink()
        var limits = IdentityLimits()
        // Every test calls from 127.0.0.1: per-client limits would make the tests depend on each other.
        limits.codePerClient.limit = 10_000
        limits.checkPerClient.limit = 10_000
        limits.registrationPerClient.limit = 10_000
        var configuration = ServerConfiguration(
            host: "127.0.0.1", port: 0, database: database, logLevel: .warning, logFormat: .text,
            secret: .random(), secretIsEphemeral: false,
            smtp: SMTPConfiguration(url: sink.url(), from: "no-reply@ceki.test"), limits: limits, google: google,
            wallets: wallets,
            files: FileConfiguration(root: NSTemporaryDirectory() + "ceki-test-files-\(suite)-\(UUID().uuidString)"))
        try configure(&configuration)
        self.configuration = configuration
    }

    /// The application as `ceki serve` builds it; `test(.live)` serves it on an ephemeral port.
    public var application: some ApplicationProtocol {
        buildApplication(
            configuration: configuration, pool: pool, logger: Logger(label: "test.server"), clock: clock.wallClock,
            metrics: metrics)
    }

    /// Runs the delivery worker once, as the server's background service does, and returns the newest mail
    /// the sink received for `recipient` once it has at least `count` of them.
    public func mail(to recipient: String, count: Int = 1) async throws -> SMTPSink.Received {
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

    /// The first mail to `recipient` with `subject`, once it arrived (mails of one test may arrive in any order:
    /// the server's background worker and the test's own delivery pass send side by side).
    public func mail(to recipient: String, subject: String, occurrence: Int = 1) async throws -> SMTPSink.Received {
        let deadline = Date().addingTimeInterval(20)
        while true {
            try await mailWorker.deliverDue()
            let mails = try sink.received().filter { $0.to == [recipient] && $0.subject == subject }
            if mails.count >= occurrence { return mails[occurrence - 1] }
            guard Date() < deadline else { throw MissingMail(recipient: recipient, count: occurrence) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The six-digit code in the `count`-th mail to `recipient`.
    public func code(sentTo recipient: String, count: Int = 1) async throws -> String {
        let mail = try await mail(to: recipient, count: count)
        guard let code = mail.body.firstMatch(of: /\b([0-9]{6})\b/).map({ String($0.1) }) else {
            throw MissingMail(recipient: recipient, count: count)
        }
        return code
    }

    /// How many mails `recipient` got, after a delivery pass (mails another test's pass holds may still be on
    /// their way: wait for a later one with `mail(to:count:)`).
    public func mailCount(to recipient: String) async throws -> Int {
        try await mailWorker.deliverDue()
        return try sink.received().filter { $0.to == [recipient] }.count
    }

    /// A delivery worker like the one `ceki serve` runs, sending to the sink.
    private var mailWorker: MailDeliveryWorker {
        MailDeliveryWorker(
            pool: pool, outbox: MailOutbox(secret: configuration.secret),
            transport: configuration.smtp.map(SMTPClient.init(configuration:)), metrics: metrics.factory)
    }

    public struct MissingMail: Error {
        public let recipient: String
        public let count: Int
    }

    /// An address no other test uses.
    public static func uniqueEmail(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())@example.com"
    }
}

/// A person signed in through the real flows: registered with the multipart form, logged in with the mailed code.
public struct SignedInUser: Sendable {
    public let id: Int
    public let email: String
    public let token: String
}

/// An agent registered through `registerAgent`, with its one copy of the key.
public struct RegisteredTestAgent: Sendable {
    public let id: Int
    public let email: String
    public let key: String
}

/// A step of a helper's flow that did not answer what it must.
public struct FlowFailure: Error, CustomStringConvertible {
    public let description: String
}

extension TestServer {
    /// Registers a new person (`registerUser`) and logs them in with the code mailed to them (`login`).
    public func signIn(_ client: some TestClientProtocol, name: String = "Anna K.", timezone: String? = nil)
        async throws -> SignedInUser
    {
        let email = Self.uniqueEmail("user")
        var form = MultipartForm()
        form.field("email", email)
        form.field("name", name)
        form.field("terms", "1")
        if let timezone { form.field("timezone", timezone) }
        let registered = try await client.post("/api/register", form: form)
        guard registered.status == 201 else { throw FlowFailure(description: "registerUser answered \(registered.status): \(registered.json)") }
        let code = try await code(sentTo: email)
        let login = try await client.call(.post, "/api/login", json: ["email": .string(email), "password": .string(code)])
        guard login.status == 200, let token = login["token"]?.stringValue, let id = login["user"]?["id"]?.int64Value
        else { throw FlowFailure(description: "login answered \(login.status): \(login.json)") }
        return SignedInUser(id: Int(id), email: email, token: token)
    }

    /// Registers a new agent (`registerAgent`).
    public func registerAgent(_ client: some TestClientProtocol, name: String = "Booking Bot") async throws
        -> RegisteredTestAgent
    {
        let email = Self.uniqueEmail("agent")
        let response = try await client.call(
            .post, "/api/agent/register", json: ["name": .string(name), "email": .string(email)])
        guard response.status == 201, let key = response["api_key"]?.stringValue,
            let id = response["agent_id"]?.int64Value
        else { throw FlowFailure(description: "registerAgent answered \(response.status): \(response.json)") }
        return RegisteredTestAgent(id: Int(id), email: email, key: key)
    }
}

/// Where the tests find their database: `TEST_DATABASE_URL`, which `scripts/test` sets.
public enum TestEnvironment {
    /// The URL, or an error that says how to run the tests.
    public static func databaseURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty else {
            throw Unset()
        }
        return url
    }

    public struct Unset: Error, CustomStringConvertible {
        public var description: String {
            "TEST_DATABASE_URL is not set: run the tests through scripts/test, which starts a local PostgreSQL"
        }
    }

    /// The test database does not answer: a message naming it, not a crash.
    public struct Unreachable: Error, CustomStringConvertible {
        public let url: String
        public let error: PostgresError
        public var description: String {
            "the test database \(url) is unreachable (\(error)); start it with scripts/db start, or set "
                + "TEST_DATABASE_URL (and CEKI_PGPORT for the local cluster's port)"
        }
    }
}
