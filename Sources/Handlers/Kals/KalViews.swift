import Foundation
import Generated

/// What `getKal` and `getDefaultKal` answer: the kal, the schedules the caller may see, the free slots of its
/// availability schedules in the range, and the events in the range that the caller may read.
public struct KalViews: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The view of `kal` for `caller` holding `grant`, over `range`; slots' `viewer_date` on `viewerTimeZone`'s
    /// clock (default each schedule's own). With `schedule` (`getKalScheduleView`), the view keeps that schedule
    /// only, its slots and its events; a schedule that is not the kal's or that the caller may not see is a 404.
    public func view(
        of kal: Types.Kal, grant: Grant, caller: Caller, range: DateRangeQuery, viewerTimeZone: String?,
        schedule scheduleID: Int? = nil, now: Date = Date()
    ) async throws -> Types.KalView {
        try ScheduleSlots.checkViewerTimeZone(viewerTimeZone)
        var schedules = try await visibleSchedules(of: kal, caller: caller)
        if let scheduleID {
            schedules = schedules.filter { $0.id == scheduleID }
            if schedules.isEmpty { throw Problem.notFound("schedule") }
        }
        let events = try await visibleEvents(of: kal, grant: grant, caller: caller, range: range, schedule: scheduleID)
        let query = SlotQuery(from: range.from, to: range.to, viewerTimeZoneIdentifier: viewerTimeZone, now: now)
        var slots: [Types.ScheduleSlots] = []
        for schedule in schedules where schedule.typeId == .value1 {
            let found = try await ScheduleSlots.slots(of: schedule, in: query, on: pool)
            slots.append(Types.ScheduleSlots(scheduleId: schedule.id, slots: found.map(Types.Slot.init)))
        }
        return Types.KalView(kal: kal, schedules: schedules, slots: slots, events: events, access: grant.access)
    }

    /// The kal's live schedules owned by people (agents' schedules are read through the agent API), each kept when
    /// the policy gives the caller a grant on it.
    func visibleSchedules(of kal: Types.Kal, caller: Caller) async throws -> [Types.Schedule] {
        let rows = try await pool.query(
            """
            SELECT \(ScheduleJSON.sql) AS schedule, su.role_id, su.read, su.write
            FROM schedules s
            LEFT JOIN schedule_users su ON su.schedule_id = s.id AND su.user_id = \(caller.userID)
            WHERE s.kal_id = \(kal.id) AND s.deleted_at IS NULL AND s.user_id IS NOT NULL
            ORDER BY s.id
            """)
        return try rows.compactMap { row in
            let schedule = try row.decode(Types.Schedule.self, json: "schedule")
            let participant = try row.decode(Int?.self, "role_id").map { role in
                Grant(role: role, read: try row.decode(Int.self, "read"), write: try row.decode(Int.self, "write"))
            }
            let grant = AccessPolicy.schedule(
                isPrivate: schedule.private_, ownedByCaller: caller.userID == schedule.userId,
                participant: participant, caller: caller)
            return grant == nil ? nil : schedule
        }
    }

    /// The kal's live events that start before the range ends and end after it starts, as the policy lets the
    /// caller read them, in time order.
    func visibleEvents(of kal: Types.Kal, grant: Grant, caller: Caller, range: DateRangeQuery, schedule: Int?)
        async throws -> [Types.Event]
    {
        let showAll: Bool
        let attendee: Int?
        switch AccessPolicy.eventVisibility(grant, caller: caller) {
        case .all: (showAll, attendee) = (true, nil)
        case .publicOrAttendedBy(let userID): (showAll, attendee) = (false, userID)
        case .publicOnly: (showAll, attendee) = (false, nil)
        }
        let rows = try await pool.query(
            """
            SELECT \(EventJSON.sql) AS event
            FROM events e
            WHERE e.kal_id = \(kal.id) AND e.deleted_at IS NULL
              AND e.date < \(range.to) AND e.ends_at > \(range.from)
              AND (\(schedule)::bigint IS NULL OR e.kal_schedule_id = \(schedule))
              AND (\(showAll) OR NOT e.private
                   OR EXISTS (SELECT 1 FROM event_users eu WHERE eu.event_id = e.id AND eu.user_id = \(attendee)))
            ORDER BY e.date, e.id
            """)
        return try rows.decodeAll(Types.Event.self, json: "event")
    }
}

extension Types.Slot {
    /// A slot of the engine as the spec writes it.
    init(_ slot: Slot) {
        self.init(
            start: slot.start, end: slot.end, duration: Int(slot.end.timeIntervalSince(slot.start) / 60),
            date: slot.scheduleDate.description, viewerDate: slot.viewerDate.description)
    }
}
