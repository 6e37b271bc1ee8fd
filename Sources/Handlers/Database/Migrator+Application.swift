import Logging

extension Migrator {
    /// A migrator for the application's own schema, ``Migration/all`` (the Postgres module knows no domain, so
    /// its `Migrator` is always given its migrations).
    public init(configuration: PostgresConfiguration, logger: Logger) {
        self.init(configuration: configuration, migrations: Migration.all, logger: logger)
    }
}
