import Foundation
import Postgres

/// The test database every database test shares: one pool per test process, made on first use.
/// `scripts/test` sets TEST_DATABASE_URL (the local cluster's `ceki_test`, or your own database).
///
/// A target of its own so that the libpq layer's tests (PostgresTests) and the domain's (HandlersTests) share it
/// without the libpq layer's tests depending on the domain.
public enum TestDatabase {
    public static let url: String = {
        guard let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty else {
            fatalError("TEST_DATABASE_URL is not set: run the tests through scripts/test")
        }
        return url
    }()

    public static let configuration = PostgresConfiguration(url: url, poolSize: 4, statementTimeoutMilliseconds: 30_000)

    public static let pool = PostgresPool(configuration: configuration)

    /// Where scratch databases are created and dropped: a pool of its own, so that the other tests' statements
    /// never queue behind a slow CREATE DATABASE (they did, for a minute, on a loaded machine).
    public static let admin = PostgresPool(
        configuration: PostgresConfiguration(url: url, poolSize: 2, statementTimeoutMilliseconds: 120_000))

    /// A name no other test (or earlier run) uses, for tables and rows a test makes for itself.
    public static func uniqueName(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Whether the database is the local cluster that scripts/db can stop and start.
    public static var isLocalCluster: Bool {
        ProcessInfo.processInfo.environment["CEKI_LOCAL_DB"] == "1"
    }

    /// Runs `body` against a new, empty database of its own (named from `prefix`), dropped afterwards, so that
    /// what a test records there (`schema_migrations`, for one) starts empty.
    public static func withScratchDatabase(
        _ prefix: String, _ body: (PostgresConfiguration) async throws -> Void
    ) async throws {
        let name = uniqueName(prefix)
        try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        do {
            try await body(PostgresConfiguration(url: url, poolSize: 1).database(name))
        } catch {
            _ = try? await admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(name) WITH (FORCE)"))
            throw error
        }
        try await admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(name) WITH (FORCE)"))
    }
}
