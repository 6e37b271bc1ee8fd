import Foundation
import Generated

/// `listContractEvents`: one page of a contract's events (or of a sub-contract's, for its members) that the
/// caller's read level shows (``AccessPolicy/contractEventVisibility(_:)``), filtered and sorted as the request asks.
public struct ContractEventLists: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The page. `start`/`end` and `dates[from]`/`dates[to]` bound `date` (from inclusive, to exclusive; an undated
    /// event is outside any bound), `user_id` keeps the events that user created or attends, `nn[]` those where
    /// each field named has a value; sorted by `sortBy` (default `date`, undated last), then by id.
    public func list(_ input: Operations.ListContractEvents.Input, by caller: Caller) async throws -> Types.EventPage {
        var (contract, grant) = try await Contracts.find(input.contract, for: caller, on: pool)
        if let sub = input.contractId, sub != contract.id {
            // Membership of the parent gives none of the child: the caller's own grant in the sub-contract.
            (contract, grant) = try await Contracts.find(sub, for: caller, on: pool)
            guard contract.parentId == input.contract else { throw Problem.notFound("contract") }
        }
        let range = try input.dates.map { try DateRangeQuery($0) }
        let visibility = AccessPolicy.contractEventVisibility(grant)
        let request = PageRequest(page: input.page, perPage: input.perPage ?? 20)

        // The request's values, bound once in a one-row `k`, with the `viewer` the ownership test reads.
        func query(_ select: SQLFragment, _ tail: SQLFragment, limit: Int? = nil, offset: Int? = nil) -> PostgresQuery {
            """
            SELECT \(select)
            FROM (SELECT \(contract.kalId)::bigint AS kal_id, \(visibility.all)::boolean AS all_events,
                         \(visibility.allButTransactions)::boolean AS all_but_transactions,
                         \(visibility.own)::boolean AS own_events,
                         \(input.start)::timestamptz AS from_date, \(input.end)::timestamptz AS to_date,
                         \(range?.from)::timestamptz AS range_from, \(range?.to)::timestamptz AS range_to,
                         \(input.statusId?.rawValue)::int AS status_id,
                         \(input.paymentStatusId?.rawValue)::int AS payment_status_id,
                         \(input.typeId?.rawValue)::int AS type_id, \(input.userId)::bigint AS member,
                         string_to_array(\((input.nn ?? []).map(\.rawValue).joined(separator: ",")), ',') AS nn) k
            CROSS JOIN (SELECT \(caller.userID)::bigint AS user_id) viewer
            JOIN events e ON \(Self.filter)
            \(tail) LIMIT \(limit) OFFSET \(offset)
            """
        }
        let total = try await pool.query(query("count(*) AS n", ""))[0].decode(Int.self, "n")
        var events: [Types.Event] = []
        if let offset = request.offset {
            let rows = try await pool.query(
                query(
                    EventJSON.sql + " AS event", Self.order(input.sortBy, descending: input.descending ?? false),
                    limit: request.perPage, offset: offset))
            events = try rows.decodeAll(Types.Event.self, json: "event")
        }
        return try Paginator(request, total: total).page(Types.EventPage.self, items: events)
    }

    /// Which events of the kal `k.kal_id` the one-row `k` of request values keeps.
    static let filter: SQLFragment =
        """
        e.kal_id = k.kal_id AND e.deleted_at IS NULL
          AND (k.all_events OR (k.all_but_transactions AND e.type_id <> 4) OR (k.own_events AND
        """ + ContractEventSQL.isOwn
            + """
            ))
              AND (k.from_date IS NULL OR e.date >= k.from_date) AND (k.to_date IS NULL OR e.date < k.to_date)
              AND (k.range_from IS NULL OR e.date >= k.range_from) AND (k.range_to IS NULL OR e.date < k.range_to)
              AND (k.status_id IS NULL OR e.status_id = k.status_id)
              AND (k.payment_status_id IS NULL OR e.payment_status_id = k.payment_status_id)
              AND (k.type_id IS NULL OR e.type_id = k.type_id)
              AND (k.member IS NULL OR (e.owner_type = 'User' AND e.user_id = k.member)
                   OR EXISTS (SELECT 1 FROM event_users m WHERE m.event_id = e.id AND m.user_id = k.member))
              AND (NOT ('amount' = ANY(k.nn)) OR e.amount IS NOT NULL)
              AND (NOT ('label' = ANY(k.nn)) OR e.label IS NOT NULL)
              AND (NOT ('duration' = ANY(k.nn)) OR e.duration IS NOT NULL)
              AND (NOT ('date' = ANY(k.nn)) OR e.date IS NOT NULL)
              AND (NOT ('status_id' = ANY(k.nn)) OR e.status_id IS NOT NULL)
              AND (NOT ('payment_status_id' = ANY(k.nn)) OR e.payment_status_id IS NOT NULL)
              AND (NOT ('start' = ANY(k.nn)) OR e.start IS NOT NULL)
              AND (NOT ('end' = ANY(k.nn)) OR e."end" IS NOT NULL)
            """

    /// The ORDER BY of `sortBy` (one literal column per choice), empty values last either way, then the id.
    static func order(_ sortBy: Operations.ListContractEvents.Input.SortBy?, descending: Bool) -> SQLFragment {
        let column: SQLFragment =
            switch sortBy ?? .date {
            case .date: "e.date"
            case .createdAt: "e.created_at"
            case .updatedAt: "e.updated_at"
            case .label: "e.label"
            case .amount: "e.amount"
            case .duration: "e.duration"
            case .statusId: "e.status_id"
            case .paymentStatusId: "e.payment_status_id"
            }
        return "ORDER BY " + column + (descending ? " DESC NULLS LAST, e.id DESC" : " ASC NULLS LAST, e.id ASC")
    }
}
