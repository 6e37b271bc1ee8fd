import Generated

/// Schedules attached to a contract event (`attachContractEventSchedule`, `detachContractEventSchedule`): an
/// `event_exports` row linking the event to a schedule, which the slot engine's busy time reads (``BusyTime``), so
/// the schedule is not free while the event lasts. Attaching needs write level 3 in the contract and write level 2
/// in the schedule; detaching, write level 3 in the contract.
public struct ContractEventExports: Sendable {
    let pool: PostgresPool
    let schedules: Schedules

    public init(pool: PostgresPool) {
        self.pool = pool
        self.schedules = Schedules(pool: pool)
    }

    /// Attaches the schedule; its id is the export's. The event must be dated and not a transaction (422 on
    /// `event`), attached once (422 on `schedule`).
    public func attach(_ schedule: Int, to eventID: Int, in id: Int, by caller: Caller) async throws
        -> Types.EventExport
    {
        let (contract, grant) = try await Contracts.find(id, for: caller, on: pool)
        try grant.requireWrite(3, "Only members with write level 3 may attach schedules; yours is \(grant.write).")
        let found = try await ContractEvents.find(eventID, in: contract, grant: grant, caller: caller, on: pool)
        let (target, scheduleGrant) = try await schedules.find(schedule, for: caller)
        try scheduleGrant.requireWrite(
            2, "Only the schedule's owner or a participant with write level 2 may attach events to it.")
        if found.event.typeId.rawValue == 4 {
            throw Problem.invalid("event", "A transaction is money, not time: it makes no schedule busy.")
        }
        if found.event.date == nil {
            throw Problem.invalid("event", "This event has no date: it makes no schedule busy.")
        }
        return try await mappingUniqueViolations(["event_exports_schedule_key": "schedule"]) {
            try await pool.transaction { tx in
                // The export adds busy time to the schedule's owner: ordered with their bookings.
                try await BusyTime.lockOwnersTime(target.userId, in: tx)
                let rows = try await tx.query(
                    """
                    INSERT INTO event_exports AS x (event_id, schedule_id) VALUES (\(eventID), \(target.id))
                    RETURNING jsonb_build_object('id', x.id, 'event_id', x.event_id, 'schedule_id', x.schedule_id,
                                                 'created_at', x.created_at) AS export
                    """)
                return try rows[0].decode(Types.EventExport.self, json: "export")
            }
        }
    }

    /// Removes the export `export` of the event (404 when the event has none by that id) and answers the event.
    public func detach(_ export: Int, from eventID: Int, in id: Int, by caller: Caller) async throws -> Types.Event {
        let (contract, grant) = try await Contracts.find(id, for: caller, on: pool)
        try grant.requireWrite(3, "Only members with write level 3 may detach schedules; yours is \(grant.write).")
        _ = try await ContractEvents.find(eventID, in: contract, grant: grant, caller: caller, on: pool)
        let rows = try await pool.query(
            """
            DELETE FROM event_exports WHERE id = \(export) AND event_id = \(eventID) AND schedule_id IS NOT NULL
            RETURNING id
            """)
        if rows.isEmpty { throw Problem.notFound("export") }
        return try await ContractEvents.answer(eventID, on: pool)
    }
}
