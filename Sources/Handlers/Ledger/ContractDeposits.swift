import Foundation
import Generated

/// Deposits (docs/domain.md "The ledger as built"): payments into a contract, or credited to one of its hands,
/// recorded and corrected by members with write level 4. A deposit is paid when recorded (payment status 300) and
/// its amount is kept exactly as sent (the request's decimal literal, cast to SQL numeric, never a `Double`).
/// A deposit recorded by paying a bill is that bill's and does not change.
public struct ContractDeposits: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// `createContractDeposit`: into the contract, or credited to `body.benefitable_id`, a hand of it.
    public func create(_ body: Types.CreateDepositRequest, on contract: Int, by caller: Caller) async throws
        -> Types.Transaction
    {
        let (found, grant) = try await Contracts.find(contract, for: caller, on: pool)
        try AccessPolicy.requireContractMoney(grant, "record deposits")
        if let hand = body.benefitableId {
            try await Self.requireHand(hand, of: found, field: "benefitable_id", on: pool)
        }
        return try await Self.insert(
            into: found, hand: body.benefitableId, date: body.date, amount: body.amount, label: body.label,
            description: nil, by: caller, on: pool)
    }

    /// `createHandDeposit`: credited to the hand `hand`.
    public func create(_ body: Types.HandDepositRequest, forHand hand: Int, by caller: Caller) async throws
        -> Types.Transaction
    {
        let (contract, grant, _) = try await ContractCharges.findHand(hand, for: caller, on: pool)
        try AccessPolicy.requireContractMoney(grant, "record deposits")
        try await Self.requireHand(hand, of: contract, field: "contractHand", on: pool)
        return try await Self.insert(
            into: contract, hand: hand, date: body.date, amount: body.amount, label: body.label,
            description: body.description, by: caller, on: pool)
    }

    /// `updateContractDeposit` (a PUT: date, amount and label rewritten; no label is "Deposit"). A charge is a 422
    /// on `transaction`, as is a deposit recorded by paying a bill.
    public func update(_ body: Types.UpdateDepositRequest, transaction: Int, on contract: Int, by caller: Caller)
        async throws -> Types.Transaction
    {
        let (found, grant) = try await Contracts.find(contract, for: caller, on: pool)
        try AccessPolicy.requireContractMoney(grant, "change deposits")
        return try await pool.transaction { tx in
            let entry = try await LedgerEntry.lockOne(transaction, kal: found.kalId, noun: "transaction", in: tx)
            try Self.requireChangeable(entry, field: "transaction")
            try await tx.query(
                """
                UPDATE events SET date = \(body.date), ends_at = \(body.date), amount = \(body.amount.literal)::numeric,
                                  label = \(body.label ?? "Deposit"), updated_at = now()
                WHERE id = \(transaction)
                """)
            return try await LedgerEntry.json(transaction, on: tx)
        }
    }

    /// `updateHandDeposit` (a PATCH: what is sent changes). A charge, or a deposit of another hand, is a 404.
    public func update(_ body: Types.UpdateHandDepositRequest, event: Int, ofHand hand: Int, by caller: Caller)
        async throws -> Types.Transaction
    {
        let (contract, grant, _) = try await ContractCharges.findHand(hand, for: caller, on: pool)
        try AccessPolicy.requireContractMoney(grant, "change deposits")
        return try await pool.transaction { tx in
            let entry = try await LedgerEntry.lockOne(event, kal: contract.kalId, noun: "deposit", in: tx)
            guard !entry.isCharge, entry.handID == hand else { throw Problem.notFound("deposit") }
            try Self.requireChangeable(entry, field: "event")
            try await tx.query(
                """
                UPDATE events
                SET date = coalesce(\(body.date), date), ends_at = coalesce(\(body.date), ends_at),
                    amount = coalesce(\(body.amount?.literal)::numeric, amount), label = coalesce(\(body.label), label),
                    description = coalesce(\(body.description), description), updated_at = now()
                WHERE id = \(event)
                """)
            return try await LedgerEntry.json(event, on: tx)
        }
    }

    /// Inserts the deposit (type 4, `credit` true, status 200, paid) in the contract's kal and currency.
    static func insert(
        into contract: Types.Contract, hand: Int?, date: Date, amount: JSONNumber, label: String?,
        description: String?, by caller: Caller, on db: some PostgresQuerying
    ) async throws -> Types.Transaction {
        let rows = try await db.query(
            """
            INSERT INTO events AS e (user_id, owner_type, type_id, status_id, payment_status_id, kal_id, billable_type,
                                     billable_id, benefitable_type, benefitable_id, label, description, timezone,
                                     date, ends_at, amount, currency, credit, private)
            VALUES (\(caller.userID), 'User', 4, 200, 300, \(contract.kalId), 'Contract', \(contract.id),
                    \(hand == nil ? nil : "ContractHand"), \(hand), \(label ?? "Deposit"), \(description),
                    \(contract.timezone ?? "UTC"), \(date), \(date), \(amount.literal)::numeric, \(contract.currency),
                    true, true)
            RETURNING \(TransactionJSON.sql) AS t
            """)
        return try rows[0].decode(Types.Transaction.self, json: "t")
    }

    /// A hand credited must be a live hand of the contract, in its currency (422 on `field` otherwise).
    static func requireHand(_ hand: Int, of contract: Types.Contract, field: String, on db: some PostgresQuerying)
        async throws
    {
        let rows = try await db.query(
            "SELECT currency FROM contract_hands WHERE id = \(hand) AND contract_id = \(contract.id) AND deleted_at IS NULL")
        guard let row = rows.first else {
            throw Problem.invalid(field, "No hand \(hand) belongs to this contract.")
        }
        let currency = try row.decode(String.self, "currency")
        if currency != contract.currency {
            throw Problem.invalid(field, "Hand \(hand) is paid in \(currency), its contract in \(contract.currency).")
        }
    }

    /// A deposit changes unless it was recorded by paying a bill; a charge is not a deposit. 422s on `field`.
    static func requireChangeable(_ entry: LedgerEntry, field: String) throws(Problem) {
        if entry.isCharge { throw Problem.invalid(field, "Transaction \(entry.id) is a charge, not a deposit.") }
        if entry.paysBill {
            throw Problem.invalid(field, "Deposit \(entry.id) was recorded by paying a bill: it stays as the bill paid it.")
        }
    }
}
