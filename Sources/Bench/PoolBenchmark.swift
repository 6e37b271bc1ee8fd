import Foundation
import Handlers

/// Queries per second through the pool at 1, 8 and 64 concurrent callers, each running a prepared
/// single-row primary-key SELECT (pgbench's select-only statement).
enum PoolBenchmark {
    static func run(arguments: [String]) async throws {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"] else {
            print("DATABASE_URL is not set")
            exit(2)
        }
        let seconds = Double(ProcessInfo.processInfo.environment["BENCH_SECONDS"] ?? "5") ?? 5
        let poolSize = Int(ProcessInfo.processInfo.environment["DB_POOL_SIZE"] ?? "4") ?? 4
        let pool = PostgresPool(configuration: PostgresConfiguration(url: url, poolSize: poolSize))
        defer { pool.shutdown() }
        let rows = try await pool.query("SELECT count(*) AS n FROM pgbench_accounts")
        let accounts = try rows[0].decode(Int.self, "n")
        print("pool size \(poolSize), \(accounts) accounts, \(seconds) s per run")
        for callers in [1, 8, 64] {
            let deadline = Date().addingTimeInterval(seconds)
            let start = Date()
            let total = try await withThrowingTaskGroup(of: Int.self) { group in
                for caller in 0..<callers {
                    group.addTask {
                        var count = 0
                        var id = caller * 7919 % accounts + 1
                        while Date() < deadline {
                            let rows = try await pool.query("SELECT abalance FROM pgbench_accounts WHERE aid = \(id)")
                            _ = try rows[0].decode(Int.self, at: 0)
                            count += 1
                            id = id % accounts + 1
                        }
                        return count
                    }
                }
                return try await group.reduce(0, +)
            }
            let elapsed = Date().timeIntervalSince(start)
            print("callers \(callers): \(Int(Double(total) / elapsed)) queries/s")
        }
    }
}
