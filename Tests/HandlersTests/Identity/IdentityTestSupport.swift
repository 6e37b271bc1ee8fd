import Foundation
import Handlers
import Logging
import PostgresTestSupport
import Testing

/// The test database with the application's migrations applied (once per test process), and builders for the
/// rows identity tests need. Every builder makes unique data, so tests run in parallel.
enum IdentityTestSupport {
    private static let migrated = Task {
        _ = try await Migrator(configuration: TestDatabase.configuration, logger: Logger(label: "test.identity"))
            .migrate()
    }

    /// The shared pool, once the schema is in place.
    static func pool() async throws -> PostgresPool {
        try await migrated.value
        return TestDatabase.pool
    }

    /// An address no other test uses.
    static func uniqueEmail(_ prefix: String = "person") -> String {
        "\(TestDatabase.uniqueName(prefix))@example.com"
    }

    /// A user row for `email`; returns its id.
    static func makeUser(email: String, pool: PostgresPool) async throws -> Int {
        try await pool.query("INSERT INTO users (email, name) VALUES (\(email), 'Test Person') RETURNING id")[0]
            .decode(Int.self, "id")
    }

    /// An agent row in `status`; returns its id.
    static func makeAgent(email: String, status: AgentStatus = .pendingDeposit, pool: PostgresPool) async throws -> Int
    {
        try await pool.query(
            "INSERT INTO agents (name, email, status) VALUES ('Test Agent', \(email), \(status.rawValue)) RETURNING id")[
                0
            ]
            .decode(Int.self, "id")
    }

    /// Issues a code in a transaction of its own.
    static func issue(
        _ codes: OneTimeCodes, _ purpose: OneTimeCodePurpose, subject: String, address: String? = nil,
        pool: PostgresPool
    ) async throws -> IssuedCode {
        try await pool.transaction { tx in
            try await codes.issue(purpose, subject: subject, address: address ?? subject, in: tx)
        }
    }

    /// A six-digit code other than `code`.
    static func wrong(_ code: String) -> String {
        String(format: "%06d", (Int(code)! + 1) % 1_000_000)
    }
}

extension IdentityTestSupport {
    /// Runs `body` against a database of its own with the application's migrations applied, dropped afterwards:
    /// for tests that must see a whole table (the outbox, a dump) without other tests' rows.
    static func withScratchDatabase(_ body: (PostgresConfiguration, PostgresPool) async throws -> Void) async throws {
        _ = try await pool()
        let name = TestDatabase.uniqueName("ceki_identity")
        try await TestDatabase.admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        let configuration = PostgresConfiguration(url: TestDatabase.url, poolSize: 2).database(name)
        let scratch = PostgresPool(configuration: configuration)
        do {
            _ = try await Migrator(configuration: configuration, logger: Logger(label: "test.identity")).migrate()
            try await body(configuration, scratch)
        } catch {
            scratch.shutdown()
            _ = try? await TestDatabase.admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(name) WITH (FORCE)"))
            throw error
        }
        scratch.shutdown()
        try await TestDatabase.admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(name) WITH (FORCE)"))
    }

    /// Issues a login code and queues its mail in one transaction, as `requestLoginOtp` does.
    static func queueLoginCode(
        codes: OneTimeCodes, outbox: MailOutbox, email: String, pool: PostgresPool
    ) async throws -> IssuedCode {
        try await pool.transaction { tx in
            let issued = try await codes.issue(.login, subject: email, address: email, in: tx)
            try await outbox.enqueue(.loginCode(issued, to: email), in: tx)
            return issued
        }
    }

    /// The six-digit code in a mail's text.
    static func code(in text: String) -> String? {
        text.firstMatch(of: /\b([0-9]{6})\b/).map { String($0.1) }
    }
}
