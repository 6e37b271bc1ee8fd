import PostgresTestSupport
import Testing

@testable import Postgres

/// libpq sends parameters as C strings: a value holding NUL would arrive cut. The layer refuses it loudly instead.
@Suite("NUL in a parameter")
struct PostgresNULParameterTests {
    @Test func aParameterHoldingNULIsRefusedBeforeItIsSent() async throws {
        let value = "a\u{0}b"
        await #expect(throws: PostgresError.self) {
            try await TestDatabase.pool.query("SELECT \(1)::int AS one, \(value)::text AS cut")
        }
        do {
            try await TestDatabase.pool.query("SELECT \(1)::int AS one, \(value)::text AS cut")
        } catch PostgresError.unsendableParameter(let number) {
            #expect(number == 2)
        }
        // The connection is still fine.
        let rows = try await TestDatabase.pool.query("SELECT \("ab")::text AS whole")
        #expect(try rows[0].decode(String.self, "whole") == "ab")
    }
}
