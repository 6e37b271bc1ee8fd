import Foundation

/// A person proven by a bearer token: what handlers receive instead of the header.
public struct AuthenticatedUser: Sendable, Equatable {
    /// The user's id.
    public let userID: Int
    /// The token row, so that `logout` revokes exactly the token that made the call.
    public let tokenID: Int

    public init(userID: Int, tokenID: Int) {
        self.userID = userID
        self.tokenID = tokenID
    }
}

/// People's bearer tokens: 32 random bytes (64 hex digits) handed out once at login and stored only as their
/// SHA-256, so that a copy of the database lets nobody in. A token lives `lifetime` seconds (30 days by default)
/// and dies earlier by `revoke` (logout).
public struct UserTokens: Sendable {
    /// Seconds from issue to expiry.
    public let lifetime: Int

    public init(lifetime: Int = 30 * 24 * 3600) {
        self.lifetime = lifetime
    }

    /// Creates a token for `userID`; the returned text is the only copy.
    public func issue(userID: Int, pool: PostgresPool) async throws -> String {
        let token = Secrets.hex(Secrets.randomBytes(32))
        try await pool.query(
            """
            INSERT INTO user_tokens (user_id, token_hash, expires_at)
            VALUES (\(userID), \(Secrets.sha256Hex(token)), now() + \(lifetime)::int * interval '1 second')
            """)
        return token
    }

    /// The user a live token belongs to; `.unauthenticated` for an unknown, expired or revoked token. The lookup
    /// is by the token's hash, so the secret itself is never compared byte by byte.
    public func authenticate(_ token: String, pool: PostgresPool) async throws -> AuthenticatedUser {
        guard token.utf8.count == 64 else { throw IdentityError.unauthenticated }
        let rows = try await pool.query(
            """
            SELECT id, user_id FROM user_tokens
            WHERE token_hash = \(Secrets.sha256Hex(token)) AND revoked_at IS NULL AND expires_at > now()
            """)
        guard let row = rows.first else { throw IdentityError.unauthenticated }
        return AuthenticatedUser(userID: try row.decode(Int.self, "user_id"), tokenID: try row.decode(Int.self, "id"))
    }

    /// Revokes one token (logout): it stops working at once; the user's other tokens stay valid.
    public func revoke(_ user: AuthenticatedUser, pool: PostgresPool) async throws {
        try await pool.query(
            "UPDATE user_tokens SET revoked_at = now() WHERE id = \(user.tokenID) AND revoked_at IS NULL")
    }
}
