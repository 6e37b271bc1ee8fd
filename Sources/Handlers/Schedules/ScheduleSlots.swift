import Foundation
import Generated

/// The free slots of a stored schedule, from its resolved settings and its owner's busy time (``BusyTime``). Only
/// availability schedules (type 1) offer slots; work schedules and hire postings offer none.
enum ScheduleSlots {
    /// The schedule's free slots starting in the query's range.
    static func slots(of schedule: Types.Schedule, in query: SlotQuery, on database: some PostgresQuerying)
        async throws -> [Slot]
    {
        guard schedule.typeId == .value1, let engine = try engine(of: schedule, now: query.now) else { return [] }
        let busy = try await BusyTime.intervals(
            kal: schedule.kalId, owner: schedule.userId, schedule: schedule.id, from: query.from, to: query.to,
            on: database)
        let full = try await fullDays(of: schedule, from: query.from, to: query.to, on: database)
        return try engine.slots(in: query, busy: busy, fullDays: full)
    }

    /// The schedule's first free slot starting at or after `after`, looking up to 366 days ahead.
    static func next(
        of schedule: Types.Schedule, after: Date, now: Date, viewerTimeZone: String?,
        on database: some PostgresQuerying
    ) async throws -> Slot? {
        guard schedule.typeId == .value1, let engine = try engine(of: schedule, now: now) else { return nil }
        let horizon = after.addingTimeInterval(Double(engine.limits.maximumRangeDays) * 86_400)
        let busy = try await BusyTime.intervals(
            kal: schedule.kalId, owner: schedule.userId, schedule: schedule.id, from: after, to: horizon,
            on: database)
        let full = try await fullDays(of: schedule, from: after, to: horizon, on: database)
        return try engine.nextSlot(
            after: after, now: now, busy: busy, fullDays: full, viewerTimeZoneIdentifier: viewerTimeZone)
    }

    /// The engine for what was stored (validated when written, so a failure here is a 422 rather than a crash),
    /// offering slots only up to the booking window from `now`; nil when the window closes before the schedule
    /// opens.
    static func engine(of schedule: Types.Schedule, now: Date) throws -> SlotEngine? {
        let until = bookableUntil(end: schedule.end, windowDays: schedule.settings.windowDays, now: now)
        if let until, let start = schedule.start, until <= start { return nil }
        return try SlotEngine(ScheduleAvailability(settings: schedule.settings, start: schedule.start, end: until))
    }

    /// The last instant a slot may end: the schedule's `end`, or `window_days` after `now` when that is sooner.
    static func bookableUntil(end: Date?, windowDays: Int?, now: Date) -> Date? {
        guard let windowDays else { return end }
        let window = now.addingTimeInterval(Double(windowDays) * 86_400)
        return min(end ?? window, window)
    }

    /// The dates (on the schedule's clock) in [from, to), a day either side, whose meetings reach the schedule's
    /// `max_per_day`: its live type-1 events, bookings and events added by hand alike, not declined or cancelled.
    static func fullDays(of schedule: Types.Schedule, from: Date, to: Date, on database: some PostgresQuerying)
        async throws -> Set<LocalDate>
    {
        guard let limit = schedule.settings.maxPerDay else { return [] }
        let rows = try await database.query(
            """
            SELECT to_char(e.date AT TIME ZONE \(schedule.settings.timezone), 'YYYY-MM-DD') AS day
            FROM events e
            WHERE e.kal_schedule_id = \(schedule.id) AND e.type_id = 1 AND e.deleted_at IS NULL
              AND e.status_id NOT IN (400, 777)
              AND e.date >= \(from.addingTimeInterval(-86_400)) AND e.date < \(to.addingTimeInterval(86_400))
            GROUP BY 1 HAVING count(*) >= \(limit)
            """)
        return Set(try rows.compactMap { LocalDate(iso8601: try $0.decode(String.self, "day")) })
    }

    /// A 422 on `viewer_timezone` for a name that is not an IANA zone: every read that takes one checks it here.
    static func checkViewerTimeZone(_ identifier: String?) throws(Problem) {
        if let problem = SchedulingTimeZones.problem(identifier, at: "viewer_timezone") { throw Problem.invalid(problem) }
    }
}
