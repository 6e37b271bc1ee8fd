import Handlers
import Logging
import PostgresTestSupport
import Testing

/// The application's own schema (`Migration.all`, which the Postgres module does not know) applies from nothing.
@Suite("The application's migrations")
struct ApplicationMigratorTests {
    @Test func theApplicationsMigrationsApplyToAnEmptyDatabase() async throws {
        try await TestDatabase.withScratchDatabase("ceki_migrate") { configuration in
            let migrator = Migrator(configuration: configuration, logger: Logger(label: "test.migrate"))
            let applied = try await migrator.migrate()
            #expect(applied.map(\.version) == Migration.all.map(\.version))
            #expect(!applied.isEmpty)
        }
    }
}
