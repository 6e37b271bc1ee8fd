/// A mail waiting in the outbox, opened for sending.
public struct QueuedMail: Sendable {
    /// The outbox row.
    public let id: Int
    /// The mail itself.
    public let mail: OutgoingMail
    /// Delivery attempts made before this one.
    public let attempts: Int
}

/// The transactional outbox (`mail_outbox`): a mail is written in the same transaction as the code it carries, so
/// a code is never issued without its mail and a mail never carries a code that was rolled back. The delivery
/// worker takes mails out with a lease and marks them sent only after the SMTP server accepted them: a crash at
/// any point leaves the mail due again when its lease runs out (delivery is at least once).
public struct MailOutbox: Sendable {
    let seal: MailSeal

    public init(secret: ServerSecret) {
        self.seal = MailSeal(secret: secret)
    }

    /// Queues `mail` inside `transaction`; returns its outbox id.
    @discardableResult
    public func enqueue(_ mail: OutgoingMail, in transaction: PostgresTransaction) async throws -> Int {
        try await transaction.query(
            """
            INSERT INTO mail_outbox (recipient, subject, sealed_body)
            VALUES (\(mail.recipient), \(mail.subject), \(seal.seal(mail.body)))
            RETURNING id
            """)[0].decode(Int.self, "id")
    }

    /// Takes up to `limit` due mails for `lease` seconds: they are not due again until the lease ends, so two
    /// workers never send the same mail at once, and a worker that dies returns its mails to the queue.
    public func claimDue(limit: Int, lease: Int, pool: PostgresPool) async throws -> [QueuedMail] {
        let rows = try await pool.query(
            """
            UPDATE mail_outbox SET next_attempt_at = now() + \(lease)::int * interval '1 second'
            WHERE id IN (
                SELECT id FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= now()
                ORDER BY next_attempt_at, id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            RETURNING id, recipient::text AS recipient, subject, sealed_body, attempts
            """)
        var claimed: [QueuedMail] = []
        for row in rows {
            let id = try row.decode(Int.self, "id")
            // A body sealed under another APP_SECRET (a server that ran without one, then restarted) can never be
            // read here: parked with the reason, so that it neither fails every pass nor holds up its batch.
            guard let body = try? seal.open(try row.decode(String.self, "sealed_body")) else {
                try await park(
                    id, note: "unreadable: sealed under another APP_SECRET or altered; not sent", pool: pool)
                continue
            }
            claimed.append(
                QueuedMail(
                    id: id,
                    mail: OutgoingMail(
                        recipient: try row.decode(String.self, "recipient"),
                        subject: try row.decode(String.self, "subject"), body: body),
                    attempts: try row.decode(Int.self, "attempts")))
        }
        return claimed
    }

    /// Records that the SMTP server accepted the mail.
    public func markSent(_ id: Int, pool: PostgresPool) async throws {
        try await pool.query("UPDATE mail_outbox SET sent_at = now(), last_error = NULL WHERE id = \(id)")
    }

    /// Records a failed attempt; the mail is due again after `retryAfter` seconds.
    public func markFailed(_ id: Int, error: String, retryAfter: Int, pool: PostgresPool) async throws {
        try await pool.query(
            """
            UPDATE mail_outbox SET attempts = attempts + 1, last_error = \(String(error.prefix(1000))),
                next_attempt_at = now() + \(retryAfter)::int * interval '1 second'
            WHERE id = \(id) AND sent_at IS NULL
            """)
    }

    /// What the outbox holds unsent (docs/metrics.md, read at each scrape; the partial index on unsent mails
    /// serves it): mails waiting to be sent or retried, mails parked (never sent without an operator), and the
    /// age in seconds of the oldest waiting one (0 when none waits).
    public static func depth(pool: PostgresPool) async throws -> (queued: Int, parked: Int, oldestQueuedSeconds: Double) {
        let row = try await pool.query(
            """
            SELECT count(*) FILTER (WHERE next_attempt_at <> 'infinity') AS queued,
                   count(*) FILTER (WHERE next_attempt_at = 'infinity') AS parked,
                   coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE next_attempt_at <> 'infinity')), 0)
                       ::float8 AS oldest
            FROM mail_outbox WHERE sent_at IS NULL
            """)[0]
        return (
            try row.decode(Int.self, "queued"), try row.decode(Int.self, "parked"), try row.decode(Double.self, "oldest")
        )
    }

    /// Keeps a mail unsent and out of the queue (no SMTP server configured): it stays in the outbox, readable
    /// by an operator, and is sent if its `next_attempt_at` is later set back to now.
    public func park(_ id: Int, note: String, pool: PostgresPool) async throws {
        try await pool.query(
            "UPDATE mail_outbox SET next_attempt_at = 'infinity', last_error = \(note) WHERE id = \(id) AND sent_at IS NULL"
        )
    }
}
