import Foundation
import Generated

/// People's profiles: one's own (`User`, private fields included) with what one owns and takes part in, changes to
/// it, and another person's public profile (docs/domain.md "People").
public struct UserProfiles: Sendable {
    let pool: PostgresPool
    let passwords: PasswordHashing

    public init(pool: PostgresPool, passwords: PasswordHashing = PasswordHashing()) {
        self.pool = pool
        self.passwords = passwords
    }

    /// The profile of `userID`; nil when there is no such user (an account deleted while a token was live).
    public func profile(of userID: Int) async throws -> Types.User? {
        try await pool.query("SELECT \(UserJSON.sql) AS user FROM users u WHERE u.id = \(userID)")
            .first?.decode(Types.User.self, json: "user")
    }

    /// `getCurrentUser`: the caller's profile with their contacts, the kals they own (the default one first), the
    /// live contracts they are a member of, and their live hands in those contracts.
    public func current(of caller: Caller, contacts: Contacts, contracts: Contracts) async throws -> Types.CurrentUser {
        guard case .user(let id) = caller, let user = try await profile(of: id) else { throw Problem.unauthenticated }
        let kals = try await pool.query(
            """
            SELECT to_jsonb(k) - 'is_default' AS kal FROM kals k
            WHERE k.owner_type = 'User' AND k.user_id = \(id) AND k.deleted_at IS NULL
            ORDER BY k.is_default DESC, k.label, k.id
            """)
        // Their own hands show their own rates (`ContractJSON.hand`), whatever their levels.
        let hands = try await pool.query(
            """
            SELECT \(ContractJSON.hand) AS hand
            FROM contract_hands h JOIN contracts c ON c.id = h.contract_id AND c.deleted_at IS NULL
            CROSS JOIN (SELECT \(id)::bigint AS user_id, false AS sees_rates) viewer
            WHERE h.user_id = \(id) AND h.deleted_at IS NULL
            ORDER BY h.contract_id, h.id
            """)
        return Types.CurrentUser(
            user: user, contacts: try await contacts.list(for: caller),
            kals: try kals.decodeAll(Types.Kal.self, json: "kal"), contracts: try await contracts.list(for: caller),
            hands: try hands.decodeAll(Types.Hand.self, json: "hand"))
    }

    /// `getUser`: another person's public profile and their public schedules that have not ended, soonest first.
    public func publicProfile(of userID: Int) async throws -> Types.UserProfile {
        let rows = try await pool.query(
            """
            SELECT \(PublicUserJSON.sql) AS user,
                   coalesce((SELECT jsonb_agg(\(ScheduleJSON.sql) ORDER BY s.start NULLS FIRST, s.id)
                             FROM schedules s
                             WHERE s.user_id = u.id AND s.agent_id IS NULL AND NOT s.private AND s.deleted_at IS NULL
                               AND (s."end" IS NULL OR s."end" > now())), '[]'::jsonb) AS schedules
            FROM users u WHERE u.id = \(userID)
            """)
        guard let row = rows.first else { throw Problem.notFound("user") }
        return Types.UserProfile(
            user: try row.decode(Types.PublicUser.self, json: "user"),
            schedules: try row.decode([Types.Schedule].self, json: "schedules"))
    }
}
