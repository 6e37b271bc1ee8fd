import Foundation
import Handlers
import Logging
import Testing

@Suite("Migrations")
struct MigratorTests {
    /// Runs `body` against a database of its own, dropped afterwards, so the record table starts empty.
    private func withScratchDatabase(_ body: (PostgresConfiguration) async throws -> Void) async throws {
        let name = TestDatabase.uniqueName("ceki_migrate")
        try await TestDatabase.admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        do {
            try await body(PostgresConfiguration(url: TestDatabase.url, poolSize: 1).database(name))
        } catch {
            _ = try? await TestDatabase.admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(name) WITH (FORCE)"))
            throw error
        }
        try await TestDatabase.admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(name) WITH (FORCE)"))
    }

    let logger = Logger(label: "test.migrate")

    @Test func pendingMigrationsApplyOnceInOrderAndAreRecorded() async throws {
        try await withScratchDatabase { configuration in
            let migrations = [
                Migration(version: 2, name: "second", sql: "INSERT INTO notes (body) VALUES ('two');"),
                Migration(version: 1, name: "first", sql: "CREATE TABLE notes (body text);\nINSERT INTO notes (body) VALUES ('one');"),
            ]
            let migrator = Migrator(configuration: configuration, migrations: migrations, logger: logger)
            #expect(try await migrator.migrate().map(\.version) == [1, 2])
            #expect(try await migrator.migrate().isEmpty)
            let pool = PostgresPool(configuration: configuration)
            defer { pool.shutdown() }
            let notes = try await pool.query("SELECT string_agg(body, ',' ORDER BY body) AS all FROM notes")
            #expect(try notes[0].decode(String.self, "all") == "one,two")
            let record = try await pool.query("SELECT string_agg(version::text || name, ',' ORDER BY version) AS r FROM schema_migrations")
            #expect(try record[0].decode(String.self, "r") == "1first,2second")
        }
    }

    @Test func aFailingMigrationLeavesNothingOfItselfAndIsNotRecorded() async throws {
        try await withScratchDatabase { configuration in
            let good = Migration(version: 1, name: "good", sql: "CREATE TABLE kept (id int);")
            let bad = Migration(version: 2, name: "bad", sql: "CREATE TABLE half (id int);\nSELEC broken;")
            let migrator = Migrator(configuration: configuration, migrations: [good, bad], logger: logger)
            await #expect(throws: MigrationError.self) { try await migrator.migrate() }
            let pool = PostgresPool(configuration: configuration)
            defer { pool.shutdown() }
            let tables = try await pool.query("SELECT string_agg(tablename, ',' ORDER BY tablename) AS t FROM pg_tables WHERE tablename IN ('kept', 'half')")
            #expect(try tables[0].decode(String.self, "t") == "kept")
            let versions = try await pool.query("SELECT array_agg(version ORDER BY version) AS v FROM schema_migrations")
            #expect(try versions[0].decode([Int].self, "v") == [1])
        }
    }

    @Test func theApplicationsMigrationsApplyToAnEmptyDatabase() async throws {
        try await withScratchDatabase { configuration in
            let applied = try await Migrator(configuration: configuration, logger: logger).migrate()
            #expect(applied.map(\.version) == Migration.all.map(\.version))
            #expect(!applied.isEmpty)
        }
    }
}
