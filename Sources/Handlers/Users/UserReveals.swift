import Generated

/// Reveals of another person's email address or phone number (`revealOtherUserEmail`, `revealOtherUserPhone`,
/// docs/domain.md "People"). Each reveal is logged (`user_reveals`: who saw whose what, and when), and the log is
/// the limit: at most ``dailyLimit`` reveals, email and phone together, per viewer in any 24 hours.
public struct UserReveals: Sendable {
    let pool: PostgresPool

    /// Reveals per viewer in any 24 hours.
    public static let dailyLimit = 50

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// What can be revealed.
    public enum Field: String, Sendable {
        case email, phone
    }

    /// The user's address or phone (nil: they gave none). One's own is answered without counting. The viewer
    /// needs a verified email (403); an unknown user is a 404; past the limit, a 429 whose `Retry-After` is when
    /// the oldest counted reveal leaves the window.
    public func reveal(_ field: Field, of user: Int, by caller: Caller) async throws -> String? {
        guard case .user(let viewer) = caller else { throw Problem.unauthenticated }
        return try await pool.transaction { tx in
            // The viewer's row is locked first, so that parallel reveals by one viewer count one after another:
            // the 51st waits for the 50th to be logged, then sees it.
            let me = try await tx.query(
                "SELECT email_verified_at IS NOT NULL AS verified FROM users WHERE id = \(viewer) FOR NO KEY UPDATE")
            guard let me = me.first else { throw Problem.unauthenticated }
            let target = try await tx.query("SELECT email::text AS email, phone FROM users WHERE id = \(user)")
            guard let row = target.first else { throw Problem.notFound("user") }
            let value = try row.decode(String?.self, field.rawValue)
            guard viewer != user else { return value }
            guard try me.decode(Bool.self, "verified") else {
                throw Problem.forbidden(
                    "Verify your email address (sign in with the code mailed to it) before revealing other people's contact details."
                )
            }
            // The 50th newest reveal of the window: while it is in the window, the limit is reached.
            let full = try await tx.query(
                """
                SELECT ceil(extract(epoch FROM created_at + interval '1 day' - now()))::int AS wait
                FROM user_reveals WHERE viewer_id = \(viewer) AND created_at > now() - interval '1 day'
                ORDER BY created_at DESC, id DESC OFFSET \(Self.dailyLimit - 1) LIMIT 1
                """)
            if let wait = try full.first?.decode(Int.self, "wait") {
                throw Problem.tooManyRequests(retryAfter: max(wait, 1))
            }
            try await tx.query(
                "INSERT INTO user_reveals (viewer_id, user_id, field) VALUES (\(viewer), \(user), \(field.rawValue))")
            return value
        }
    }
}
