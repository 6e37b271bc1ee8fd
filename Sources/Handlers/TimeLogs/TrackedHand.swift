import Generated

/// A hand as time tracking sees it (`/api/hands/{contractHand}/tracking…`): the contract is resolved from the hand,
/// then the caller's membership of it, so a hand of a contract the caller is not in answers 404 like one that does
/// not exist. The hand's own user always finds their hand, even after leaving the contract (their answered hands
/// stay, docs/domain.md "Contracts as built").
struct TrackedHand {
    let id: Int
    let userID: Int
    let contractID: Int
    let statusID: Int
    /// The contract's `settings.trackable`.
    let trackable: Bool
    /// The zone the hand works in: its work schedule's, else the contract's, else its user's, else UTC.
    let timezone: String
    /// The caller's grant in the contract; for the hand's own user without a membership, none (read 0).
    let grant: Grant

    var isAccepted: Bool { statusID == 200 }

    /// The live hand `id` of a live contract, as `caller` may see it; 404 otherwise.
    static func find(_ id: Int, for caller: Caller, on db: some PostgresQuerying) async throws -> TrackedHand {
        let rows = try await db.query(
            """
            SELECT h.id, h.user_id, h.contract_id, h.status_id, c.deleted_at IS NOT NULL AS archived,
                   coalesce((c.settings->>'trackable')::boolean, false) AS trackable,
                   coalesce(s.timezone, c.timezone, u.timezone, 'UTC') AS timezone, cu.role_id, cu.read, cu.write
            FROM contract_hands h
            JOIN contracts c ON c.id = h.contract_id
            JOIN users u ON u.id = h.user_id
            LEFT JOIN schedules s ON s.id = h.schedule_id
            LEFT JOIN contract_users cu ON cu.contract_id = c.id AND cu.user_id = \(caller.userID)
            WHERE h.id = \(id) AND h.deleted_at IS NULL
            """)
        guard let row = rows.first else { throw Problem.notFound("hand") }
        let userID = try row.decode(Int.self, "user_id")
        let membership = try row.decode(Int?.self, "role_id").map { role in
            Grant(role: role, read: try row.decode(Int.self, "read"), write: try row.decode(Int.self, "write"))
        }
        guard
            let grant = AccessPolicy.hand(
                membership: membership, isArchived: try row.decode(Bool.self, "archived"),
                isOwnHand: userID == caller.userID)
        else { throw Problem.notFound("hand") }
        return TrackedHand(
            id: id, userID: userID, contractID: try row.decode(Int.self, "contract_id"),
            statusID: try row.decode(Int.self, "status_id"), trackable: try row.decode(Bool.self, "trackable"),
            timezone: try row.decode(String.self, "timezone"), grant: grant)
    }

    /// Whether `caller` is the hand's own user.
    func isOwn(by caller: Caller) -> Bool { userID == caller.userID }

    /// Refuses with 422 on `contractHand` unless the hand is accepted and its contract tracks time.
    func requireTrackable() throws(Problem) {
        var problems = ValidationErrors()
        if !isAccepted {
            problems.add(.custom("This hand has not been accepted: only an accepted hand tracks time."), at: "contractHand")
        } else if !trackable {
            problems.add(
                .custom("Contract \(contractID) does not track time (its settings.trackable is false)."),
                at: "contractHand")
        }
        try problems.throwIfAny()
    }
}
