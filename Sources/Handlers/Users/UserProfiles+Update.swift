import Foundation
import Generated

extension UserProfiles {
    /// `updateCurrentUser`, a PATCH: the fields sent change, the rest stay. A nullable field sent empty or `null`
    /// is cleared (a form's empty part is null, as Laravel's empty strings are); `skills`, `languages` and `links`
    /// sent replace the old lists whole (null empties them). Fields the spec does not list are a 422 before this
    /// runs, so nothing else (the email, balances, verification) can be set through here.
    ///
    /// One 422 names every field's problem: a time zone that is not one, a password unlike its confirmation, an
    /// avatar or CV that is not an upload of the caller's own, and `fileProblems` (those of the files sent).
    /// `files` (an `ava`, `docs`), already stored, are recorded in the change's transaction: the avatar becomes
    /// `ava_id`, the first document `cv_id` (docs/files.md).
    public func update(
        _ body: Types.UpdateCurrentUserRequest, sent: Set<String>, files: PreparedUpload = .none,
        fileProblems: ValidationErrors = ValidationErrors(), by caller: Caller
    ) async throws -> Types.User {
        guard case .user(let id) = caller else { throw Problem.unauthenticated }
        var problems = fileProblems
        if body.ava != nil, sent.contains("ava_id") {
            problems.add(.custom("Send either a new avatar (`ava`) or the id of an uploaded one (`ava_id`), not both."), at: "ava_id")
        }
        if sent.contains("timezone"), let problem = SchedulingTimeZones.problem(body.timezone, at: "timezone") {
            problems.merge(problem)
        }
        if (sent.contains("password") || sent.contains("password_confirmation"))
            && body.password != body.passwordConfirmation
        {
            problems.add(.custom("The password field confirmation does not match."), at: "password")
        }
        problems.merge(try await ownUploads(ava: body.avaId, cv: body.cvId, of: id))
        try problems.throwIfAny()

        let passwordHash: String? = await body.password.asyncMap { await passwords.hash($0) }
        let salary = body.sallary.map {
            PostgresJSON(Types.Salary(amount: $0.amount, currency: $0.currency, period: Self.period($0.period)))
        }
        return try await pool.transaction { tx in
            // First, so that the statement below keeps the new avatar and CV as it keeps every field not sent.
            try await Uploads.recordProfileFiles(files, owner: id, on: tx)
            let skills = try await SkillCatalogue.skillsJSON(labeled: (body.skills ?? []).map(\.label), in: tx)
            // `CASE WHEN sent THEN new ELSE old END` per field: one statement, and a field left out keeps its value.
            let rows = try await tx.query(
                """
                UPDATE users AS u SET
                    name = CASE WHEN \(sent.contains("name")) THEN \(body.name) ELSE u.name END,
                    phone = CASE WHEN \(sent.contains("phone")) THEN \(body.phone) ELSE u.phone END,
                    timezone = CASE WHEN \(sent.contains("timezone")) THEN \(body.timezone) ELSE u.timezone END,
                    currency = CASE WHEN \(sent.contains("currency")) THEN \(body.currency) ELSE u.currency END,
                    birthdate = CASE WHEN \(sent.contains("birthdate")) THEN \(body.birthdate) ELSE u.birthdate END,
                    birthtime = CASE WHEN \(sent.contains("birthtime")) THEN \(body.birthtime) ELSE u.birthtime END,
                    birthcity = CASE WHEN \(sent.contains("birthcity")) THEN \(body.birthcity) ELSE u.birthcity END,
                    city = CASE WHEN \(sent.contains("city")) THEN \(body.city) ELSE u.city END,
                    education = CASE WHEN \(sent.contains("education")) THEN \(body.education) ELSE u.education END,
                    about = CASE WHEN \(sent.contains("about")) THEN \(body.about) ELSE u.about END,
                    ava_id = CASE WHEN \(sent.contains("ava_id")) THEN \(body.avaId) ELSE u.ava_id END,
                    cv_id = CASE WHEN \(sent.contains("cv_id")) THEN \(body.cvId) ELSE u.cv_id END,
                    password_hash = CASE WHEN \(sent.contains("password")) THEN \(passwordHash) ELSE u.password_hash END,
                    sallary = CASE WHEN \(sent.contains("sallary")) THEN \(salary)::jsonb ELSE u.sallary END,
                    skills = CASE WHEN \(sent.contains("skills")) THEN \(skills)::jsonb ELSE u.skills END,
                    languages = CASE WHEN \(sent.contains("languages"))
                                     THEN \(PostgresJSON(body.languages ?? []))::jsonb ELSE u.languages END,
                    links = CASE WHEN \(sent.contains("links"))
                                 THEN \(PostgresJSON(body.links ?? []))::jsonb ELSE u.links END,
                    updated_at = now()
                WHERE u.id = \(id)
                RETURNING \(UserJSON.sql) AS user
                """)
            guard let row = rows.first else { throw Problem.unauthenticated }
            return try row.decode(Types.User.self, json: "user")
        }
    }

    /// A 422 on `ava_id` unless it names a live image the caller uploaded, and on `cv_id` unless it names a live
    /// upload of theirs.
    private func ownUploads(ava: Int?, cv: Int?, of user: Int) async throws -> ValidationErrors {
        var problems = ValidationErrors()
        let wanted = [ava, cv].compactMap { $0 }
        guard !wanted.isEmpty else { return problems }
        let rows = try await pool.query(
            "SELECT id, kind FROM files WHERE id = ANY(\(wanted)) AND user_id = \(user) AND deleted_at IS NULL")
        var kinds: [Int: String] = [:]
        for row in rows { kinds[try row.decode(Int.self, "id")] = try row.decode(String.self, "kind") }
        if let ava, kinds[ava] != "image" {
            problems.add(.custom("No image \(ava) of yours exists: upload the avatar first."), at: "ava_id")
        }
        if let cv, kinds[cv] == nil {
            problems.add(.custom("No file \(cv) of yours exists: upload the CV first."), at: "cv_id")
        }
        return problems
    }

    /// A salary's period as stored: `month` when none was given (the spec's default).
    static func period(_ given: Types.SalaryInput.Period?) -> Types.Salary.Period {
        given.flatMap { Types.Salary.Period(rawValue: $0.rawValue) } ?? .month
    }
}
