import Foundation
import Generated

extension Types.CryptoCurrency: PostgresCodable {}

/// Agents' registration and email verification beneath HTTP: `registerAgent`, `verifyAgentEmail`,
/// `resendAgentVerificationCode`, `regenerateAgentApiKey`, and the `agentKey` check.
public struct AgentAccess: Sendable {
    let pool: PostgresPool
    let codes: OneTimeCodes
    let outbox: MailOutbox
    let keys = AgentKeys()
    let limiter: RateLimiter
    /// Where the first wallet and its deposit address come from.
    let wallets: Wallets
    /// The limits in force.
    public let limits: IdentityLimits

    public init(
        pool: PostgresPool, secret: ServerSecret, wallets: Wallets, limits: IdentityLimits = IdentityLimits(),
        codePolicy: OneTimeCodePolicy = OneTimeCodePolicy()
    ) {
        self.pool = pool
        self.wallets = wallets
        self.codes = OneTimeCodes(secret: secret, policy: codePolicy)
        self.outbox = MailOutbox(secret: secret)
        self.limiter = RateLimiter(pool: pool)
        self.limits = limits
    }

    /// Creates the agent in `pending_deposit` with the profile of `body`, its wallet (USDT when no currency is
    /// given; a 503 when that currency's deposits are not configured) with its derived address, and its API key, and queues its verification code, all in one transaction; answers the key (its
    /// only copy) and the wallet. An email already registered is a 422 on `email`.
    public func register(_ body: Types.RegisterAgentRequest, client: String) async throws -> Types.AgentRegistration {
        try await limiter.check([(limits.registrationPerClient, client)])
        let currency = body.currency ?? .usdt
        try wallets.addresses.requireConfigured(currency)
        let email = body.email
        do {
            return try await pool.transaction { tx in
                // Statements that do not need each other's results are issued together, so they share a pipeline
                // round trip (docs/database.md "Transactions on connections of their own"): five round trips
                // from BEGIN to COMMIT instead of eight.
                async let issuedCode = codes.issue(.agentEmail, subject: email, address: email, in: tx)
                let agentID = try await tx.query(
                    """
                    INSERT INTO agents (
                        name, email, avatar, owner_email, description, website_url, callback_url, version,
                        last_updated_at, limitations, sla, license, privacy_url, skills, languages, tags, links,
                        input_formats, example_requests, example_responses, env_requirements)
                    VALUES (
                        \(body.name), \(email), \(body.avatar), \(body.ownerEmail), \(body.description),
                        \(body.websiteUrl), \(body.callbackUrl), \(body.version), \(body.lastUpdatedAt),
                        \(body.limitations), \(body.sla), \(body.license), \(body.privacyUrl),
                        \(PostgresJSON(body.skills ?? []))::jsonb, \(PostgresJSON(body.languages ?? []))::jsonb,
                        \(PostgresJSON(body.tags ?? []))::jsonb, \(PostgresJSON(body.links ?? []))::jsonb,
                        \(PostgresJSON(body.inputFormats ?? []))::jsonb, \(PostgresJSON(body.exampleRequests ?? []))::jsonb,
                        \(PostgresJSON(body.exampleResponses ?? []))::jsonb,
                        \(PostgresJSON(body.envRequirements ?? []))::jsonb)
                    RETURNING id
                    """)[0].decode(Int.self, "id")
                let issued = try await issuedCode
                async let key = keys.issue(agentID: agentID, in: tx)
                async let mail = outbox.enqueue(.agentVerificationCode(issued, to: email), in: tx)
                let wallet = try await wallets.newWallet(in: currency, of: agentID, in: tx)
                _ = try await mail
                return Types.AgentRegistration(
                    agentId: agentID, apiKey: try await key, status: .pendingDeposit, emailVerified: false, wallet: wallet,
                    message: AgentActivation.registrationMessage(for: currency))
            }
        } catch PostgresError.server(let error) where error.isUniqueViolation && error.constraint == "agents_email_key"
        {
            throw IdentityError.emailTaken(field: "email")
        }
    }

    /// Confirms the agent's email with its code; returns the agent's id and status. A wrong code is a 422 on `code`.
    public func verifyEmail(email: String, code: String, client: String) async throws -> (
        agentID: Int, status: AgentStatus
    ) {
        try await limiter.check([
            (limits.checkPerEmailAndClient, "\(email)|\(client)"), (limits.checkPerClient, client),
        ])
        try await codes.verify(.agentEmail, subject: email, code: code, field: "code", pool: pool)
        let rows = try await pool.query(
            """
            UPDATE agents SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now()
            WHERE email = \(email) RETURNING id, status
            """)
        guard let row = rows.first else { throw IdentityError.invalidCode(field: "code") }
        return (try row.decode(Int.self, "id"), try row.decode(AgentStatus.self, "status"))
    }

    /// Mails a new code (the previous one stops working) when the address belongs to an unverified agent; the
    /// same answer otherwise. Throttled per email and client (429).
    public func resendCode(email: String, client: String) async throws {
        try await limiter.check([(limits.codePerEmail, email), (limits.codePerClient, client)])
        try await pool.transaction { tx in
            let rows = try await tx.query("SELECT id FROM agents WHERE email = \(email) AND email_verified_at IS NULL")
            guard !rows.isEmpty else { return }
            let issued = try await codes.issue(.agentEmail, subject: email, address: email, in: tx)
            try await outbox.enqueue(.agentVerificationCode(issued, to: email), in: tx)
        }
    }

    /// The agent an API key proves (the `agentKey` scheme); 401 for a bad key, 403 for a suspended or banned agent.
    public func authenticate(apiKey: String) async throws -> AuthenticatedAgent {
        try await keys.authenticate(apiKey, pool: pool)
    }

    /// A new key for the agent; the old one stops working at once.
    public func regenerateKey(for agent: AuthenticatedAgent) async throws -> String {
        try await regenerateKey(agentID: agent.agentID)
    }

    /// A new key for the agent `agentID` (already authenticated by its current key); the old one stops working
    /// at once.
    public func regenerateKey(agentID: Int) async throws -> String {
        try await keys.regenerate(agentID: agentID, pool: pool)
    }
}
