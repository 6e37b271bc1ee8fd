/// What a set of the pool's connections is doing at one moment: read when metrics are scraped
/// (`ceki_db_pool_connections`, `ceki_db_pool_waiting`, docs/metrics.md).
public struct PostgresPoolStatistics: Sendable, Equatable {
    /// Connections running statements, holding a transaction, or with statements queued.
    public var inUse: Int
    /// Connections with nothing to do (opened or not yet).
    public var idle: Int
    /// Statements and transactions queued for a connection and not yet sent.
    public var waiting: Int

    public init(inUse: Int, idle: Int, waiting: Int) {
        self.inUse = inUse
        self.idle = idle
        self.waiting = waiting
    }

    init(_ workers: [ConnectionWorker]) {
        self.init(inUse: 0, idle: 0, waiting: 0)
        for worker in workers {
            let activity = worker.activity
            if activity.busy { inUse += 1 } else { idle += 1 }
            waiting += activity.waiting
        }
    }
}
