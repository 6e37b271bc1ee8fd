import Generated

/// An event's history (`event_history`, docs/corrections.md): every state change, who made it and when: corrections
/// proposed, voted on, applied or rejected, attendees' answers and the event's status moving. Written inside the
/// transaction that makes the change (so a rolled-back change leaves no entry) and shown by getEvent.
enum EventHistory {
    /// What happened, as `EventHistoryEntry.action` names it.
    enum Action: String {
        case proposed, voted, applied, rejected, answered, status
    }

    /// Records one change of `event` by `userID` (nil: nobody in particular, never the case today).
    static func record(
        _ action: Action, event: Int, by userID: Int?, correction: Int? = nil, field: String? = nil,
        old: String? = nil, new: String? = nil, in tx: PostgresTransaction
    ) async throws {
        try await tx.query(
            """
            INSERT INTO event_history (event_id, user_id, action, correction_id, field, old_value, new_value)
            VALUES (\(event), \(userID), \(action.rawValue), \(correction), \(field), \(old), \(new))
            """)
    }

    /// The event's history, oldest first.
    static func entries(of event: Int, on db: some PostgresQuerying) async throws -> [Types.EventHistoryEntry] {
        try await db.query(
            """
            SELECT to_jsonb(h) AS entry FROM event_history h WHERE h.event_id = \(event) ORDER BY h.id
            """
        ).decodeAll(Types.EventHistoryEntry.self, json: "entry")
    }
}
