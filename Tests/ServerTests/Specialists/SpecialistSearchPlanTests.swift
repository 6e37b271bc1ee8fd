import CekiTestSupport
import Foundation
import Generated
import Handlers
import Testing

extension TestServer {
    /// A database of its own for the plan test (`ceki_test_specialist_plans`): the seeded data set, vacuumed and
    /// analyzed, with no other test writing into it while plans are read.
    static let specialistPlans = Task {
        let server = try await TestServer(suite: "specialist_plans")
        try await SpecialistSearchSeed.seed(users: SpecialistSearchPlanTests.people, on: server.pool)
        return server
    }
}

/// Every statement the specialist search issues, for a mix of filters, is planned without a sequential scan of
/// `users`, `schedules` or `events` (the benchmark's condition, docs/benchmarks.md "Specialist search").
///
/// The data set is the benchmark's (`SpecialistSearchSeed`) at 4,000 people: 4,000 schedules with their
/// settings, 40,000 events. On a few hundred rows PostgreSQL rightly reads whole tables (a handful of pages is
/// cheaper than any index), which would prove nothing; at this size a sequential scan of `schedules` costs
/// hundreds of pages against tens for the search indexes, so the planner picks them for the reasons it would
/// at 100,000. `enable_seqscan` is left on; the tables are analyzed after seeding.
@Suite("Specialist search plans")
struct SpecialistSearchPlanTests {
    static let people = 4_000

    /// Records every statement a search runs (on the pool), so each can be explained afterwards.
    final class RecordingDatabase: PostgresQuerying, @unchecked Sendable {
        let pool: PostgresPool
        private let lock = NSLock()
        private var recorded: [PostgresQuery] = []

        init(pool: PostgresPool) {
            self.pool = pool
        }

        func query(_ query: PostgresQuery) async throws -> PostgresRows {
            lock.withLock { recorded.append(query) }
            return try await pool.query(query)
        }

        var statements: [PostgresQuery] {
            lock.withLock { recorded }
        }
    }

    /// Searches as the benchmark runs them, "now" at the data set's base.
    static func requests(skill: Int) -> [(String, Types.SpecialistSearchRequest)] {
        let monday = SpecialistSearchSeed.base
        return [
            ("nothing", Types.SpecialistSearchRequest()),
            ("by price", Types.SpecialistSearchRequest(sortBy: .price, priceFrom: 20, priceTo: 120, currency: "EUR")),
            ("created, oldest first", Types.SpecialistSearchRequest(page: 3, sortBy: .createdAt, descending: false)),
            ("a skill", Types.SpecialistSearchRequest(skills: [skill])),
            ("words", Types.SpecialistSearchRequest(query: "anna tax")),
            ("notice and length", Types.SpecialistSearchRequest(msp: 60, duration: 45)),
            (
                "Monday mornings in Berlin",
                Types.SpecialistSearchRequest(
                    timezone: "Europe/Berlin", days: [1], hours: Types.SearchHours(from: "09:00", to: "12:00"))
            ),
            (
                "a window and a skill",
                Types.SpecialistSearchRequest(
                    start: monday.addingTimeInterval(86_400), end: monday.addingTimeInterval(3 * 86_400),
                    skills: [skill])
            ),
            (
                "weekend, by price",
                Types.SpecialistSearchRequest(
                    perPage: 10, sortBy: .price, timezone: "America/New_York", days: [0, 6])
            ),
        ]
    }

    @Test func noSearchStatementScansUsersSchedulesOrEventsSequentially() async throws {
        let server = try await TestServer.specialistPlans.value
        let searcher = try await server.pool.query("SELECT min(id) AS id FROM users")[0].decode(Int.self, "id")
        let skill = try await server.pool.query("SELECT id FROM skills WHERE label = 'Swift'")[0].decode(Int.self, "id")
        let search = SpecialistSearch(pool: server.pool)
        var explained = 0
        for (what, request) in Self.requests(skill: skill) {
            let database = RecordingDatabase(pool: server.pool)
            let page = try await search.search(
                request, by: .user(searcher), now: SpecialistSearchSeed.base, on: database)
            #expect(!page.data.isEmpty, "\(what): a search that finds nothing would not exercise the page's statements")
            var seen = Set<String>()
            for statement in database.statements where seen.insert(statement.sql).inserted {
                let plan = try await server.pool.query(
                    PostgresQuery(unsafeSQL: "EXPLAIN (FORMAT JSON) " + statement.sql, bindings: statement.bindings))
                let text = try plan[0].decode(String.self, at: 0)
                let scans = Self.sequentialScans(in: text)
                #expect(scans.isEmpty, "\(what): Seq Scan on \(scans) in\n\(statement.sql)\n\(text)")
                explained += 1
            }
        }
        #expect(explained >= 12, "the count, the pages and the busy-time reads were all explained")
    }

    /// Free-time searches read candidates in batches that start after the last one's sort key; pages of 10 read
    /// in batches of 32, 64, …, one page of 100 in batches of 101, 202, …: both must list the same schedules, in
    /// the same order, none twice, whatever the order asked for.
    @Test func freeTimePagesAreTheSameWhateverTheBatchesAndNoneRepeats() async throws {
        let server = try await TestServer.specialistPlans.value
        let searcher = try await server.pool.query("SELECT min(id) AS id FROM users")[0].decode(Int.self, "id")
        let search = SpecialistSearch(pool: server.pool)
        for order in [Types.SpecialistSearchRequest.SortBy.updatedAt, .createdAt, .price] {
            var request = Types.SpecialistSearchRequest(
                perPage: 100, sortBy: order, timezone: "Europe/Berlin", days: [1, 2],
                hours: Types.SearchHours(from: "09:00", to: "12:00"))
            let whole = try await search.search(request, by: .user(searcher), now: SpecialistSearchSeed.base)
            var paged: [Int] = []
            request.perPage = 10
            for page in 1...10 {
                request.page = page
                paged += try await search.search(request, by: .user(searcher), now: SpecialistSearchSeed.base).data
                    .map(\.schedule.id)
            }
            let ids = whole.data.map(\.schedule.id)
            #expect(ids.count == 100 && paged == ids, "\(order)")
            #expect(Set(ids).count == ids.count, "\(order): no schedule twice")
            #expect(whole.total == 101, "\(order): a hundred found and one more known")
        }
    }

    /// The relations among `users`, `schedules` and `events` that a JSON plan reads with a sequential scan.
    static func sequentialScans(in plan: String) -> [String] {
        guard let json = try? JSONSerialization.jsonObject(with: Data(plan.utf8)) else { return ["(unreadable plan)"] }
        var found: [String] = []
        func walk(_ node: Any) {
            if let list = node as? [Any] { list.forEach(walk) }
            guard let object = node as? [String: Any] else { return }
            if object["Node Type"] as? String == "Seq Scan", let relation = object["Relation Name"] as? String,
                ["users", "schedules", "events"].contains(relation)
            {
                found.append(relation)
            }
            object.values.forEach(walk)
        }
        walk(json)
        return found
    }
}
