import Foundation
import Postgres
import PostgresTestSupport
import Testing

@Suite("PostgreSQL pool")
struct PostgresPoolTests {
    @Test func twoHundredConcurrentQueriesOverFourConnectionsAllSucceedWithTheirOwnResults() async throws {
        let pool = PostgresPool(configuration: PostgresConfiguration(url: TestDatabase.url, poolSize: 4))
        defer { pool.shutdown() }
        let results = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for number in 0..<200 {
                group.addTask {
                    let rows = try await pool.query("SELECT \(number)::int * 2 AS doubled, pg_backend_pid() AS pid")
                    return (number, try rows[0].decode(Int.self, "doubled"))
                }
            }
            return try await group.reduce(into: [Int: Int]()) { $0[$1.0] = $1.1 }
        }
        #expect(results.count == 200)
        for (number, doubled) in results { #expect(doubled == number * 2) }
        let backends = try await pool.query("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'ceki'")
        #expect(try backends[0].decode(Int.self, "n") >= 1)
    }

    @Test func aFailingStatementDoesNotPoisonItsConnectionOrItsNeighboursInThePipeline() async throws {
        let pool = PostgresPool(configuration: PostgresConfiguration(url: TestDatabase.url, poolSize: 1))
        defer { pool.shutdown() }
        // Concurrent on one connection, so they share pipelines: every third one divides by zero.
        let outcomes = await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
            for number in 0..<60 {
                group.addTask {
                    do {
                        let divisor = number % 3 == 0 ? 0 : 1
                        let rows = try await pool.query("SELECT \(number)::int / \(divisor)::int AS value")
                        return (number, .success(try rows[0].decode(Int.self, "value")))
                    } catch {
                        return (number, .failure(error))
                    }
                }
            }
            return await group.reduce(into: [(Int, Result<Int, any Error>)]()) { $0.append($1) }
        }
        for (number, outcome) in outcomes {
            switch outcome {
            case .success(let value):
                #expect(number % 3 != 0)
                #expect(value == number)
            case .failure(let error):
                #expect(number % 3 == 0)
                guard case .server(let serverError) = error as? PostgresError else {
                    Issue.record("expected a server error, got \(error)")
                    continue
                }
                #expect(serverError.sqlState == "22012")
            }
        }
        let after = try await pool.query("SELECT 41 + 1 AS answer")
        #expect(try after[0].decode(Int.self, "answer") == 42)
    }

    @Test func aStatementWithASyntaxErrorFailsAndTheNextOneWithTheSameTextFailsTheSameWay() async throws {
        let pool = TestDatabase.pool
        for _ in 0..<2 {
            await #expect(throws: PostgresError.self) { try await pool.query("SELEC 1") }
        }
        #expect(try await pool.query("SELECT 1 AS one")[0].decode(Int.self, "one") == 1)
    }

    @Test func uniqueViolationsKeepTheConstraintName() async throws {
        let table = TestDatabase.uniqueName("uniq")
        let pool = TestDatabase.pool
        try await pool.transaction { tx in
            try await tx.query(PostgresQuery(unsafeSQL: "CREATE TABLE \(table) (email text CONSTRAINT \(table)_email_key UNIQUE)"))
        }
        defer { Task { try? await pool.query(PostgresQuery(unsafeSQL: "DROP TABLE \(table)")) } }
        try await pool.query(PostgresQuery(unsafeSQL: "INSERT INTO \(table) (email) VALUES ($1)", bindings: bindings("a@b.c")))
        do {
            try await pool.query(PostgresQuery(unsafeSQL: "INSERT INTO \(table) (email) VALUES ($1)", bindings: bindings("a@b.c")))
            Issue.record("the second insert should have failed")
        } catch let PostgresError.server(error) {
            #expect(error.isUniqueViolation)
            #expect(error.constraint == "\(table)_email_key")
        }
    }

    @Test func anUnreachableDatabaseIsReportedAsUnavailable() async throws {
        let pool = PostgresPool(configuration: PostgresConfiguration(url: "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", poolSize: 1))
        defer { pool.shutdown() }
        do {
            try await pool.query("SELECT 1")
            Issue.record("a query against port 1 should fail")
        } catch let error as PostgresError {
            #expect(error.isUnavailable)
        }
    }

    @Test func theStatementTimeoutCancelsALongStatement() async throws {
        let pool = PostgresPool(configuration: PostgresConfiguration(url: TestDatabase.url, poolSize: 1, statementTimeoutMilliseconds: 100))
        defer { pool.shutdown() }
        do {
            try await pool.query("SELECT pg_sleep(2)")
            Issue.record("pg_sleep(2) should have been cancelled")
        } catch let PostgresError.server(error) {
            #expect(error.isQueryCanceled)
        }
        #expect(try await pool.query("SELECT 1 AS one")[0].decode(Int.self, "one") == 1)
    }
}

/// Bindings for a query written with explicit `$n` placeholders (a table name cannot be bound).
func bindings(_ values: String...) -> PostgresBindings {
    var bindings = PostgresBindings()
    for value in values { bindings.append(value) }
    return bindings
}
