import Metrics
import Logging

/// The application's access to PostgreSQL: a fixed set of pipelined connections shared by every request.
///
/// Plain statements go to the least busy connection and are pipelined with whatever else is queued there;
/// transactions lease a connection for their duration, one of their own when the configuration gives them some
/// (`transactionPoolSize`), so that a transaction never holds up the pipelined statements. The pool never blocks
/// the caller's thread: libpq runs on the workers' own threads and callers await the result. Connections open
/// on first use.
public final class PostgresPool: Sendable {
    private let workers: [ConnectionWorker]
    /// Where transactions run: connections of their own, or `workers` when there are none.
    private let transactionWorkers: [ConnectionWorker]
    private let logger: Logger

    /// A pool over `configuration`'s database; with `metrics`, every statement's latency (queue included) is
    /// recorded as `ceki_db_statement_duration_seconds{pool="statements"|"transactions"}` (docs/metrics.md).
    public init(
        configuration: PostgresConfiguration, logger: Logger = Logger(label: "ceki.postgres"),
        metrics: (any MetricsFactory)? = nil
    ) {
        func timer(_ pool: String) -> CoreMetrics.Timer? {
            metrics.map {
                CoreMetrics.Timer(label: "ceki_db_statement_duration_seconds", dimensions: [("pool", pool)], factory: $0)
            }
        }
        let statementTimer = timer("statements")
        let workers = (0..<configuration.poolSize).map {
            ConnectionWorker(name: "ceki-pg-\($0)", configuration: configuration, statementTimer: statementTimer)
        }
        self.workers = workers
        let transactionTimer = configuration.transactionPoolSize == 0 ? nil : timer("transactions")
        self.transactionWorkers =
            configuration.transactionPoolSize == 0
            ? workers
            : (0..<configuration.transactionPoolSize).map {
                ConnectionWorker(
                    name: "ceki-pg-tx-\($0)", configuration: configuration, statementTimer: transactionTimer)
            }
        self.logger = logger
    }

    /// What the connections are doing now, per set: the statement connections, and the transactions' own
    /// (nil when transactions lease the statement connections).
    public func statistics() -> (statements: PostgresPoolStatistics, transactions: PostgresPoolStatistics?) {
        (
            PostgresPoolStatistics(workers),
            transactionWorkers.first === workers.first ? nil : PostgresPoolStatistics(transactionWorkers)
        )
    }

    /// Runs one statement outside any explicit transaction (it commits on its own).
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await Self.leastBusy(of: workers).submit(query)
    }

    /// Runs `body` in a transaction on a leased connection: COMMIT when it returns, ROLLBACK when it throws.
    /// A serialization failure or deadlock runs the whole body again, up to `attempts` times, so the body
    /// must not have effects outside the database.
    @discardableResult
    public func transaction<Result>(
        isolation: PostgresIsolationLevel = .readCommitted, attempts: Int = 5,
        _ body: (PostgresTransaction) async throws -> Result
    ) async throws -> Result {
        var attempt = 1
        while true {
            do {
                return try await runTransactionOnce(isolation: isolation, body)
            } catch let error as PostgresError where error.isRetryableTransactionFailure && attempt < attempts {
                logger.debug("retrying transaction", metadata: ["attempt": "\(attempt)", "error": "\(error)"])
                attempt += 1
                // Jittered backoff so that the transactions that collided do not collide again.
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
            }
        }
    }

    private func runTransactionOnce<Result>(
        isolation: PostgresIsolationLevel, _ body: (PostgresTransaction) async throws -> Result
    ) async throws -> Result {
        let worker = Self.leastBusy(of: transactionWorkers)
        try await worker.acquireLease()
        defer { worker.releaseLease() }
        let transaction = PostgresTransaction(worker: worker)
        try await transaction.query(isolation.beginStatement)
        do {
            let result = try await body(transaction)
            try await transaction.query("COMMIT")
            return result
        } catch {
            // A lost connection has already rolled back on the server's side.
            if (error as? PostgresError)?.isUnavailable != true {
                _ = try? await transaction.query("ROLLBACK")
            }
            throw error
        }
    }

    /// Stops accepting work; statements already queued still run. Connections close when their queue drains.
    public func shutdown() {
        for worker in workers { worker.shutdown() }
        if transactionWorkers.first !== workers.first {
            for worker in transactionWorkers { worker.shutdown() }
        }
    }

    private static func leastBusy(of workers: [ConnectionWorker]) -> ConnectionWorker {
        var best = workers[0]
        var bestLoad = best.load
        if bestLoad == 0 { return best }
        for worker in workers.dropFirst() {
            let load = worker.load
            if load < bestLoad {
                best = worker
                bestLoad = load
                if load == 0 { break }
            }
        }
        return best
    }
}

/// A transaction in progress: its statements run in order on the connection it leases.
public struct PostgresTransaction: Sendable {
    let worker: ConnectionWorker

    /// Runs one statement inside the transaction.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await worker.submitLeased(query)
    }
}

/// The isolation level a transaction starts with.
public enum PostgresIsolationLevel: Sendable {
    case readCommitted
    case repeatableRead
    case serializable

    var beginStatement: PostgresQuery {
        switch self {
        case .readCommitted: return "BEGIN ISOLATION LEVEL READ COMMITTED"
        case .repeatableRead: return "BEGIN ISOLATION LEVEL REPEATABLE READ"
        case .serializable: return "BEGIN ISOLATION LEVEL SERIALIZABLE"
        }
    }
}
