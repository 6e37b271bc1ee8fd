import Generated

/// The public directory of active agents (`searchAgents`): words matched against name, description, licence,
/// tags, skills and languages (the generated `search_document`), list filters that match agents having all the
/// given values (containment on GIN indexes), the licence exactly (case-insensitive), four sort orders, Laravel
/// pages. The total is exact up to ``exactCountLimit``; past it, the planner's estimate (never below the limit),
/// so a common filter does not cost a full count on every page (docs/benchmarks.md "Agent directory").
public struct AgentDirectory: Sendable {
    let pool: PostgresPool
    /// Totals up to this are counted; larger ones are estimated.
    public static let exactCountLimit = 10_000

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func search(_ input: Operations.SearchAgents.Input) async throws -> Types.PublicAgentPage {
        let request = PageRequest(page: input.page, perPage: input.perPage ?? 20)
        let filter = Self.filter(input)
        let total = try await count(filter)
        var items: [Types.PublicAgent] = []
        if let offset = request.offset, offset < total {
            let descending = input.descending.map { $0 == .true_ || $0 == ._1 } ?? true
            let order: SQLFragment =
                switch (input.sortBy ?? .lastAccessedAt, descending) {
                case (.name, true): "ORDER BY a.name DESC, a.id DESC"
                case (.name, false): "ORDER BY a.name ASC, a.id ASC"
                case (.createdAt, true): "ORDER BY a.created_at DESC, a.id DESC"
                case (.createdAt, false): "ORDER BY a.created_at ASC, a.id ASC"
                case (.lastAccessedAt, true): "ORDER BY a.last_accessed_at DESC NULLS LAST, a.id DESC"
                case (.lastAccessedAt, false): "ORDER BY a.last_accessed_at ASC NULLS LAST, a.id ASC"
                case (.lastUpdatedAt, true): "ORDER BY a.last_updated_at DESC NULLS LAST, a.id DESC"
                case (.lastUpdatedAt, false): "ORDER BY a.last_updated_at ASC NULLS LAST, a.id ASC"
                }
            items = try await pool.query(
                filter.statement(
                    head: "SELECT " + AgentJSON.publicSQL + " AS agent FROM agents a", tail: order,
                    limit: request.perPage, offset: offset)
            ).decodeAll(Types.PublicAgent.self, json: "agent")
        }
        return try Paginator(request, total: total).page(Types.PublicAgentPage.self, items: items)
    }

    /// The request's filters, as bound values.
    struct Filter {
        var words: String?
        var tags: PostgresJSON?
        var skills: PostgresJSON?
        var languages: PostgresJSON?
        var license: String?

        /// `head`, the filters as its WHERE clause, then `tail`, `limit`, `offset` and `close`.
        func statement(
            head: SQLFragment, tail: SQLFragment = "", limit: Int? = nil, offset: Int = 0, close: SQLFragment = ""
        ) -> PostgresQuery {
            """
            \(head)
            WHERE a.status = 'active'
              AND (\(words)::text IS NULL OR a.search_document @@ to_tsquery('simple', \(words)))
              AND (\(tags)::jsonb IS NULL OR a.tags @> \(tags)::jsonb)
              AND (\(skills)::jsonb IS NULL OR a.skills @> \(skills)::jsonb)
              AND (\(languages)::jsonb IS NULL OR a.languages @> \(languages)::jsonb)
              AND (\(license)::text IS NULL OR lower(a.license) = lower(\(license)))
            \(tail) LIMIT \(limit) OFFSET \(offset) \(close)
            """
        }
    }

    static func filter(_ input: Operations.SearchAgents.Input) -> Filter {
        func list(_ values: [String]?) -> PostgresJSON? {
            guard let values, !values.isEmpty else { return nil }
            return PostgresJSON(values)
        }
        return Filter(
            words: SpecialistFilters.tsquery(input.query), tags: list(input.tags), skills: list(input.skills),
            languages: list(input.languages), license: input.license.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The number of matches: exact up to the limit, else the planner's estimate (at least the limit).
    func count(_ filter: Filter) async throws -> Int {
        let counted = try await pool.query(
            filter.statement(
                head: "SELECT count(*) AS total FROM (SELECT 1 FROM agents a", limit: Self.exactCountLimit + 1,
                close: ") matches")
        )[0].decode(Int.self, "total")
        guard counted > Self.exactCountLimit else { return counted }
        let plan = try await pool.query(filter.statement(head: "EXPLAIN (FORMAT JSON) SELECT 1 FROM agents a"))[0]
            .decode(String.self, at: 0)
        let estimate = try JSONParser().parse(plan)[0]?["Plan"]?["Plan Rows"]?.int64Value.map { Int($0) }
        return max(Self.exactCountLimit + 1, estimate ?? 0)
    }
}
