import Foundation

/// When a schedule's owner is not free (docs/domain.md "Slots"): every live event of the schedule's kal, every
/// event exported to that kal or attached to the schedule, and every event the owner attends elsewhere — all but
/// declined (400) and cancelled (777) ones, private or not. A kal's transactions (type 4: deposits dated on a
/// day) are money, not time, and block nothing. One query for every reader of slots (kal and schedule
/// views, the next slot, the preview, and the booking that re-reads it under its lock).
enum BusyTime {
    /// The busy intervals that can touch slots starting in [from, to): a day either side, since buffers are at
    /// most a day. `excluding` leaves out one schedule's own events (a preview of that schedule being edited).
    static func intervals(
        kal: Int, owner: Int?, schedule: Int?, excluding: Int? = nil, from: Date, to: Date,
        on database: some PostgresQuerying
    ) async throws -> [BusyInterval] {
        // Three index lookups (kal and date, exports by target, attendance by user) rather than one OR that
        // would scan every event in the range; an event found twice is merged by the engine like any overlap.
        let windowStart = from.addingTimeInterval(-86_400)
        let windowEnd = to.addingTimeInterval(86_400)
        let rows = try await database.query(
            """
            SELECT e.date, e.ends_at FROM events e
            WHERE e.kal_id = \(kal) AND e.deleted_at IS NULL AND e.status_id NOT IN (400, 777) AND e.type_id <> 4
              AND e.date < \(windowEnd) AND e.ends_at > \(windowStart)
              AND (\(excluding)::bigint IS NULL OR e.kal_schedule_id IS DISTINCT FROM \(excluding))
            UNION ALL
            SELECT e.date, e.ends_at FROM event_exports x JOIN events e ON e.id = x.event_id
            WHERE (x.kal_id = \(kal) OR x.schedule_id = \(schedule)) AND e.deleted_at IS NULL
              AND e.status_id NOT IN (400, 777) AND e.date < \(windowEnd) AND e.ends_at > \(windowStart)
            UNION ALL
            SELECT e.date, e.ends_at FROM event_users eu JOIN events e ON e.id = eu.event_id
            WHERE eu.user_id = \(owner) AND eu.status_id <> 400 AND e.deleted_at IS NULL
              AND e.status_id NOT IN (400, 777) AND e.date < \(windowEnd) AND e.ends_at > \(windowStart)
              AND e.kal_id IS DISTINCT FROM \(kal)
            """)
        return try rows.map { BusyInterval(start: try $0.decode(Date.self, "date"), end: try $0.decode(Date.self, "ends_at")) }
    }

    /// Takes the lock that orders every write of `owner`'s busy time (a booking now; every operation that adds an
    /// event a schedule's owner attends takes it too), held until the transaction ends. A writer that then reads
    /// the busy time sees every booking that committed before it, so two overlapping bookings cannot both pass
    /// their check. The owner's row is locked `FOR NO KEY UPDATE`, which leaves foreign-key checks on it free.
    static func lockOwnersTime(_ owner: Int, in tx: PostgresTransaction) async throws {
        try await tx.query("SELECT 1 FROM users WHERE id = \(owner) FOR NO KEY UPDATE")
    }
}
