import Foundation
import Handlers
import Testing

/// The test database every database test shares: one pool per test process, made on first use.
/// `scripts/test` sets TEST_DATABASE_URL (the local cluster's `ceki_test`, or your own database).
enum TestDatabase {
    static let url: String = {
        guard let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty else {
            fatalError("TEST_DATABASE_URL is not set: run the tests through scripts/test")
        }
        return url
    }()

    static let configuration = PostgresConfiguration(url: url, poolSize: 4, statementTimeoutMilliseconds: 30_000)

    static let pool = PostgresPool(configuration: configuration)

    /// Where scratch databases are created and dropped: a pool of its own, so that the other tests' statements
    /// never queue behind a slow CREATE DATABASE (they did, for a minute, on a loaded machine).
    static let admin = PostgresPool(
        configuration: PostgresConfiguration(url: url, poolSize: 2, statementTimeoutMilliseconds: 120_000))

    /// A name no other test (or earlier run) uses, for tables and rows a test makes for itself.
    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Whether the database is the local cluster that scripts/db can stop and start.
    static var isLocalCluster: Bool {
        ProcessInfo.processInfo.environment["CEKI_LOCAL_DB"] == "1"
    }
}
