import Generated

/// A contract's members (`ContractUser`) with their role and levels (docs/domain.md "Roles and access levels"):
/// listed by any member, added by a member with write level 5, removed by that same level or by the member
/// themselves. Nobody grants a level above their own, only an owner adds or removes an owner, and the last owner
/// cannot leave. Every change of the membership locks the contract's row first, so changes queue per contract.
public struct ContractMembers: Sendable {
    let pool: PostgresPool
    let invitations: ContractInvitations

    public init(pool: PostgresPool, secret: ServerSecret) {
        self.pool = pool
        self.invitations = ContractInvitations(secret: secret)
    }

    /// The members, owners first, then by when they joined; any member may list them.
    public func list(_ contract: Int, by caller: Caller) async throws -> [Types.ContractUser] {
        let (_, grant) = try await Contracts.find(contract, for: caller, on: pool)
        return try await Self.members(of: contract, user: nil, viewer: caller, grant: grant, on: pool)
    }

    /// Adds the user with the role given and its default levels unless others are given. Needs write level 5;
    /// a level above the caller's own, the owner role from a non-owner, a user who does not exist or is already a
    /// member: one 422 naming each field. With a work schedule (`schedule`) the member also gets a pending hand
    /// with it and the invitation mail, as `addContractHand` makes them (``ContractInvitations``).
    public func add(_ body: Types.AddContractUserRequest, to contract: Int, by caller: Caller) async throws
        -> Types.ContractUser
    {
        let (found, grant) = try await Contracts.find(contract, for: caller, on: pool)
        try AccessPolicy.requireContractAdministration(grant, "add members")
        guard let inviter = caller.userID else { throw Problem.unauthenticated }
        var scheduleProblems = ValidationErrors()
        let settings = body.schedule.map {
            ContractInvitations.settings(of: $0, in: found, problems: &scheduleProblems)
        }
        let defaults = AccessPolicy.contractRoleDefaults(body.roleId.rawValue)
        let read = body.read?.rawValue ?? defaults.read
        let write = body.write?.rawValue ?? defaults.write
        return try await pool.transaction { tx in
            let (locked, granter) = try await Contracts.find(contract, for: caller, locking: true, on: tx)
            var problems = AccessPolicy.contractGrantProblems(
                role: body.roleId.rawValue, read: read, write: write, by: granter)
            problems.merge(scheduleProblems)
            let user = try await tx.query(
                """
                SELECT EXISTS (SELECT 1 FROM contract_users WHERE contract_id = \(contract) AND user_id = u.id) AS member
                FROM users u WHERE u.id = \(body.userId)
                """
            ).first
            if let user {
                if try user.decode(Bool.self, "member") {
                    problems.add(.custom("User \(body.userId) is already a member of this contract."), at: "user_id")
                }
            } else {
                problems.add(.custom("No user \(body.userId) exists."), at: "user_id")
            }
            try problems.throwIfAny()
            try await tx.query(
                """
                INSERT INTO contract_users (contract_id, user_id, role_id, read, write)
                VALUES (\(contract), \(body.userId), \(body.roleId.rawValue), \(read), \(write))
                """)
            if let schedule = body.schedule, let settings {
                _ = try await invitations.invite(
                    body.userId, to: locked, role: nil, schedule: schedule, settings: settings, invitedBy: inviter,
                    field: "user_id", in: tx)
            }
            try await tx.query("UPDATE contracts SET updated_at = now() WHERE id = \(contract)")
            return try await Self.members(of: contract, user: body.userId, viewer: caller, grant: granter, on: tx)[0]
        }
    }

    /// Removes `user` (default: the caller, who leaves) and their pending hands; their answered hands stay, with
    /// whatever money they carry. Removing someone else needs write level 5, removing an owner needs an owner, and
    /// the last owner cannot leave (422 on `user_id`); someone who is not a member is a 422 on `user_id`.
    public func remove(_ user: Int?, from contract: Int, by caller: Caller) async throws {
        guard let callerID = caller.userID else { throw Problem.unauthenticated }
        let target = user ?? callerID
        // Outside the lock first, so an outsider is a 404 without queueing behind the members' changes.
        _ = try await Contracts.find(contract, for: caller, on: pool)
        try await pool.transaction { tx in
            let (_, grant) = try await Contracts.find(contract, for: caller, locking: true, on: tx)
            if target != callerID {
                try AccessPolicy.requireContractAdministration(grant, "remove other members")
            }
            let membership = try await tx.query(
                """
                SELECT cu.role_id,
                       (SELECT count(*) FROM contract_users o WHERE o.contract_id = cu.contract_id AND o.role_id = 1) AS owners
                FROM contract_users cu WHERE cu.contract_id = \(contract) AND cu.user_id = \(target)
                """
            ).first
            guard let membership else {
                throw Problem.invalid("user_id", "User \(target) is not a member of this contract.")
            }
            if try membership.decode(Int.self, "role_id") == 1 {
                if target != callerID {
                    try AccessPolicy.requireContractOwner(grant, "Only an owner may remove another owner.")
                }
                if try membership.decode(Int.self, "owners") == 1 {
                    throw Problem.invalid(
                        "user_id", "The last owner cannot leave the contract: make another member an owner first.")
                }
            }
            try await tx.query(
                """
                DELETE FROM contract_hands
                WHERE contract_id = \(contract) AND user_id = \(target) AND status_id = 100 AND deleted_at IS NULL
                """)
            try await tx.query("DELETE FROM contract_users WHERE contract_id = \(contract) AND user_id = \(target)")
            try await tx.query("UPDATE contracts SET updated_at = now() WHERE id = \(contract)")
        }
    }

    /// The members of `contract` (only `user`'s when given) as `viewer`, holding `grant`, sees them.
    static func members(
        of contract: Int, user: Int?, viewer: Caller, grant: Grant, on db: some PostgresQuerying
    ) async throws -> [Types.ContractUser] {
        let rows = try await db.query(
            """
            SELECT \(ContractJSON.member) AS member
            FROM contract_users cu JOIN users u ON u.id = cu.user_id
            CROSS JOIN (SELECT \(viewer.userID)::bigint AS user_id,
                               \(AccessPolicy.seesContractRates(grant))::boolean AS sees_rates) viewer
            WHERE cu.contract_id = \(contract) AND (\(user)::bigint IS NULL OR cu.user_id = \(user))
            ORDER BY cu.role_id <> 1, cu.created_at, cu.user_id
            """)
        return try rows.decodeAll(Types.ContractUser.self, json: "member")
    }
}
