import Foundation
import Generated

/// Charges through the API (docs/domain.md "The ledger as built"): recorded on a contract, on a contract's event
/// (a task) or on a hand, and changed through the contract or the hand. The pricing, the weekly limit and the
/// hand's lock are ``HandCharges``'; this type finds the contract and the hand, asks the policy, and keeps a charge
/// that is paid, or on a bill, as it is.
public struct ContractCharges: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// `createContractCharge`: a charge for `body.benefitable_id` (default the caller's own accepted hand).
    public func create(_ body: Types.CreateChargeRequest, on contract: Int, by caller: Caller) async throws
        -> Types.Transaction
    {
        let (found, grant) = try await Contracts.find(contract, for: caller, on: pool)
        return try await record(body, contract: found, grant: grant, parent: nil, by: caller)
    }

    /// `createEventCharge`: as ``create(_:on:by:)`` on the contract whose kal holds `event`, attached to it. An event
    /// outside every contract is a 422 on `event`, as is a transaction (charges attach to tasks and meetings).
    public func create(_ body: Types.CreateChargeRequest, onEvent event: Int, by caller: Caller) async throws
        -> Types.Transaction
    {
        let rows = try await pool.query(
            """
            SELECT c.id AS contract_id, e.type_id FROM events e LEFT JOIN contracts c ON c.kal_id = e.kal_id
            WHERE e.id = \(event) AND e.deleted_at IS NULL
            """)
        guard let row = rows.first else { throw Problem.notFound("event") }
        guard let contract = try row.decode(Int?.self, "contract_id") else {
            throw Problem.invalid("event", "Event \(event) is not in a contract's kal: only a contract's events are charged on.")
        }
        let (found, grant) = try await Contracts.find(contract, for: caller, on: pool)
        if try row.decode(Int.self, "type_id") == 4 {
            throw Problem.invalid("event", "Event \(event) is a transaction: charge on a task or a meeting.")
        }
        return try await record(body, contract: found, grant: grant, parent: event, by: caller)
    }

    /// `createHandCharge`: a charge of the hand `hand`, found through its contract's membership.
    public func create(_ body: Types.HandChargeRequest, forHand hand: Int, by caller: Caller) async throws
        -> Types.Transaction
    {
        let (_, grant, handUser) = try await Self.findHand(hand, for: caller, on: pool)
        let status = try AccessPolicy.chargeStatus(grant, isOwnHand: handUser == caller.userID)
        return try await pool.transaction { tx in
            try await HandCharges.record(
                minutes: body.duration, for: hand, date: body.date, label: body.label, description: body.description,
                parent: nil, recordedBy: caller.userID ?? 0, status: status, overLimit: .reject,
                field: "contractHand", in: tx)
        }
    }

    /// `updateContractCharge` (a PUT: the whole charge). Paid, billed and deposits are 422s on `transaction`.
    public func update(_ body: Types.UpdateChargeRequest, transaction: Int, on contract: Int, by caller: Caller)
        async throws -> Types.Transaction
    {
        let (found, grant) = try await Contracts.find(contract, for: caller, on: pool)
        let problems = try await FileReferences.problems(body.files ?? [], of: caller, on: pool)
        let newHandUser = try await handUser(body.handId, of: contract)
        return try await pool.transaction { tx in
            let entry = try await LedgerEntry.lockOne(transaction, kal: found.kalId, noun: "transaction", in: tx)
            try Self.requireChangeable(entry, field: "transaction")
            var status = try AccessPolicy.chargeEditStatus(
                grant, isOwnCharge: entry.isOwn(by: caller), isApproved: entry.paymentStatusID == 200)
            var problems = problems
            if let newHandUser {
                let moved = try AccessPolicy.chargeStatus(grant, isOwnHand: newHandUser == caller.userID)
                status = min(status, moved)
            } else {
                problems.add(.custom("No hand \(body.handId) belongs to this contract."), at: "hand_id")
            }
            try problems.throwIfAny()
            return try await HandCharges.rewrite(
                transaction, minutes: body.time, for: body.handId, date: body.date, label: body.label,
                description: try await Self.current(transaction, in: tx).description, files: body.files ?? [],
                status: status, field: "hand_id", in: tx)
        }
    }

    /// `updateHandCharge` (a PATCH: what is sent changes). A charge of another hand, or a deposit, is a 404; a paid
    /// or billed one a 422 on `event`.
    public func update(_ body: Types.UpdateHandChargeRequest, event: Int, ofHand hand: Int, by caller: Caller)
        async throws -> Types.Transaction
    {
        let (contract, grant, _) = try await Self.findHand(hand, for: caller, on: pool)
        return try await pool.transaction { tx in
            let entry = try await LedgerEntry.lockOne(event, kal: contract.kalId, noun: "charge", in: tx)
            guard entry.isCharge, entry.handID == hand else { throw Problem.notFound("charge") }
            try Self.requireChangeable(entry, field: "event")
            let status = try AccessPolicy.chargeEditStatus(
                grant, isOwnCharge: entry.isOwn(by: caller), isApproved: entry.paymentStatusID == 200)
            let current = try await Self.current(event, in: tx)
            return try await HandCharges.rewrite(
                event, minutes: body.duration ?? current.duration, for: hand, date: body.date ?? current.date,
                label: body.label ?? current.label, description: body.description ?? current.description,
                files: current.files, status: status, field: "contractHand", in: tx)
        }
    }

    // MARK: - Shared steps

    /// A new charge on `contract` for the body's hand (default the caller's own), at the status the policy gives.
    func record(
        _ body: Types.CreateChargeRequest, contract: Types.Contract, grant: Grant, parent: Int?, by caller: Caller
    ) async throws -> Types.Transaction {
        // Below write level 2 nobody charges any hand: refused before the body is looked at, so that what the
        // caller may not do is a 403 whatever hand they named.
        if grant.write < 2 { _ = try AccessPolicy.chargeStatus(grant, isOwnHand: true) }
        var problems = try await FileReferences.problems(body.files ?? [], of: caller, on: pool)
        let hand: Int?
        let handUser: Int?
        if let given = body.benefitableId {
            hand = given
            handUser = try await self.handUser(given, of: contract.id)
            if handUser == nil { problems.add(.custom("No hand \(given) belongs to this contract."), at: "benefitable_id") }
        } else {
            let own = try await pool.query(
                """
                SELECT id FROM contract_hands
                WHERE contract_id = \(contract.id) AND user_id = \(caller.userID) AND status_id = 200 AND deleted_at IS NULL
                ORDER BY id LIMIT 1
                """)
            hand = try own.first?.decode(Int.self, "id")
            handUser = hand == nil ? nil : caller.userID
            if hand == nil {
                problems.add(
                    .custom("You have no accepted hand in this contract: name the hand charged."), at: "benefitable_id")
            }
        }
        guard let hand, let handUser else { throw Problem.invalid(problems) }
        let status = try AccessPolicy.chargeStatus(grant, isOwnHand: handUser == caller.userID)
        try problems.throwIfAny()
        return try await pool.transaction { tx in
            try await HandCharges.record(
                minutes: body.duration, for: hand, date: body.date, label: body.label, description: body.description,
                parent: parent, files: body.files ?? [], recordedBy: caller.userID ?? 0, status: status,
                overLimit: .reject, field: "benefitable_id", in: tx)
        }
    }

    /// The user of the live hand `hand` of `contract`; nil when it is not one of the contract's.
    static func handUser(_ hand: Int, of contract: Int, on db: some PostgresQuerying) async throws -> Int? {
        let rows = try await db.query(
            "SELECT user_id FROM contract_hands WHERE id = \(hand) AND contract_id = \(contract) AND deleted_at IS NULL")
        return try rows.first?.decode(Int.self, "user_id")
    }

    func handUser(_ hand: Int, of contract: Int) async throws -> Int? {
        try await Self.handUser(hand, of: contract, on: pool)
    }

    /// The hand `hand`'s contract with the caller's grant in it, and the hand's user: the contract is resolved from
    /// the hand, then the caller's membership; a hand of a contract the caller is not in (or archived) is a 404.
    static func findHand(_ hand: Int, for caller: Caller, on db: some PostgresQuerying) async throws
        -> (contract: Types.Contract, grant: Grant, handUser: Int)
    {
        let rows = try await db.query(
            "SELECT contract_id, user_id FROM contract_hands WHERE id = \(hand) AND deleted_at IS NULL")
        guard let row = rows.first else { throw Problem.notFound("hand") }
        let found: (contract: Types.Contract, grant: Grant)
        do {
            found = try await Contracts.find(try row.decode(Int.self, "contract_id"), for: caller, on: db)
        } catch let problem as Problem where problem.status == 404 {
            throw Problem.notFound("hand")
        }
        return (found.contract, found.grant, try row.decode(Int.self, "user_id"))
    }

    /// A charge can change while it is unpaid and on no bill (a bill freezes its charges); a deposit is not a
    /// charge. Each is a 422 on `field`.
    static func requireChangeable(_ entry: LedgerEntry, field: String) throws(Problem) {
        if !entry.isCharge {
            throw Problem.invalid(field, "Transaction \(entry.id) is a deposit, not a charge.")
        }
        if entry.isPaid { throw Problem.invalid(field, "Charge \(entry.id) is paid: paid charges never change.") }
        if let bill = entry.billID {
            throw Problem.invalid(field, "Charge \(entry.id) is on bill \(bill): delete the bill to change it.")
        }
    }

    /// What a charge holds now, for the fields a PATCH leaves out.
    static func current(_ id: Int, in tx: PostgresTransaction) async throws
        -> (date: Date, duration: Int, label: String, description: String?, files: [Int])
    {
        let rows = try await tx.query(
            "SELECT date, coalesce(duration, 0) AS duration, label, description, files FROM events WHERE id = \(id)")
        let row = rows[0]
        return (
            try row.decode(Date.self, "date"), try row.decode(Int.self, "duration"), try row.decode(String.self, "label"),
            try row.decode(String?.self, "description"), try row.decode([Int].self, "files")
        )
    }
}
