import Foundation
import Logging
import Postgres
import PostgresTestSupport
import Testing

@Suite("Migrations")
struct MigratorTests {
    let logger = Logger(label: "test.migrate")

    @Test func pendingMigrationsApplyOnceInOrderAndAreRecorded() async throws {
        try await TestDatabase.withScratchDatabase("ceki_migrate") { configuration in
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
        try await TestDatabase.withScratchDatabase("ceki_migrate") { configuration in
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
}
