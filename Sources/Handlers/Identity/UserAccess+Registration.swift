import Foundation
import Generated

extension UserAccess {
    /// Creates the account with the profile of `body` (the sign-up form, already validated by the spec's rules),
    /// its `schedule` if one came, and mails a login code, all in one transaction (`registerUser`). Skills join the
    /// shared catalogue by label, without case. An address already registered is a 422 on `email`, a schedule that
    /// `createSchedule` would refuse a 422 under `schedule.`. `alsoInTransaction` adds to the new account in the
    /// same transaction (its avatar and documents). Returns the new user's id and the `countdown`.
    public func register(
        _ body: Types.RegisterUserRequest, client: String,
        alsoInTransaction: (Int, PostgresTransaction) async throws -> Void = { _, _ in }
    ) async throws -> (userID: Int, countdown: Int) {
        let email = body.email
        // A taken address is answered before the limits are counted: a refused request sends no mail.
        guard try await pool.query("SELECT id FROM users WHERE email = \(email)").isEmpty else {
            throw IdentityError.emailTaken(field: "email")
        }
        let scheduleSettings = try body.schedule.map(Schedules.draftSettings)
        try await limiter.check([(limits.codePerEmail, email), (limits.codePerClient, client)])
        let passwordHash: String? = await body.password.asyncMap { await passwords.hash($0) }
        do {
            let userID = try await pool.transaction { tx in
                let skills = try await SkillCatalogue.skillsJSON(labeled: (body.skills ?? []).map(\.label), in: tx)
                let id = try await tx.query(
                    """
                    INSERT INTO users (email, name, phone, tovarisch, password_hash, skills, languages, terms_accepted_at)
                    VALUES (\(email), \(body.name), \(body.phone), \(body.tovarisch == ._1), \(passwordHash),
                            \(skills)::jsonb, \(PostgresJSON(body.languages ?? []))::jsonb, now())
                    RETURNING id
                    """)[0].decode(Int.self, "id")
                if let draft = body.schedule, let scheduleSettings {
                    try await Schedules.insertDraft(draft, settings: scheduleSettings, owner: id, in: tx)
                }
                try await alsoInTransaction(id, tx)
                let issued = try await codes.issue(.login, subject: email, address: email, in: tx)
                try await outbox.enqueue(.loginCode(issued, to: email), in: tx)
                return id
            }
            return (userID, limits.countdown)
        } catch PostgresError.server(let error) where error.isUniqueViolation && error.constraint == "users_email_key" {
            throw IdentityError.emailTaken(field: "email")
        }
    }

    /// Mails a code to `newEmail` for the signed-in user (`requestEmailChange`); returns when it expires. An
    /// address of another account is a 422 on `email`; one request per user per minute.
    public func requestEmailChange(_ user: AuthenticatedUser, newEmail: String) async throws -> Date {
        // A taken address is answered before the limit is counted: a refused request sends no mail.
        let taken = try await pool.query("SELECT id FROM users WHERE email = \(newEmail) AND id <> \(user.userID)")
        guard taken.isEmpty else { throw IdentityError.emailTaken(field: "email") }
        try await limiter.check([(limits.emailChangePerUser, String(user.userID))])
        return try await pool.transaction { tx in
            let issued = try await codes.issue(.emailChange, subject: "user:\(user.userID)", address: newEmail, in: tx)
            try await outbox.enqueue(.emailChangeCode(issued, to: newEmail), in: tx)
            return issued.expiresAt
        }
    }

    /// Makes `newEmail` the user's address when `code` is the one mailed to it (`confirmEmailChange`). A wrong
    /// code or another address is a 422 on `otp`.
    public func confirmEmailChange(_ user: AuthenticatedUser, newEmail: String, code: String, client: String)
        async throws
    {
        try await limiter.check([
            (limits.checkPerEmailAndClient, "user:\(user.userID)|\(client)"), (limits.checkPerClient, client),
        ])
        try await codes.verify(
            .emailChange, subject: "user:\(user.userID)", code: code, expectedAddress: newEmail, field: "otp",
            pool: pool)
        do {
            try await pool.query(
                "UPDATE users SET email = \(newEmail), email_verified_at = now(), updated_at = now() WHERE id = \(user.userID)"
            )
        } catch PostgresError.server(let error) where error.isUniqueViolation && error.constraint == "users_email_key" {
            throw IdentityError.emailTaken(field: "email")
        }
    }
}
