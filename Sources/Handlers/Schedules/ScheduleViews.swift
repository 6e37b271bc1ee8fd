import Foundation
import Generated

/// What the Schedule tag's reads answer: a schedule with its slots and events over a range (`getSchedule`), its
/// next free slot (`getScheduleNextSlot`), and the slots an unsaved configuration would offer
/// (`previewScheduleSlots`).
public struct ScheduleViews: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The schedule, its free slots starting in `range` and its events in `range` as the caller may read them:
    /// all of them from read level 2, otherwise only those the caller attends (below that level a schedule shows
    /// free/busy time, which the slots already say).
    public func view(
        of schedule: Types.Schedule, grant: Grant, caller: Caller, range: DateRangeQuery, viewerTimeZone: String?,
        now: Date = Date()
    ) async throws -> Types.ScheduleView {
        try ScheduleSlots.checkViewerTimeZone(viewerTimeZone)
        let query = SlotQuery(from: range.from, to: range.to, viewerTimeZoneIdentifier: viewerTimeZone, now: now)
        let slots = try await ScheduleSlots.slots(of: schedule, in: query, on: pool)
        let rows = try await pool.query(
            """
            SELECT \(EventJSON.sql) AS event
            FROM events e
            WHERE e.kal_schedule_id = \(schedule.id) AND e.deleted_at IS NULL
              AND e.date < \(range.to) AND e.ends_at > \(range.from)
              AND (\(grant.read >= 2)
                   OR EXISTS (SELECT 1 FROM event_users eu WHERE eu.event_id = e.id AND eu.user_id = \(caller.userID)))
            ORDER BY e.date, e.id
            """)
        return Types.ScheduleView(
            schedule: schedule, slots: slots.map(Types.Slot.init), events: try rows.decodeAll(Types.Event.self, json: "event"))
    }

    /// The first free slot at or after `after` (default now) within 366 days.
    public func nextSlot(
        of schedule: Types.Schedule, after: Date?, viewerTimeZone: String?, now: Date = Date()
    ) async throws -> Types.NextSlot {
        try ScheduleSlots.checkViewerTimeZone(viewerTimeZone)
        let slot = try await ScheduleSlots.next(
            of: schedule, after: after ?? now, now: now, viewerTimeZone: viewerTimeZone, on: pool)
        return Types.NextSlot(available: slot != nil, slot: slot.map(Types.Slot.init))
    }

    /// The slots `body` would offer in `range` if saved, with the events of its kal as busy time (less those of the
    /// schedule `id` being edited). The kal must be one of the caller's own (422 on `kal_id`), `id` one of their
    /// schedules (422 on `id`). Nothing is written.
    public func preview(
        _ body: Types.PreviewScheduleRequest, by caller: Caller, range: DateRangeQuery, viewerTimeZone: String?,
        now: Date = Date()
    ) async throws -> Types.SlotList {
        guard case .user(let userID) = caller else { throw Problem.unauthenticated }
        var problems = ValidationErrors()
        if let problem = SchedulingTimeZones.problem(viewerTimeZone, at: "viewer_timezone") { problems.merge(problem) }
        let kal = try await pool.query(
            """
            SELECT timezone FROM kals
            WHERE id = \(body.kalId) AND owner_type = 'User' AND user_id = \(userID) AND deleted_at IS NULL
            """
        ).first
        if kal == nil { problems.add(.custom("No kal \(body.kalId) of yours exists."), at: "kal_id") }
        if let id = body.id {
            let own = try await pool.query(
                "SELECT 1 FROM schedules WHERE id = \(id) AND user_id = \(userID) AND deleted_at IS NULL")
            if own.isEmpty { problems.add(.custom("No schedule \(id) of yours exists."), at: "id") }
        }
        let resolved = ResolvedScheduleSettings(
            body.settings, timezone: body.timezone, msp: body.msp, duration: body.duration,
            kalTimeZone: try kal?.decode(String?.self, "timezone"))
        var engine: SlotEngine?
        do {
            engine = try resolved.engine(start: body.start, end: body.end)
        } catch {
            if let engineProblems = error.fieldErrors { problems.merge(engineProblems) }
        }
        try problems.throwIfAny()
        // The booking window narrows what the settings offer (checked above without it, so that its problems
        // name the schedule's own fields).
        let until = ScheduleSlots.bookableUntil(end: body.end, windowDays: resolved.settings.windowDays, now: now)
        if let until, until != body.end {
            engine = body.start.map { $0 < until } ?? true ? try resolved.engine(start: body.start, end: until) : nil
        }
        guard let engine, body.typeId == .value1 else {
            return Types.SlotList(timezone: resolved.settings.timezone, slots: [])
        }
        let busy = try await BusyTime.intervals(
            kal: body.kalId, owner: userID, schedule: body.id, excluding: body.id, from: range.from, to: range.to,
            on: pool)
        let query = SlotQuery(from: range.from, to: range.to, viewerTimeZoneIdentifier: viewerTimeZone, now: now)
        let slots = try engine.slots(in: query, busy: busy)
        return Types.SlotList(timezone: resolved.settings.timezone, slots: slots.map(Types.Slot.init))
    }
}
