import Foundation
import Generated

/// `getKalContractView`: a contract's kal seen through one hand's work schedule (docs/domain.md "Contract events as
/// built"). It shows that schedule, the free stretches of its working hours in the range (its hours less the busy
/// time of the slot engine, so events and attached events take them away), and the hand's events in the range —
/// assigned to the hand, created or attended by its user — as far as the caller's read level shows them
/// (``AccessPolicy/contractEventVisibility(_:)``).
public struct ContractKalViews: Sendable {
    let pool: PostgresPool
    let kals: Kals

    public init(pool: PostgresPool) {
        self.pool = pool
        self.kals = Kals(pool: pool)
    }

    /// The view; a kal that is not a contract's (or that the caller may not see) and a schedule that is not the
    /// work schedule of a live hand of that contract are 404s. Free time shows from read level 1.
    public func view(
        kal id: Int, schedule scheduleID: Int, caller: Caller, range: DateRangeQuery, viewerTimeZone: String?,
        now: Date = Date()
    ) async throws -> Types.KalView {
        try ScheduleSlots.checkViewerTimeZone(viewerTimeZone)
        let (kal, _) = try await kals.find(id, for: caller)
        guard kal.typeId == .value2 else { throw Problem.notFound("kal") }
        let (contract, grant) = try await Contracts.find(kal.userId, for: caller, on: pool)
        let rows = try await pool.query(
            """
            SELECT \(ScheduleJSON.sql) AS schedule, h.id AS hand
            FROM schedules s
            JOIN contract_hands h ON h.schedule_id = s.id AND h.contract_id = \(contract.id) AND h.deleted_at IS NULL
            WHERE s.id = \(scheduleID) AND s.kal_id = \(kal.id) AND s.type_id = 2 AND s.deleted_at IS NULL
            """)
        guard let row = rows.first else { throw Problem.notFound("schedule") }
        let schedule = try row.decode(Types.Schedule.self, json: "schedule")
        let hand = try row.decode(Int.self, "hand")
        let visibility = AccessPolicy.contractEventVisibility(grant)
        let events = try await pool.query(
            """
            SELECT \(EventJSON.sql) AS event
            FROM events e CROSS JOIN (SELECT \(caller.userID)::bigint AS user_id) viewer
            WHERE e.kal_id = \(kal.id) AND e.deleted_at IS NULL
              AND e.date < \(range.to) AND e.ends_at > \(range.from)
              AND ((e.benefitable_type = 'ContractHand' AND e.benefitable_id = \(hand))
                   OR (e.owner_type = 'User' AND e.user_id = \(schedule.userId))
                   OR EXISTS (SELECT 1 FROM event_users a WHERE a.event_id = e.id AND a.user_id = \(schedule.userId)))
              AND (\(visibility.all) OR (\(visibility.allButTransactions) AND e.type_id <> 4)
                   OR (\(visibility.own) AND \(ContractEventSQL.isOwn)))
            ORDER BY e.date, e.id
            """)
        var free: [Types.Slot] = []
        if grant.read >= 1, let engine = try ScheduleSlots.engine(of: schedule, now: now) {
            let busy = try await BusyTime.intervals(
                kal: schedule.kalId, owner: schedule.userId, schedule: schedule.id, from: range.from, to: range.to,
                on: pool)
            let full = try await ScheduleSlots.fullDays(of: schedule, from: range.from, to: range.to, on: pool)
            let query = SlotQuery(from: range.from, to: range.to, viewerTimeZoneIdentifier: viewerTimeZone, now: now)
            free = try engine.slots(in: query, busy: busy, fullDays: full).map(Types.Slot.init)
        }
        return Types.KalView(
            kal: kal, schedules: [schedule], slots: [Types.ScheduleSlots(scheduleId: schedule.id, slots: free)],
            events: try events.decodeAll(Types.Event.self, json: "event"), access: grant.access)
    }
}
