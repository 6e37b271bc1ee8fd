import Foundation
import Generated

/// Contracts beneath the Contract tag: create, find with the caller's grant, the detail a member sees, change,
/// archive and restore. Each reads and answers the generated types; the SQL is here, beside the rules it serves
/// (docs/domain.md "Contracts").
public struct Contracts: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The contract `id` and what `caller` may do in it; 404 when there is none, the caller is not a member, or it
    /// is archived (`restoring` finds an archived one too, for `restoreContract`).
    public func find(_ id: Int, for caller: Caller, restoring: Bool = false) async throws
        -> (contract: Types.Contract, grant: Grant)
    {
        try await Self.find(id, for: caller, restoring: restoring, on: pool)
    }

    /// ``find(_:for:restoring:)`` on the pool or inside a transaction; `locking` first locks the contract's row
    /// (`FOR UPDATE`), which every change of its membership takes, so that such changes queue per contract and
    /// each sees the members the one before it left.
    static func find(
        _ id: Int, for caller: Caller, restoring: Bool = false, locking: Bool = false, on db: some PostgresQuerying
    ) async throws -> (contract: Types.Contract, grant: Grant) {
        if locking {
            // Its own statement: a read that waited for the lock sees the membership as it is now, which a join
            // locked in the same statement would not (it re-reads only the locked row).
            try await db.query("SELECT 1 FROM contracts WHERE id = \(id) FOR UPDATE")
        }
        let rows = try await db.query(
            """
            SELECT \(ContractJSON.contract) AS contract, c.deleted_at IS NOT NULL AS archived, cu.role_id, cu.read, cu.write
            FROM contracts c LEFT JOIN contract_users cu ON cu.contract_id = c.id AND cu.user_id = \(caller.userID)
            WHERE c.id = \(id)
            """)
        guard let row = rows.first else { throw Problem.notFound("contract") }
        let membership = try row.decode(Int?.self, "role_id").map { role in
            Grant(role: role, read: try row.decode(Int.self, "read"), write: try row.decode(Int.self, "write"))
        }
        guard
            let grant = AccessPolicy.contract(
                membership: membership, isArchived: try row.decode(Bool.self, "archived"), restoring: restoring)
        else { throw Problem.notFound("contract") }
        return (try row.decode(Types.Contract.self, json: "contract"), grant)
    }

    /// The caller's live contracts: those they own first, then by most recent change.
    public func list(for caller: Caller) async throws -> [Types.Contract] {
        let rows = try await pool.query(
            """
            SELECT \(ContractJSON.contract) AS contract
            FROM contract_users cu JOIN contracts c ON c.id = cu.contract_id
            WHERE cu.user_id = \(caller.userID) AND c.deleted_at IS NULL
            ORDER BY cu.role_id <> 1, c.updated_at DESC, c.id DESC
            """)
        return try rows.decodeAll(Types.Contract.self, json: "contract")
    }

    /// The archived contracts the caller is a member of, most recently archived first.
    public func listArchived(for caller: Caller) async throws -> [Types.Contract] {
        let rows = try await pool.query(
            """
            SELECT \(ContractJSON.contract) AS contract
            FROM contract_users cu JOIN contracts c ON c.id = cu.contract_id
            WHERE cu.user_id = \(caller.userID) AND c.deleted_at IS NOT NULL
            ORDER BY c.deleted_at DESC, c.id DESC
            """)
        return try rows.decodeAll(Types.Contract.self, json: "contract")
    }

    /// A new contract (status 100 pending) with its kal (made by the database with the row), the caller as its
    /// owner (role 1, read and write 5) and the caller's own hand, accepted. Every problem is one 422: a time zone
    /// that is not one, an end not after the start, a parent the caller does not own, a file not theirs, a tag key
    /// given twice.
    public func create(_ body: Types.CreateContractRequest, by caller: Caller) async throws -> Types.Contract {
        guard case .user(let owner) = caller else { throw Problem.unauthenticated }
        var problems = try await FileReferences.problems(body.files ?? [], of: caller, on: pool)
        problems.merge(
            Self.fieldProblems(timezone: body.timezone, start: body.start, end: body.end, settings: body.settings))
        if let parent = body.parentId {
            let owned = try await pool.query(
                """
                SELECT 1 FROM contracts c JOIN contract_users cu ON cu.contract_id = c.id
                WHERE c.id = \(parent) AND c.deleted_at IS NULL AND cu.user_id = \(owner) AND cu.role_id = 1
                """)
            if owned.isEmpty { problems.add(.custom("No contract \(parent) that you own exists."), at: "parent_id") }
        }
        try problems.throwIfAny()
        let settings = Self.settings(body.settings)
        return try await pool.transaction { tx in
            let rows = try await tx.query(
                """
                INSERT INTO contracts AS c (parent_id, label, description, start, "end", timezone, amount, currency,
                                            credit, private, settings, files)
                VALUES (\(body.parentId), \(body.label), \(body.description), \(body.start), \(body.end),
                        \(body.timezone), \(body.amount), \(body.currency), \(body.credit ?? false),
                        \(body.private_ ?? true), \(PostgresJSON(settings)), \(body.files ?? []))
                RETURNING c.id, \(ContractJSON.contract) AS contract
                """)
            let id = try rows[0].decode(Int.self, "id")
            try await tx.query(
                "INSERT INTO contract_users (contract_id, user_id, role_id, read, write) VALUES (\(id), \(owner), 1, 5, 5)"
            )
            try await tx.query(
                """
                INSERT INTO contract_hands (contract_id, user_id, currency, status_id)
                VALUES (\(id), \(owner), \(body.currency), 200)
                """)
            return try rows[0].decode(Types.Contract.self, json: "contract")
        }
    }

    /// The contract as `caller` sees it: their access, its hands and members (rates by ``AccessPolicy``), the
    /// sub-contracts they are a member of, and the totals when the policy shows them (null otherwise).
    public func detail(_ id: Int, for caller: Caller) async throws -> Types.ContractDetail {
        let (contract, grant) = try await find(id, for: caller)
        guard let access = grant.access else { throw Problem.notFound("contract") }
        let seesTotals = AccessPolicy.seesContractTotals(grant, privacy: contract.privacy.rawValue)
        let rows = try await pool.query(
            """
            SELECT coalesce((SELECT jsonb_agg(\(ContractJSON.hand) ORDER BY h.id) FROM contract_hands h
                             WHERE h.contract_id = c.id AND h.deleted_at IS NULL), '[]'::jsonb) AS hands,
                   coalesce((SELECT jsonb_agg(\(ContractJSON.member) ORDER BY cu.role_id <> 1, cu.created_at, cu.user_id)
                             FROM contract_users cu JOIN users u ON u.id = cu.user_id
                             WHERE cu.contract_id = c.id), '[]'::jsonb) AS users,
                   coalesce((SELECT jsonb_agg(to_jsonb(s) ORDER BY s.id) FROM contracts s
                             JOIN contract_users su ON su.contract_id = s.id AND su.user_id = viewer.user_id
                             WHERE s.parent_id = c.id AND s.deleted_at IS NULL), '[]'::jsonb) AS children,
                   CASE WHEN \(seesTotals) THEN \(ContractJSON.totals) ELSE 'null'::jsonb END AS totals
            FROM contracts c
            CROSS JOIN (SELECT \(caller.userID)::bigint AS user_id,
                               \(AccessPolicy.seesContractRates(grant))::boolean AS sees_rates) viewer
            WHERE c.id = \(id)
            """)
        guard let row = rows.first else { throw Problem.notFound("contract") }
        return Types.ContractDetail(
            contract: contract, access: access, hands: try row.decode([Types.Hand].self, json: "hands"),
            users: try row.decode([Types.ContractUser].self, json: "users"),
            children: try row.decode([Types.Contract].self, json: "children"),
            totals: try row.decode(Types.ContractTotals?.self, json: "totals"))
    }

    /// Changes what the request sends (a PATCH: a field left out, or sent as null, keeps its value; `settings` and
    /// `files` are replaced whole). Needs write level 5. The contract's kal follows its label and time zone; its
    /// hands follow its currency, which may change only while it has no transactions (422 on `currency`).
    public func update(_ id: Int, with body: Types.UpdateContractRequest, by caller: Caller) async throws
        -> Types.Contract
    {
        let (_, grant) = try await find(id, for: caller)
        try AccessPolicy.requireContractAdministration(grant, "change the contract")
        let fileProblems = try await FileReferences.problems(body.files ?? [], of: caller, on: pool)
        return try await pool.transaction { tx in
            // Locked, so that the bounds checked are the bounds written over.
            let (current, _) = try await Self.find(id, for: caller, locking: true, on: tx)
            var problems = fileProblems
            problems.merge(
                Self.fieldProblems(
                    timezone: body.timezone, start: body.start ?? current.start, end: body.end ?? current.end,
                    settings: body.settings))
            if let currency = body.currency, currency != current.currency {
                let transactions = try await tx.query(
                    "SELECT 1 FROM events WHERE kal_id = \(current.kalId) AND type_id = 4 AND deleted_at IS NULL LIMIT 1"
                )
                if !transactions.isEmpty {
                    problems.add(
                        .custom("The currency cannot change: the contract has transactions in \(current.currency)."),
                        at: "currency")
                }
            }
            try problems.throwIfAny()
            let settings = body.settings.map { PostgresJSON(Self.settings($0)) }
            let rows = try await tx.query(
                """
                UPDATE contracts AS c
                SET label = coalesce(\(body.label), label), description = coalesce(\(body.description), description),
                    start = coalesce(\(body.start), start), "end" = coalesce(\(body.end), "end"),
                    timezone = coalesce(\(body.timezone), timezone), amount = coalesce(\(body.amount), amount),
                    currency = coalesce(\(body.currency), currency), credit = coalesce(\(body.credit), credit),
                    private = coalesce(\(body.private_), private), settings = coalesce(\(settings)::jsonb, settings),
                    files = coalesce(\(body.files)::bigint[], files), updated_at = now()
                WHERE c.id = \(id)
                RETURNING \(ContractJSON.contract) AS contract
                """)
            let contract = try rows[0].decode(Types.Contract.self, json: "contract")
            try await tx.query(
                """
                UPDATE kals SET label = \(contract.label), timezone = \(contract.timezone), updated_at = now()
                WHERE id = \(contract.kalId)
                """)
            if contract.currency != current.currency {
                try await tx.query(
                    """
                    UPDATE contract_hands SET currency = \(contract.currency), updated_at = now()
                    WHERE contract_id = \(id)
                    """)
            }
            return contract
        }
    }

    /// Archives the contract and its live hands (soft delete, one instant for all, which is how
    /// ``restore(_:by:)`` knows which hands to bring back). Only an owner may.
    public func archive(_ id: Int, by caller: Caller) async throws {
        let (_, grant) = try await find(id, for: caller)
        try AccessPolicy.requireContractOwner(grant, "Only an owner of the contract may archive it.")
        try await pool.transaction { tx in
            let archived = try await tx.query(
                "UPDATE contracts SET deleted_at = now() WHERE id = \(id) AND deleted_at IS NULL RETURNING id")
            if archived.isEmpty { throw Problem.notFound("contract") }
            try await tx.query(
                "UPDATE contract_hands SET deleted_at = now() WHERE contract_id = \(id) AND deleted_at IS NULL")
        }
    }

    /// Brings an archived contract back with the hands archived with it (hands removed before stay removed). Only
    /// an owner may; a contract that is not archived is a 422 on `contract`.
    public func restore(_ id: Int, by caller: Caller) async throws -> Types.Contract {
        let (found, grant) = try await find(id, for: caller, restoring: true)
        try AccessPolicy.requireContractOwner(grant, "Only an owner of the contract may restore it.")
        if found.deletedAt == nil { throw Problem.invalid("contract", "This contract is not archived.") }
        return try await pool.transaction { tx in
            let (locked, _) = try await Self.find(id, for: caller, restoring: true, locking: true, on: tx)
            if locked.deletedAt == nil { throw Problem.invalid("contract", "This contract is not archived.") }
            try await tx.query(
                """
                UPDATE contract_hands SET deleted_at = NULL
                WHERE contract_id = \(id) AND deleted_at = (SELECT deleted_at FROM contracts WHERE id = \(id))
                """)
            let rows = try await tx.query(
                """
                UPDATE contracts AS c SET deleted_at = NULL, updated_at = now() WHERE c.id = \(id)
                RETURNING \(ContractJSON.contract) AS contract
                """)
            return try rows[0].decode(Types.Contract.self, json: "contract")
        }
    }

    // MARK: - Checks and shapes shared by create and update

    /// The problems of the fields create and update both take: a time zone that is not one, an end not after the
    /// start, a tag key used twice.
    static func fieldProblems(
        timezone: String?, start: Date?, end: Date?, settings: Types.ContractSettingsInput?
    ) -> ValidationErrors {
        var problems = ValidationErrors()
        if let problem = SchedulingTimeZones.problem(timezone, at: "timezone") { problems.merge(problem) }
        if let start, let end, end <= start {
            problems.add(.custom("The end must be after the start."), at: "end")
        }
        var keys = Set<String>()
        for (index, tag) in (settings?.tags ?? []).enumerated() where !keys.insert(tag.key).inserted {
            problems.add(.custom("The tag key \"\(tag.key)\" is used twice."), at: "settings.tags.\(index).key")
        }
        return problems
    }

    /// Settings as stored and answered: every field present, the defaults of `ContractSettingsInput` filled in.
    static func settings(_ input: Types.ContractSettingsInput?) -> Types.ContractSettings {
        Types.ContractSettings(
            trackable: input?.trackable ?? false,
            tags: (input?.tags ?? []).map { Types.Tag(key: $0.key, label: $0.label, color: $0.color) })
    }
}
