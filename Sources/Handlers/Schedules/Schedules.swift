import Foundation
import Generated

/// People's schedules beneath the Schedule tag: create, find with the caller's grant, rewrite and delete. Each reads
/// and answers the generated types; the SQL is here, beside the rules it serves (docs/domain.md "Schedules").
public struct Schedules: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The live schedule `id` of a person and what `caller` may do with it; 404 when there is none or the caller
    /// may not see it (a private schedule of someone else's, for a non-participant).
    public func find(_ id: Int, for caller: Caller) async throws -> (schedule: Types.Schedule, grant: Grant) {
        let rows = try await pool.query(
            """
            SELECT \(ScheduleJSON.sql) AS schedule, su.role_id, su.read, su.write
            FROM schedules s
            LEFT JOIN schedule_users su ON su.schedule_id = s.id AND su.user_id = \(caller.userID)
            WHERE s.id = \(id) AND s.deleted_at IS NULL AND s.user_id IS NOT NULL
            """)
        guard let row = rows.first else { throw Problem.notFound("schedule") }
        let schedule = try row.decode(Types.Schedule.self, json: "schedule")
        let participant = try row.decode(Int?.self, "role_id").map { role in
            Grant(role: role, read: try row.decode(Int.self, "read"), write: try row.decode(Int.self, "write"))
        }
        guard
            let grant = AccessPolicy.schedule(
                isPrivate: schedule.private_, ownedByCaller: caller.userID == schedule.userId,
                participant: participant, caller: caller)
        else { throw Problem.notFound("schedule") }
        return (schedule, grant)
    }

    /// A new schedule of the caller's in one of their kals (the default one when `kal_id` is absent), with the
    /// caller as its owner participant (role 1, read 2, write 3). Every problem of the body is one 422: a kal,
    /// parent, file or user id that is not theirs or does not exist, settings the slot engine refuses, a slug
    /// already used by another of their schedules.
    public func create(_ body: Types.CreateScheduleRequest, by caller: Caller) async throws -> Types.Schedule {
        guard case .user(let owner) = caller else { throw Problem.unauthenticated }
        let checked = try await check(
            ScheduleFields(
                kalID: body.kalId, parentID: body.parentId, benefitableID: body.benefitableId,
                billableID: body.billableId, files: body.files ?? [], settings: body.settings,
                timezone: body.timezone, msp: body.msp, start: body.start, end: body.end),
            owner: owner, caller: caller)
        let benefitableType: String? = body.benefitableId == nil ? nil : "User"
        let billableType: String? = body.billableId == nil ? nil : "User"
        let id = try await insertingWithSlug(given: body.slug, label: body.label, owner: owner) { slug, tx in
            let rows = try await tx.query(
                """
                INSERT INTO schedules (type_id, user_id, kal_id, parent_id, benefitable_type, benefitable_id,
                                       billable_type, billable_id, label, slug, description, start, "end", private,
                                       timezone, msp, price, currency, settings, files)
                VALUES (\(body.typeId?.rawValue ?? 1), \(owner), \(checked.kalID), \(body.parentId),
                        \(benefitableType), \(body.benefitableId), \(billableType), \(body.billableId),
                        \(body.label), \(slug),
                        \(body.description), \(body.start), \(body.end), \(body.private_),
                        \(checked.settings.timezone), \(checked.settings.msp), \(body.price),
                        \(body.currency ?? "USD"), \(PostgresJSON(checked.settings)), \(body.files ?? []))
                RETURNING id
                """)
            let id = try rows[0].decode(Int.self, "id")
            try await tx.query(
                "INSERT INTO schedule_users (schedule_id, user_id, role_id, read, write) VALUES (\(id), \(owner), 1, 2, 3)")
            try await Self.replaceSkills(of: id, with: body.skills ?? [], in: tx)
            return id
        }
        return try await find(id, for: caller).schedule
    }

    /// Rewrites the schedule (PUT): every field is as sent, except that a `slug` or `kal_id` left out keeps the
    /// current one (a URL name or a calendar should not change by omission); `settings`, `skills` and `files`
    /// replace the old ones. Its owner, or a participant with write level 3, may. Bookings already made stay.
    public func update(_ id: Int, with body: Types.UpdateScheduleRequest, by caller: Caller) async throws
        -> Types.Schedule
    {
        let (current, grant) = try await find(id, for: caller)
        try grant.requireWrite(3, "Only the schedule's owner or a participant with write level 3 may change it.")
        let checked = try await check(
            ScheduleFields(
                kalID: body.kalId ?? current.kalId, parentID: current.parentId, benefitableID: body.benefitableId,
                billableID: body.billableId, files: body.files ?? [], settings: body.settings,
                timezone: body.timezone, msp: body.msp, start: body.start, end: body.end),
            owner: current.userId, caller: caller, schedule: id)
        let benefitableType: String? = body.benefitableId == nil ? nil : "User"
        let billableType: String? = body.billableId == nil ? nil : "User"
        try await mappingUniqueViolations(["schedules_user_slug_key": "slug"]) {
            try await pool.transaction { tx in
                let rows = try await tx.query(
                    """
                    UPDATE schedules
                    SET kal_id = \(checked.kalID), benefitable_type = \(benefitableType),
                        benefitable_id = \(body.benefitableId), billable_type = \(billableType),
                        billable_id = \(body.billableId),
                        label = \(body.label), slug = coalesce(\(body.slug), slug), description = \(body.description),
                        start = \(body.start), "end" = \(body.end), private = \(body.private_),
                        timezone = \(checked.settings.timezone), msp = \(checked.settings.msp), price = \(body.price),
                        currency = \(body.currency), settings = \(PostgresJSON(checked.settings)),
                        files = \(body.files ?? []), updated_at = now()
                    WHERE id = \(id) AND deleted_at IS NULL
                    RETURNING id
                    """)
                guard !rows.isEmpty else { throw Problem.notFound("schedule") }
                try await Self.replaceSkills(of: id, with: body.skills ?? [], in: tx)
            }
        }
        return try await find(id, for: caller).schedule
    }

    /// Deletes the schedule (soft) and cancels its pending bookings (100 → 777); confirmed and paid events stay in
    /// the kal. Only its owner may.
    public func delete(_ id: Int, by caller: Caller) async throws {
        let (schedule, _) = try await find(id, for: caller)
        guard caller.userID == schedule.userId else {
            throw Problem.forbidden("Only the schedule's owner may delete it.")
        }
        try await pool.transaction { tx in
            try await tx.query(
                """
                UPDATE events SET status_id = 777, updated_at = now()
                WHERE kal_schedule_id = \(id) AND status_id = 100 AND deleted_at IS NULL
                """)
            try await tx.query(
                "UPDATE schedules SET deleted_at = now(), updated_at = now() WHERE id = \(id) AND deleted_at IS NULL")
        }
    }

    // MARK: - Checks shared by create and update

    /// What create and update both check, as the request sent it.
    struct ScheduleFields {
        var kalID: Int?
        var parentID: Int?
        var benefitableID: Int?
        var billableID: Int?
        var files: [Int]
        var settings: Types.ScheduleSettingsInput
        var timezone: String?
        var msp: Int?
        var start: Date?
        var end: Date?
    }

    /// The kal the schedule goes in and its resolved settings, or one 422 naming every problem.
    func check(_ fields: ScheduleFields, owner: Int, caller: Caller, schedule: Int? = nil) async throws
        -> (kalID: Int, settings: Types.ScheduleSettings)
    {
        var problems = try await FileReferences.problems(fields.files, of: caller, on: pool)
        let kal = try await pool.query(
            """
            SELECT id, timezone FROM kals
            WHERE owner_type = 'User' AND user_id = \(owner) AND deleted_at IS NULL
              AND (id = \(fields.kalID) OR (\(fields.kalID)::bigint IS NULL AND is_default))
            """
        ).first
        if kal == nil, let kalID = fields.kalID {
            problems.add(.custom("No kal \(kalID) of the schedule's owner exists."), at: "kal_id")
        }
        if let parentID = fields.parentID {
            let parent = try await pool.query(
                """
                SELECT 1 FROM schedules
                WHERE id = \(parentID) AND user_id = \(owner) AND deleted_at IS NULL AND id IS DISTINCT FROM \(schedule)
                """)
            if parent.isEmpty { problems.add(.custom("No other schedule \(parentID) of yours exists."), at: "parent_id") }
        }
        let people = [fields.benefitableID, fields.billableID].compactMap { $0 }
        if !people.isEmpty {
            let found = Set(try await pool.query("SELECT id FROM users WHERE id = ANY(\(people))").map { try $0.decode(Int.self, "id") })
            for (key, id) in [("benefitable_id", fields.benefitableID), ("billable_id", fields.billableID)] {
                if let id, !found.contains(id) { problems.add(.custom("No user \(id) exists."), at: key) }
            }
        }
        let resolved = ResolvedScheduleSettings(
            fields.settings, timezone: fields.timezone, msp: fields.msp,
            kalTimeZone: try kal?.decode(String?.self, "timezone"))
        do {
            _ = try resolved.engine(start: fields.start, end: fields.end)
        } catch {
            if let engineProblems = error.fieldErrors { problems.merge(engineProblems) }
        }
        try problems.throwIfAny()
        guard let kal else { throw Problem.invalid("kal_id", "The schedule's owner has no default kal.") }
        return (try kal.decode(Int.self, "id"), resolved.settings)
    }

    /// Runs `insert` in a transaction with the given slug, or with a free one derived from `label`; a derived
    /// slug that loses a race to a concurrent create of the same label is derived again, a few times. A given
    /// slug the owner already uses is a 422 on `slug`.
    func insertingWithSlug(
        given: String?, label: String, owner: Int, _ insert: (String, PostgresTransaction) async throws -> Int
    ) async throws -> Int {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await mappingUniqueViolations(["schedules_user_slug_key": "slug"]) {
                    try await pool.transaction { tx in
                        if let given { return try await insert(given, tx) }
                        return try await insert(try await Self.freeSlug(for: label, owner: owner, in: tx), tx)
                    }
                }
            } catch let problem as Problem where given == nil && attempt < 5 && problem.status == 422 {
                continue
            }
        }
    }

    /// The first slug derived from `label` that none of the owner's live schedules uses.
    static func freeSlug(for label: String, owner: Int, in tx: PostgresTransaction) async throws -> String {
        let base = URLSlug.base(of: label, fallback: "schedule")
        let rows = try await tx.query(
            """
            SELECT slug FROM schedules
            WHERE user_id = \(owner) AND deleted_at IS NULL AND (slug = \(base) OR slug LIKE \(base + "-%"))
            """)
        return URLSlug.first(base, notIn: Set(try rows.map { try $0.decode(String.self, "slug") }))
    }

    /// Makes the schedule's skills exactly `skills` (found or added to the catalogue by label).
    static func replaceSkills(of schedule: Int, with skills: [Types.SkillInput], in tx: PostgresTransaction)
        async throws
    {
        let catalogued = try await SkillCatalogue.skills(labeled: skills.map(\.label), in: tx)
        try await tx.query("DELETE FROM schedule_skills WHERE schedule_id = \(schedule)")
        guard !catalogued.isEmpty else { return }
        try await tx.query(
            """
            INSERT INTO schedule_skills (schedule_id, skill_id)
            SELECT \(schedule), unnest(\(catalogued.map(\.id))::bigint[])
            """)
    }
}
