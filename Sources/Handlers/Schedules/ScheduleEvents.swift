import Foundation
import Generated

/// `createScheduleEvent`: an event put into a schedule's kal by hand (a session agreed outside the booking flow, a
/// busy block), linked to the schedule. Unlike a booking it may lie outside the schedule's hours and over other
/// events; it never carries money movement (payments are ``SchedulePayments``), only a price that makes it owed.
public struct ScheduleEvents: Sendable {
    let pool: PostgresPool
    let schedules: Schedules

    public init(pool: PostgresPool) {
        self.pool = pool
        self.schedules = Schedules(pool: pool)
    }

    /// Adds the event and answers it. The owner or a participant with write level 2 may; attendees must be
    /// participants of the schedule. Without a `status_id` the event is confirmed (200) unless it has attendees
    /// other than its creator, who must confirm it (100); completed (555) is reached only through an approved
    /// correction (docs/domain.md "Event status"). Meetings (type 1) need a `date`; tasks and comments may have
    /// none. The price defaults to the schedule's; a priced event is unpaid (100), a price of 0 makes it free.
    public func create(_ body: Types.CreateScheduleEventRequest, in id: Int, by caller: Caller) async throws
        -> Types.Event
    {
        let (schedule, grant) = try await schedules.find(id, for: caller)
        try grant.requireWrite(2, "Only the schedule's owner or a participant with write level 2 may add events to it.")
        guard let creator = caller.userID else { throw Problem.forbidden("Only people add events to schedules.") }
        let typeID = body.typeId?.rawValue ?? 1
        var problems = ValidationErrors()
        if body.statusId == .value555 {
            problems.add(.custom("An event becomes completed only through an approved correction."), at: "status_id")
        }
        if typeID == 1, body.date == nil {
            problems.add(.custom("A meeting needs a date; only tasks and comments may be undated."), at: "date")
        }
        let price = body.price ?? schedule.price
        let currency = body.currency ?? schedule.currency
        if body.currency != nil, (price ?? 0) == 0 {
            problems.add(.custom("A currency needs a price above 0."), at: "currency")
        }
        problems.merge(try await FileReferences.problems(body.files ?? [], of: caller, on: pool))
        let attendees = body.attendees ?? []
        problems.merge(try await attendeeProblems(attendees, of: schedule.id))
        let times = try await EventTimes.resolve(
            EventTimes.Request(date: body.date, start: body.start, end: body.end, duration: body.duration),
            defaultDuration: schedule.settings.duration, minimumDuration: 15, timezone: schedule.timezone,
            problems: &problems, on: pool)
        try problems.throwIfAny()
        let others = attendees.filter { $0.userId != creator }
        let status = body.statusId?.rawValue ?? (others.isEmpty ? 200 : 100)
        let priced = (price ?? 0) > 0
        return try await pool.transaction { tx in
            // A dated event makes the owner busy: it queues behind (and before) bookings of the owner's time.
            if times != nil { try await BusyTime.lockOwnersTime(schedule.userId, in: tx) }
            let rows = try await tx.query(
                """
                INSERT INTO events (user_id, owner_type, type_id, status_id, payment_status_id, kal_schedule_id, kal_id,
                                    label, description, timezone, date, start, "end", duration, ends_at, amount,
                                    currency, files)
                VALUES (\(creator), 'User', \(typeID), \(status), \(priced ? 100 : nil), \(schedule.id), \(schedule.kalId),
                        \(body.label), \(body.description), \(schedule.timezone), \(times?.date), \(times?.start),
                        \(times?.end), \(times?.duration), \(times?.endsAt), \(priced ? price : nil)::numeric,
                        \(priced ? currency : nil), \(body.files ?? [])::bigint[])
                RETURNING id
                """)
            let event = try rows[0].decode(Int.self, "id")
            for attendee in attendees {
                let answer = attendee.userId == creator ? 200 : 100
                try await tx.query(
                    """
                    INSERT INTO event_users (event_id, user_id, role_id, status_id)
                    VALUES (\(event), \(attendee.userId), \(attendee.roleId?.rawValue ?? 3), \(answer))
                    """)
            }
            let answer = try await tx.query("SELECT \(EventJSON.sql) AS event FROM events e WHERE e.id = \(event)")
            return try answer[0].decode(Types.Event.self, json: "event")
        }
    }

    /// A 422 on each `attendees.N.user_id` that is not a participant of the schedule or is listed twice.
    func attendeeProblems(_ attendees: [Types.AttendeeInput], of schedule: Int) async throws -> ValidationErrors {
        var problems = ValidationErrors()
        guard !attendees.isEmpty else { return problems }
        let rows = try await pool.query(
            "SELECT user_id FROM schedule_users WHERE schedule_id = \(schedule) AND user_id = ANY(\(attendees.map(\.userId)))")
        let participants = Set(try rows.map { try $0.decode(Int.self, "user_id") })
        var seen = Set<Int>()
        for (index, attendee) in attendees.enumerated() {
            if !participants.contains(attendee.userId) {
                problems.add(
                    .custom("User \(attendee.userId) is not a participant of this schedule."), at: "attendees.\(index).user_id")
            } else if !seen.insert(attendee.userId).inserted {
                problems.add(.custom("User \(attendee.userId) is listed more than once."), at: "attendees.\(index).user_id")
            }
        }
        return problems
    }
}
