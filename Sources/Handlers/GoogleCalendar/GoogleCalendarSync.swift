import Foundation
import Logging

/// Keeps kals and Google calendars in step (docs/google-calendar.md "Sync"):
///
/// - an **import** link lists the Google calendar's events (each instance of a recurring one) and keeps them as
///   private events of the kal whose `external_id` is the Google event id, so they make the kal's schedules busy
///   like any event; after the first full listing it asks only for changes (`syncToken`), and a 410 drops the
///   token and lists everything again, removing what is no longer there. Events shown as free (`transparent`) and
///   cancelled ones are not busy time, and are removed.
/// - an **export** link writes the kal's own events (bookings included; not imported ones) to the Google calendar:
///   inserted once, patched when the event changed since (`updated_at`), deleted when it was deleted, declined or
///   cancelled. `kal_sync_exports` remembers which Google event each one became.
///
/// Each sync claims its link for a lease first (`claimed_until`), so two servers never sync one link at once.
/// `ceki serve` runs ``run()`` in the background; ``sync(kal:)`` syncs one kal's links now (after
/// `setupKalSync`, and in tests).
public struct GoogleCalendarSync: Sendable {
    let pool: PostgresPool
    let client: GoogleCalendarClient
    let accounts: GoogleAccounts
    let logger: Logger
    /// Seconds between two syncs of a link.
    public var period: Int
    /// Seconds a claimed link stays out of other servers' passes: longer than any sync can take.
    public var lease = 600
    /// Seconds a link whose sync failed waits before the next attempt.
    public var retryAfter = 60
    /// Events that ended longer ago than this are not exported (seconds).
    public var exportHorizon = 30 * 86_400

    public init(
        pool: PostgresPool, configuration: GoogleCalendarConfiguration, secret: ServerSecret,
        http: HTTP1Client = HTTP1Client(), logger: Logger = Logger(label: "ceki.google")
    ) {
        self.pool = pool
        self.client = GoogleCalendarClient(configuration: configuration, http: http)
        self.accounts = GoogleAccounts(pool: pool, client: client, secret: secret)
        self.logger = logger
        self.period = configuration.syncPeriod
    }

    /// One link as a sync reads it.
    struct Link: Sendable {
        let id: Int
        let kalID: Int
        let userID: Int
        let calendar: String
        let timezone: String
        let isImport: Bool
        let syncToken: String?

        init(_ row: PostgresRow) throws {
            id = try row.decode(Int.self, "id")
            kalID = try row.decode(Int.self, "kal_id")
            userID = try row.decode(Int.self, "user_id")
            calendar = try row.decode(String.self, "external_id")
            timezone = try row.decode(String.self, "timezone")
            isImport = try row.decode(Bool.self, "is_import")
            syncToken = try row.decode(String?.self, "sync_token")
        }
    }

    private static let linkColumns: SQLFragment = "id, kal_id, user_id, external_id, timezone, is_import, sync_token"

    // MARK: Passes

    /// Syncs every link not synced within ``period`` that no other server holds, and answers how many it synced.
    @discardableResult
    public func syncDue() async throws -> Int {
        var count = 0
        while true {
            let rows = try await pool.query(
                """
                UPDATE kal_sync_links SET claimed_until = now() + make_interval(secs => \(lease))
                WHERE id IN (
                    SELECT id FROM kal_sync_links
                    WHERE (claimed_until IS NULL OR claimed_until < now())
                      AND (last_synced_at IS NULL OR last_synced_at < now() - make_interval(secs => \(period)))
                      AND kal_id IN (SELECT id FROM kals WHERE deleted_at IS NULL)
                    ORDER BY last_synced_at NULLS FIRST LIMIT 20 FOR UPDATE SKIP LOCKED)
                RETURNING \(Self.linkColumns)
                """)
            for row in rows {
                try await sync(try Link(row))
                count += 1
            }
            if rows.count < 20 { return count }
        }
    }

    /// Syncs every link of `kal` now, whenever they were last synced (links another server holds, or whose last
    /// sync failed less than ``retryAfter`` ago, are left alone). Failures are recorded on the link
    /// (`last_error`) and logged, not thrown. The links of a deleted kal are not synced.
    public func sync(kal: Int) async throws {
        let rows = try await pool.query(
            """
            UPDATE kal_sync_links SET claimed_until = now() + make_interval(secs => \(lease))
            WHERE kal_id = \(kal) AND (claimed_until IS NULL OR claimed_until < now())
              AND kal_id IN (SELECT id FROM kals WHERE deleted_at IS NULL)
            RETURNING \(Self.linkColumns)
            """)
        for row in rows { try await sync(try Link(row)) }
    }

    /// Syncs due links until the task is cancelled, looking every `poll` (at most ``period``).
    public func run(poll: Duration = .seconds(30)) async {
        let pause = min(poll, .seconds(max(1, period)))
        while !Task.isCancelled {
            do {
                try await syncDue()
            } catch {
                logger.error("Google Calendar sync pass failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: pause)
        }
    }

    /// One claimed link: import or export, then release it with the outcome.
    private func sync(_ link: Link) async throws {
        do {
            let done: Bool? = try await accounts.withAccessToken(of: link.userID) { token in
                if link.isImport {
                    try await importEvents(link, accessToken: token)
                } else {
                    try await exportEvents(link, accessToken: token)
                }
                return true
            }
            guard done != nil else { throw GoogleCalendarError.revoked }
            try await pool.query(
                """
                UPDATE kal_sync_links SET claimed_until = NULL, last_synced_at = now(), last_error = NULL
                WHERE id = \(link.id)
                """)
        } catch {
            let reason =
                if case GoogleCalendarError.revoked = error {
                    "The Google account is no longer linked: link it again (getKalGoogleOauthUrl)."
                } else { "\(error)" }
            logger.warning(
                "Google Calendar sync failed",
                metadata: ["link": "\(link.id)", "kal": "\(link.kalID)", "error": "\(reason)"])
            try await pool.query(
                """
                UPDATE kal_sync_links SET claimed_until = now() + make_interval(secs => \(retryAfter)),
                       last_error = \(reason)
                WHERE id = \(link.id)
                """)
        }
    }

    // MARK: Import

    private func importEvents(_ link: Link, accessToken: String) async throws {
        var syncToken = link.syncToken
        var items: [GoogleCalendarClient.Event] = []
        var nextSyncToken: String?
        listing: while true {
            items = []
            var pageToken: String?
            do {
                repeat {
                    let page = try await client.events(
                        calendar: link.calendar, syncToken: syncToken, pageToken: pageToken, accessToken: accessToken)
                    items += page.items ?? []
                    pageToken = page.nextPageToken
                    nextSyncToken = page.nextSyncToken
                } while pageToken != nil
                break listing
            } catch GoogleCalendarError.syncTokenExpired where syncToken != nil {
                logger.info("Google sync token expired: listing the calendar in full", metadata: ["link": "\(link.id)"])
                syncToken = nil
            }
        }
        let full = syncToken == nil
        try await pool.transaction { tx in
            // Imported events are busy time: ordered with bookings by the owner's busy-time lock.
            try await BusyTime.lockOwnersTime(link.userID, in: tx)
            var kept: [String] = []
            for item in items {
                guard let id = item.id else { continue }
                // What this kal exported itself comes back in a listing of the same calendar: it is busy already.
                if item.extendedProperties?.privateProperties?["ceki_kal"] == String(link.kalID) { continue }
                if let span = Self.busySpan(of: item, timezone: link.timezone) {
                    kept.append(id)
                    try await upsert(item, id: id, span: span, link: link, on: tx)
                } else {
                    try await tx.query(
                        """
                        UPDATE events SET deleted_at = now(), updated_at = now()
                        WHERE kal_id = \(link.kalID) AND external_id = \(id)
                          AND data->>'google_calendar' = \(link.calendar) AND deleted_at IS NULL
                        """)
                }
            }
            if full {
                // A full listing is the whole calendar: what it no longer has is gone.
                try await tx.query(
                    """
                    UPDATE events SET deleted_at = now(), updated_at = now()
                    WHERE kal_id = \(link.kalID) AND external_id IS NOT NULL
                      AND data->>'google_calendar' = \(link.calendar) AND deleted_at IS NULL
                      AND NOT (external_id = ANY(\(kept)::text[]))
                    """)
            }
            try await tx.query("UPDATE kal_sync_links SET sync_token = \(nextSyncToken) WHERE id = \(link.id)")
        }
    }

    private func upsert(
        _ item: GoogleCalendarClient.Event, id: String, span: (start: Date, end: Date), link: Link,
        on tx: PostgresTransaction
    ) async throws {
        let label = String((item.summary.flatMap { $0.isEmpty ? nil : $0 } ?? "Busy").prefix(255))
        let timezone = item.start?.timeZone ?? link.timezone
        let minutes = Int((span.end.timeIntervalSince(span.start) / 60).rounded())
        let updated = try await tx.query(
            """
            UPDATE events SET label = \(label), description = \(item.description), timezone = \(timezone),
                   date = \(span.start), ends_at = \(span.end), duration = \(minutes), updated_at = now()
            WHERE kal_id = \(link.kalID) AND external_id = \(id) AND data->>'google_calendar' = \(link.calendar)
              AND deleted_at IS NULL
            RETURNING id
            """)
        guard updated.isEmpty else { return }
        try await tx.query(
            """
            INSERT INTO events (user_id, owner_type, type_id, status_id, external_id, kal_id, label, description,
                                timezone, date, ends_at, duration, private, data)
            VALUES (\(link.userID), 'User', 1, 200, \(id), \(link.kalID), \(label), \(item.description),
                    \(timezone), \(span.start), \(span.end), \(minutes), true,
                    jsonb_build_object('google_calendar', \(link.calendar)::text, 'google_link', \(link.id)::bigint))
            """)
    }

    /// The busy time of a Google event: nil for a cancelled one, one shown as free, or one without times. An
    /// all-day event (`date`) is busy from midnight to midnight in the calendar's zone.
    static func busySpan(of event: GoogleCalendarClient.Event, timezone: String) -> (start: Date, end: Date)? {
        guard event.status != "cancelled", event.transparency != "transparent",
            let start = event.start.flatMap({ instant($0, timezone: timezone) }),
            let end = event.end.flatMap({ instant($0, timezone: timezone) }), end > start
        else { return nil }
        return (start, end)
    }

    static func instant(_ time: GoogleCalendarClient.EventTime, timezone: String) -> Date? {
        if let text = time.dateTime {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            if let date = formatter.date(from: text) { return date }
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.date(from: text)
        }
        guard let text = time.date, let zone = TimeZone(identifier: time.timeZone ?? timezone) else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    // MARK: Export

    private func exportEvents(_ link: Link, accessToken: String) async throws {
        // Transactions (type 4) are money, not time: never exported. `updated_at` goes back as text: a round trip through Date could lose microseconds and make every
        // exported event look changed at the next sync.
        let changed = try await pool.query(
            """
            SELECT e.id, e.label, e.description, e.timezone, e.date, e.ends_at, e.updated_at::text AS version,
                   x.google_event_id
            FROM events e LEFT JOIN kal_sync_exports x ON x.event_id = e.id AND x.link_id = \(link.id)
            WHERE e.kal_id = \(link.kalID) AND e.deleted_at IS NULL AND e.status_id NOT IN (400, 777)
              AND e.date IS NOT NULL AND e.external_id IS NULL AND e.type_id <> 4
              AND e.ends_at > now() - make_interval(secs => \(exportHorizon))
              AND (x.event_id IS NULL OR e.updated_at > x.exported_at)
            ORDER BY e.id
            """)
        for row in changed {
            let eventID = try row.decode(Int.self, "id")
            let zone = try row.decode(String?.self, "timezone") ?? link.timezone
            let body = GoogleCalendarClient.Event(
                summary: try row.decode(String.self, "label"), description: try row.decode(String?.self, "description"),
                start: .init(dateTime: Self.rfc3339(try row.decode(Date.self, "date")), timeZone: zone),
                end: .init(dateTime: Self.rfc3339(try row.decode(Date.self, "ends_at")), timeZone: zone),
                extendedProperties: .init(privateProperties: [
                    "ceki_event": String(eventID), "ceki_kal": String(link.kalID),
                ]))
            var googleID = try row.decode(String?.self, "google_event_id")
            if let existing = googleID {
                do {
                    try await client.patch(body, id: existing, calendar: link.calendar, accessToken: accessToken)
                } catch GoogleCalendarError.notFound {
                    googleID = nil  // deleted at Google meanwhile: write it again
                }
            }
            if googleID == nil {
                googleID = try await client.insert(body, calendar: link.calendar, accessToken: accessToken)
            }
            try await pool.query(
                """
                INSERT INTO kal_sync_exports (link_id, event_id, google_event_id, exported_at)
                VALUES (\(link.id), \(eventID), \(googleID), \(try row.decode(String.self, "version"))::timestamptz)
                ON CONFLICT (link_id, event_id) DO UPDATE
                SET google_event_id = EXCLUDED.google_event_id, exported_at = EXCLUDED.exported_at
                """)
        }
        let gone = try await pool.query(
            """
            SELECT x.event_id, x.google_event_id FROM kal_sync_exports x JOIN events e ON e.id = x.event_id
            WHERE x.link_id = \(link.id)
              AND (e.deleted_at IS NOT NULL OR e.status_id IN (400, 777) OR e.date IS NULL
                   OR e.kal_id IS DISTINCT FROM \(link.kalID))
            """)
        for row in gone {
            do {
                try await client.delete(
                    id: try row.decode(String.self, "google_event_id"), calendar: link.calendar,
                    accessToken: accessToken)
            } catch GoogleCalendarError.notFound {
                // Deleted at Google already.
            }
            try await pool.query(
                "DELETE FROM kal_sync_exports WHERE link_id = \(link.id) AND event_id = \(try row.decode(Int.self, "event_id"))"
            )
        }
    }

    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
