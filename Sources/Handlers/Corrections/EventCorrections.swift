import Foundation
import Generated

/// Corrections to events (docs/domain.md "Event corrections", docs/corrections.md): proposed field by field by an
/// attendee or someone with write level 2, voted on by the event's creator and attendees less the proposer, applied
/// once every voter approved and rejected by the first rejection. Proposing and voting lock the event's row (as
/// confirming and declining do), so votes cast at the same moment are counted one after the other and a correction
/// applies exactly once; a correction whose `old_value` is stale when it would apply is rejected instead. Money is
/// never corrected: the request has no money fields and a transaction is a 422.
public struct EventCorrections: Sendable {
    let pool: PostgresPool
    let limiter: RateLimiter

    /// Proposals per author and hour (docs/domain.md "Errors": peer corrections are rate limited).
    static let proposals = RateLimit(name: "event_corrections", limit: 120, window: 3600)

    public init(pool: PostgresPool) {
        self.pool = pool
        self.limiter = RateLimiter(pool: pool)
    }

    /// getEvent: the event in full with its corrections, kals and history.
    public func detail(_ id: Int, for caller: Caller) async throws -> Types.EventDetail {
        _ = try await EventDetails.find(id, for: caller, lock: false, on: pool)
        return try await EventDetails.detail(of: id, for: caller, on: pool)
    }

    /// proposeEventCorrections: each field that differs from the event becomes a pending correction; with no voter
    /// (nobody but the proposer created or attends it) they apply at once.
    public func propose(_ id: Int, with body: Types.ProposeEventCorrectionsRequest, by caller: Caller) async throws
        -> Types.EventDetail
    {
        guard case .user(let userID) = caller else { throw Problem.unauthenticated }
        try await limiter.check([(Self.proposals, "user:\(userID)")])
        return try await pool.transaction { tx in
            let found = try await EventDetails.find(id, for: caller, lock: true, on: tx)
            try AccessPolicy.requireEventProposal(found.grant, attends: found.attendance != nil)
            let event = found.event
            let status = event.statusId.rawValue
            if event.typeId.rawValue == 4 {
                throw Problem.invalid(
                    "event", "This is a transaction: money changes through the charge and deposit operations.")
            }
            if EventStatusSteps.isFinal(status) {
                throw Problem.invalid(
                    "event", "This event is \(EventStatusSteps.name(status)): it takes no more corrections.")
            }
            var problems = ValidationErrors()
            if let next = body.statusId?.rawValue, next != status, !EventStatusSteps.allows(from: status, to: next) {
                problems.add(
                    .custom(
                        "A \(EventStatusSteps.name(status)) event cannot become \(EventStatusSteps.name(next))."),
                    at: "status_id")
            }
            let proposed = try await Self.proposedValues(of: event, with: body, problems: &problems, on: tx)
            try problems.throwIfAny()
            let rows = try await tx.query(
                """
                WITH proposed AS (
                    SELECT field, new_value, \(EventCorrectionSQL.currentValue) AS old_value
                    FROM events e CROSS JOIN unnest(\(proposed.map(\.field))::text[], \(proposed.map(\.value))::text[])
                         AS p(field, new_value)
                    WHERE e.id = \(id)
                )
                INSERT INTO event_corrections (event_id, user_id, field, old_value, new_value)
                SELECT \(id), \(userID), field, old_value, new_value FROM proposed
                WHERE old_value IS DISTINCT FROM new_value
                RETURNING id, field, old_value, new_value
                """)
            var created: [Int] = []
            for row in rows {
                let correction = try row.decode(Int.self, "id")
                created.append(correction)
                try await EventHistory.record(
                    .proposed, event: id, by: userID, correction: correction,
                    field: try row.decode(String.self, "field"),
                    old: try row.decode(String?.self, "old_value"), new: try row.decode(String?.self, "new_value"),
                    in: tx)
            }
            if !created.isEmpty, try await Self.voters(of: id, in: tx).subtracting([userID]).isEmpty {
                for correction in created.sorted() { try await Self.apply(correction, of: event, by: userID, in: tx) }
            }
            return try await EventDetails.detail(of: id, for: caller, on: tx)
        }
    }

    /// voteEventCorrections: the caller's vote on each of `ids`, then each is decided: a rejection rejects it, and
    /// the approval of its last voter applies it.
    public func vote(_ id: Int, with body: Types.VoteEventCorrectionsRequest, by caller: Caller) async throws
        -> Types.EventDetail
    {
        guard case .user(let userID) = caller else { throw Problem.unauthenticated }
        let verified = try await Self.emailVerified(userID, on: pool)
        return try await pool.transaction { tx in
            let found = try await EventDetails.find(id, for: caller, lock: true, on: tx)
            let voters = try await Self.voters(of: id, in: tx)
            let rows = try await tx.query(
                """
                SELECT id, user_id FROM event_corrections
                WHERE id = ANY(\(body.ids)) AND event_id = \(id) AND status_id = 100
                ORDER BY id FOR UPDATE
                """)
            var proposers: [Int: Int] = [:]
            for row in rows { proposers[try row.decode(Int.self, "id")] = try row.decode(Int.self, "user_id") }
            var problems = ValidationErrors()
            for (index, correction) in body.ids.enumerated() where proposers[correction] == nil {
                problems.add(.custom("No pending correction \(correction) of this event exists."), at: "ids.\(index)")
            }
            try AccessPolicy.requireEventVote(
                isVoter: voters.contains(userID),
                proposedOne: body.ids.first { proposers[$0] == userID }, emailVerified: verified)
            try problems.throwIfAny()
            for correction in Set(body.ids).sorted() {
                try await tx.query(
                    """
                    INSERT INTO event_correction_votes (correction_id, user_id, vote)
                    VALUES (\(correction), \(userID), \(body.vote))
                    ON CONFLICT (correction_id, user_id) DO UPDATE SET vote = excluded.vote, updated_at = now()
                    """)
                try await EventHistory.record(
                    .voted, event: id, by: userID, correction: correction, new: body.vote ? "true" : "false", in: tx)
                if !body.vote {
                    try await Self.reject(correction, of: id, by: userID, in: tx)
                } else if try await Self.approvedByEveryVoter(correction, voters: voters, in: tx) {
                    try await Self.apply(correction, of: found.event, by: userID, in: tx)
                }
            }
            return try await EventDetails.detail(of: id, for: caller, on: tx)
        }
    }

    // MARK: - Deciding

    /// Who votes on the event's corrections: its creator (a person) and its attendees. A correction's own proposer
    /// is left out when it is counted.
    static func voters(of id: Int, in tx: PostgresTransaction) async throws -> Set<Int> {
        let rows = try await tx.query(
            """
            SELECT user_id FROM events WHERE id = \(id) AND owner_type = 'User'
            UNION SELECT user_id FROM event_users WHERE event_id = \(id)
            """)
        return Set(try rows.map { try $0.decode(Int.self, "user_id") })
    }

    /// Whether every voter but the proposer has approved `correction`.
    static func approvedByEveryVoter(_ correction: Int, voters: Set<Int>, in tx: PostgresTransaction) async throws
        -> Bool
    {
        let rows = try await tx.query(
            """
            SELECT c.user_id AS proposer,
                   coalesce(array_agg(v.user_id) FILTER (WHERE v.vote), '{}') AS approvers
            FROM event_corrections c LEFT JOIN event_correction_votes v ON v.correction_id = c.id
            WHERE c.id = \(correction) GROUP BY c.user_id
            """)
        let proposer = try rows[0].decode(Int.self, "proposer")
        let approvers = Set(try rows[0].decode([Int].self, "approvers"))
        return voters.subtracting([proposer]).isSubset(of: approvers)
    }

    /// Rejects `correction` (400) and records it.
    static func reject(_ correction: Int, of event: Int, by userID: Int, in tx: PostgresTransaction) async throws {
        let rows = try await tx.query(
            """
            UPDATE event_corrections SET status_id = 400, updated_at = now() WHERE id = \(correction)
            RETURNING field, old_value, new_value
            """)
        try await EventHistory.record(
            .rejected, event: event, by: userID, correction: correction,
            field: try rows[0].decode(String.self, "field"),
            old: try rows[0].decode(String?.self, "old_value"), new: try rows[0].decode(String?.self, "new_value"),
            in: tx)
    }

    /// Applies `correction` to its event (locked by the caller): its `old_value` must still be the event's value,
    /// else it is rejected, since the field changed after it was proposed. A time correction takes the busy-time
    /// locks of the event's people first, as every change of an event's time does.
    static func apply(_ correction: Int, of event: Types.Event, by userID: Int, in tx: PostgresTransaction)
        async throws
    {
        let rows = try await tx.query(
            """
            SELECT c.field, c.old_value, c.new_value, \(EventCorrectionSQL.currentValue) AS current
            FROM event_corrections c JOIN events e ON e.id = c.event_id WHERE c.id = \(correction)
            """)
        let field = try rows[0].decode(String.self, "field")
        let old = try rows[0].decode(String?.self, "old_value")
        let new = try rows[0].decode(String?.self, "new_value")
        guard try rows[0].decode(String?.self, "current") == old else {
            return try await reject(correction, of: event.id, by: userID, in: tx)
        }
        if EventCorrectionSQL.timeFields.contains(field) {
            try await ContractEvents.lockBusyTime(
                of: event.attendees.map(\.userId) + (event.ownerType.rawValue == "User" ? [event.userId] : []), in: tx)
        }
        try await tx.query("\(EventCorrectionSQL.apply) WHERE c.id = \(correction) AND e.id = c.event_id")
        if EventCorrectionSQL.timeFields.contains(field) {
            try await tx.query("\(EventCorrectionSQL.retime) WHERE e.id = \(event.id)")
        }
        try await tx.query(
            "UPDATE event_corrections SET status_id = 200, updated_at = now() WHERE id = \(correction)")
        try await EventHistory.record(
            .applied, event: event.id, by: userID, correction: correction, field: field, old: old, new: new, in: tx)
        if field == "status_id" {
            try await EventHistory.record(.status, event: event.id, by: userID, old: old, new: new, in: tx)
        }
    }

    // MARK: - Proposing

    /// The fields the body changes, as correction text, in ``EventCorrectionSQL/fields`` order. The time fields
    /// resolve together through ``EventTimes`` (a `start` moves `date`, an `end` sets `duration`); a change of
    /// one of them proposes `date`, `duration` and `timezone`, of which those that differ become corrections.
    static func proposedValues(
        of event: Types.Event, with body: Types.ProposeEventCorrectionsRequest, problems: inout ValidationErrors,
        on tx: PostgresTransaction
    ) async throws -> [(field: String, value: String)] {
        var values: [String: String] = [:]
        if let label = body.label { values["label"] = label }
        if let description = body.description { values["description"] = description }
        if let isPrivate = body.private_ { values["private"] = isPrivate ? "true" : "false" }
        if let status = body.statusId?.rawValue { values["status_id"] = String(status) }
        let changesTime =
            body.date != nil || body.start != nil || body.end != nil || body.duration != nil || body.timezone != nil
        if changesTime {
            let timezone = body.timezone ?? event.timezone ?? "UTC"
            if let problem = SchedulingTimeZones.problem(body.timezone, at: "timezone") {
                problems.merge(problem)
            } else if let times = try await EventTimes.resolve(
                EventTimes.Request(
                    date: body.date ?? event.date, start: body.start, end: body.end,
                    duration: body.end == nil ? (body.duration ?? event.duration) : nil),
                defaultDuration: event.duration ?? 60, minimumDuration: 15, timezone: timezone, problems: &problems,
                on: tx)
            {
                values["date"] = Self.correctionText(times.date)
                values["duration"] = String(times.duration)
                if body.timezone != nil { values["timezone"] = timezone }
            }
        }
        return EventCorrectionSQL.fields.compactMap { field in values[field].map { (field, $0) } }
    }

    /// An instant as correction text: RFC 3339 in UTC to the second, as ``EventCorrectionSQL/currentValue`` writes
    /// the event's `date`.
    static func correctionText(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Whether the user's email is verified: accounts made lazily (a guest booking, `addContact`) are not until
    /// their owner signs in once (which sets `users.email_verified_at`).
    static func emailVerified(_ userID: Int, on db: some PostgresQuerying) async throws -> Bool {
        let rows = try await db.query(
            "SELECT email_verified_at IS NOT NULL AS verified FROM users WHERE id = \(userID)")
        return try rows.first?.decode(Bool.self, "verified") ?? false
    }
}
