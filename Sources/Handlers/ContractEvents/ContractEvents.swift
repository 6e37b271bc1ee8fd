import Foundation
import Generated

/// A contract's events (docs/domain.md "Contract events as built"): meetings and tasks created in the contract's
/// kal (`createContractEvent`), comments and tasks added to its feed (`addContractComment`), and direct changes by
/// the creator or a member with write level 3 (`updateContractEvent`). An event is always looked up under its
/// contract (`e.kal_id = contracts.kal_id`): an event of another contract is a 404. None of these touches money
/// beyond an event's price: transactions change through the ledger's operations.
public struct ContractEvents: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// One live event of a contract as the caller sees it.
    struct Found {
        let event: Types.Event
        /// Whether the caller created it (`user_id`, owner type `User`).
        let isCreator: Bool
    }

    /// The live event `id` of `contract`'s kal, when the caller's grant shows it (and, with `lock`, its row locked);
    /// 404 otherwise, as for an id that does not exist.
    static func find(
        _ id: Int, in contract: Types.Contract, grant: Grant, caller: Caller, lock: Bool = false,
        on db: some PostgresQuerying
    ) async throws -> Found {
        let locking: SQLFragment = lock ? "FOR UPDATE OF e" : ""
        let rows = try await db.query(
            """
            SELECT \(EventJSON.sql) AS event, \(ContractEventSQL.isOwn) AS own
            FROM events e CROSS JOIN (SELECT \(caller.userID)::bigint AS user_id) viewer
            WHERE e.id = \(id) AND e.kal_id = \(contract.kalId) AND e.deleted_at IS NULL
            \(locking)
            """)
        guard let row = rows.first else { throw Problem.notFound("event") }
        let event = try row.decode(Types.Event.self, json: "event")
        let visibility = AccessPolicy.contractEventVisibility(grant)
        guard visibility.shows(isTransaction: event.typeId.rawValue == 4, isOwn: try row.decode(Bool.self, "own"))
        else { throw Problem.notFound("event") }
        return Found(event: event, isCreator: event.ownerType.rawValue == "User" && event.userId == caller.userID)
    }

    /// The event `id` as the spec writes it.
    static func answer(_ id: Int, on db: some PostgresQuerying) async throws -> Types.Event {
        let rows = try await db.query("SELECT \(EventJSON.sql) AS event FROM events e WHERE e.id = \(id)")
        return try rows[0].decode(Types.Event.self, json: "event")
    }

    // MARK: - createContractEvent

    /// A meeting (type 1) or task (type 2, the default) in the contract's kal, created by the caller. Needs write
    /// level 2; assigning it to another member's hand needs 3. It is pending (100) while someone other than the
    /// creator must confirm it (attendees, or the assignee, who is invited as an attendee), else confirmed (200).
    public func create(_ body: Types.CreateContractEventRequest, in id: Int, by caller: Caller) async throws
        -> Types.Event
    {
        let (contract, grant) = try await Contracts.find(id, for: caller, on: pool)
        guard let creator = caller.userID else { throw Problem.unauthenticated }
        try grant.requireWrite(2, "Only members with write level 2 may create events; yours is \(grant.write).")
        var problems = ValidationErrors()
        let hand = try await assignee(
            body.benefitable.map { ($0.type.rawValue, $0.id) }, at: "benefitable", in: contract, grant: grant,
            caller: creator, problems: &problems)
        let typeID = body.typeId?.rawValue ?? 2
        if typeID == 1, body.date == nil {
            problems.add(.custom("A meeting needs a date; only tasks may be undated."), at: "date")
        }
        if body.credit == true {
            problems.add(
                .custom("Only transactions credit anyone: record a deposit with createContractDeposit."), at: "credit")
        }
        let priced = (body.amount ?? 0) > 0
        if let currency = body.currency {
            if !priced {
                problems.add(.custom("A currency needs an amount above 0."), at: "currency")
            } else if currency != contract.currency {
                problems.add(.custom("The contract's events are priced in \(contract.currency)."), at: "currency")
            }
        }
        if let parent = body.parentId {
            try await parentProblems(parent, in: contract, grant: grant, caller: caller, problems: &problems)
        }
        problems.merge(try await FileReferences.problems(body.files ?? [], of: caller, on: pool))
        let attendees = body.attendees ?? []
        problems.merge(try await attendeeProblems(attendees, of: contract.id))
        let timezone = body.timezone ?? contract.timezone ?? "UTC"
        var times: EventTimes?
        if let problem = SchedulingTimeZones.problem(body.timezone, at: "timezone") {
            problems.merge(problem)
        } else {
            times = try await EventTimes.resolve(
                EventTimes.Request(date: body.date, start: body.start, end: body.end, duration: body.duration),
                defaultDuration: 60, minimumDuration: 15, timezone: timezone, problems: &problems, on: pool)
        }
        try problems.throwIfAny()
        var invited = attendees.map { (user: $0.userId, role: $0.roleId?.rawValue ?? 3) }
        if let hand, !invited.contains(where: { $0.user == hand.user }) { invited.append((hand.user, 3)) }
        let status = invited.contains { $0.user != creator } ? 100 : 200
        return try await pool.transaction { tx in
            if times != nil { try await Self.lockBusyTime(of: [creator] + invited.map(\.user), in: tx) }
            let rows = try await tx.query(
                """
                INSERT INTO events (user_id, owner_type, type_id, status_id, payment_status_id, kal_id, parent_id,
                                    billable_type, billable_id, benefitable_type, benefitable_id, label, description,
                                    timezone, date, start, "end", duration, ends_at, amount, currency, private, files,
                                    data)
                VALUES (\(creator), 'User', \(typeID), \(status), \(priced ? 100 : nil), \(contract.kalId),
                        \(body.parentId), \(priced ? "Contract" : nil), \(priced ? contract.id : nil),
                        \(hand == nil ? nil : "ContractHand"), \(hand?.id), \(body.label), \(body.description),
                        \(timezone), \(times?.date), \(times?.start), \(times?.end), \(times?.duration),
                        \(times?.endsAt), \(priced ? body.amount : nil)::numeric, \(priced ? contract.currency : nil),
                        \(body.private_ ?? false), \(body.files ?? [])::bigint[],
                        \(PostgresJSON(text: JSONValue.object(body.data ?? JSONObject()).jsonText))::jsonb)
                RETURNING id
                """)
            let event = try rows[0].decode(Int.self, "id")
            try await Self.invite(invited, to: event, creator: creator, in: tx)
            return try await Self.answer(event, on: tx)
        }
    }

    // MARK: - addContractComment

    /// A comment (type 3, the default; write level 1) or a task (type 2; write level 2, assigned to the caller's
    /// own hand by default, another's with write level 3) in the contract's feed, dated now unless `date` says
    /// otherwise. A charge (type 4) is recorded by the ledger exactly as `createContractCharge` records it
    /// (``charge(_:in:grant:by:)``) and answered as the event it is.
    public func comment(_ body: Types.AddContractCommentRequest, in id: Int, by caller: Caller) async throws
        -> Types.Event
    {
        let (contract, grant) = try await Contracts.find(id, for: caller, on: pool)
        guard let creator = caller.userID else { throw Problem.unauthenticated }
        let typeID = body.typeId?.rawValue ?? 3
        if typeID == 4 { return try await charge(body, in: contract, grant: grant, by: caller) }
        try grant.requireWrite(
            typeID == 3 ? 1 : 2,
            "Only members with write level \(typeID == 3 ? 1 : 2) may add \(typeID == 3 ? "comments" : "tasks"); yours is \(grant.write)."
        )
        var problems = ValidationErrors()
        var hand: (id: Int, user: Int)?
        if typeID == 2 {
            if let given = body.benefitableId {
                hand = try await assignee(
                    ("ContractHand", given), at: "benefitable_id", in: contract, grant: grant, caller: creator,
                    problems: &problems)
            } else {
                hand = try await ownHand(of: creator, in: contract.id)
            }
        } else if body.benefitableId != nil {
            problems.add(.custom("A comment is assigned to nobody; only tasks take a hand."), at: "benefitable_id")
        }
        if typeID == 3, body.duration != nil {
            problems.add(.custom("A comment has no duration."), at: "duration")
        }
        if let parent = body.parentId {
            try await parentProblems(parent, in: contract, grant: grant, caller: caller, problems: &problems)
        }
        problems.merge(try await FileReferences.problems(body.files ?? [], of: caller, on: pool))
        let timezone = contract.timezone ?? "UTC"
        let times = try await EventTimes.resolve(
            EventTimes.Request(date: body.date ?? Date(), start: nil, end: nil, duration: body.duration),
            defaultDuration: 0, minimumDuration: 0, timezone: timezone, problems: &problems, on: pool)
        try problems.throwIfAny()
        let invited = hand.map { [(user: $0.user, role: 3)] } ?? []
        let status = invited.contains { $0.user != creator } ? 100 : 200
        return try await pool.transaction { tx in
            if (times?.duration ?? 0) > 0 { try await Self.lockBusyTime(of: [creator] + invited.map(\.user), in: tx) }
            let rows = try await tx.query(
                """
                INSERT INTO events (user_id, owner_type, type_id, status_id, kal_id, parent_id, benefitable_type,
                                    benefitable_id, label, description, timezone, date, start, "end", duration,
                                    ends_at, files)
                VALUES (\(creator), 'User', \(typeID), \(status), \(contract.kalId), \(body.parentId),
                        \(hand == nil ? nil : "ContractHand"), \(hand?.id), \(body.label), \(body.description),
                        \(timezone), \(times?.date), \(times?.start), \(times?.end), \(times?.duration),
                        \(times?.endsAt), \(body.files ?? [])::bigint[])
                RETURNING id
                """)
            let event = try rows[0].decode(Int.self, "id")
            try await Self.invite(invited, to: event, creator: creator, in: tx)
            return try await Self.answer(event, on: tx)
        }
    }

    // MARK: - updateContractEvent

    /// Changes what the request sends, directly (no vote), for the event's creator or a member with write level 3.
    /// A transaction is a 422 on `event`. `status_id` reopens (100, from 400 or 444), declines (400), holds (444) or
    /// cancels (777); a completed or cancelled event stays as it is (422 on `status_id`). `attendees` replaces the
    /// list: those who stay keep their answers, new ones are invited (100). Time fields left out keep their values.
    public func update(
        _ eventID: Int, in id: Int, with body: Types.UpdateContractEventRequest, by caller: Caller
    ) async throws -> Types.Event {
        let (contract, grant) = try await Contracts.find(id, for: caller, on: pool)
        guard let userID = caller.userID else { throw Problem.unauthenticated }
        let before = try await Self.find(eventID, in: contract, grant: grant, caller: caller, on: pool)
        try AccessPolicy.requireContractEventChange(grant, isCreator: before.isCreator)
        var checked = ValidationErrors()
        let hand = try await assignee(
            body.benefitable.map { ($0.type.rawValue, $0.id) }, at: "benefitable", in: contract, grant: grant,
            caller: userID, problems: &checked)
        checked.merge(try await FileReferences.problems(body.files ?? [], of: caller, on: pool))
        if let attendees = body.attendees { checked.merge(try await attendeeProblems(attendees, of: contract.id)) }
        let fieldProblems = checked
        return try await pool.transaction { tx in
            let found = try await Self.find(eventID, in: contract, grant: grant, caller: caller, lock: true, on: tx)
            let event = found.event
            if event.typeId.rawValue == 4 {
                throw Problem.invalid(
                    "event", "This is a transaction: change it through the charge and deposit operations.")
            }
            var problems = fieldProblems
            let current = event.statusId.rawValue
            if let next = body.statusId?.rawValue, next != current {
                if current == 555 || current == 777 {
                    problems.add(
                        .custom("This event is \(current == 555 ? "completed" : "cancelled"): its status is final."),
                        at: "status_id")
                } else if next == 100 && current != 400 && current != 444 {
                    problems.add(.custom("Only a declined or held event is reopened."), at: "status_id")
                }
            }
            let timezone = body.timezone ?? event.timezone ?? contract.timezone ?? "UTC"
            var times: EventTimes?
            let changesTime = body.date != nil || body.start != nil || body.duration != nil || body.timezone != nil
            if let problem = SchedulingTimeZones.problem(body.timezone, at: "timezone") {
                problems.merge(problem)
            } else if changesTime {
                times = try await EventTimes.resolve(
                    EventTimes.Request(
                        date: body.date ?? event.date, start: body.start, end: nil,
                        duration: body.duration ?? event.duration),
                    defaultDuration: 60, minimumDuration: 15, timezone: timezone, problems: &problems, on: tx)
            }
            try problems.throwIfAny()
            if changesTime || body.attendees != nil || hand != nil {
                let people = (body.attendees?.map(\.userId) ?? event.attendees.map(\.userId)) + [userID]
                try await Self.lockBusyTime(of: people + (hand.map { [$0.user] } ?? []), in: tx)
            }
            try await tx.query(
                """
                UPDATE events
                SET status_id = coalesce(\(body.statusId?.rawValue)::smallint, status_id),
                    label = coalesce(\(body.label), label), description = coalesce(\(body.description), description),
                    private = coalesce(\(body.private_), private), files = coalesce(\(body.files)::bigint[], files),
                    benefitable_type = CASE WHEN \(hand?.id)::bigint IS NULL THEN benefitable_type ELSE 'ContractHand' END,
                    benefitable_id = coalesce(\(hand?.id)::bigint, benefitable_id),
                    timezone = CASE WHEN \(changesTime) THEN \(timezone) ELSE timezone END,
                    date = CASE WHEN \(changesTime) THEN \(times?.date)::timestamptz ELSE date END,
                    start = CASE WHEN \(changesTime) THEN \(times?.start)::text ELSE start END,
                    "end" = CASE WHEN \(changesTime) THEN \(times?.end)::text ELSE "end" END,
                    duration = CASE WHEN \(changesTime) THEN \(times?.duration)::int ELSE duration END,
                    ends_at = CASE WHEN \(changesTime) THEN \(times?.endsAt)::timestamptz ELSE ends_at END,
                    updated_at = now()
                WHERE id = \(eventID)
                """)
            if let attendees = body.attendees {
                var invited = attendees.map { (user: $0.userId, role: $0.roleId?.rawValue ?? 3) }
                if let hand, !invited.contains(where: { $0.user == hand.user }) { invited.append((hand.user, 3)) }
                try await tx.query(
                    "DELETE FROM event_users WHERE event_id = \(eventID) AND NOT (user_id = ANY(\(invited.map(\.user))))"
                )
                try await Self.invite(invited, to: eventID, creator: event.userId, in: tx)
            } else if let hand {
                try await Self.invite([(hand.user, 3)], to: eventID, creator: event.userId, in: tx)
            }
            return try await Self.answer(eventID, on: tx)
        }
    }

    // MARK: - Checks and writes shared by the three

    /// The hand an event is assigned to, from a `(type, id)` benefitable: a live hand of this contract (422 at
    /// `field` otherwise, also for a `User`); another member's hand needs write level 3 (403).
    func assignee(
        _ benefitable: (type: String, id: Int)?, at field: String, in contract: Types.Contract, grant: Grant,
        caller: Int, problems: inout ValidationErrors
    ) async throws -> (id: Int, user: Int)? {
        guard let benefitable else { return nil }
        guard benefitable.type == "ContractHand" else {
            problems.add(.custom("A contract event is assigned to a hand of the contract (ContractHand)."), at: field)
            return nil
        }
        let rows = try await pool.query(
            """
            SELECT user_id FROM contract_hands
            WHERE id = \(benefitable.id) AND contract_id = \(contract.id) AND deleted_at IS NULL
            """)
        guard let row = rows.first else {
            problems.add(.custom("No hand \(benefitable.id) of this contract exists."), at: field)
            return nil
        }
        let user = try row.decode(Int.self, "user_id")
        try AccessPolicy.requireContractAssignment(grant, toOwnHand: user == caller)
        return (benefitable.id, user)
    }

    /// The caller's oldest live hand of the contract that is not rejected, if any: where a task they add goes.
    func ownHand(of user: Int, in contract: Int) async throws -> (id: Int, user: Int)? {
        let rows = try await pool.query(
            """
            SELECT id FROM contract_hands
            WHERE contract_id = \(contract) AND user_id = \(user) AND deleted_at IS NULL AND status_id <> 400
            ORDER BY id LIMIT 1
            """)
        return try rows.first.map { (try $0.decode(Int.self, "id"), user) }
    }

    /// A 422 on `parent_id` unless it names an event of this contract the caller sees.
    /// A charge through the feed: `duration` is required, `parent_id` (a reply) must be an event of the contract,
    /// then the ledger prices, limits and records it as for `createContractCharge`, with the reply as its parent.
    private func charge(
        _ body: Types.AddContractCommentRequest, in contract: Types.Contract, grant: Grant, by caller: Caller
    ) async throws -> Types.Event {
        // Below write level 2 nobody charges: the ledger's 403, before the body is looked at.
        if grant.write < 2 { _ = try AccessPolicy.chargeStatus(grant, isOwnHand: true) }
        var problems = ValidationErrors()
        if body.duration == nil {
            problems.add(.custom("A charge needs its duration in minutes."), at: "duration")
        }
        if let parent = body.parentId {
            try await parentProblems(parent, in: contract, grant: grant, caller: caller, problems: &problems)
        }
        try problems.throwIfAny()
        let request = Types.CreateChargeRequest(
            date: body.date ?? Date(), duration: body.duration ?? 0, benefitableId: body.benefitableId,
            label: body.label, description: body.description, files: body.files)
        let transaction = try await ContractCharges(pool: pool).record(
            request, contract: contract, grant: grant, parent: body.parentId, by: caller)
        return try await Self.answer(transaction.id, on: pool)
    }

    func parentProblems(
        _ parent: Int, in contract: Types.Contract, grant: Grant, caller: Caller, problems: inout ValidationErrors
    ) async throws {
        do {
            _ = try await Self.find(parent, in: contract, grant: grant, caller: caller, on: pool)
        } catch let problem as Problem where problem.status == 404 {
            problems.add(.custom("No event \(parent) of this contract exists."), at: "parent_id")
        }
    }

    /// A 422 on each `attendees.N.user_id` that is not a member of the contract or is listed twice.
    func attendeeProblems(_ attendees: [Types.AttendeeInput], of contract: Int) async throws -> ValidationErrors {
        var problems = ValidationErrors()
        guard !attendees.isEmpty else { return problems }
        let rows = try await pool.query(
            "SELECT user_id FROM contract_users WHERE contract_id = \(contract) AND user_id = ANY(\(attendees.map(\.userId)))"
        )
        let members = Set(try rows.map { try $0.decode(Int.self, "user_id") })
        var seen = Set<Int>()
        for (index, attendee) in attendees.enumerated() {
            if !members.contains(attendee.userId) {
                problems.add(
                    .custom("User \(attendee.userId) is not a member of this contract."),
                    at: "attendees.\(index).user_id")
            } else if !seen.insert(attendee.userId).inserted {
                problems.add(
                    .custom("User \(attendee.userId) is listed more than once."), at: "attendees.\(index).user_id")
            }
        }
        return problems
    }

    /// Invites `people` to `event`: the creator has answered (200), the others are asked (100); someone already
    /// invited keeps their answer and takes the role given.
    static func invite(
        _ people: [(user: Int, role: Int)], to event: Int, creator: Int, in tx: PostgresTransaction
    ) async throws {
        for person in people {
            try await tx.query(
                """
                INSERT INTO event_users (event_id, user_id, role_id, status_id)
                VALUES (\(event), \(person.user), \(person.role), \(person.user == creator ? 200 : 100))
                ON CONFLICT (event_id, user_id) DO UPDATE SET role_id = excluded.role_id, updated_at = now()
                """)
        }
    }

    /// Takes the busy-time lock of everyone a dated event makes busy, in id order (two writers then queue rather
    /// than deadlock), as bookings do (docs/adding-an-operation.md).
    static func lockBusyTime(of people: [Int], in tx: PostgresTransaction) async throws {
        for person in Set(people).sorted() { try await BusyTime.lockOwnersTime(person, in: tx) }
    }
}
