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
    /// clock (default each schedule's own).
    public func view(
        of kal: Types.Kal, grant: Grant, caller: Caller, range: DateRangeQuery, viewerTimeZone: String?,
        now: Date = Date()
    ) async throws -> Types.KalView {
        if let viewerTimeZone, SchedulingTimeZones.zone(named: viewerTimeZone) == nil {
            throw Problem.invalid(
                "viewer_timezone",
                "\"\(viewerTimeZone)\" is not a known time zone; use an IANA name such as \"Europe/Berlin\".")
        }
        let schedules = try await visibleSchedules(of: kal, caller: caller)
        let events = try await visibleEvents(of: kal, grant: grant, caller: caller, range: range)
        var slots: [Types.ScheduleSlots] = []
        let availability = schedules.filter { $0.typeId == .value1 }
        if !availability.isEmpty {
            let busy = try await busyIntervals(of: kal, range: range)
            for schedule in availability {
                let engine = try SlotEngine(
                    ScheduleAvailability(settings: schedule.settings, start: schedule.start, end: schedule.end))
                let query = SlotQuery(from: range.from, to: range.to, viewerTimeZoneIdentifier: viewerTimeZone, now: now)
                let found = try engine.slots(in: query, busy: busy)
                slots.append(Types.ScheduleSlots(scheduleId: schedule.id, slots: found.map(Types.Slot.init)))
            }
        }
        return Types.KalView(kal: kal, schedules: schedules, slots: slots, events: events, access: grant.access)
    }

    /// The kal's live schedules owned by people (agents' schedules are read through the agent API), each kept when
    /// the policy gives the caller a grant on it.
    func visibleSchedules(of kal: Types.Kal, caller: Caller) async throws -> [Types.Schedule] {
        let rows = try await pool.query(
            """
            SELECT to_jsonb(s) - 'agent_id' || jsonb_build_object(
                       'skills', coalesce((SELECT jsonb_agg(jsonb_build_object('id', sk.id, 'label', sk.label::text)
                                                            ORDER BY sk.label)
                                           FROM schedule_skills ss JOIN skills sk ON sk.id = ss.skill_id
                                           WHERE ss.schedule_id = s.id), '[]'::jsonb)) AS schedule,
                   su.role_id, su.read, su.write
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
    func visibleEvents(of kal: Types.Kal, grant: Grant, caller: Caller, range: DateRangeQuery) async throws
        -> [Types.Event]
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
              AND (\(showAll) OR NOT e.private
                   OR EXISTS (SELECT 1 FROM event_users eu WHERE eu.event_id = e.id AND eu.user_id = \(attendee)))
            ORDER BY e.date, e.id
            """)
        return try rows.decodeAll(Types.Event.self, json: "event")
    }

    /// The time the kal's events make its schedules busy: every live event that is not declined or cancelled,
    /// private or not, from a day before the range to a day after it (buffers are at most a day).
    func busyIntervals(of kal: Types.Kal, range: DateRangeQuery) async throws -> [BusyInterval] {
        let rows = try await pool.query(
            """
            SELECT e.date, e.ends_at FROM events e
            WHERE e.kal_id = \(kal.id) AND e.deleted_at IS NULL AND e.status_id NOT IN (400, 777)
              AND e.date < \(range.to.addingTimeInterval(86_400)) AND e.ends_at > \(range.from.addingTimeInterval(-86_400))
            """)
        return try rows.map { BusyInterval(start: try $0.decode(Date.self, "date"), end: try $0.decode(Date.self, "ends_at")) }
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
