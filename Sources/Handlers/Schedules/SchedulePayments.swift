import Foundation
import Generated

/// Money on a schedule (docs/domain.md "Payment status"): `payScheduleEvents` marks priced bookings paid and
/// records one deposit for their total; `createScheduleDeposit` records a deposit and marks the events it names
/// paid. Both need write level 3, and both act on all the named events or on none: the events are locked in id
/// order and checked under the lock, so two payments of the same booking never both pass, and one event in the
/// wrong state makes the whole request a 422 naming it.
public struct SchedulePayments: Sendable {
    let pool: PostgresPool
    let schedules: Schedules

    public init(pool: PostgresPool) {
        self.pool = pool
        self.schedules = Schedules(pool: pool)
    }

    /// Pays `body.ids` (every unpaid booking when absent) and answers the events now paid. Nothing to pay answers
    /// an empty list and records no deposit.
    public func pay(_ body: Types.PayScheduleEventsRequest?, schedule id: Int, by caller: Caller, now: Date = Date())
        async throws -> [Types.Event]
    {
        let (schedule, grant) = try await schedules.find(id, for: caller)
        try grant.requireWrite(3, "Only the schedule's owner or a participant with write level 3 may record payments.")
        return try await pool.transaction { tx in
            let owed = try await Self.lockPayable(body?.ids, of: schedule, in: tx)
            guard !owed.isEmpty else { return [] }
            let currencies = Set(owed.map(\.currency))
            guard currencies.count == 1, let currency = currencies.first else {
                throw Problem.invalid(
                    "ids",
                    "These bookings are priced in \(currencies.sorted().joined(separator: " and ")): pay each currency in its own request.")
            }
            let paid = owed.map(\.id)
            try await tx.query(
                """
                INSERT INTO events (user_id, owner_type, type_id, status_id, payment_status_id, kal_schedule_id, kal_id,
                                    billable_type, billable_id, benefitable_type, benefitable_id, label, timezone,
                                    date, ends_at, amount, currency, credit, private, data)
                SELECT \(caller.userID), 'User', 4, 200, 300, \(schedule.id), \(schedule.kalId), 'Schedule',
                       \(schedule.id), 'User', \(schedule.benefitableId ?? schedule.userId),
                       \(body?.label ?? "Payment"), \(schedule.timezone), \(now), \(now), sum(e.amount), \(currency),
                       true, true, jsonb_build_object('pays', jsonb_agg(e.id ORDER BY e.id))
                FROM events e WHERE e.id = ANY(\(paid))
                """)
            return try await Self.markPaid(paid, in: tx)
        }
    }

    /// Records a deposit of `body.amount` in the schedule's currency for the benefitable (default the schedule's
    /// owner) and marks `body.ids` paid. The amount must cover the events it pays; the benefitable must be the
    /// owner or a participant.
    public func deposit(_ body: Types.ScheduleDepositRequest, schedule id: Int, by caller: Caller) async throws
        -> Types.Transaction
    {
        let (schedule, grant) = try await schedules.find(id, for: caller)
        try grant.requireWrite(3, "Only the schedule's owner or a participant with write level 3 may record deposits.")
        var problems = ValidationErrors()
        let benefitable = body.benefitableId ?? schedule.userId
        if body.benefitableType == .contractHand {
            problems.add(
                .custom("A contract hand is paid on its contract (createContractDeposit); a person's schedule pays a User."),
                at: "benefitable_type")
        } else if try await !isParticipant(benefitable, of: schedule.id) {
            problems.add(
                .custom("User \(benefitable) is not the owner or a participant of this schedule."), at: "benefitable_id")
        }
        try problems.throwIfAny()
        return try await pool.transaction { tx in
            var owed: [Payable] = []
            if let ids = body.ids { owed = try await Self.lockPayable(ids, of: schedule, in: tx) }
            var problems = ValidationErrors()
            for event in owed where event.currency != schedule.currency {
                problems.add(
                    .custom("Event \(event.id) is priced in \(event.currency); this deposit is in \(schedule.currency)."),
                    at: "ids.\(event.index)")
            }
            try problems.throwIfAny()
            let rows = try await tx.query(
                """
                WITH owed AS (SELECT coalesce(sum(amount), 0) AS total FROM events WHERE id = ANY(\(owed.map(\.id))))
                INSERT INTO events (user_id, owner_type, type_id, status_id, payment_status_id, kal_schedule_id, kal_id,
                                    billable_type, billable_id, benefitable_type, benefitable_id, label, timezone,
                                    date, ends_at, amount, currency, credit, private, data)
                SELECT \(caller.userID), 'User', 4, 200, 300, \(schedule.id), \(schedule.kalId), 'Schedule',
                       \(schedule.id), 'User', \(benefitable), \(body.label ?? "Deposit"), \(schedule.timezone),
                       \(body.date), \(body.date), \(body.amount)::numeric, \(schedule.currency), true, true,
                       jsonb_build_object('pays', to_jsonb(\(owed.map(\.id))::bigint[]))
                FROM owed WHERE owed.total <= \(body.amount)::numeric
                RETURNING id
                """)
            guard let row = rows.first else {
                let total = try await tx.query(
                    "SELECT money_text(sum(amount)) AS total FROM events WHERE id = ANY(\(owed.map(\.id)))")
                throw Problem.invalid(
                    "amount",
                    "The events named cost \(try total[0].decode(String.self, "total")) \(schedule.currency) together; a deposit of \(body.amount) does not cover them.")
            }
            _ = try await Self.markPaid(owed.map(\.id), in: tx)
            let deposit = try row.decode(Int.self, "id")
            let answer = try await tx.query("SELECT \(TransactionJSON.sql) AS t FROM events e WHERE e.id = \(deposit)")
            return try answer[0].decode(Types.Transaction.self, json: "t")
        }
    }

    /// A priced booking that may be paid, with its place in the request's `ids`.
    struct Payable {
        let id: Int
        let index: Int
        let currency: String
    }

    /// Locks (in id order, so that concurrent payments queue rather than deadlock) and checks the schedule's events
    /// to pay: `ids`, each of which must be a pending or confirmed priced booking not yet paid (422 on `ids.N`
    /// otherwise), or every such booking when `ids` is nil.
    static func lockPayable(_ ids: [Int]?, of schedule: Types.Schedule, in tx: PostgresTransaction) async throws
        -> [Payable]
    {
        let rows = try await tx.query(
            """
            SELECT id, type_id, status_id, payment_status_id, currency FROM events
            WHERE kal_schedule_id = \(schedule.id) AND deleted_at IS NULL
              AND (id = ANY(\(ids ?? [])) OR (\(ids == nil) AND payment_status_id IN (100, 200)
                                              AND type_id = 1 AND status_id IN (100, 200)))
            ORDER BY id
            FOR UPDATE
            """)
        var found: [Int: (type: Int, status: Int, payment: Int?, currency: String?)] = [:]
        for row in rows {
            found[try row.decode(Int.self, "id")] = (
                try row.decode(Int.self, "type_id"), try row.decode(Int.self, "status_id"),
                try row.decode(Int?.self, "payment_status_id"), try row.decode(String?.self, "currency")
            )
        }
        guard let ids else {
            return found.keys.sorted().enumerated().map { Payable(id: $1, index: $0, currency: found[$1]!.currency ?? "") }
        }
        var problems = ValidationErrors()
        var payable: [Payable] = []
        for (index, id) in ids.enumerated() {
            let reason: String?
            switch found[id] {
            case nil: reason = "No event \(id) belongs to this schedule."
            case let event? where event.type != 1: reason = "Event \(id) is not a booking."
            case let event? where event.status == 400 || event.status == 777:
                reason = "Event \(id) was \(event.status == 400 ? "declined" : "cancelled"): nothing is owed for it."
            case let event? where event.payment == nil: reason = "Event \(id) is free: there is nothing to pay."
            case let event? where event.payment == 300: reason = "Event \(id) is already paid."
            case let event?:
                reason = nil
                payable.append(Payable(id: id, index: index, currency: event.currency ?? ""))
            }
            if let reason { problems.add(.custom(reason), at: "ids.\(index)") }
        }
        try problems.throwIfAny()
        return payable
    }

    /// Marks the locked events paid and answers them as the spec's `Event`, in id order.
    static func markPaid(_ ids: [Int], in tx: PostgresTransaction) async throws -> [Types.Event] {
        guard !ids.isEmpty else { return [] }
        try await tx.query("UPDATE events SET payment_status_id = 300, updated_at = now() WHERE id = ANY(\(ids))")
        let rows = try await tx.query(
            "SELECT \(EventJSON.sql) AS event FROM events e WHERE e.id = ANY(\(ids)) ORDER BY e.id")
        return try rows.map { try $0.decode(Types.Event.self, json: "event") }
    }

    /// Whether `user` is the owner or a participant of schedule `id` (the owner has a participant row).
    func isParticipant(_ user: Int, of schedule: Int) async throws -> Bool {
        !(try await pool.query(
            "SELECT 1 FROM schedule_users WHERE schedule_id = \(schedule) AND user_id = \(user)")).isEmpty
    }
}
