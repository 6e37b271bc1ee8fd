import Foundation
import Postgres
import PostgresTestSupport
import Testing

@Suite("PostgreSQL transactions")
struct PostgresTransactionTests {
    let pool = TestDatabase.pool

    struct Refused: Error {}

    private func makeTable(_ definition: String) async throws -> String {
        let table = TestDatabase.uniqueName("tx")
        try await pool.query(PostgresQuery(unsafeSQL: "CREATE TABLE \(table) (\(definition))"))
        return table
    }

    @Test func aThrowingBodyRollsBackAndLeavesNoRow() async throws {
        let table = try await makeTable("id serial PRIMARY KEY, note text")
        await #expect(throws: Refused.self) {
            try await pool.transaction { tx in
                try await tx.query(PostgresQuery(unsafeSQL: "INSERT INTO \(table) (note) VALUES ($1)", bindings: bindings("lost")))
                throw Refused()
            }
        }
        let rows = try await pool.query(PostgresQuery(unsafeSQL: "SELECT count(*) AS n FROM \(table)"))
        #expect(try rows[0].decode(Int.self, "n") == 0)
        try await pool.query(PostgresQuery(unsafeSQL: "DROP TABLE \(table)"))
    }

    @Test func aReturningBodyCommitsAndReturnsItsValue() async throws {
        let table = try await makeTable("id serial PRIMARY KEY, note text")
        let id = try await pool.transaction { tx in
            let rows = try await tx.query(PostgresQuery(unsafeSQL: "INSERT INTO \(table) (note) VALUES ($1) RETURNING id", bindings: bindings("kept")))
            return try rows[0].decode(Int.self, "id")
        }
        let rows = try await pool.query(PostgresQuery(unsafeSQL: "SELECT note FROM \(table) WHERE id = $1", bindings: bindings(String(id))))
        #expect(try rows[0].decode(String.self, "note") == "kept")
        try await pool.query(PostgresQuery(unsafeSQL: "DROP TABLE \(table)"))
    }

    @Test func concurrentSerializableIncrementsUnderRetryLoseNoUpdate() async throws {
        let table = try await makeTable("id int PRIMARY KEY, n int NOT NULL")
        try await pool.query(PostgresQuery(unsafeSQL: "INSERT INTO \(table) VALUES (1, 0)"))
        let select = PostgresQuery(unsafeSQL: "SELECT n FROM \(table) WHERE id = 1")
        let increments = 24
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<increments {
                group.addTask {
                    // Read, then write what was read plus one: without serializable isolation and the retry,
                    // concurrent transactions would overwrite each other's increments.
                    try await pool.transaction(isolation: .serializable, attempts: 50) { tx in
                        let current = try await tx.query(select)[0].decode(Int.self, "n")
                        var values = PostgresBindings()
                        values.append(current + 1)
                        try await tx.query(PostgresQuery(unsafeSQL: "UPDATE \(table) SET n = $1 WHERE id = 1", bindings: values))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await pool.query(select)[0].decode(Int.self, "n") == increments)
        try await pool.query(PostgresQuery(unsafeSQL: "DROP TABLE \(table)"))
    }

    @Test func anErrorInsideTheTransactionRollsBackTheEarlierStatements() async throws {
        let table = try await makeTable("id int PRIMARY KEY")
        await #expect(throws: PostgresError.self) {
            try await pool.transaction { tx in
                try await tx.query(PostgresQuery(unsafeSQL: "INSERT INTO \(table) VALUES (1)"))
                try await tx.query(PostgresQuery(unsafeSQL: "INSERT INTO \(table) VALUES (1)"))
            }
        }
        #expect(try await pool.query(PostgresQuery(unsafeSQL: "SELECT count(*) AS n FROM \(table)"))[0].decode(Int.self, "n") == 0)
        try await pool.query(PostgresQuery(unsafeSQL: "DROP TABLE \(table)"))
    }
}
