import Foundation
import Generated

/// The free slots of a stored schedule, from its resolved settings and its owner's busy time (``BusyTime``). Only
/// availability schedules (type 1) offer slots; work schedules and hire postings offer none.
enum ScheduleSlots {
    /// The schedule's free slots starting in the query's range.
    static func slots(of schedule: Types.Schedule, in query: SlotQuery, on database: some PostgresQuerying)
        async throws -> [Slot]
    {
        guard schedule.typeId == .value1 else { return [] }
        let engine = try engine(of: schedule)
        let busy = try await BusyTime.intervals(
            kal: schedule.kalId, owner: schedule.userId, schedule: schedule.id, from: query.from, to: query.to,
            on: database)
        return try engine.slots(in: query, busy: busy)
    }

    /// The schedule's first free slot starting at or after `after`, looking up to 366 days ahead.
    static func next(
        of schedule: Types.Schedule, after: Date, now: Date, viewerTimeZone: String?,
        on database: some PostgresQuerying
    ) async throws -> Slot? {
        guard schedule.typeId == .value1 else { return nil }
        let engine = try engine(of: schedule)
        let horizon = after.addingTimeInterval(Double(engine.limits.maximumRangeDays) * 86_400)
        let busy = try await BusyTime.intervals(
            kal: schedule.kalId, owner: schedule.userId, schedule: schedule.id, from: after, to: horizon,
            on: database)
        return try engine.nextSlot(after: after, now: now, busy: busy, viewerTimeZoneIdentifier: viewerTimeZone)
    }

    /// The engine for what was stored (validated when written, so a failure here is a 422 rather than a crash).
    static func engine(of schedule: Types.Schedule) throws -> SlotEngine {
        try SlotEngine(ScheduleAvailability(settings: schedule.settings, start: schedule.start, end: schedule.end))
    }

    /// A 422 on `viewer_timezone` for a name that is not an IANA zone: every read that takes one checks it here.
    static func checkViewerTimeZone(_ identifier: String?) throws(Problem) {
        if let problem = SchedulingTimeZones.problem(identifier, at: "viewer_timezone") { throw Problem.invalid(problem) }
    }
}
