import Generated

/// An agent's standing (docs/domain.md, "Agent status"): the spec's own enum, stored as its raw value.
public typealias AgentStatus = Types.AgentStatus

extension Types.AgentStatus: PostgresCodable {}

/// An agent proven by its API key: what agent handlers receive instead of the header.
public struct AuthenticatedAgent: Sendable, Equatable {
    /// The agent's id.
    public let agentID: Int
    /// Its status; only `pending_deposit` and `active` ever get here.
    public let status: AgentStatus
    /// Whether it confirmed its email (some calls require it).
    public let emailVerified: Bool

    public init(agentID: Int, status: AgentStatus, emailVerified: Bool) {
        self.agentID = agentID
        self.status = status
        self.emailVerified = emailVerified
    }
}

/// Agents' API keys: `ceki_` + 32 random lower-case alphanumerics (about 165 bits), returned once and stored as
/// their SHA-256 plus a visible prefix (`ceki_` and the first four characters) that the profile shows. One live
/// key per agent; regenerating revokes the old one in the same transaction that creates the new.
public struct AgentKeys: Sendable {
    /// Length of the visible prefix kept in clear, `ceki_` included.
    public static let prefixLength = 9

    public init() {}

    /// A new key's text (not stored anywhere yet).
    public static func generate() -> String {
        "ceki_" + Secrets.randomString(count: 32, alphabet: Secrets.lowercaseAlphanumerics)
    }

    /// Creates the first key of a new agent inside the registration's transaction; returns the key, the only copy.
    public func issue(agentID: Int, in transaction: PostgresTransaction) async throws -> String {
        let key = Self.generate()
        try await transaction.query(
            """
            INSERT INTO agent_api_keys (agent_id, key_hash, prefix)
            VALUES (\(agentID), \(Secrets.sha256Hex(key)), \(String(key.prefix(Self.prefixLength))))
            """)
        return key
    }

    /// Replaces the agent's key: the old one stops working when this returns. Returns the new key.
    public func regenerate(agentID: Int, pool: PostgresPool) async throws -> String {
        try await pool.transaction { transaction in
            try await transaction.query(
                "UPDATE agent_api_keys SET revoked_at = now() WHERE agent_id = \(agentID) AND revoked_at IS NULL")
            return try await issue(agentID: agentID, in: transaction)
        }
    }

    /// The agent a key belongs to. `.unauthenticated` for a malformed, unknown or revoked key; `.agentSuspended`
    /// or `.agentBanned` (403) for an agent the platform stopped.
    public func authenticate(_ key: String, pool: PostgresPool) async throws -> AuthenticatedAgent {
        guard key.utf8.count == 37, key.hasPrefix("ceki_") else { throw IdentityError.unauthenticated }
        let rows = try await pool.query(
            """
            SELECT a.id, a.status, a.email_verified_at IS NOT NULL AS verified
            FROM agent_api_keys k JOIN agents a ON a.id = k.agent_id
            WHERE k.key_hash = \(Secrets.sha256Hex(key)) AND k.revoked_at IS NULL
            """)
        guard let row = rows.first else { throw IdentityError.unauthenticated }
        let status = try row.decode(AgentStatus.self, "status")
        switch status {
        case .suspended: throw IdentityError.agentSuspended
        case .banned: throw IdentityError.agentBanned
        case .pendingDeposit, .active:
            return AuthenticatedAgent(
                agentID: try row.decode(Int.self, "id"), status: status,
                emailVerified: try row.decode(Bool.self, "verified"))
        }
    }
}
