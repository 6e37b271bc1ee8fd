import Foundation
import Generated

/// A contract's transactions as a whole (docs/domain.md "Payment status", "The ledger as built"): approve
/// (100 → 200), pay (200 → 300) and delete many at once, all or none, and list one participant's. The named
/// transactions are locked in id order (``LedgerEntry/lock(_:kal:in:)``) and each is checked under the lock, so
/// that requests naming the same transactions queue, and one bad id makes a 422 naming every bad
/// `transactions.N` with nothing changed.
public struct ContractTransactions: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Approves unpaid charges (payment status 100 → 200; status 200, confirmed). Needs write level 4.
    public func approve(_ ids: [Int], on contract: Int, by caller: Caller) async throws -> [Types.Transaction] {
        try await move(ids, on: contract, by: caller, action: "approve transactions") { entry in
            if !entry.isCharge { return "Transaction \(entry.id) is a deposit: deposits are paid when recorded." }
            if entry.billID != nil { return "Charge \(entry.id) is on a bill: it is paid with the bill." }
            return entry.paymentStatusID == 100
                ? nil : "Charge \(entry.id) is \(entry.isPaid ? "paid" : "approved") already."
        } write: { ids, tx in
            try await tx.query(
                """
                UPDATE events SET payment_status_id = 200, status_id = 200, updated_at = now() WHERE id = ANY(\(ids))
                """)
        }
    }

    /// Marks approved charges paid (payment status 200 → 300, final). Needs write level 4.
    public func pay(_ ids: [Int], on contract: Int, by caller: Caller) async throws -> [Types.Transaction] {
        try await move(ids, on: contract, by: caller, action: "pay transactions") { entry in
            if !entry.isCharge { return "Transaction \(entry.id) is a deposit: deposits are paid when recorded." }
            if entry.billID != nil { return "Charge \(entry.id) is on a bill: pay the bill." }
            switch entry.paymentStatusID {
            case 200: return nil
            case 300: return "Charge \(entry.id) is paid already."
            default: return "Charge \(entry.id) is not approved: approve it before paying it."
            }
        } write: { ids, tx in
            try await tx.query("UPDATE events SET payment_status_id = 300, updated_at = now() WHERE id = ANY(\(ids))")
        }
    }

    /// Deletes (soft) transactions that are not paid and on no bill, and answers how many. Write level 4 deletes
    /// any such; write level 2 the caller's own unapproved charges (403 for any other).
    public func delete(_ ids: [Int], on contract: Int, by caller: Caller) async throws -> Int {
        let (found, grant) = try await Contracts.find(contract, for: caller, on: pool)
        if grant.write < 2 {
            throw Problem.forbidden("Deleting transactions needs write level 2 (your own charges) or 4; yours is \(grant.write).")
        }
        return try await pool.transaction { tx in
            let entries = try await LedgerEntry.lock(ids, kal: found.kalId, in: tx)
            var problems = ValidationErrors()
            for (index, id) in ids.enumerated() {
                guard let entry = entries[id] else {
                    problems.add(.custom("No transaction \(id) belongs to this contract."), at: "transactions.\(index)")
                    continue
                }
                if !AccessPolicy.deletesTransaction(
                    grant, isOwnCharge: entry.isCharge && entry.isOwn(by: caller),
                    isApproved: entry.paymentStatusID != 100)
                {
                    throw Problem.forbidden(
                        "Transaction \(id) is not your own unapproved charge: deleting it needs write level 4; yours is \(grant.write).")
                }
                if entry.isPaid {
                    problems.add(.custom("Transaction \(id) is paid: paid transactions are kept."), at: "transactions.\(index)")
                } else if let bill = entry.billID {
                    problems.add(
                        .custom("Charge \(id) is on bill \(bill): delete the bill first."), at: "transactions.\(index)")
                }
            }
            try problems.throwIfAny()
            try await tx.query("UPDATE events SET deleted_at = now(), updated_at = now() WHERE id = ANY(\(ids))")
            return ids.count
        }
    }

    /// `user`'s transactions in the contract: those benefiting any of their hands in it, newest first. One's own
    /// always; another member's need read level 3; a user who is not a member is a 404.
    public func list(of user: Int, on contract: Int, page: PageRequest, by caller: Caller) async throws
        -> Types.TransactionPage
    {
        let (found, grant) = try await Contracts.find(contract, for: caller, on: pool)
        let member = try await pool.query(
            "SELECT 1 FROM contract_users WHERE contract_id = \(contract) AND user_id = \(user)")
        if member.isEmpty { throw Problem.notFound("member") }
        try AccessPolicy.requireTransactions(grant, ofSelf: user == caller.userID)
        let scope: SQLFragment =
            """
            e.kal_id = k.kal_id AND e.type_id = 4 AND e.deleted_at IS NULL AND e.benefitable_type = 'ContractHand'
            AND e.benefitable_id IN (SELECT id FROM contract_hands WHERE contract_id = k.contract_id AND user_id = k.user_id)
            """
        let total = try await pool.query(
            """
            SELECT count(*) AS total FROM events e,
                 (SELECT \(found.kalId)::bigint AS kal_id, \(contract)::bigint AS contract_id, \(user)::bigint AS user_id) k
            WHERE \(scope)
            """)[0].decode(Int.self, "total")
        var items: [Types.Transaction] = []
        if let offset = page.offset, offset < total {
            items = try await pool.query(
                """
                SELECT \(TransactionJSON.sql) AS t FROM events e,
                     (SELECT \(found.kalId)::bigint AS kal_id, \(contract)::bigint AS contract_id, \(user)::bigint AS user_id) k
                WHERE \(scope)
                ORDER BY e.date DESC, e.id DESC LIMIT \(page.perPage) OFFSET \(offset)
                """
            ).decodeAll(Types.Transaction.self, json: "t")
        }
        return try Paginator(page, total: total).page(Types.TransactionPage.self, items: items)
    }

    /// Locks `ids`, asks `problem` of each (nil: it may move), and when none has one runs `write` on them all and
    /// answers them in id order; otherwise a 422 naming every bad `transactions.N`. Needs write level 4.
    func move(
        _ ids: [Int], on contract: Int, by caller: Caller, action: String,
        problem: (LedgerEntry) -> String?, write: ([Int], PostgresTransaction) async throws -> Void
    ) async throws -> [Types.Transaction] {
        let (found, grant) = try await Contracts.find(contract, for: caller, on: pool)
        try AccessPolicy.requireContractMoney(grant, action)
        return try await pool.transaction { tx in
            let entries = try await LedgerEntry.lock(ids, kal: found.kalId, in: tx)
            var problems = ValidationErrors()
            for (index, id) in ids.enumerated() {
                let reason: String? =
                    if let entry = entries[id] { problem(entry) } else { "No transaction \(id) belongs to this contract." }
                if let reason { problems.add(.custom(reason), at: "transactions.\(index)") }
            }
            try problems.throwIfAny()
            try await write(ids, tx)
            return try await tx.query(
                "SELECT \(TransactionJSON.sql) AS t FROM events e WHERE e.id = ANY(\(ids)) ORDER BY e.id"
            ).decodeAll(Types.Transaction.self, json: "t")
        }
    }
}
