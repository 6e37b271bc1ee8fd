import Foundation
import Generated

/// The Event tag's lists: a person's upcoming events with the free slots of their own schedules
/// (`listUpcomingEvents`), and the children of an event (`listEventChildren`).
public struct EventLists: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The caller's events starting in `range` (created or attended and not declined by them; not cancelled,
    /// deleted or a transaction, which is money rather than time), soonest first, and the free slots of the
    /// caller's availability schedules in the same range.
    public func upcoming(
        for caller: Caller, range: DateRangeQuery, viewerTimeZone: String?, now: Date = Date()
    ) async throws -> Types.UpcomingEvents {
        try ScheduleSlots.checkViewerTimeZone(viewerTimeZone)
        guard let userID = caller.userID else { throw Problem.forbidden("Only people have upcoming events.") }
        // Created and attended, as two index lookups (kal events by creator are few; attendance by user).
        let rows = try await pool.query(
            """
            SELECT \(EventJSON.sql) AS event
            FROM events e
            WHERE e.id IN (
                SELECT id FROM events WHERE user_id = \(userID) AND owner_type = 'User'
                UNION
                SELECT event_id FROM event_users WHERE user_id = \(userID) AND status_id <> 400)
              AND e.deleted_at IS NULL AND e.status_id <> 777 AND e.type_id <> 4
              AND e.date >= \(range.from) AND e.date < \(range.to)
            ORDER BY e.date, e.id
            """)
        let schedules = try await pool.query(
            """
            SELECT \(ScheduleJSON.sql) AS schedule FROM schedules s
            WHERE s.user_id = \(userID) AND s.deleted_at IS NULL AND s.type_id = 1
            ORDER BY s.id
            """)
        let query = SlotQuery(from: range.from, to: range.to, viewerTimeZoneIdentifier: viewerTimeZone, now: now)
        var slots: [Types.ScheduleSlots] = []
        for schedule in try schedules.decodeAll(Types.Schedule.self, json: "schedule") {
            let found = try await ScheduleSlots.slots(of: schedule, in: query, on: pool)
            slots.append(Types.ScheduleSlots(scheduleId: schedule.id, slots: found.map(Types.Slot.init)))
        }
        return Types.UpcomingEvents(events: try rows.decodeAll(Types.Event.self, json: "event"), slots: slots)
    }

    /// The live children of event `id` (comments, sub-tasks, charges), oldest first: all of them for a caller who
    /// reads the parent in full (read level 2), otherwise those the caller created or attends.
    public func children(of id: Int, for caller: Caller) async throws -> Types.EventList {
        let parent = try await Events.find(id, for: caller, lock: false, on: pool)
        let rows = try await pool.query(
            """
            SELECT \(EventJSON.sql) AS event
            FROM events e
            WHERE e.parent_id = \(id) AND e.deleted_at IS NULL
              AND (\(parent.grant.read >= 2) OR (e.owner_type = 'User' AND e.user_id = \(caller.userID))
                   OR EXISTS (SELECT 1 FROM event_users eu WHERE eu.event_id = e.id AND eu.user_id = \(caller.userID)))
            ORDER BY e.created_at, e.id
            """)
        return Types.EventList(events: try rows.decodeAll(Types.Event.self, json: "event"))
    }
}
