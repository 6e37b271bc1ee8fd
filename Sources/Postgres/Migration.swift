/// One step of the schema: an SQL script applied once, in a transaction, and recorded in `schema_migrations`.
public struct Migration: Sendable, Hashable {
    /// The order in which migrations apply; never reused or renumbered once released.
    public var version: Int
    /// A short name for logs and the record.
    public var name: String
    /// The script; it may hold several statements.
    public var sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
