import Generated

/// A contract's hands (docs/domain.md "Hand status"): their job title changed and an open invitation withdrawn
/// by a member with write level 5, an invitation answered by the hand's own user. A hand is always looked up
/// under its contract: a hand of another contract is a 404.
public struct ContractHands: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Sets the hand's job title. Needs write level 5.
    public func updateRole(_ hand: Int, of contract: Int, to role: String, by caller: Caller) async throws
        -> Types.Hand
    {
        let (_, grant) = try await Contracts.find(contract, for: caller, on: pool)
        try AccessPolicy.requireContractAdministration(grant, "change hands")
        let rows = try await pool.query(
            """
            UPDATE contract_hands AS h SET role = \(role), updated_at = now()
            FROM (SELECT \(caller.userID)::bigint AS user_id, \(AccessPolicy.seesContractRates(grant))::boolean AS sees_rates) viewer
            WHERE h.id = \(hand) AND h.contract_id = \(contract) AND h.deleted_at IS NULL
            RETURNING \(ContractJSON.hand) AS hand
            """)
        guard let row = rows.first else { throw Problem.notFound("hand") }
        return try row.decode(Types.Hand.self, json: "hand")
    }

    /// Withdraws an invitation nobody answered yet (the hand is deleted: a pending hand never carried money).
    /// Needs write level 5; an answered hand is a 422 on `hand` (remove the member instead).
    public func remove(_ hand: Int, of contract: Int, by caller: Caller) async throws {
        let (_, grant) = try await Contracts.find(contract, for: caller, on: pool)
        try AccessPolicy.requireContractAdministration(grant, "remove hands")
        try await pool.transaction { tx in
            let status = try await Self.lockedStatus(of: hand, in: contract, tx)
            if status != 100 {
                throw Problem.invalid("hand", "This hand has answered already: remove the member instead.")
            }
            try await tx.query("DELETE FROM contract_hands WHERE id = \(hand)")
        }
    }

    /// The hand's own user answers the invitation: true accepts (100 → 200, and the contract, while pending,
    /// becomes active: 100 → 200), false rejects (→ 400). An invitation already answered is a 422 on `answer`;
    /// anyone else is a 403. Answering a proposed change of the work schedule (`correction_id`) is not built yet
    /// (501, nothing changes).
    public func answer(_ hand: Int, of contract: Int, with body: Types.AnswerHandRequest, by caller: Caller)
        async throws -> Types.Hand
    {
        let (_, grant) = try await Contracts.find(contract, for: caller, on: pool)
        if body.correctionId != nil {
            throw NotImplementedYet(
                "Answering a change of a hand's work schedule is not built yet: answer the invitation without `correction_id`."
            )
        }
        return try await pool.transaction { tx in
            let locked = try await tx.query(
                """
                SELECT user_id, status_id FROM contract_hands
                WHERE id = \(hand) AND contract_id = \(contract) AND deleted_at IS NULL FOR UPDATE
                """)
            guard let row = locked.first else { throw Problem.notFound("hand") }
            guard try row.decode(Int.self, "user_id") == caller.userID else {
                throw Problem.forbidden("Only the invited user may answer their invitation.")
            }
            if try row.decode(Int.self, "status_id") != 100 {
                throw Problem.invalid("answer", "This invitation has been answered already.")
            }
            let status = body.answer ? 200 : 400
            let rows = try await tx.query(
                """
                UPDATE contract_hands AS h SET status_id = \(status), updated_at = now()
                FROM (SELECT \(caller.userID)::bigint AS user_id, \(AccessPolicy.seesContractRates(grant))::boolean AS sees_rates) viewer
                WHERE h.id = \(hand)
                RETURNING \(ContractJSON.hand) AS hand
                """)
            if body.answer {
                try await tx.query(
                    "UPDATE contracts SET status_id = 200, updated_at = now() WHERE id = \(contract) AND status_id = 100"
                )
            }
            return try rows[0].decode(Types.Hand.self, json: "hand")
        }
    }

    /// The status of the live hand `hand` of `contract`, its row locked; 404 when there is none.
    static func lockedStatus(of hand: Int, in contract: Int, _ tx: PostgresTransaction) async throws -> Int {
        let rows = try await tx.query(
            """
            SELECT status_id FROM contract_hands
            WHERE id = \(hand) AND contract_id = \(contract) AND deleted_at IS NULL FOR UPDATE
            """)
        guard let row = rows.first else { throw Problem.notFound("hand") }
        return try row.decode(Int.self, "status_id")
    }
}
