import Foundation

/// Users' linked Google accounts: their OAuth tokens, sealed in `google_accounts.tokens` with the mail outbox's
/// AES-256-GCM seal (``MailSeal``) under a subkey of the server secret of their own, and fresh access tokens made
/// from the refresh token when the stored one is about to expire or Google refuses it.
public struct GoogleAccounts: Sendable {
    let pool: PostgresPool
    let client: GoogleCalendarClient
    let seal: MailSeal

    public init(pool: PostgresPool, client: GoogleCalendarClient, secret: ServerSecret) {
        self.pool = pool
        self.client = client
        self.seal = MailSeal(secret: Self.tokenSecret(secret))
    }

    /// The secret the tokens are sealed under: the subkey "ceki google tokens", so the mails' key seals no token.
    static func tokenSecret(_ secret: ServerSecret) -> ServerSecret {
        do {
            return try ServerSecret(bytes: secret.subkey("ceki google tokens"))
        } catch {
            preconditionFailure("HMAC-SHA256 subkeys are 32 bytes")
        }
    }

    /// What is sealed: never stored or logged in clear.
    struct Tokens: Codable {
        var accessToken: String
        var refreshToken: String
        /// Unix seconds.
        var expiresAt: Int

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token", refreshToken = "refresh_token", expiresAt = "expires_at"
        }
    }

    /// Keeps the tokens of a code exchange (or a refresh) for `user`. Google sends a refresh token only with a
    /// consent; a grant without one keeps the stored one, and without any the account cannot be kept.
    func store(_ grant: GoogleCalendarClient.TokenGrant, for user: Int, previous: Tokens? = nil) async throws {
        var existing = previous
        if existing == nil { existing = try? await tokens(of: user) }
        guard let refresh = grant.refreshToken ?? existing?.refreshToken else {
            throw GoogleCalendarError.failed(status: 400, message: "Google sent no refresh token")
        }
        let tokens = Tokens(
            accessToken: grant.accessToken, refreshToken: refresh,
            expiresAt: Int(Date().timeIntervalSince1970) + (grant.expiresIn ?? 3600))
        let sealed = seal.seal(String(decoding: try JSONEncoder().encode(tokens), as: UTF8.self))
        try await pool.query(
            """
            INSERT INTO google_accounts (user_id, tokens, scope) VALUES (\(user), \(sealed), \(grant.scope ?? ""))
            ON CONFLICT (user_id) DO UPDATE SET tokens = EXCLUDED.tokens,
                scope = CASE WHEN EXCLUDED.scope = '' THEN google_accounts.scope ELSE EXCLUDED.scope END,
                updated_at = now()
            """)
    }

    /// Whether `user` has linked a Google account.
    public func isLinked(_ user: Int) async throws -> Bool {
        try await pool.query("SELECT 1 FROM google_accounts WHERE user_id = \(user)").count > 0
    }

    /// Forgets the account (its tokens no longer work: revoked, or sealed under another secret).
    func forget(_ user: Int) async throws {
        try await pool.query("DELETE FROM google_accounts WHERE user_id = \(user)")
    }

    /// The stored tokens; nil when no account is linked.
    func tokens(of user: Int) async throws -> Tokens? {
        let rows = try await pool.query("SELECT tokens FROM google_accounts WHERE user_id = \(user)")
        guard let row = rows.first else { return nil }
        do {
            let text = try seal.open(try row.decode(String.self, "tokens"))
            return try JSONDecoder().decode(Tokens.self, from: Data(text.utf8))
        } catch {
            throw GoogleCalendarError.revoked  // sealed under another APP_SECRET: as good as revoked
        }
    }

    /// Runs `body` with a valid access token of `user`'s account, refreshing it first when it expires within a
    /// minute, and once more if Google refuses it. Nil when no account is linked; a refused refresh token
    /// forgets the account and throws ``GoogleCalendarError/revoked``.
    func withAccessToken<Result>(of user: Int, _ body: (String) async throws -> Result) async throws -> Result? {
        do {
            guard var tokens = try await tokens(of: user) else { return nil }
            if tokens.expiresAt - 60 < Int(Date().timeIntervalSince1970) {
                tokens = try await refresh(tokens, of: user)
            }
            do {
                return try await body(tokens.accessToken)
            } catch GoogleCalendarError.unauthorized {
                tokens = try await refresh(tokens, of: user)
                return try await body(tokens.accessToken)
            }
        } catch GoogleCalendarError.revoked {
            try await forget(user)
            throw GoogleCalendarError.revoked
        }
    }

    private func refresh(_ tokens: Tokens, of user: Int) async throws -> Tokens {
        let grant = try await client.refresh(tokens.refreshToken)
        try await store(grant, for: user, previous: tokens)
        return Tokens(
            accessToken: grant.accessToken, refreshToken: grant.refreshToken ?? tokens.refreshToken,
            expiresAt: Int(Date().timeIntervalSince1970) + (grant.expiresIn ?? 3600))
    }
}
