import Generated

/// Another person's profile as getOtherUser shows it to whoever is signed in (a stranger or a contact alike): what
/// anyone may see of them (`PublicUser`: no email or phone, which only the reveal operations give), their schedules
/// and kals that the access policy shows the caller, and the peer corrections proposed to their profile.
public struct OtherUsers: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The profile of user `id`; 404 when there is none.
    public func profile(_ id: Int, for caller: Caller) async throws -> Types.OtherUserProfile {
        let users = try await pool.query("SELECT \(PublicUserJSON.sql) AS user FROM users u WHERE u.id = \(id)")
        guard let user = users.first else { throw Problem.notFound("user") }
        return Types.OtherUserProfile(
            user: try user.decode(Types.PublicUser.self, json: "user"),
            schedules: try await schedules(of: id, for: caller), kals: try await kals(of: id, for: caller),
            corrections: try await UserCorrections.corrections(to: id, on: pool))
    }

    /// The user's live schedules the caller sees: public ones, and those the caller takes part in.
    func schedules(of id: Int, for caller: Caller) async throws -> [Types.Schedule] {
        let rows = try await pool.query(
            """
            SELECT \(ScheduleJSON.sql) AS schedule, su.role_id, su.read, su.write
            FROM schedules s
            LEFT JOIN schedule_users su ON su.schedule_id = s.id AND su.user_id = \(caller.userID)
            WHERE s.user_id = \(id) AND s.deleted_at IS NULL
            ORDER BY s.id
            """)
        return try rows.compactMap { row in
            let schedule = try row.decode(Types.Schedule.self, json: "schedule")
            let participant = try row.decode(Int?.self, "role_id").map { role in
                Grant(role: role, read: try row.decode(Int.self, "read"), write: try row.decode(Int.self, "write"))
            }
            let grant = AccessPolicy.schedule(
                isPrivate: schedule.private_, ownedByCaller: caller.userID == schedule.userId,
                participant: participant, caller: caller)
            return grant == nil ? nil : schedule
        }
    }

    /// The user's live personal kals the caller sees (public ones, or all of them for the user themself).
    func kals(of id: Int, for caller: Caller) async throws -> [Types.Kal] {
        let rows = try await pool.query(
            """
            SELECT to_jsonb(k) - 'is_default' AS kal FROM kals k
            WHERE k.owner_type = 'User' AND k.user_id = \(id) AND k.deleted_at IS NULL
            ORDER BY k.id
            """)
        return try rows.decodeAll(Types.Kal.self, json: "kal").filter { AccessPolicy.kal($0, for: caller) != nil }
    }
}
