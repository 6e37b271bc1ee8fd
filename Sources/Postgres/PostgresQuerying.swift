/// Something statements can run on: the pool (each statement commits on its own) or a transaction in progress.
/// A domain query that must also run inside a transaction (the busy time a booking re-reads under its lock) takes
/// `some PostgresQuerying` and is written once.
public protocol PostgresQuerying: Sendable {
    /// Runs one statement.
    @discardableResult
    func query(_ query: PostgresQuery) async throws -> PostgresRows
}

extension PostgresPool: PostgresQuerying {}

extension PostgresTransaction: PostgresQuerying {}
