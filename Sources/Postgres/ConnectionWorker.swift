import Metrics
import Foundation

/// A thread that owns one `PostgresConnection` and serves statements queued by many concurrent callers.
///
/// libpq is a blocking C library; running it on a thread of its own keeps it off the event loop and off the
/// Swift concurrency pool. Whatever has queued up while the thread was busy is sent as one pipeline, so under
/// load one round trip carries many requests' statements (see docs/database.md).
///
/// A transaction leases the worker: while the lease is held, only the lease's statements run on this
/// connection, in order, and shared work waits.
final class ConnectionWorker: @unchecked Sendable {
    /// A statement waiting for its turn and the caller waiting for its rows.
    struct Job {
        var query: PostgresQuery
        var continuation: CheckedContinuation<PostgresRows, any Error>
        /// When the caller queued it: the statement's latency is what the caller waited, queue included.
        var queued = ContinuousClock.now
    }

    private let connection: PostgresConnection
    private let maxPipelineDepth: Int
    /// Guards everything below; its condition wakes the thread.
    private let condition = NSCondition()
    private var sharedJobs: [Job] = []
    private var leaseJobs: [Job] = []
    private var leaseRequests: [CheckedContinuation<Void, any Error>] = []
    private var leased = false
    private var closing = false
    /// Whether the thread is running a pipeline now.
    private var running = false
    private var thread: Thread?
    /// Where each statement's latency goes (`ceki_db_statement_duration_seconds`), when the pool has metrics.
    private let statementTimer: CoreMetrics.Timer?

    init(name: String, configuration: PostgresConfiguration, statementTimer: CoreMetrics.Timer? = nil) {
        self.connection = PostgresConnection(configuration: configuration)
        self.maxPipelineDepth = configuration.maxPipelineDepth
        self.statementTimer = statementTimer
        let thread = Thread { self.serve() }
        thread.name = name
        self.thread = thread
        thread.start()
    }

    /// How busy the worker is, for the pool's choice; a held or requested lease counts as very busy.
    var load: Int {
        condition.lock()
        defer { condition.unlock() }
        return sharedJobs.count + (leased || !leaseRequests.isEmpty ? 1_000_000 + leaseRequests.count : 0)
    }

    /// What the worker is doing now: busy (running statements, holding a lease, or with statements queued) or
    /// idle, and how many statements and lease requests wait in its queues.
    var activity: (busy: Bool, waiting: Int) {
        condition.lock()
        defer { condition.unlock() }
        let waiting = sharedJobs.count + leaseJobs.count + leaseRequests.count
        return (running || leased || waiting > 0, waiting)
    }

    /// Queues a statement for whoever is not holding a lease.
    func submit(_ query: PostgresQuery) async throws -> PostgresRows {
        if let number = query.bindings.firstParameterWithNUL { throw PostgresError.unsendableParameter(number) }
        return try await withCheckedThrowingContinuation { continuation in
            enqueue { $0.sharedJobs.append(Job(query: query, continuation: continuation)) } orFail: {
                continuation.resume(throwing: PostgresError.poolClosed)
            }
        }
    }

    /// Queues a statement of the lease holder.
    func submitLeased(_ query: PostgresQuery) async throws -> PostgresRows {
        if let number = query.bindings.firstParameterWithNUL { throw PostgresError.unsendableParameter(number) }
        return try await withCheckedThrowingContinuation { continuation in
            enqueue { $0.leaseJobs.append(Job(query: query, continuation: continuation)) } orFail: {
                continuation.resume(throwing: PostgresError.poolClosed)
            }
        }
    }

    /// Waits until the worker has finished the shared work queued before, then holds it exclusively.
    func acquireLease() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            enqueue { $0.leaseRequests.append(continuation) } orFail: {
                continuation.resume(throwing: PostgresError.poolClosed)
            }
        }
    }

    /// Gives the worker back to shared work (and to the next lease request).
    func releaseLease() {
        condition.lock()
        leased = false
        condition.signal()
        condition.unlock()
    }

    /// Stops the thread after the work already queued, and closes the connection.
    func shutdown() {
        condition.lock()
        closing = true
        condition.signal()
        condition.unlock()
    }

    private func enqueue(_ add: (ConnectionWorker) -> Void, orFail fail: () -> Void) {
        condition.lock()
        if closing {
            condition.unlock()
            fail()
            return
        }
        add(self)
        condition.signal()
        condition.unlock()
    }

    /// What the thread does next.
    private enum Work {
        case statements([Job])
        case grantLease(CheckedContinuation<Void, any Error>)
        case stop
    }

    private func nextWork() -> Work {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if leased {
                if !leaseJobs.isEmpty {
                    running = true
                    return .statements(take(&leaseJobs))
                }
            } else if !sharedJobs.isEmpty {
                running = true
                return .statements(take(&sharedJobs))
            } else if !leaseRequests.isEmpty {
                leased = true
                return .grantLease(leaseRequests.removeFirst())
            } else if closing {
                return .stop
            }
            condition.wait()
        }
    }

    private func take(_ jobs: inout [Job]) -> [Job] {
        if jobs.count <= maxPipelineDepth {
            defer { jobs.removeAll(keepingCapacity: true) }
            return jobs
        }
        let batch = Array(jobs.prefix(maxPipelineDepth))
        jobs.removeFirst(maxPipelineDepth)
        return batch
    }

    private func serve() {
        while true {
            switch nextWork() {
            case .stop:
                connection.close()
                return
            case .grantLease(let continuation):
                continuation.resume()
            case .statements(let jobs):
                run(jobs)
                condition.lock()
                running = false
                condition.unlock()
            }
        }
    }

    private func run(_ jobs: [Job]) {
        do {
            try connection.ensureConnected()
        } catch {
            for job in jobs { job.continuation.resume(throwing: error) }
            return
        }
        let outcomes = connection.run(jobs.map(\.query))
        let finished = ContinuousClock.now
        for (job, outcome) in zip(jobs, outcomes) {
            job.continuation.resume(with: outcome.mapError { $0 as any Error })
            statementTimer?.record(duration: finished - job.queued)
        }
    }
}
