import Logging
import Metrics

/// Takes mails out of the outbox and hands them to the transport, forever (`run`) or once (`deliverDue`).
///
/// A mail is marked sent only after the transport returned (the SMTP server accepted it); a failure records the
/// error and makes the mail due again after an exponential backoff (30 s, 1 min, 2 min, … up to an hour); a
/// crash leaves the claimed mails due again when their lease ends. So a mail is never lost, and may in rare
/// crashes be sent twice. Without a transport (`SMTP_URL` unset), each mail is logged, body included, so a
/// developer can read the code, and kept unsent in the outbox.
public struct MailDeliveryWorker: Sendable {
    let pool: PostgresPool
    let outbox: MailOutbox
    let transport: (any MailTransport)?
    let logger: Logger
    /// Mails taken per pass.
    public var batchSize: Int
    /// Seconds a claimed mail stays out of the queue; longer than any delivery can take.
    public var lease: Int
    /// The pause between passes that found nothing to do.
    public var pollInterval: Duration
    /// `ceki_mail_deliveries_total{outcome="sent"|"failed"|"kept"}` (docs/metrics.md).
    let deliveries: (sent: Counter, failed: Counter, kept: Counter)

    public init(
        pool: PostgresPool, outbox: MailOutbox, transport: (any MailTransport)?,
        logger: Logger = Logger(label: "ceki.mail"), batchSize: Int = 20, lease: Int = 300,
        pollInterval: Duration = .seconds(2), metrics: any MetricsFactory = NOOPMetricsHandler.instance
    ) {
        func counter(_ outcome: String) -> Counter {
            Counter(label: "ceki_mail_deliveries_total", dimensions: [("outcome", outcome)], factory: metrics)
        }
        self.deliveries = (counter("sent"), counter("failed"), counter("kept"))
        self.pool = pool
        self.outbox = outbox
        self.transport = transport
        self.logger = logger
        self.batchSize = batchSize
        self.lease = lease
        self.pollInterval = pollInterval
    }

    /// What one pass did.
    public struct Pass: Sendable, Equatable {
        /// Mails the server accepted.
        public var sent = 0
        /// Mails that failed and wait for a retry.
        public var failed = 0
        /// Mails logged and kept because there is no transport.
        public var kept = 0

        public init(sent: Int = 0, failed: Int = 0, kept: Int = 0) {
            self.sent = sent
            self.failed = failed
            self.kept = kept
        }
    }

    /// Seconds to wait before the next attempt after `attempts` failed ones.
    public static func backoff(afterAttempts attempts: Int) -> Int {
        min(3600, 30 << min(max(attempts - 1, 0), 7))
    }

    /// Delivers every mail that is due now, in batches, and says what happened.
    @discardableResult
    public func deliverDue() async throws -> Pass {
        var pass = Pass()
        while true {
            let batch = try await outbox.claimDue(limit: batchSize, lease: lease, pool: pool)
            for queued in batch {
                guard let transport else {
                    logger.notice(
                        "mail kept in the outbox (SMTP_URL is not set)",
                        metadata: [
                            "to": "\(queued.mail.recipient)", "subject": "\(queued.mail.subject)",
                            "body": "\(queued.mail.body)",
                        ])
                    try await outbox.park(queued.id, note: "SMTP_URL is not set: logged, not sent", pool: pool)
                    pass.kept += 1
                    deliveries.kept.increment()
                    continue
                }
                do {
                    try await transport.send(queued.mail)
                    try await outbox.markSent(queued.id, pool: pool)
                    pass.sent += 1
                    deliveries.sent.increment()
                } catch {
                    let wait = Self.backoff(afterAttempts: queued.attempts + 1)
                    logger.warning(
                        "mail delivery failed; will retry",
                        metadata: [
                            "id": "\(queued.id)", "attempt": "\(queued.attempts + 1)", "retry_in": "\(wait)s",
                            "error": "\(error)",
                        ])
                    try await outbox.markFailed(queued.id, error: "\(error)", retryAfter: wait, pool: pool)
                    pass.failed += 1
                    deliveries.failed.increment()
                }
            }
            if batch.count < batchSize { return pass }
        }
    }

    /// Delivers due mails until the task is cancelled. A database outage is logged and waited out.
    public func run() async {
        while !Task.isCancelled {
            do {
                try await deliverDue()
            } catch {
                logger.error("mail delivery pass failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: pollInterval)
        }
    }
}
