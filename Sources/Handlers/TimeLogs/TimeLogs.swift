import Foundation
import Generated

/// Time tracking (docs/domain.md "Time logs"): sessions started on a hand (`startHandTracking`) or on a trackable
/// contract (`startTimelog`), one running per hand, stopped into a charge or discarded. The time is the server's
/// `clock`, so that tests know exactly how many minutes a session lasted.
public struct TimeLogs: Sendable {
    let pool: PostgresPool
    let clock: WallClock

    public init(pool: PostgresPool, clock: WallClock = .system) {
        self.pool = pool
        self.clock = clock
    }

    /// The trackable live contracts in which the caller has an accepted hand, and the caller's running sessions,
    /// oldest first.
    public func overview(for caller: Caller) async throws -> Types.TimelogOverview {
        async let contracts = pool.query(
            """
            SELECT \(ContractJSON.contract) AS contract FROM contracts c
            WHERE c.deleted_at IS NULL AND coalesce((c.settings->>'trackable')::boolean, false)
              AND EXISTS (SELECT 1 FROM contract_hands h WHERE h.contract_id = c.id AND h.user_id = \(caller.userID)
                          AND h.status_id = 200 AND h.deleted_at IS NULL)
            ORDER BY c.label, c.id
            """)
        async let running = pool.query(
            """
            SELECT \(TimeLogJSON.sql) AS timelog FROM time_logs tl
            WHERE tl.user_id = \(caller.userID) AND tl.status_id = 100 AND tl.deleted_at IS NULL
            ORDER BY tl.start, tl.id
            """)
        return Types.TimelogOverview(
            contracts: try await contracts.decodeAll(Types.Contract.self, json: "contract"),
            timelogs: try await running.decodeAll(Types.TimeLog.self, json: "timelog"))
    }

    /// Starts a session on the caller's accepted hand in the trackable contract `body.trackableId`, read in
    /// `body.timezone`. Every problem is one 422: a zone that is not one, a contract that does not track time or
    /// where the caller has no accepted hand, a session already running there.
    public func start(_ body: Types.StartTimelogRequest, by caller: Caller) async throws -> Types.TimeLog {
        var problems = ValidationErrors()
        if let problem = SchedulingTimeZones.problem(body.timezone, at: "timezone") { problems.merge(problem) }
        let rows = try await pool.query(
            """
            SELECT h.id, coalesce((c.settings->>'trackable')::boolean, false) AS trackable
            FROM contract_hands h JOIN contracts c ON c.id = h.contract_id
            WHERE h.contract_id = \(body.trackableId) AND h.user_id = \(caller.userID) AND h.status_id = 200
              AND h.deleted_at IS NULL AND c.deleted_at IS NULL
            ORDER BY h.id LIMIT 1
            """)
        var hand: Int?
        if let row = rows.first {
            if try row.decode(Bool.self, "trackable") {
                hand = try row.decode(Int.self, "id")
            } else {
                problems.add(
                    .custom("Contract \(body.trackableId) does not track time (its settings.trackable is false)."),
                    at: "trackable_id")
            }
        } else {
            problems.add(.custom("You have no accepted hand in contract \(body.trackableId)."), at: "trackable_id")
        }
        try problems.throwIfAny()
        guard let hand else { throw Problem.notFound("hand") }
        return try await begin(
            on: hand, of: body.trackableId, trackable: ("Contract", body.trackableId), timezone: body.timezone,
            label: body.label, by: caller, field: "trackable_id")
    }

    /// Starts a session on `handID`, which must be the caller's own, accepted, in a trackable contract; it is read in
    /// the hand's zone (its work schedule's, else the contract's, else the user's).
    public func startTracking(_ handID: Int, by caller: Caller) async throws -> Types.TimeLog {
        let hand = try await TrackedHand.find(handID, for: caller, on: pool)
        try AccessPolicy.requireOwnHand(hand.isOwn(by: caller), "start")
        try hand.requireTrackable()
        return try await begin(
            on: hand.id, of: hand.contractID, trackable: ("ContractHand", hand.id), timezone: hand.timezone,
            label: nil, by: caller, field: "contractHand")
    }

    /// Whether `handID` has a running session, and that session; the hand's user and members at read 3 may ask.
    public func state(of handID: Int, for caller: Caller) async throws -> Types.TrackingState {
        let hand = try await TrackedHand.find(handID, for: caller, on: pool)
        guard AccessPolicy.seesHandTracking(hand.grant, isOwnHand: hand.isOwn(by: caller)) else {
            throw Problem.forbidden("Only the hand's own user and members with read level 3 see its time tracking.")
        }
        let rows = try await pool.query(
            "SELECT \(TimeLogJSON.sql) AS timelog FROM time_logs tl WHERE tl.hand_id = \(hand.id) AND tl.status_id = 100")
        let running = try rows.first?.decode(Types.TimeLog.self, json: "timelog")
        return Types.TrackingState(active: running != nil, timelog: running)
    }

    /// Stops `handID`'s running session and charges it: the whole minutes elapsed on the clock (at least 1), dated
    /// at the session's start, at the hand's rate, capped at what the hand's weekly limit leaves. Only the hand's own
    /// user stops it. The running row is locked first, so of two stops at once one charges and the other finds
    /// nothing running (422 on `contractHand`). The charge is a claim (100) unless the hand's user may approve
    /// charges (write level 4), as for any charge they record.
    public func stopTracking(_ handID: Int, by caller: Caller) async throws -> Types.TrackingStopped {
        let hand = try await TrackedHand.find(handID, for: caller, on: pool)
        try AccessPolicy.requireOwnHand(hand.isOwn(by: caller), "stop")
        guard case .user(let userID) = caller else { throw Problem.unauthenticated }
        let now = clock.now
        return try await pool.transaction { tx in
            let rows = try await tx.query(
                """
                SELECT id, start, label FROM time_logs WHERE hand_id = \(hand.id) AND status_id = 100 FOR UPDATE
                """)
            guard let row = rows.first else {
                throw Problem.invalid("contractHand", "This hand has no running session to stop.")
            }
            let id = try row.decode(Int.self, "id")
            let start = try row.decode(Date.self, "start")
            let minutes = max(1, Int(now.timeIntervalSince(start) / 60))
            let charge = try await HandCharges.record(
                minutes: minutes, for: hand.id, date: start, label: try row.decode(String?.self, "label") ?? "Tracked time",
                description: nil, parent: nil, recordedBy: userID, status: hand.grant.write >= 4 ? 200 : 100,
                overLimit: .cap, field: "contractHand", in: tx)
            let stopped = try await tx.query(
                """
                UPDATE time_logs tl SET status_id = 200, "end" = \(now), charge_id = \(charge.id), updated_at = \(now)
                WHERE tl.id = \(id)
                RETURNING \(TimeLogJSON.sql) AS timelog
                """)
            return Types.TrackingStopped(
                timelog: try stopped[0].decode(Types.TimeLog.self, json: "timelog"), charge: charge)
        }
    }

    /// Discards the caller's log `id`: a running one stops without a charge (777); a stopped one keeps its charge.
    /// Another user's log, or one discarded before, is a 404. The update locks the row, so a stop and a discard of
    /// one session at once are ordered: whichever comes second finds the session no longer running.
    public func discard(_ id: Int, by caller: Caller) async throws {
        let now = clock.now
        let rows = try await pool.query(
            """
            UPDATE time_logs SET status_id = CASE WHEN status_id = 100 THEN 777 ELSE status_id END,
                   "end" = CASE WHEN status_id = 100 THEN \(now) ELSE "end" END,
                   deleted_at = \(now), updated_at = \(now)
            WHERE id = \(id) AND user_id = \(caller.userID) AND deleted_at IS NULL
            RETURNING id
            """)
        guard !rows.isEmpty else { throw Problem.notFound("time log") }
    }

    /// Inserts the running session. Its estimated end is the start plus the user's median stopped session of the
    /// last 30 days (an hour without one), times a random factor in [0.9, 1.1]. The partial unique index
    /// `time_logs_running` makes a second session of the hand, even one started at the same instant, a 422 on `field`.
    private func begin(
        on hand: Int, of contract: Int, trackable: (type: String, id: Int), timezone: String, label: String?,
        by caller: Caller, field: String
    ) async throws -> Types.TimeLog {
        let now = clock.now
        do {
            let rows = try await pool.query(
                """
                WITH usual AS (
                    SELECT coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "end" - start)),
                                    3600) AS seconds
                    FROM time_logs
                    WHERE user_id = \(caller.userID) AND status_id = 200 AND deleted_at IS NULL
                      AND start >= \(now)::timestamptz - interval '30 days'),
                tl AS (
                    INSERT INTO time_logs (user_id, hand_id, contract_id, trackable_type, trackable_id, start, "end",
                                           timezone, label, created_at, updated_at)
                    SELECT \(caller.userID), \(hand), \(contract), \(trackable.type), \(trackable.id), \(now),
                           \(now)::timestamptz + make_interval(secs => usual.seconds * (0.9 + random() * 0.2)),
                           \(timezone), \(label), \(now), \(now)
                    FROM usual
                    RETURNING *)
                SELECT \(TimeLogJSON.sql) AS timelog FROM tl
                """)
            return try rows[0].decode(Types.TimeLog.self, json: "timelog")
        } catch PostgresError.server(let error) where error.isUniqueViolation && error.constraint == "time_logs_running" {
            throw Problem.invalid(field, "This hand is already working: stop or discard its running session first.")
        }
    }
}
