import Foundation
import Postgres
import PostgresTestSupport
import Testing

/// Stops and starts the local PostgreSQL cluster, so it runs alone: scripts/test runs it in a second pass
/// with CEKI_RESTART_TEST=1, after the other tests (which would fail while the database is down).
@Suite(
    "PostgreSQL restart",
    .enabled(if: ProcessInfo.processInfo.environment["CEKI_RESTART_TEST"] == "1" && TestDatabase.isLocalCluster),
    .timeLimit(.minutes(2)))
struct PostgresRestartTests {
    static let projectRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func database(_ action: String) throws {
        let process = Process()
        process.executableURL = Self.projectRoot.appendingPathComponent("scripts/db")
        process.arguments = [action]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "scripts/db \(action) failed")
    }

    @Test func thePoolSurvivesARestartAndAnswersUnavailableWhileTheDatabaseIsDown() async throws {
        let pool = PostgresPool(configuration: PostgresConfiguration(url: TestDatabase.url, poolSize: 3))
        defer { pool.shutdown() }
        // Open every connection first, so that each of them is broken by the restart.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<30 { group.addTask { try await pool.query("SELECT pg_sleep(0.01)") } }
            try await group.waitForAll()
        }
        try database("stop")
        do {
            try await pool.query("SELECT 1")
            Issue.record("a query while the database is stopped should fail")
        } catch let error as PostgresError {
            #expect(error.isUnavailable, "got \(error)")
        }
        try database("start")
        for attempt in 0..<10 {
            let rows = try await pool.query("SELECT \(attempt)::int AS n")
            #expect(try rows[0].decode(Int.self, "n") == attempt)
        }

        // A restart while connections are idle: the next statements on every connection still succeed.
        try database("restart")
        let sum = try await withThrowingTaskGroup(of: Int.self) { group in
            for number in 0..<30 { group.addTask { try await pool.query("SELECT \(number)::int AS n")[0].decode(Int.self, "n") } }
            return try await group.reduce(0, +)
        }
        #expect(sum == (0..<30).reduce(0, +))
    }
}
