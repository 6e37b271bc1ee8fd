import Generated

/// A contract's hands (docs/domain.md "Hand status"): invited with their work schedule by a member with write level 5
/// (``ContractInvitations``), their job title changed and an open invitation withdrawn
/// by a member with write level 5, an invitation answered by the hand's own user. A hand is always looked up
/// under its contract: a hand of another contract is a 404.
public struct ContractHands: Sendable {
    let pool: PostgresPool
    let invitations: ContractInvitations

    public init(pool: PostgresPool, secret: ServerSecret) {
        self.pool = pool
        self.invitations = ContractInvitations(secret: secret)
    }

    /// Invites a participant (`addContractHand`): an existing user by `user_id` or anyone by `email` (exactly one:
    /// both or neither is a 422 on both), with a work schedule. Needs write level 5. An unknown address gets an
    /// account; the user becomes a member (role 3, its default levels) unless they are one; the hand is pending
    /// (100) with its work schedule in the contract's currency, and the invitation mail goes out once per
    /// address, contract and day. A user with an open invitation already is a 422 on the field sent.
    public func add(_ body: Types.AddContractHandRequest, to contract: Int, by caller: Caller) async throws
        -> Types.Hand
    {
        let (found, grant) = try await Contracts.find(contract, for: caller, on: pool)
        try AccessPolicy.requireContractAdministration(grant, "add hands")
        guard let inviter = caller.userID else { throw Problem.unauthenticated }
        var problems = ValidationErrors()
        let field = body.email == nil ? "user_id" : "email"
        if (body.userId == nil) == (body.email == nil) {
            let message = body.userId == nil ? "Give a user_id or an email." : "Give a user_id or an email, not both."
            problems.add(.custom(message), at: "user_id")
            problems.add(.custom(message), at: "email")
        } else if let userID = body.userId,
            try await pool.query("SELECT 1 FROM users WHERE id = \(userID)").isEmpty
        {
            problems.add(.custom("No user \(userID) exists."), at: "user_id")
        }
        let settings = ContractInvitations.settings(of: body.schedule, in: found, problems: &problems)
        try problems.throwIfAny()
        let hand = try await pool.transaction { tx in
            let (contract, _) = try await Contracts.find(contract, for: caller, locking: true, on: tx)
            let user: Int
            if let userID = body.userId {
                user = userID
            } else {
                user = try await ContractInvitations.user(email: body.email ?? "", in: tx)
            }
            let role3 = AccessPolicy.contractRoleDefaults(3)
            try await tx.query(
                """
                INSERT INTO contract_users (contract_id, user_id, role_id, read, write)
                VALUES (\(contract.id), \(user), 3, \(role3.read), \(role3.write))
                ON CONFLICT (contract_id, user_id) DO NOTHING
                """)
            let hand = try await invitations.invite(
                user, to: contract, role: body.role.flatMap { $0.isEmpty ? nil : $0 }, schedule: body.schedule,
                settings: settings, invitedBy: inviter, field: field, in: tx)
            try await tx.query("UPDATE contracts SET updated_at = now() WHERE id = \(contract.id)")
            return hand
        }
        let rows = try await pool.query(
            """
            SELECT \(ContractJSON.hand) AS hand FROM contract_hands h
            CROSS JOIN (SELECT \(inviter)::bigint AS user_id, \(AccessPolicy.seesContractRates(grant))::boolean AS sees_rates) viewer
            WHERE h.id = \(hand)
            """)
        return try rows[0].decode(Types.Hand.self, json: "hand")
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
    /// anyone else is a 403. A `correction_id` is a 422: no operation of the API proposes a change of a hand's work
    /// schedule, so there is never one to answer (docs/spec-decisions.md), and nothing changes.
    public func answer(_ hand: Int, of contract: Int, with body: Types.AnswerHandRequest, by caller: Caller)
        async throws -> Types.Hand
    {
        let (_, grant) = try await Contracts.find(contract, for: caller, on: pool)
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
            if let correction = body.correctionId {
                throw Problem.invalid(
                    "correction_id",
                    "No change of this hand's work schedule is pending (\(correction) names none): "
                        + "answer the invitation without `correction_id`.")
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
