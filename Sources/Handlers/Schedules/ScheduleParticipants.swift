import Generated

/// A schedule's participants (`ScheduleUser`) with their role and levels (docs/domain.md "Schedule
/// participants"): listed by participants, added or changed by the owner or a participant with write level 3,
/// removed by that same grant or by the participant themselves. Nobody grants a level above their own, only the
/// owner adds another owner, and the owner's own row is never rewritten or removed.
public struct ScheduleParticipants: Sendable {
    let pool: PostgresPool
    let schedules: Schedules

    public init(pool: PostgresPool) {
        self.pool = pool
        self.schedules = Schedules(pool: pool)
    }

    /// The participants, the owner first; only a participant may list them (403 for someone who merely sees a
    /// public schedule).
    public func list(_ schedule: Int, by caller: Caller) async throws -> [Types.ScheduleUser] {
        let (found, grant) = try await schedules.find(schedule, for: caller)
        guard grant.role != nil else { throw Problem.forbidden("Only the schedule's participants may list them.") }
        return try await participants(of: found.id)
    }

    /// Adds each entry (or gives a participant the new role and levels) and answers the participants. Problems
    /// are named by position (`1.user_id`, `0.write`), all in one 422; nothing is written unless all are fine.
    public func add(_ entries: [Types.ScheduleUserInput], to schedule: Int, by caller: Caller) async throws
        -> [Types.ScheduleUser]
    {
        let (found, grant) = try await schedules.find(schedule, for: caller)
        try grant.requireWrite(3, "Only the schedule's owner or a participant with write level 3 may add participants.")
        let isOwner = caller.userID == found.userId
        let ids = entries.map(\.userId)
        let existing = Set(
            try await pool.query("SELECT id FROM users WHERE id = ANY(\(ids))").map { try $0.decode(Int.self, "id") })
        var problems = ValidationErrors()
        var seen = Set<Int>()
        for (index, entry) in entries.enumerated() {
            let read = entry.read?.rawValue ?? 1
            let write = entry.write?.rawValue ?? 0
            if !existing.contains(entry.userId) {
                problems.add(.custom("No user \(entry.userId) exists."), at: "\(index).user_id")
            } else if entry.userId == found.userId {
                problems.add(.custom("The schedule's owner keeps their role and levels."), at: "\(index).user_id")
            } else if !seen.insert(entry.userId).inserted {
                problems.add(.custom("User \(entry.userId) is listed more than once."), at: "\(index).user_id")
            }
            if entry.roleId == .value1, !isOwner {
                problems.add(.custom("Only the schedule's owner may add another owner."), at: "\(index).role_id")
            }
            if read > grant.read {
                problems.add(.custom("You cannot grant read level \(read): yours is \(grant.read)."), at: "\(index).read")
            }
            if write > grant.write {
                problems.add(.custom("You cannot grant write level \(write): yours is \(grant.write)."), at: "\(index).write")
            }
        }
        try problems.throwIfAny()
        try await pool.transaction { tx in
            for entry in entries {
                try await tx.query(
                    """
                    INSERT INTO schedule_users (schedule_id, user_id, role_id, read, write)
                    VALUES (\(found.id), \(entry.userId), \(entry.roleId.rawValue), \(entry.read?.rawValue ?? 1),
                            \(entry.write?.rawValue ?? 0))
                    ON CONFLICT (schedule_id, user_id) DO UPDATE
                    SET role_id = EXCLUDED.role_id, read = EXCLUDED.read, write = EXCLUDED.write, updated_at = now()
                    """)
            }
        }
        return try await participants(of: found.id)
    }

    /// Removes `user` from the schedule and answers the participants left. Anyone may leave; removing another
    /// needs write level 3; the owner cannot be removed, and someone who is not a participant is a 422 on `user_id`.
    public func remove(_ user: Int, from schedule: Int, by caller: Caller) async throws -> [Types.ScheduleUser] {
        let (found, grant) = try await schedules.find(schedule, for: caller)
        if caller.userID != user {
            try grant.requireWrite(3, "Only the schedule's owner or a participant with write level 3 may remove others.")
        }
        if user == found.userId { throw Problem.invalid("user_id", "The schedule's owner cannot be removed.") }
        let removed = try await pool.query(
            "DELETE FROM schedule_users WHERE schedule_id = \(found.id) AND user_id = \(user) RETURNING user_id")
        if removed.isEmpty { throw Problem.invalid("user_id", "User \(user) is not a participant of this schedule.") }
        return try await participants(of: found.id)
    }

    /// Everyone taking part, the owner (role 1) first, then by when they joined.
    func participants(of schedule: Int) async throws -> [Types.ScheduleUser] {
        let rows = try await pool.query(
            """
            SELECT jsonb_build_object('schedule_id', su.schedule_id, 'user_id', su.user_id, 'role_id', su.role_id,
                                      'read', su.read, 'write', su.write, 'user', \(PublicUserJSON.sql)) AS participant
            FROM schedule_users su JOIN users u ON u.id = su.user_id
            WHERE su.schedule_id = \(schedule)
            ORDER BY su.role_id <> 1, su.created_at, su.user_id
            """)
        return try rows.decodeAll(Types.ScheduleUser.self, json: "participant")
    }
}
