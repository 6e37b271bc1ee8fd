import Foundation
import Postgres
import PostgresTestSupport
import Testing

/// Transactions on connections of their own (`transactionPoolSize`): an open transaction holds up neither the
/// pipelined statements nor another transaction. Each test would hang (and hit its time limit) if it did.
@Suite("PostgreSQL transaction connections", .timeLimit(.minutes(1)))
struct PostgresTransactionConnectionsTests {
    /// Runs `body` while a transaction of `pool` is open, and gives the transaction's backend pid; the transaction
    /// commits only after `body` has returned.
    private func whileATransactionIsOpen<T: Sendable>(
        on pool: PostgresPool, _ body: @Sendable (_ transactionBackend: Int) async throws -> T
    ) async throws -> T {
        let (opened, openedContinuation) = AsyncStream<Int>.makeStream()
        let (release, releaseContinuation) = AsyncStream<Void>.makeStream()
        async let held: Void = pool.transaction { tx in
            let pid = try await tx.query("SELECT pg_backend_pid() AS pid")[0].decode(Int.self, "pid")
            openedContinuation.yield(pid)
            for await _ in release { break }
        }
        var iterator = opened.makeAsyncIterator()
        let pid = try #require(await iterator.next())
        let result = try await body(pid)
        releaseContinuation.yield()
        try await held
        return result
    }

    @Test func aStatementRunsWhileATransactionHoldsTheOnlyTransactionConnection() async throws {
        let pool = PostgresPool(
            configuration: PostgresConfiguration(url: TestDatabase.configuration.url, poolSize: 1, transactionPoolSize: 1))
        defer { pool.shutdown() }
        let (statementBackend, transactionBackend) = try await whileATransactionIsOpen(on: pool) { transactionBackend in
            (try await pool.query("SELECT pg_backend_pid() AS pid")[0].decode(Int.self, "pid"), transactionBackend)
        }
        #expect(statementBackend != transactionBackend)
    }

    @Test func aSecondTransactionCommitsWhileTheFirstIsStillOpen() async throws {
        let pool = PostgresPool(
            configuration: PostgresConfiguration(url: TestDatabase.configuration.url, poolSize: 1, transactionPoolSize: 2))
        defer { pool.shutdown() }
        let table = TestDatabase.uniqueName("txconn")
        try await pool.query(PostgresQuery(unsafeSQL: "CREATE TABLE \(table) (id int PRIMARY KEY)"))
        let backends = try await whileATransactionIsOpen(on: pool) { first in
            let second = try await pool.transaction { tx in
                try await tx.query(PostgresQuery(unsafeSQL: "INSERT INTO \(table) VALUES (1)"))
                return try await tx.query("SELECT pg_backend_pid() AS pid")[0].decode(Int.self, "pid")
            }
            // Committed while the first is open: a third connection sees the row.
            let seen = try await pool.query(PostgresQuery(unsafeSQL: "SELECT count(*) AS n FROM \(table)"))[0]
                .decode(Int.self, "n")
            #expect(seen == 1)
            return [first, second]
        }
        #expect(Set(backends).count == 2)
        try await pool.query(PostgresQuery(unsafeSQL: "DROP TABLE \(table)"))
    }

    @Test func withoutConnectionsOfTheirOwnATransactionLeasesAStatementConnection() async throws {
        let pool = PostgresPool(configuration: PostgresConfiguration(url: TestDatabase.configuration.url, poolSize: 1))
        defer { pool.shutdown() }
        let transactionBackend = try await whileATransactionIsOpen(on: pool) { $0 }
        let statementBackend = try await pool.query("SELECT pg_backend_pid() AS pid")[0].decode(Int.self, "pid")
        #expect(statementBackend == transactionBackend)
    }
}
