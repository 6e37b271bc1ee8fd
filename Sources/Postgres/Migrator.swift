import Foundation
import Logging

/// Applies pending migrations, each once, in order, each in its own transaction, recording them in
/// `schema_migrations`. An advisory lock lets several servers start at once without applying anything twice.
public struct Migrator: Sendable {
    public let configuration: PostgresConfiguration
    public let migrations: [Migration]
    public let logger: Logger

    public init(configuration: PostgresConfiguration, migrations: [Migration], logger: Logger) {
        self.configuration = configuration
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.logger = logger
    }

    /// Applies what is pending; returns the migrations it applied. `progress` hears of each migration before it is
    /// applied (`done` of `total` pending ones applied so far, and the next), and once more when all are.
    @discardableResult
    public func migrate(
        progress: (@Sendable (_ done: Int, _ total: Int, _ next: Migration?) -> Void)? = nil
    ) async throws -> [Migration] {
        try await onOwnThread { [self] () throws -> [Migration] in
            let session = try PostgresScriptSession(configuration: configuration)
            try session.execute("SELECT pg_advisory_lock(7234001)")
            defer { _ = try? session.execute("SELECT pg_advisory_unlock(7234001)") }
            try session.execute(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            let applied = Set(try session.execute("SELECT version FROM schema_migrations").compactMap { $0.flatMap(Int.init) })
            var done: [Migration] = []
            let pending = migrations.filter { !applied.contains($0.version) }
            for migration in pending {
                progress?(done.count, pending.count, migration)
                logger.info("applying migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                do {
                    try session.execute(
                        "BEGIN;\n\(migration.sql)\n;INSERT INTO schema_migrations (version, name) VALUES "
                            + "(\(migration.version), \(session.literal(migration.name)));\nCOMMIT;")
                } catch let error as PostgresError {
                    _ = try? session.execute("ROLLBACK")
                    throw MigrationError(migration: migration, underlying: error)
                }
                done.append(migration)
            }
            progress?(done.count, pending.count, nil)
            return done
        }
    }
}

/// A migration's script failed; nothing of it was applied.
public struct MigrationError: Error, CustomStringConvertible {
    public var migration: Migration
    public var underlying: PostgresError

    public var description: String {
        "migration \(migration.version) (\(migration.name)) failed and was rolled back: \(underlying)"
    }
}

/// Runs blocking work on a new thread and awaits it, so that it never occupies the Swift concurrency pool.
func onOwnThread<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Swift.Result { try work() }) }.start()
    }
}
