import Foundation
import Generated

/// Events beneath the Event tag: found with the caller's grant, answered by their attendees (confirm, decline)
/// and deleted, along the state machine of docs/domain.md "Event status". Answers and deletions lock the event's
/// row, so two attendees answering at once both count, and an event is never answered after it is gone.
public struct Events: Sendable {
    let pool: PostgresPool
    let outbox: MailOutbox

    public init(pool: PostgresPool, secret: ServerSecret) {
        self.pool = pool
        self.outbox = MailOutbox(secret: secret)
    }

    /// One live event as the caller may act on it.
    struct Found {
        let event: Types.Event
        let grant: Grant
        /// The caller's own answer when they attend (100 invited, 200 confirmed, 400 declined).
        let attendance: Int?
        /// Whether the caller owns the schedule the event is in (who decides on a booking).
        let ownsSchedule: Bool
    }

    /// The live event `id` and the caller's grant, read (and, in a transaction, locked) in one statement; 404 when
    /// there is none or the caller may not see it.
    static func find(_ id: Int, for caller: Caller, lock: Bool, on db: some PostgresQuerying) async throws -> Found {
        let locking: SQLFragment = lock ? "FOR UPDATE OF e" : ""
        let rows = try await db.query(
            """
            SELECT \(EventJSON.sql) AS event, k.owner_type AS kal_owner_type, k.user_id AS kal_owner, k.private AS kal_private,
                   s.user_id AS schedule_owner, su.role_id, su.read, su.write, eu.role_id AS attendee_role,
                   eu.status_id AS attendance, cu.role_id AS member_role, cu.read AS member_read,
                   cu.write AS member_write, coalesce(\(ContractEventSQL.isOwn), false) AS own
            FROM events e CROSS JOIN (SELECT \(caller.userID)::bigint AS user_id) viewer
            LEFT JOIN kals k ON k.id = e.kal_id
            LEFT JOIN contracts c ON k.owner_type = 'Contract' AND c.id = k.user_id AND c.deleted_at IS NULL
            LEFT JOIN contract_users cu ON cu.contract_id = c.id AND cu.user_id = \(caller.userID)
            LEFT JOIN schedules s ON s.id = e.kal_schedule_id
            LEFT JOIN schedule_users su ON su.schedule_id = s.id AND su.user_id = \(caller.userID)
            LEFT JOIN event_users eu ON eu.event_id = e.id AND eu.user_id = \(caller.userID)
            WHERE e.id = \(id) AND e.deleted_at IS NULL
            \(locking)
            """)
        guard let row = rows.first else { throw Problem.notFound("event") }
        let event = try row.decode(Types.Event.self, json: "event")
        let ownsKal = try row.decode(String?.self, "kal_owner_type").map { type in
            caller.owns(type: type, id: try row.decode(Int.self, "kal_owner"))
        } ?? false
        let participant = try row.decode(Int?.self, "role_id").map { role in
            Grant(role: role, read: try row.decode(Int.self, "read"), write: try row.decode(Int.self, "write"))
        }
        let kalIsPrivate = try row.decode(Bool?.self, "kal_private") ?? true
        let isPublic = !event.private_ && !kalIsPrivate
        let membership = try row.decode(Int?.self, "member_role").map { role in
            Grant(role: role, read: try row.decode(Int.self, "member_read"), write: try row.decode(Int.self, "member_write"))
        }
        guard
            let grant = AccessPolicy.event(
                AccessPolicy.event(
                    isCreator: event.ownerType.rawValue == "User" && caller.userID == event.userId, ownsKal: ownsKal,
                    scheduleParticipant: participant, attendeeRole: try row.decode(Int?.self, "attendee_role"),
                    isPublic: isPublic, caller: caller),
                contractMembership: membership, isTransaction: event.typeId.rawValue == 4,
                isOwn: try row.decode(Bool.self, "own"))
        else { throw Problem.notFound("event") }
        let scheduleOwner = try row.decode(Int?.self, "schedule_owner")
        return Found(
            event: event, grant: grant, attendance: try row.decode(Int?.self, "attendance"),
            ownsSchedule: scheduleOwner != nil && scheduleOwner == caller.userID)
    }

    /// The caller confirms their attendance (200); a pending event everyone has now confirmed becomes confirmed.
    public func confirm(_ id: Int, by caller: Caller) async throws -> Types.Event {
        try await answer(id, by: caller, with: 200)
    }

    /// The caller declines their attendance (400). The schedule's owner declining a booking in their schedule
    /// declines it; its creator declining calls it off (777); otherwise a pending event becomes declined once no
    /// attendee is left to come. Either way its time is free again.
    public func decline(_ id: Int, by caller: Caller) async throws -> Types.Event {
        try await answer(id, by: caller, with: 400)
    }

    func answer(_ id: Int, by caller: Caller, with answer: Int) async throws -> Types.Event {
        try await pool.transaction { tx in
            let found = try await Self.find(id, for: caller, lock: true, on: tx)
            guard let attendance = found.attendance, let userID = caller.userID else {
                throw Problem.forbidden("Only the event's attendees may confirm or decline it.")
            }
            let status = found.event.statusId.rawValue
            guard status == 100 || status == 200 else {
                let state = [400: "declined", 444: "on hold", 555: "completed", 777: "cancelled"][status] ?? "closed"
                throw Problem.invalid("event", "This event is \(state): answers are taken only while it is pending or confirmed.")
            }
            if attendance != answer {
                try await tx.query(
                    """
                    UPDATE event_users SET status_id = \(answer), updated_at = now()
                    WHERE event_id = \(id) AND user_id = \(userID)
                    """)
                try await EventHistory.record(
                    .answered, event: id, by: userID, old: String(attendance), new: String(answer), in: tx)
            }
            let next = try await Self.status(after: answer, of: found, by: userID, in: tx)
            if next != status {
                try await tx.query("UPDATE events SET status_id = \(next), updated_at = now() WHERE id = \(id)")
                try await EventHistory.record(.status, event: id, by: userID, old: String(status), new: String(next), in: tx)
                try await notify(of: found.event, becoming: next, by: userID, in: tx)
            }
            let rows = try await tx.query("SELECT \(EventJSON.sql) AS event FROM events e WHERE e.id = \(id)")
            return try rows[0].decode(Types.Event.self, json: "event")
        }
    }

    /// The event's status once the caller's answer is in (docs/domain.md "Attendee status").
    static func status(after answer: Int, of found: Found, by userID: Int, in tx: PostgresTransaction) async throws
        -> Int
    {
        let status = found.event.statusId.rawValue
        if answer == 400 {
            if found.ownsSchedule, found.event.userId != userID { return 400 }
            if found.event.userId == userID, found.event.ownerType.rawValue == "User" { return 777 }
        }
        let rows = try await tx.query(
            """
            SELECT bool_and(status_id = 200) AS all_confirmed, bool_and(status_id = 400) AS all_declined
            FROM event_users WHERE event_id = \(found.event.id)
            """)
        if status == 100, try rows[0].decode(Bool?.self, "all_confirmed") == true { return 200 }
        if try rows[0].decode(Bool?.self, "all_declined") == true { return 400 }
        return status
    }

    /// Soft-deletes the event: its creator may, the owner of its kal, or a participant of its schedule with write
    /// level 3. A transaction that is paid is kept (422 on `event`); deleting a booking frees its slot.
    public func delete(_ id: Int, by caller: Caller) async throws {
        try await pool.transaction { tx in
            let found = try await Self.find(id, for: caller, lock: true, on: tx)
            try found.grant.requireWrite(
                3, "Only the event's creator, its kal's owner or a participant of its schedule with write level 3 may delete it.")
            if found.event.typeId.rawValue == 4, found.event.paymentStatusId?.rawValue == 300 {
                throw Problem.invalid("event", "This transaction is paid: paid money is never deleted.")
            }
            try await tx.query("UPDATE events SET deleted_at = now(), updated_at = now() WHERE id = \(id)")
            // Its pending corrections go with it (rejected: nobody can vote on a deleted event).
            try await tx.query(
                "UPDATE event_corrections SET status_id = 400, updated_at = now() WHERE event_id = \(id) AND status_id = 100")
        }
    }

    /// Tells the other side that the caller's answer confirmed, declined or cancelled the event: its creator,
    /// or, when the creator called it off, its other attendees.
    func notify(of event: Types.Event, becoming status: Int, by userID: Int, in tx: PostgresTransaction) async throws {
        let rows = try await tx.query(
            """
            SELECT u.email::text AS email, coalesce(a.name, a.email::text) AS answered_by,
                   to_char(e.date AT TIME ZONE coalesce(u.timezone, e.timezone, 'UTC'), 'FMDay DD FMMonth YYYY, HH24:MI')
                       || ' (' || coalesce(u.timezone, e.timezone, 'UTC') || ')' AS starts
            FROM events e JOIN users a ON a.id = \(userID)
            JOIN users u ON CASE WHEN e.owner_type = 'User' AND e.user_id = \(userID)
                                 THEN u.id IN (SELECT user_id FROM event_users WHERE event_id = e.id AND user_id <> \(userID))
                                 ELSE e.owner_type = 'User' AND u.id = e.user_id END
            WHERE e.id = \(event.id)
            """)
        for row in rows {
            try await outbox.enqueue(
                .eventDecided(
                    label: event.label, starts: try row.decode(String?.self, "starts"), status: status,
                    by: try row.decode(String.self, "answered_by"), to: try row.decode(String.self, "email")),
                in: tx)
        }
    }
}
