/// People's login by one-time code, beneath HTTP: `requestLoginOtp`, `login`, `logout`.
public struct UserAccess: Sendable {
    let pool: PostgresPool
    let codes: OneTimeCodes
    let outbox: MailOutbox
    let tokens: UserTokens
    let limiter: RateLimiter
    let passwords: PasswordHashing
    /// The limits in force.
    public let limits: IdentityLimits

    public init(
        pool: PostgresPool, secret: ServerSecret, tokens: UserTokens = UserTokens(),
        limits: IdentityLimits = IdentityLimits(), codePolicy: OneTimeCodePolicy = OneTimeCodePolicy(),
        passwords: PasswordHashing = PasswordHashing()
    ) {
        self.pool = pool
        self.passwords = passwords
        self.codes = OneTimeCodes(secret: secret, policy: codePolicy)
        self.outbox = MailOutbox(secret: secret)
        self.tokens = tokens
        self.limiter = RateLimiter(pool: pool)
        self.limits = limits
    }

    /// Mails a login code when `email` has an account; answers the same either way (the `countdown`).
    /// Throws `.tooManyAttempts` (429) past the per-email or per-client limit.
    public func requestLoginCode(email: String, client: String) async throws -> Int {
        try await limiter.check([(limits.codePerEmail, email), (limits.codePerClient, client)])
        try await pool.transaction { tx in
            let known = try await tx.query("SELECT id FROM users WHERE email = \(email)")
            guard !known.isEmpty else { return }
            let issued = try await codes.issue(.login, subject: email, address: email, in: tx)
            try await outbox.enqueue(.loginCode(issued, to: email), in: tx)
        }
        return limits.countdown
    }

    /// Exchanges a login code, or the account's own password when it set one, for a new bearer token; returns
    /// the user's id and the token (its only copy). Six digits are tried as the mailed code first. A wrong code
    /// or password is a 422 on `password`, as the spec names the field.
    public func login(email: String, code: String, client: String) async throws -> (userID: Int, token: String) {
        try await limiter.check([
            (limits.checkPerEmailAndClient, "\(email)|\(client)"), (limits.checkPerClient, client),
        ])
        if code.wholeMatch(of: /[0-9]{6}/) != nil {
            do {
                try await codes.verify(.login, subject: email, code: code, field: "password", pool: pool)
            } catch IdentityError.invalidCode(let field) {
                guard try await passwordMatches(email: email, password: code) else {
                    throw IdentityError.invalidCode(field: field)
                }
            }
        } else {
            guard try await passwordMatches(email: email, password: code) else {
                throw IdentityError.invalidCredentials(field: "password")
            }
        }
        let rows = try await pool.query(
            "UPDATE users SET email_verified_at = coalesce(email_verified_at, now()) WHERE email = \(email) RETURNING id"
        )
        guard let row = rows.first else { throw IdentityError.invalidCode(field: "password") }
        let userID = try row.decode(Int.self, "id")
        return (userID, try await tokens.issue(userID: userID, pool: pool))
    }

    /// Whether `password` is the password of the account `email`; false when it has none. Counted per address
    /// (`passwordPerEmail`), so guessing one account's password from many clients is limited too.
    private func passwordMatches(email: String, password: String) async throws -> Bool {
        let rows = try await pool.query("SELECT password_hash FROM users WHERE email = \(email)")
        guard let stored = try rows.first?.decode(String?.self, "password_hash") else { return false }
        try await limiter.check([(limits.passwordPerEmail, email)])
        return await passwords.verify(password, against: stored)
    }

    /// The user a bearer token proves (the `userToken` scheme).
    public func authenticate(token: String) async throws -> AuthenticatedUser {
        try await tokens.authenticate(token, pool: pool)
    }

    /// Revokes the token that made the call (`logout`).
    public func logout(_ user: AuthenticatedUser) async throws {
        try await tokens.revoke(user, pool: pool)
    }
}
