import Foundation
import Generated

/// What a charge that would pass its hand's weekly `limit` does (docs/domain.md "The ledger as built").
public enum WeeklyLimitRule: Sendable {
    /// The charge is refused: a 422 on `duration` saying how many minutes are left that week. What a person
    /// typing a charge expects.
    case reject
    /// Only the minutes left that week are charged (possibly none: amount "0.00"), and the minutes tracked are
    /// noted in the charge's `data` (`{"tracked": N}`). What stopping a time tracking session does: the session
    /// happened, so it is recorded, but never beyond what the contract allows.
    case cap
}

/// The one way a charge comes to exist or change (docs/domain.md "The ledger as built"): time worked by a hand,
/// priced at the hand's hourly rate in SQL numeric (`round(minutes / 60 × price, 2)`, half up), within the hand's
/// weekly limit. Every caller (the charge operations of the Contract and Hand tags, and time tracking when a
/// session stops) records through here, inside its own transaction, so the rules hold whichever way in.
///
/// Charges of one hand queue: each locks the hand's row first (`contract_hands … FOR UPDATE`) and only then reads
/// the minutes already charged that week, so two charges at once never both fit into the same minutes.
public enum HandCharges {
    /// A hand as a charge needs it, read under its row lock.
    struct LockedHand {
        let id: Int
        let userID: Int
        let contractID: Int
        let kalID: Int
        let statusID: Int
        /// The hourly rate; nil for a hand that has none (and so cannot be charged).
        let price: Int?
        /// Most minutes a week; nil for no limit.
        let limit: Int?
        let currency: String
        let contractCurrency: String
        /// The zone its weeks are counted in: its work schedule's, else the contract's, else UTC.
        let timezone: String
    }

    /// Records a charge of `minutes` worked by `hand` on `date` (the type-4 event: `credit` false, payment status
    /// 100, in the contract's kal, billable the contract, benefitable the hand) and answers it. `status` is 100 for
    /// a claim (a hand charging themselves), 200 when someone with write level 4 records it; `parent` is the event
    /// (a task) it was charged on. Problems are 422s on `field` (the name the caller's request gives the hand):
    /// a hand without a rate, not accepted, or in another currency than its contract; past the weekly limit, a 422
    /// on `duration` (``WeeklyLimitRule/reject``) or a charge of what is left (``WeeklyLimitRule/cap``).
    public static func record(
        minutes: Int, for hand: Int, date: Date, label: String?, description: String?, parent: Int?,
        files: [Int] = [], recordedBy userID: Int, status: Int, overLimit: WeeklyLimitRule, field: String = "hand",
        in tx: PostgresTransaction
    ) async throws -> Types.Transaction {
        let locked = try await lock(hand, in: tx)
        try problems(of: locked, field: field).throwIfAny()
        let left = try await minutesLeft(locked, on: date, excluding: nil, in: tx)
        var charged = minutes
        var data: JSONValue = [:]
        if let left, minutes > left {
            switch overLimit {
            case .reject: throw limitProblem(locked, left: left)
            case .cap:
                charged = left
                data = ["tracked": .number(JSONNumber(minutes))]
            }
        }
        let rows = try await tx.query(
            """
            INSERT INTO events AS e (user_id, owner_type, type_id, status_id, payment_status_id, kal_id, parent_id,
                                     billable_type, billable_id, benefitable_type, benefitable_id, label, description,
                                     timezone, date, ends_at, duration, amount, currency, credit, private, files, data)
            SELECT \(userID), 'User', 4, \(status), 100, \(locked.kalID), \(parent), 'Contract', \(locked.contractID),
                   'ContractHand', \(locked.id), \(label ?? "Work"), \(description), \(locked.timezone), \(date),
                   \(date), \(charged), round(\(charged)::numeric / 60 * h.price, 2), \(locked.contractCurrency),
                   false, true, \(files), \(PostgresJSON(data))
            FROM contract_hands h WHERE h.id = \(locked.id)
            RETURNING \(TransactionJSON.sql) AS t
            """)
        return try rows[0].decode(Types.Transaction.self, json: "t")
    }

    /// Rewrites the locked charge `charge` as `minutes` worked by `hand` on `date`, repriced at that hand's rate and
    /// checked against its weekly limit without the charge's own old minutes (always ``WeeklyLimitRule/reject``:
    /// an edit is typed by a person). An approved charge goes back to unpaid (100): it needs approving again.
    /// The caller has locked the charge and checked it may change (not paid, not on a bill).
    static func rewrite(
        _ charge: Int, minutes: Int, for hand: Int, date: Date, label: String, description: String?,
        files: [Int], status: Int, field: String, in tx: PostgresTransaction
    ) async throws -> Types.Transaction {
        let locked = try await lock(hand, in: tx)
        try problems(of: locked, field: field).throwIfAny()
        if let left = try await minutesLeft(locked, on: date, excluding: charge, in: tx), minutes > left {
            throw limitProblem(locked, left: left)
        }
        let rows = try await tx.query(
            """
            UPDATE events AS e
            SET benefitable_id = h.id, date = \(date), ends_at = \(date), duration = \(minutes),
                amount = round(\(minutes)::numeric / 60 * h.price, 2), label = \(label), description = \(description),
                timezone = \(locked.timezone), files = \(files), status_id = \(status), payment_status_id = 100,
                updated_at = now()
            FROM contract_hands h
            WHERE e.id = \(charge) AND h.id = \(locked.id)
            RETURNING \(TransactionJSON.sql) AS t
            """)
        return try rows[0].decode(Types.Transaction.self, json: "t")
    }

    /// The live hand `id` of a live contract, its row locked; 404 when there is none.
    static func lock(_ id: Int, in tx: PostgresTransaction) async throws -> LockedHand {
        let rows = try await tx.query(
            """
            SELECT h.id, h.user_id, h.contract_id, c.kal_id, h.status_id, h.price, h."limit", h.currency,
                   c.currency AS contract_currency, coalesce(s.timezone, c.timezone, 'UTC') AS timezone
            FROM contract_hands h
            JOIN contracts c ON c.id = h.contract_id AND c.deleted_at IS NULL
            LEFT JOIN schedules s ON s.id = h.schedule_id
            WHERE h.id = \(id) AND h.deleted_at IS NULL
            FOR UPDATE OF h
            """)
        guard let row = rows.first else { throw Problem.notFound("hand") }
        return LockedHand(
            id: id, userID: try row.decode(Int.self, "user_id"), contractID: try row.decode(Int.self, "contract_id"),
            kalID: try row.decode(Int.self, "kal_id"), statusID: try row.decode(Int.self, "status_id"),
            price: try row.decode(Int?.self, "price"), limit: try row.decode(Int?.self, "limit"),
            currency: try row.decode(String.self, "currency"),
            contractCurrency: try row.decode(String.self, "contract_currency"),
            timezone: try row.decode(String.self, "timezone"))
    }

    /// Why the hand cannot be charged at all, under `field`: it has no rate, has not accepted, or is in another
    /// currency than its contract.
    static func problems(of hand: LockedHand, field: String) -> ValidationErrors {
        var problems = ValidationErrors()
        if hand.statusID != 200 {
            problems.add(.custom("Hand \(hand.id) has not accepted its invitation: only an accepted hand is charged."), at: field)
        } else if hand.price == nil {
            problems.add(.custom("Hand \(hand.id) has no hourly rate: set its price before charging it."), at: field)
        } else if hand.currency != hand.contractCurrency {
            problems.add(
                .custom("Hand \(hand.id) is paid in \(hand.currency), its contract in \(hand.contractCurrency)."), at: field)
        }
        return problems
    }

    /// The minutes still chargeable to `hand` in the week of `date` (Monday 00:00 to Monday 00:00 in the hand's
    /// zone), not counting the charge `excluding`; nil for a hand without a limit.
    static func minutesLeft(_ hand: LockedHand, on date: Date, excluding: Int?, in tx: PostgresTransaction)
        async throws -> Int?
    {
        guard let limit = hand.limit else { return nil }
        let rows = try await tx.query(
            """
            WITH week AS (
                SELECT date_trunc('week', \(date)::timestamptz AT TIME ZONE \(hand.timezone)) AS monday
            )
            SELECT coalesce(sum(e.duration), 0)::bigint AS used
            FROM events e, week
            WHERE e.type_id = 4 AND NOT e.credit AND e.deleted_at IS NULL
              AND e.benefitable_type = 'ContractHand' AND e.benefitable_id = \(hand.id)
              AND e.id IS DISTINCT FROM \(excluding)::bigint
              AND e.date >= (week.monday AT TIME ZONE \(hand.timezone))
              AND e.date < ((week.monday + interval '7 days') AT TIME ZONE \(hand.timezone))
            """)
        return max(limit - (try rows[0].decode(Int.self, "used")), 0)
    }

    static func limitProblem(_ hand: LockedHand, left: Int) -> Problem {
        Problem.invalid(
            "duration",
            "Hand \(hand.id) may be charged \(hand.limit ?? 0) minutes a week; \(left) are left in the week of this charge.")
    }
}
