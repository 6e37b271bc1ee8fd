import Foundation
import Generated

/// Kals (calendars) beneath the Kal tag: create, find with the caller's grant, change and delete. Each reads and
/// answers the generated types; the SQL is here, beside the rules it serves (docs/domain.md "Kals").
public struct Kals: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// A new personal kal (type 1, status 200) owned by `caller`. A `slug` the owner already uses among their live
    /// kals is a 422 on `slug`; without one, a free slug is derived from the label.
    public func create(_ body: Types.KalRequest, by caller: Caller) async throws -> Types.Kal {
        guard let ownerType = caller.ownerType, let ownerID = caller.id else { throw Problem.unauthenticated }
        var problems = try await FileReferences.problems(body.files ?? [], of: caller, on: pool)
        if let problem = SchedulingTimeZones.problem(body.timezone, at: "timezone") { problems.merge(problem) }
        try problems.throwIfAny()
        // A derived slug can lose a race to a concurrent create of the same label: derive again, a few times.
        var attempt = 0
        while true {
            attempt += 1
            let slug: String
            if let given = body.slug {
                slug = given
            } else {
                slug = try await freeSlug(for: body.label, ownerType: ownerType, ownerID: ownerID)
            }
            do {
                return try await mappingUniqueViolations(["kals_owner_slug_key": "slug"]) {
                    let rows = try await pool.query(
                        """
                        INSERT INTO kals (user_id, owner_type, type_id, label, description, slug, timezone, private, files)
                        VALUES (\(ownerID), \(ownerType), 1, \(body.label), \(body.description), \(slug),
                                \(body.timezone), \(body.private_), \(body.files ?? []))
                        RETURNING to_jsonb(kals) - 'is_default' AS kal
                        """)
                    return try rows[0].decode(Types.Kal.self, json: "kal")
                }
            } catch let problem as Problem where body.slug == nil && attempt < 5 && problem.status == 422 {
                continue
            }
        }
    }

    /// The live kal `id` and what `caller` may do with it; 404 when there is none or the caller may not see it.
    public func find(_ id: Int, for caller: Caller) async throws -> (kal: Types.Kal, grant: Grant) {
        // A contract's kal: the caller's membership of its live contract, if any.
        let rows = try await pool.query(
            """
            SELECT to_jsonb(k) - 'is_default' AS kal, cu.role_id, cu.read, cu.write
            FROM kals k
            LEFT JOIN contracts c ON k.owner_type = 'Contract' AND c.id = k.user_id AND c.deleted_at IS NULL
            LEFT JOIN contract_users cu ON cu.contract_id = c.id AND cu.user_id = \(caller.userID)
            WHERE k.id = \(id) AND k.deleted_at IS NULL
            """)
        guard let row = rows.first else { throw Problem.notFound("kal") }
        let kal = try row.decode(Types.Kal.self, json: "kal")
        let membership = try row.decode(Int?.self, "role_id").map { role in
            Grant(role: role, read: try row.decode(Int.self, "read"), write: try row.decode(Int.self, "write"))
        }
        guard let grant = AccessPolicy.kal(kal, contractMembership: membership, for: caller) else {
            throw Problem.notFound("kal")
        }
        return (kal, grant)
    }

    /// The caller's default kal (every user and agent has one, made with the account).
    public func defaultKal(of caller: Caller) async throws -> (kal: Types.Kal, grant: Grant) {
        guard let ownerType = caller.ownerType, let ownerID = caller.id else { throw Problem.unauthenticated }
        let rows = try await pool.query(
            """
            SELECT to_jsonb(k) - 'is_default' AS kal FROM kals k
            WHERE k.owner_type = \(ownerType) AND k.user_id = \(ownerID) AND k.is_default AND k.deleted_at IS NULL
            """)
        guard let row = rows.first else { throw Problem.notFound("kal") }
        return (try row.decode(Types.Kal.self, json: "kal"), AccessPolicy.owner)
    }

    /// Rewrites the kal's own fields (PUT): `description`, `timezone` and `files` left out are cleared; a `slug`
    /// left out keeps the current one. Only the owner of a personal kal may.
    public func update(_ id: Int, with body: Types.KalRequest, by caller: Caller) async throws -> Types.Kal {
        let (kal, grant) = try await find(id, for: caller)
        try AccessPolicy.requireKalChange(kal, grant: grant)
        var problems = try await FileReferences.problems(body.files ?? [], of: caller, on: pool)
        if let problem = SchedulingTimeZones.problem(body.timezone, at: "timezone") { problems.merge(problem) }
        try problems.throwIfAny()
        return try await mappingUniqueViolations(["kals_owner_slug_key": "slug"]) {
            let rows = try await pool.query(
                """
                UPDATE kals SET label = \(body.label), description = \(body.description),
                       slug = coalesce(\(body.slug), slug), timezone = \(body.timezone), private = \(body.private_),
                       files = \(body.files ?? []), updated_at = now()
                WHERE id = \(id) AND deleted_at IS NULL
                RETURNING to_jsonb(kals) - 'is_default' AS kal
                """)
            guard let row = rows.first else { throw Problem.notFound("kal") }
            return try row.decode(Types.Kal.self, json: "kal")
        }
    }

    /// Deletes the kal and its events (soft: `deleted_at` is set) and drops what shows its events elsewhere. Only
    /// the owner of a personal kal may; the default kal and a kal with live schedules are a 422 on `kal`.
    public func delete(_ id: Int, by caller: Caller) async throws {
        let (kal, grant) = try await find(id, for: caller)
        try AccessPolicy.requireKalChange(kal, grant: grant)
        try await pool.transaction { tx in
            // Locked, so a schedule cannot be added to it between the check and the delete.
            let rows = try await tx.query(
                """
                SELECT is_default,
                       EXISTS (SELECT 1 FROM schedules s WHERE s.kal_id = k.id AND s.deleted_at IS NULL) AS has_schedules
                FROM kals k WHERE id = \(id) AND deleted_at IS NULL FOR UPDATE
                """)
            guard let row = rows.first else { throw Problem.notFound("kal") }
            if try row.decode(Bool.self, "is_default") {
                throw Problem.invalid("kal", "The default kal cannot be deleted.")
            }
            if try row.decode(Bool.self, "has_schedules") {
                throw Problem.invalid("kal", "This kal still has schedules: delete them first.")
            }
            try await tx.query("UPDATE events SET deleted_at = now() WHERE kal_id = \(id) AND deleted_at IS NULL")
            try await tx.query("DELETE FROM event_exports WHERE kal_id = \(id)")
            try await tx.query("UPDATE kals SET deleted_at = now(), updated_at = now() WHERE id = \(id)")
        }
    }

    /// The first slug derived from `label` that the owner does not use.
    func freeSlug(for label: String, ownerType: String, ownerID: Int) async throws -> String {
        let base = URLSlug.base(of: label, fallback: "kal")
        let rows = try await pool.query(
            """
            SELECT slug FROM kals
            WHERE owner_type = \(ownerType) AND user_id = \(ownerID) AND deleted_at IS NULL
              AND (slug = \(base) OR slug LIKE \(base + "-%"))
            """)
        return URLSlug.first(base, notIn: Set(try rows.map { try $0.decode(String.self, "slug") }))
    }
}
