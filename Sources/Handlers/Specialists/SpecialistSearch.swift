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
        let items = Array(scan.matches.dropFirst(offset).prefix(page.perPage))
        return try Paginator(page, total: scan.total).page(Types.SpecialistPage.self, items: items)
    }

    // MARK: - Free time: the engine on candidates in batches

    /// Candidates in the requested order, checked batch by batch, until `wanted` matches and one more are found or
    /// the candidates run out. `total` is exact when they ran out; otherwise it is the matches found, one more
    /// than `wanted`: the next page is known to exist, the ones after it are not claimed.
    func scanForFreeSlots(
        _ filters: SpecialistFilters, excluding excluded: Int?, wanted: Int, on database: some PostgresQuerying
    ) async throws -> (matches: [Types.SpecialistMatch], total: Int) {
        var matches: [Types.SpecialistMatch] = []
        var scanned = 0
        var batchSize = max(filters.page.perPage + 1, Self.firstBatch)
        while true {
            let batch = try await candidates(
                filters, excluding: excluded, limit: batchSize, offset: scanned, on: database)
            scanned += batch.count
            let free = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for (index, candidate) in batch.enumerated() {
                    group.addTask {
                        (index, try await Self.hasFreeSlot(candidate.schedule, filters, on: database))
                    }
                }
                var free = [Bool](repeating: false, count: batch.count)
                for try await (index, isFree) in group { free[index] = isFree }
                return free
            }
            for (candidate, isFree) in zip(batch, free) where isFree {
                matches.append(candidate)
                if matches.count > wanted { return (matches, matches.count) }
            }
            if batch.count < batchSize { return (matches, matches.count) }
            batchSize = min(batchSize * 2, Self.largestBatch)
        }
    }

    /// The first batch of candidates holds at least this many; each next one twice the last, up to
    /// `largestBatch` (the engine runs on a batch concurrently, one busy-time read per schedule open at the time).
    static let firstBatch = 32
    static let largestBatch = 256

    /// Whether the schedule has a free slot in the window that fits `days` and `hours`. The open hours alone are
    /// tried first (no database): a schedule closed then needs no busy time read. Then ``ScheduleSlots`` decides
    /// with the owner's busy time, as every other reader of slots does.
    static func hasFreeSlot(
        _ schedule: Types.Schedule, _ filters: SpecialistFilters, on database: some PostgresQuerying
    )
        async throws -> Bool
    {
        guard schedule.typeId == .value1, let engine = try? ScheduleSlots.engine(of: schedule) else { return false }
        let query = filters.slotQuery
        guard (try? engine.slots(in: query, busy: []))?.contains(where: filters.fits) == true else { return false }
        return try await ScheduleSlots.slots(of: schedule, in: query, on: database).contains(where: filters.fits)
    }

    // MARK: - SQL

    /// How many schedules pass the SQL filters: an index-only scan of `schedules_search_updated` (m0009), or of
    /// the words' or skills' index when those narrow it.
    func count(_ filters: SpecialistFilters, excluding excluded: Int?, on database: some PostgresQuerying)
        async throws -> Int
    {
        let rows = try await database.query(Self.statement(filters, excluding: excluded, select: "count(*) AS total"))
        return try rows[0].decode(Int.self, "total")
    }

    /// The schedules passing the SQL filters in the requested order, with their owners.
    func candidates(
        _ filters: SpecialistFilters, excluding excluded: Int?, limit: Int, offset: Int,
        on database: some PostgresQuerying
    ) async throws -> [Types.SpecialistMatch] {
        let rows = try await database.query(
            Self.statement(
                filters, excluding: excluded, select: Self.match, order: Self.order(filters), limit: limit,
                offset: offset))
        return try rows.map { row in
            Types.SpecialistMatch(
                schedule: try row.decode(Types.Schedule.self, json: "schedule"),
                user: try row.decode(Types.PublicUser.self, json: "owner"))
        }
    }

    /// A match's columns: the schedule and its owner, looked up by key for each row returned (so counting never
    /// touches `users`).
    static let match: SQLFragment =
        ScheduleJSON.sql + " AS schedule, (SELECT " + PublicUserJSON.sql
        + " FROM users u WHERE u.id = s.user_id) AS owner"

    /// One statement over the filtered schedules. A filter not given is a NULL parameter, which the planner folds
    /// away, so each search is planned for the filters it has. The fixed conditions are the predicate of the
    /// search indexes (m0009).
    static func statement(
        _ filters: SpecialistFilters, excluding excluded: Int?, select: SQLFragment, order: SQLFragment = "",
        limit: Int? = nil, offset: Int = 0
    ) -> PostgresQuery {
        """
        SELECT \(select)
        FROM schedules s
        WHERE s.deleted_at IS NULL AND NOT s.private AND s.user_id IS NOT NULL
          AND s.type_id = \(filters.typeID)
          AND s.user_id IS DISTINCT FROM \(excluded)::bigint
          AND (s."end" IS NULL OR s."end" > \(filters.now))
          AND (\(filters.kalID)::bigint IS NULL OR s.kal_id = \(filters.kalID))
          AND (\(filters.maximumNotice)::integer IS NULL OR s.msp <= \(filters.maximumNotice))
          AND (\(filters.priceFrom)::bigint IS NULL OR coalesce(s.price, 0) >= \(filters.priceFrom))
          AND (\(filters.priceTo)::bigint IS NULL OR coalesce(s.price, 0) <= \(filters.priceTo))
          AND (\(filters.currency)::text IS NULL OR upper(s.currency) = \(filters.currency))
          AND (\(filters.minimumSlotMinutes)::integer IS NULL OR s.search_slot_minutes >= \(filters.minimumSlotMinutes))
          AND (\(filters.skills)::bigint[] IS NULL OR s.search_skill_ids @> \(filters.skills))
          AND (\(filters.words)::text IS NULL OR s.search_document @@ to_tsquery('simple', \(filters.words)))
        \(order)
        LIMIT \(limit) OFFSET \(offset)
        """
    }

    /// The requested order, ties broken by id in the same direction, as the search indexes are laid out.
    static func order(_ filters: SpecialistFilters) -> SQLFragment {
        switch (filters.sortBy, filters.descending) {
        case (.updatedAt, true): "ORDER BY s.updated_at DESC, s.id DESC"
        case (.updatedAt, false): "ORDER BY s.updated_at, s.id"
        case (.createdAt, true): "ORDER BY s.created_at DESC, s.id DESC"
        case (.createdAt, false): "ORDER BY s.created_at, s.id"
        case (.price, true): "ORDER BY coalesce(s.price, 0) DESC, s.id DESC"
        case (.price, false): "ORDER BY coalesce(s.price, 0), s.id"
        }
    }
}
