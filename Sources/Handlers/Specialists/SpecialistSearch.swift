import Foundation
import Generated

/// The specialist search (docs/scheduling.md "Searching for specialists"): live, public, current schedules of
/// people other than the searcher, with their owners, filtered in SQL on indexed columns and then, when the
/// request asks for free time (`days`, `hours`, `start`, `end`), by the slot engine on the candidates of the page
/// being built only. Both sides call it: `searchSpecialists` with a person as the searcher, the agents' search
/// with an agent (whose own schedules are not people's, so none are left out).
public struct SpecialistSearch: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// One page of matches for `request`, on the pool.
    public func search(_ request: Types.SpecialistSearchRequest?, by searcher: Caller, now: Date = Date())
        async throws -> Types.SpecialistPage
    {
        try await search(request, by: searcher, now: now, on: pool)
    }

    /// One page of matches for `request`, every statement on `database` (a test records them to EXPLAIN each).
    public func search(
        _ request: Types.SpecialistSearchRequest?, by searcher: Caller, now: Date, on database: some PostgresQuerying
    ) async throws -> Types.SpecialistPage {
        let filters = try SpecialistFilters(request, now: now)
        let excluded: Int? = if case .user(let id) = searcher { id } else { nil }
        let page = filters.page
        guard let offset = page.offset else {
            let total = filters.needsFreeSlot ? 0 : try await count(filters, excluding: excluded, on: database)
            return try Paginator(page, total: total).page(Types.SpecialistPage.self, items: [Types.SpecialistMatch]())
        }
        if !filters.needsFreeSlot {
            // SQL decides alone: the count and the page are two indexed statements.
            let total = try await count(filters, excluding: excluded, on: database)
            let items =
                offset < total
                ? try await candidates(filters, excluding: excluded, limit: page.perPage, offset: offset, on: database)
                : []
            return try Paginator(page, total: total).page(Types.SpecialistPage.self, items: items)
        }
        let scan = try await scanForFreeSlots(filters, excluding: excluded, wanted: offset + page.perPage, on: database)
        let items = try await matches(Array(scan.ids.dropFirst(offset).prefix(page.perPage)), on: database)
        return try Paginator(page, total: scan.total).page(Types.SpecialistPage.self, items: items)
    }

    // MARK: - Free time: the engine on candidates in batches

    /// The ids of the matching schedules in the requested order. Candidates are checked batch by batch, each batch
    /// starting after the last one's sort key and id (so no row is read twice), until `wanted` matches and one more
    /// are found or the candidates run out. `total` is exact when they ran out; otherwise it is the matches found,
    /// one more than `wanted`: the next page is known to exist, the ones after it are not claimed.
    func scanForFreeSlots(
        _ filters: SpecialistFilters, excluding excluded: Int?, wanted: Int, on database: some PostgresQuerying
    ) async throws -> (ids: [Int], total: Int) {
        var ids: [Int] = []
        var after: (key: String, id: Int)?
        var batchSize = max(filters.page.perPage + 1, Self.firstBatch)
        while true {
            let batch = try await candidateSchedules(
                filters, excluding: excluded, after: after, limit: batchSize, on: database)
            let open = batch.map(\.schedule).filter { Self.opensInTime($0, filters) }
            let free = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for (index, schedule) in open.enumerated() {
                    group.addTask { (index, try await Self.hasFreeSlot(schedule, filters, on: database)) }
                }
                var free = [Bool](repeating: false, count: open.count)
                for try await (index, isFree) in group { free[index] = isFree }
                return free
            }
            for (schedule, isFree) in zip(open, free) where isFree {
                ids.append(schedule.id)
                if ids.count > wanted { return (ids, ids.count) }
            }
            guard batch.count == batchSize, let last = batch.last else { return (ids, ids.count) }
            after = (last.sortKey, last.schedule.id)
            batchSize = min(batchSize * 2, Self.largestBatch)
        }
    }

    /// The first batch of candidates holds at least this many; each next one twice the last, up to
    /// `largestBatch` (the engine runs on a batch concurrently, one busy-time read per schedule open at the time).
    static let firstBatch = 32
    static let largestBatch = 256

    /// Whether the schedule's open hours alone (no busy time, no database) offer a slot in the window that fits
    /// `days` and `hours`: a schedule closed then is dropped before any busy time is read.
    static func opensInTime(_ schedule: Types.Schedule, _ filters: SpecialistFilters) -> Bool {
        guard schedule.typeId == .value1, let engine = try? ScheduleSlots.engine(of: schedule, now: filters.now)
        else { return false }
        return (try? engine.slots(in: filters.slotQuery, busy: []))?.contains(where: filters.fits) == true
    }

    /// Whether the schedule has a free slot in the window that fits `days` and `hours`: ``ScheduleSlots`` decides
    /// with the owner's busy time, as every other reader of slots does.
    static func hasFreeSlot(
        _ schedule: Types.Schedule, _ filters: SpecialistFilters, on database: some PostgresQuerying
    ) async throws -> Bool {
        try await ScheduleSlots.slots(of: schedule, in: filters.slotQuery, on: database).contains(where: filters.fits)
    }

    // MARK: - SQL

    /// How many schedules pass the SQL filters: an index-only scan of `schedules_search_updated` (m0009), or of
    /// the words' or skills' index when those narrow it.
    func count(_ filters: SpecialistFilters, excluding excluded: Int?, on database: some PostgresQuerying)
        async throws -> Int
    {
        let rows = try await database.query(
            Self.statement(filters, excluding: excluded, head: "SELECT count(*) AS total FROM schedules s"))
        return try rows[0].decode(Int.self, "total")
    }

    /// One page of the schedules passing the SQL filters, in the requested order, with their owners.
    func candidates(
        _ filters: SpecialistFilters, excluding excluded: Int?, limit: Int, offset: Int,
        on database: some PostgresQuerying
    ) async throws -> [Types.SpecialistMatch] {
        let order = Self.order(filters)
        let rows = try await database.query(
            Self.statement(
                filters, excluding: excluded,
                head: "SELECT " + Self.match + " FROM schedules s WHERE s.id IN (SELECT s.id FROM schedules s",
                ordered: true, limit: limit, offset: offset, tail: ") " + order.clause))
        return try Self.decodeMatches(rows)
    }

    /// The schedules passing the SQL filters after `after`, in the requested order, as the engine needs them (no
    /// skills, no owner: a free-time search reads many more candidates than it returns), each with its sort key as
    /// text (exact, for the next batch to start after it).
    func candidateSchedules(
        _ filters: SpecialistFilters, excluding excluded: Int?, after: (key: String, id: Int)?, limit: Int,
        on database: some PostgresQuerying
    ) async throws -> [(schedule: Types.Schedule, sortKey: String)] {
        let order = Self.order(filters)
        let rows = try await database.query(
            Self.statement(
                filters, excluding: excluded,
                head: "SELECT " + Self.bareSchedule + ", " + order.keyText + " AS sort_key FROM schedules s",
                after: after, ordered: true, limit: limit))
        return try rows.map { row in
            (try row.decode(Types.Schedule.self, json: "schedule"), try row.decode(String.self, "sort_key"))
        }
    }

    /// The matches with these ids, in this order (one that was deleted since is left out).
    func matches(_ ids: [Int], on database: some PostgresQuerying) async throws -> [Types.SpecialistMatch] {
        guard !ids.isEmpty else { return [] }
        let rows = try await database.query("SELECT \(Self.match) FROM schedules s WHERE s.id = ANY(\(ids))")
        let found = Dictionary(uniqueKeysWithValues: try Self.decodeMatches(rows).map { ($0.schedule.id, $0) })
        return ids.compactMap { found[$0] }
    }

    static func decodeMatches(_ rows: PostgresRows) throws -> [Types.SpecialistMatch] {
        try rows.map { row in
            Types.SpecialistMatch(
                schedule: try row.decode(Types.Schedule.self, json: "schedule"),
                user: try row.decode(Types.PublicUser.self, json: "owner"))
        }
    }

    /// A schedule as the engine reads it: ``ScheduleJSON`` without the skills (empty).
    static let bareSchedule: SQLFragment =
        "(to_jsonb(s) - ARRAY['agent_id', 'search_slot_minutes', 'search_skill_ids', 'search_document']"
        + " || jsonb_build_object('skills', '[]'::jsonb)) AS schedule"

    /// A match's columns: the schedule and its owner, looked up by key for each row returned (so counting never
    /// touches `users`).
    static let match: SQLFragment =
        ScheduleJSON.sql + " AS schedule, (SELECT " + PublicUserJSON.sql
        + " FROM users u WHERE u.id = s.user_id) AS owner"

    /// One statement over the filtered schedules: `head`, the filters, the order when `ordered`, `LIMIT`/`OFFSET`,
    /// `tail`. A page
    /// selects the ids of its rows first (`head` opens `s.id IN (…`, `tail` closes it), so rows skipped by the
    /// offset cost an index entry, not a JSON document. A filter not given is a NULL parameter, which the planner
    /// folds away, so each search is planned for the filters it has. The fixed conditions are the predicate of
    /// the search indexes (m0009); `after` is a row comparison the order's index answers.
    static func statement(
        _ filters: SpecialistFilters, excluding excluded: Int?, head: SQLFragment,
        after: (key: String, id: Int)? = nil, ordered: Bool = false, limit: Int? = nil, offset: Int = 0,
        tail: SQLFragment = ""
    ) -> PostgresQuery {
        let order = Self.order(filters)
        return """
            \(head)
            WHERE s.deleted_at IS NULL AND NOT s.private AND s.user_id IS NOT NULL
              AND s.type_id = \(filters.typeID)
              AND s.user_id IS DISTINCT FROM \(excluded)::bigint
              AND (s."end" IS NULL OR s."end" > \(filters.now))
              AND (\(filters.kalID)::bigint IS NULL OR s.kal_id = \(filters.kalID))
              AND (\(filters.maximumNotice)::integer IS NULL OR s.msp <= \(filters.maximumNotice))
              AND (\(filters.priceFrom)::bigint IS NULL OR coalesce(s.price, 0) >= \(filters.priceFrom))
              AND (\(filters.priceTo)::bigint IS NULL OR coalesce(s.price, 0) <= \(filters.priceTo))
              AND (\(filters.currency)::text IS NULL OR upper(s.currency) = \(filters.currency))
              AND (\(filters.minimumSlotMinutes)::integer IS NULL
                   OR s.search_slot_minutes >= \(filters.minimumSlotMinutes))
              AND (\(filters.skills)::bigint[] IS NULL OR s.search_skill_ids @> \(filters.skills))
              AND (\(filters.words)::text IS NULL OR s.search_document @@ to_tsquery('simple', \(filters.words)))
              AND (\(after?.id)::bigint IS NULL
                   OR ROW(\(order.key), s.id) \(order.comparison) ROW(\(after?.key)\(order.cast), \(after?.id)))
            \(ordered ? order.clause : "")
            LIMIT \(limit) OFFSET \(offset)
            \(tail)
            """
    }

    /// The requested order as SQL: the sort key, its text and type (for `after`), the comparison that means
    /// "later in this order", and the `ORDER BY` clause, ties broken by id in the same direction as the search
    /// indexes are laid out.
    static func order(_ filters: SpecialistFilters) -> (
        key: SQLFragment, keyText: SQLFragment, cast: SQLFragment, comparison: SQLFragment, clause: SQLFragment
    ) {
        let comparison: SQLFragment = filters.descending ? "<" : ">"
        switch (filters.sortBy, filters.descending) {
        case (.updatedAt, true):
            return (
                "s.updated_at", "s.updated_at::text", "::timestamptz", comparison,
                "ORDER BY s.updated_at DESC, s.id DESC"
            )
        case (.updatedAt, false):
            return ("s.updated_at", "s.updated_at::text", "::timestamptz", comparison, "ORDER BY s.updated_at, s.id")
        case (.createdAt, true):
            return (
                "s.created_at", "s.created_at::text", "::timestamptz", comparison,
                "ORDER BY s.created_at DESC, s.id DESC"
            )
        case (.createdAt, false):
            return ("s.created_at", "s.created_at::text", "::timestamptz", comparison, "ORDER BY s.created_at, s.id")
        case (.price, true):
            return (
                "coalesce(s.price, 0)", "coalesce(s.price, 0)::text", "::bigint", comparison,
                "ORDER BY coalesce(s.price, 0) DESC, s.id DESC"
            )
        case (.price, false):
            return (
                "coalesce(s.price, 0)", "coalesce(s.price, 0)::text", "::bigint", comparison,
                "ORDER BY coalesce(s.price, 0), s.id"
            )
        }
    }
}
