import Foundation
import Generated

/// A contract's bills (docs/domain.md "Bill status", "The ledger as built"): invoices of its charges, made,
/// renamed, deleted while unpaid and paid by members with write level 4, listed at read level 4. A charge is on one
/// bill at most: making a bill claims its charges under their row locks (`UPDATE … WHERE bill_id IS NULL`), so of
/// two bills claiming the same charge at once one gets it and the other is a 422. Paying a bill locks the bill's
/// row first, so of many payments at once exactly one pays.
public struct ContractBills: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// How a row of `bills` (aliased `b`) becomes the spec's `Bill`, its lines the charges that name it.
    static let json: SQLFragment =
        """
        jsonb_build_object(
            'id', b.id, 'label', b.label, 'status_id', b.status_id, 'billable_type', 'Contract',
            'billable_id', b.contract_id, 'total', money_text(b.total), 'currency', b.currency,
            'data', coalesce((SELECT jsonb_agg(jsonb_build_object(
                                  'transaction_id', l.id, 'label', l.label, 'date', l.date, 'duration', l.duration,
                                  'amount', money_text(l.amount), 'currency', l.currency,
                                  'benefitable_type', l.benefitable_type, 'benefitable_id', l.benefitable_id) ORDER BY l.id)
                              FROM events l WHERE l.bill_id = b.id AND l.type_id = 4 AND NOT l.credit), '[]'::jsonb),
            'created_at', b.created_at, 'updated_at', b.updated_at, 'deleted_at', b.deleted_at)
        """

    /// One page of the contract's live bills, ordered by `sortBy` (default `created_at`). Without `descending`,
    /// times sort newest first (the operation's "newest first by default") and labels and statuses ascending.
    public func list(
        on contract: Int, page: PageRequest, sortBy: String?, descending: Bool?, by caller: Caller
    ) async throws -> Types.BillPage {
        let (found, grant) = try await Contracts.find(contract, for: caller, on: pool)
        try AccessPolicy.requireContractBills(grant, privacy: found.privacy.rawValue)
        let key = sortBy ?? "created_at"
        let order: SQLFragment =
            switch (key, descending ?? (key == "created_at" || key == "updated_at")) {
            case ("updated_at", true): "b.updated_at DESC, b.id DESC"
            case ("updated_at", false): "b.updated_at, b.id"
            case ("label", true): "b.label DESC, b.id DESC"
            case ("label", false): "b.label, b.id"
            case ("status_id", true): "b.status_id DESC, b.id DESC"
            case ("status_id", false): "b.status_id, b.id"
            case (_, false): "b.created_at, b.id"
            default: "b.created_at DESC, b.id DESC"
            }
        let total = try await pool.query(
            "SELECT count(*) AS total FROM bills b WHERE b.contract_id = \(contract) AND b.deleted_at IS NULL"
        )[0].decode(Int.self, "total")
        var items: [Types.Bill] = []
        if let offset = page.offset, offset < total {
            items = try await pool.query(
                """
                SELECT \(Self.json) AS bill FROM bills b WHERE b.contract_id = \(contract) AND b.deleted_at IS NULL
                ORDER BY \(order) LIMIT \(page.perPage) OFFSET \(offset)
                """
            ).decodeAll(Types.Bill.self, json: "bill")
        }
        return try Paginator(page, total: total).page(Types.BillPage.self, items: items)
    }

    /// Invoices the charges `body.data.transactions`: each must be a live, unpaid charge of this contract on no
    /// other bill (422 under `data.transactions.N` otherwise, every one at once, and no bill is made). The total is
    /// their sum, in the contract's currency.
    public func create(_ body: Types.CreateBillRequest, on contract: Int, by caller: Caller) async throws -> Types.Bill {
        let (found, grant) = try await Contracts.find(contract, for: caller, on: pool)
        try AccessPolicy.requireContractMoney(grant, "make bills")
        let ids = body.data.transactions
        return try await pool.transaction { tx in
            let entries = try await LedgerEntry.lock(ids, kal: found.kalId, in: tx)
            var problems = ValidationErrors()
            for (index, id) in ids.enumerated() {
                let reason: String? =
                    switch entries[id] {
                    case nil: "No charge \(id) belongs to this contract."
                    case let entry? where !entry.isCharge: "Transaction \(id) is a deposit: only charges are billed."
                    case let entry? where entry.billID != nil: "Charge \(id) is on bill \(entry.billID ?? 0) already."
                    case let entry? where entry.isPaid: "Charge \(id) is paid already."
                    default: nil
                    }
                if let reason { problems.add(.custom(reason), at: "data.transactions.\(index)") }
            }
            try problems.throwIfAny()
            let bill = try await tx.query(
                """
                INSERT INTO bills (contract_id, user_id, label, total, currency)
                SELECT \(contract), \(caller.userID), \(body.label), coalesce(sum(amount), 0), \(found.currency)
                FROM events WHERE id = ANY(\(ids))
                RETURNING id
                """)[0].decode(Int.self, "id")
            let claimed = try await tx.query(
                "UPDATE events SET bill_id = \(bill), updated_at = now() WHERE id = ANY(\(ids)) AND bill_id IS NULL RETURNING id")
            // The rows are locked and were checked unbilled, so every one is claimed; a shortfall would be a bug
            // in the locking, and must not make a bill whose total its lines do not add up to.
            if claimed.count != ids.count {
                throw Problem.conflict("Some of these charges were billed meanwhile; nothing was billed.")
            }
            return try await Self.answer(bill, on: tx)
        }
    }

    /// Renames the bill.
    public func rename(_ bill: Int, on contract: Int, to label: String, by caller: Caller) async throws -> Types.Bill {
        let (_, grant) = try await Contracts.find(contract, for: caller, on: pool)
        try AccessPolicy.requireContractMoney(grant, "rename bills")
        let rows = try await pool.query(
            """
            UPDATE bills AS b SET label = \(label), updated_at = now()
            WHERE b.id = \(bill) AND b.contract_id = \(contract) AND b.deleted_at IS NULL
            RETURNING \(Self.json) AS bill
            """)
        guard let row = rows.first else { throw Problem.notFound("bill") }
        return try row.decode(Types.Bill.self, json: "bill")
    }

    /// Deletes an unpaid bill and frees its charges (a paid bill is a 422 on `bill`: paid bills are kept).
    public func delete(_ bill: Int, on contract: Int, by caller: Caller) async throws {
        let (_, grant) = try await Contracts.find(contract, for: caller, on: pool)
        try AccessPolicy.requireContractMoney(grant, "delete bills")
        try await pool.transaction { tx in
            if try await Self.lockStatus(bill, on: contract, in: tx) == 300 {
                throw Problem.invalid("bill", "Bill \(bill) is paid: paid bills are kept.")
            }
            try await tx.query("UPDATE events SET bill_id = NULL, updated_at = now() WHERE bill_id = \(bill)")
            try await tx.query("UPDATE bills SET deleted_at = now(), updated_at = now() WHERE id = \(bill)")
        }
    }

    /// Pays the bill: its charges become paid (300) and one deposit per beneficiary records the sum of that
    /// beneficiary's lines (`data.bill` names the bill), all in one transaction. A paid bill is a 422 on `bill`.
    public func pay(_ bill: Int, on contract: Int, by caller: Caller) async throws -> Types.Bill {
        let (found, grant) = try await Contracts.find(contract, for: caller, on: pool)
        try AccessPolicy.requireContractMoney(grant, "pay bills")
        return try await pool.transaction { tx in
            if try await Self.lockStatus(bill, on: contract, in: tx) == 300 {
                throw Problem.invalid("bill", "Bill \(bill) is paid already.")
            }
            let lines = try await tx.query(
                "SELECT id FROM events WHERE bill_id = \(bill) AND deleted_at IS NULL ORDER BY id FOR UPDATE")
            let ids = try lines.map { try $0.decode(Int.self, "id") }
            try await tx.query(
                """
                INSERT INTO events (user_id, owner_type, type_id, status_id, payment_status_id, kal_id, billable_type,
                                    billable_id, benefitable_type, benefitable_id, label, timezone, date, ends_at,
                                    amount, currency, credit, private, data)
                SELECT \(caller.userID), 'User', 4, 200, 300, \(found.kalId), 'Contract', \(contract), l.benefitable_type,
                       l.benefitable_id, b.label, \(found.timezone ?? "UTC"), now(), now(), sum(l.amount), b.currency,
                       true, true, jsonb_build_object('bill', b.id, 'pays', jsonb_agg(l.id ORDER BY l.id))
                FROM events l JOIN bills b ON b.id = l.bill_id
                WHERE l.id = ANY(\(ids))
                GROUP BY l.benefitable_type, l.benefitable_id, b.id
                """)
            try await tx.query(
                "UPDATE events SET payment_status_id = 300, status_id = 200, updated_at = now() WHERE id = ANY(\(ids))")
            try await tx.query(
                "UPDATE bills SET status_id = 300, paid_at = now(), updated_at = now() WHERE id = \(bill)")
            return try await Self.answer(bill, on: tx)
        }
    }

    /// The live bill `bill` of `contract`'s status, its row locked; 404 when there is none.
    static func lockStatus(_ bill: Int, on contract: Int, in tx: PostgresTransaction) async throws -> Int {
        let rows = try await tx.query(
            """
            SELECT status_id FROM bills WHERE id = \(bill) AND contract_id = \(contract) AND deleted_at IS NULL
            FOR UPDATE
            """)
        guard let row = rows.first else { throw Problem.notFound("bill") }
        return try row.decode(Int.self, "status_id")
    }

    static func answer(_ bill: Int, on db: some PostgresQuerying) async throws -> Types.Bill {
        try await db.query("SELECT \(json) AS bill FROM bills b WHERE b.id = \(bill)")[0]
            .decode(Types.Bill.self, json: "bill")
    }
}
