import Handlers
import Logging
import Metrics
import Prometheus
import Synchronization

/// The server's metrics, exported at `GET /metrics` in Prometheus's text format (docs/metrics.md lists them).
///
/// Everything records through the swift-metrics API into this value's own Prometheus registry, handed to the
/// pool, the API and the mail worker as their `MetricsFactory`; the process-wide `MetricsSystem` is never
/// bootstrapped. So several servers in one process (the tests') each count their own requests, and a scrape
/// shows exactly what its server did.
public final class ServerMetrics: Sendable {
    /// Where every metric of this server lives.
    public let registry: PrometheusCollectorRegistry
    /// The factory that records into `registry`, with buckets fit for each duration.
    public let factory: PrometheusMetricsFactory
    /// `ceki_http_requests_total` and `ceki_http_request_duration_seconds` per operation and status class, made
    /// on first use (the labels' values are bounded: see `HTTPRequestKey`).
    private let requests = Mutex<[HTTPRequestKey: (count: CoreMetrics.Counter, duration: CoreMetrics.Timer)]>([:])
    /// `ceki_mail_outbox_read_errors_total`: scrapes that could not read the outbox (the database was down).
    private let outboxReadErrors: CoreMetrics.Counter

    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [
            "ceki_http_request_duration_seconds": [
                .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                .seconds(2.5), .seconds(5), .seconds(10),
            ],
            "ceki_db_statement_duration_seconds": [
                .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5),
                .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
                .milliseconds(500), .seconds(1), .seconds(5), .seconds(30),
            ],
        ]
        self.registry = registry
        self.factory = factory
        self.outboxReadErrors = CoreMetrics.Counter(label: "ceki_mail_outbox_read_errors_total", factory: factory)
    }

    /// The labels of one request's series: the operationId, or for the server's other routes the route's path as
    /// registered (`/health`, `/metrics`, `/files/{key}`), or `none` (no route: a 404 or 405); and the status
    /// class (`2xx`).
    struct HTTPRequestKey: Hashable, Sendable {
        var operation: String
        var status: String

        init(operation: String?, status: Int) {
            // Hummingbird names an unrouted request `NotFound`.
            self.operation = operation.flatMap { $0 == "NotFound" ? nil : $0 } ?? "none"
            self.status = "\(min(max(status / 100, 1), 5))xx"
        }
    }

    /// Counts one answered request and records how long it took to answer (until the response's head).
    func recordRequest(operation: String?, status: Int, duration: Duration) {
        let key = HTTPRequestKey(operation: operation, status: status)
        let series = requests.withLock { series in
            if let existing = series[key] { return existing }
            let dimensions = [("operation", key.operation), ("status", key.status)]
            let made = (
                count: CoreMetrics.Counter(label: "ceki_http_requests_total", dimensions: dimensions, factory: factory),
                duration: CoreMetrics.Timer(
                    label: "ceki_http_request_duration_seconds", dimensions: dimensions, factory: factory)
            )
            series[key] = made
            return made
        }
        series.count.increment()
        series.duration.record(duration: duration)
    }

    /// The exposition: the gauges read now (the pool's connections, the mail outbox), then every metric.
    func scrape(pool: PostgresPool, logger: Logger) async -> String {
        let statistics = pool.statistics()
        record(statistics.statements, pool: "statements")
        if let transactions = statistics.transactions { record(transactions, pool: "transactions") }
        do {
            let depth = try await MailOutbox.depth(pool: pool)
            gauge("ceki_mail_outbox_mails", [("state", "queued")]).set(depth.queued)
            gauge("ceki_mail_outbox_mails", [("state", "parked")]).set(depth.parked)
            gauge("ceki_mail_outbox_oldest_queued_seconds").set(depth.oldestQueuedSeconds)
        } catch {
            logger.warning("metrics: the mail outbox could not be read", metadata: ["error": "\(error)"])
            outboxReadErrors.increment()
        }
        return registry.emitToString()
    }

    private func record(_ statistics: PostgresPoolStatistics, pool: String) {
        gauge("ceki_db_pool_connections", [("pool", pool), ("state", "in_use")]).set(statistics.inUse)
        gauge("ceki_db_pool_connections", [("pool", pool), ("state", "idle")]).set(statistics.idle)
        gauge("ceki_db_pool_waiting", [("pool", pool)]).set(statistics.waiting)
    }

    /// The gauge of `label` and `dimensions` (the registry hands back the same one every time).
    private func gauge(_ label: String, _ dimensions: [(String, String)] = []) -> Meter {
        Meter(label: label, dimensions: dimensions, factory: factory)
    }
}
