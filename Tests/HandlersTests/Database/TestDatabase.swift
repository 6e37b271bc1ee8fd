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

    static let configuration = PostgresConfiguration(url: url, poolSize: 4, statementTimeoutMilliseconds: 10_000)

    static let pool = PostgresPool(configuration: configuration)

    /// A name no other test (or earlier run) uses, for tables and rows a test makes for itself.
    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Whether the database is the local cluster that scripts/db can stop and start.
    static var isLocalCluster: Bool {
        ProcessInfo.processInfo.environment["CEKI_LOCAL_DB"] == "1"
    }
}
