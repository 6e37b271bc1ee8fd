import Foundation
import Generated

/// A transaction of a contract as the ledger's rules read it, its row locked (docs/domain.md "The ledger as
/// built"). Every transaction id a request names is looked up under its contract (`kal_id` = the contract's kal,
/// type 4, live): one of another contract is not found.
struct LedgerEntry {
    let id: Int
    let credit: Bool
    let paymentStatusID: Int
    let billID: Int?
    /// The hand it benefits (nil for a deposit into the contract as a whole).
    let handID: Int?
    /// That hand's user.
    let handUserID: Int?
    /// The bill whose payment recorded it (deposits only).
    let paysBill: Bool

    var isCharge: Bool { !credit }
    var isPaid: Bool { paymentStatusID == 300 }

    /// Whether `caller` is the user of the hand it benefits.
    func isOwn(by caller: Caller) -> Bool { handUserID != nil && handUserID == caller.userID }

    /// The live transactions `ids` of the contract whose kal is `kal`, locked in id order (so that requests naming
    /// the same transactions queue rather than deadlock), keyed by id; ids of nothing there are missing.
    static func lock(_ ids: [Int], kal: Int, in tx: PostgresTransaction) async throws -> [Int: LedgerEntry] {
        let rows = try await tx.query(
            """
            SELECT e.id, e.credit, e.payment_status_id, e.bill_id, h.id AS hand_id, h.user_id AS hand_user_id,
                   e.data ? 'bill' AS pays_bill
            FROM events e
            LEFT JOIN contract_hands h ON e.benefitable_type = 'ContractHand' AND h.id = e.benefitable_id
            WHERE e.id = ANY(\(ids)) AND e.kal_id = \(kal) AND e.type_id = 4 AND e.deleted_at IS NULL
            ORDER BY e.id
            FOR UPDATE OF e
            """)
        var entries: [Int: LedgerEntry] = [:]
        for row in rows {
            let entry = LedgerEntry(
                id: try row.decode(Int.self, "id"), credit: try row.decode(Bool.self, "credit"),
                paymentStatusID: try row.decode(Int?.self, "payment_status_id") ?? 100,
                billID: try row.decode(Int?.self, "bill_id"), handID: try row.decode(Int?.self, "hand_id"),
                handUserID: try row.decode(Int?.self, "hand_user_id"), paysBill: try row.decode(Bool.self, "pays_bill"))
            entries[entry.id] = entry
        }
        return entries
    }

    /// The one transaction `id` of the contract whose kal is `kal`, locked; 404 (`noun`) when there is none.
    static func lockOne(_ id: Int, kal: Int, noun: String, in tx: PostgresTransaction) async throws -> LedgerEntry {
        guard let entry = try await lock([id], kal: kal, in: tx)[id] else { throw Problem.notFound(noun) }
        return entry
    }

    /// The transaction `id` as the spec's `Transaction`.
    static func json(_ id: Int, on db: some PostgresQuerying) async throws -> Types.Transaction {
        let rows = try await db.query("SELECT \(TransactionJSON.sql) AS t FROM events e WHERE e.id = \(id)")
        return try rows[0].decode(Types.Transaction.self, json: "t")
    }
}
