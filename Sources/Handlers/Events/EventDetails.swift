import Generated

/// One event as getEvent answers it (`EventDetail`): the event, the caller's own attendance, its corrections, the
/// kals it shows in that the caller sees, and its history. Also the answer of proposing and voting.
enum EventDetails {
    /// The event `id` found by ``Events/find(_:for:lock:on:)``, in full: a grant that shows only busy time (a
    /// participant below read level 2 of a private event they do not attend) is a 404, as for an event the caller
    /// cannot see at all.
    static func find(_ id: Int, for caller: Caller, lock: Bool, on db: some PostgresQuerying) async throws
        -> Events.Found
    {
        let found = try await Events.find(id, for: caller, lock: lock, on: db)
        guard
            AccessPolicy.readsEventInFull(
                found.grant, attends: found.attendance != nil, isPrivate: found.event.private_)
        else {
            throw Problem.notFound("event")
        }
        return found
    }

    /// The detail of the event `id`, which the caller has been found to read in full.
    static func detail(of id: Int, for caller: Caller, on db: some PostgresQuerying) async throws -> Types.EventDetail {
        let rows = try await db.query(
            """
            SELECT \(EventJSON.sql) AS event,
                   coalesce((SELECT jsonb_agg(\(EventCorrectionSQL.json) ORDER BY c.id)
                             FROM event_corrections c WHERE c.event_id = e.id), '[]'::jsonb) AS corrections
            FROM events e WHERE e.id = \(id)
            """)
        let event = try rows[0].decode(Types.Event.self, json: "event")
        return Types.EventDetail(
            event: event, pivot: event.attendees.first { $0.userId == caller.userID },
            corrections: try rows[0].decode([Types.EventCorrection].self, json: "corrections"),
            kals: try await kals(of: id, for: caller, on: db),
            history: try await EventHistory.entries(of: id, on: db))
    }

    /// The kals the event shows in (its own and those it is exported to) that the caller may see, by the kal policy.
    static func kals(of id: Int, for caller: Caller, on db: some PostgresQuerying) async throws -> [Types.Kal] {
        let rows = try await db.query(
            """
            SELECT to_jsonb(k) - 'is_default' AS kal, cu.role_id, cu.read, cu.write
            FROM kals k
            LEFT JOIN contracts c ON k.owner_type = 'Contract' AND c.id = k.user_id AND c.deleted_at IS NULL
            LEFT JOIN contract_users cu ON cu.contract_id = c.id AND cu.user_id = \(caller.userID)
            WHERE k.deleted_at IS NULL
              AND (k.id = (SELECT kal_id FROM events WHERE id = \(id))
                   OR k.id IN (SELECT kal_id FROM event_exports WHERE event_id = \(id) AND kal_id IS NOT NULL))
            ORDER BY k.id
            """)
        return try rows.compactMap { row in
            let kal = try row.decode(Types.Kal.self, json: "kal")
            let membership = try row.decode(Int?.self, "role_id").map { role in
                Grant(role: role, read: try row.decode(Int.self, "read"), write: try row.decode(Int.self, "write"))
            }
            return AccessPolicy.kal(kal, contractMembership: membership, for: caller) == nil ? nil : kal
        }
    }
}
