import Foundation
import Generated
import Handlers
import TerminalProgress

/// The specialist search on the benchmark's data set (`SpecialistSearchSeed`: 100,000 people with a schedule
/// each, 1,000,000 events), seeded once into the database `DATABASE_URL` names (`scripts/bench search` makes a
/// dedicated one). Latency of a mix of realistic searches, one at a time (p50, p99, per kind), then throughput
/// with concurrent callers, then EXPLAIN (ANALYZE) of every statement the mix issued, reporting any sequential
/// scan of users, schedules or events.
enum SearchBenchmark {
    static func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["DATABASE_URL"] else {
            print("DATABASE_URL is not set")
            exit(2)
        }
        let people = Int(environment["BENCH_USERS"] ?? "100000") ?? 100_000
        let rounds = Int(environment["BENCH_ROUNDS"] ?? "40") ?? 40
        let seconds = Double(environment["BENCH_SECONDS"] ?? "5") ?? 5
        let poolSize = Int(environment["DB_POOL_SIZE"] ?? "2") ?? 2
        let pool = PostgresPool(configuration: PostgresConfiguration(url: url, poolSize: poolSize))
        defer { pool.shutdown() }

        let seeded = try await pool.query("SELECT count(*) AS n FROM users WHERE email LIKE 'bench-%'")[0]
            .decode(Int.self, "n")
        if seeded == 0 {
            let start = Date()
            // Seeding statements run for minutes: a pool of its own without the statement timeout.
            let seeding = PostgresPool(
                configuration: PostgresConfiguration(url: url, poolSize: 1, statementTimeoutMilliseconds: 0))
            defer { seeding.shutdown() }
            let progress = TerminalProgress("seeding \(people) people")
            defer { progress.finish() }
            try await SpecialistSearchSeed.seed(users: people, on: seeding) { progress.update($0, of: $1) }
            progress.finish()
            print("seeded \(people) people in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
        }
        let sizes = try await pool.query(
            """
            SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM schedules) AS schedules,
                   (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM schedule_skills) AS skills
            """)[0]
        print(
            "data: \(try sizes.decode(Int.self, "users")) users, \(try sizes.decode(Int.self, "schedules")) schedules, "
                + "\(try sizes.decode(Int.self, "events")) events, \(try sizes.decode(Int.self, "skills")) schedule skills; "
                + "pool \(poolSize) connections")
        let searcher = try await pool.query("SELECT min(id) AS id FROM users WHERE email LIKE 'bench-%'")[0]
            .decode(Int.self, "id")
        let swift = try await pool.query("SELECT id FROM skills WHERE label = 'Swift'")[0].decode(Int.self, "id")
        let yoga = try await pool.query("SELECT id FROM skills WHERE label = 'Yoga'")[0].decode(Int.self, "id")
        let mix = requests(swift: swift, yoga: yoga)
        let search = SpecialistSearch(pool: pool)
        let now = SpecialistSearchSeed.base

        // One at a time: two warm-up rounds, then `rounds` rounds of the whole mix.
        var perKind = [[Double]](repeating: [], count: mix.count)
        var totals = [Int](repeating: 0, count: mix.count)
        for round in 0..<(rounds + 2) {
            for (index, (_, request)) in mix.enumerated() {
                let start = DispatchTime.now().uptimeNanoseconds
                let page = try await search.search(request, by: .user(searcher), now: now)
                let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                if round >= 2 { perKind[index].append(milliseconds) }
                totals[index] = page.total
            }
        }
        let all = perKind.flatMap { $0 }
        print(
            "\(all.count) searches one at a time: p50 \(format(percentile(all, 0.5))) ms, "
                + "p99 \(format(percentile(all, 0.99))) ms, max \(format(all.max() ?? 0)) ms")
        print("| search | total | p50 ms | p99 ms |")
        print("|---|---:|---:|---:|")
        for (index, (name, _)) in mix.enumerated() {
            print(
                "| \(name) | \(totals[index]) | \(format(percentile(perKind[index], 0.5))) | "
                    + "\(format(percentile(perKind[index], 0.99))) |")
        }

        // Concurrent callers, each walking the mix from its own place.
        for callers in [4, 16] {
            let deadline = Date().addingTimeInterval(seconds)
            let start = Date()
            let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
                for caller in 0..<callers {
                    group.addTask {
                        var latencies: [Double] = []
                        var index = caller
                        while Date() < deadline {
                            let begin = DispatchTime.now().uptimeNanoseconds
                            _ = try await search.search(mix[index % mix.count].1, by: .user(searcher), now: now)
                            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
                            index += 1
                        }
                        return latencies
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let elapsed = Date().timeIntervalSince(start)
            print(
                "\(callers) concurrent callers: \(Int(Double(latencies.count) / elapsed)) searches/s, "
                    + "p50 \(format(percentile(latencies, 0.5))) ms, p99 \(format(percentile(latencies, 0.99))) ms")
        }

        // Outside the mix, the worst case of docs/scheduling.md "Limits": free time nobody has (no slot of the data
        // set is 20 minutes or shorter), so every candidate is read and given to the engine.
        let rare = Types.SpecialistSearchRequest(timezone: "UTC", hours: Types.SearchHours(from: "03:00", to: "03:20"))
        for _ in 0..<2 {
            let begin = DispatchTime.now().uptimeNanoseconds
            let page = try await search.search(rare, by: .user(searcher), now: now)
            print(
                "worst case (a free slot within 03:00–03:20 UTC, no other filter): total \(page.total), "
                    + "\(format(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)) ms")
        }

        // Every statement of the mix, explained with ANALYZE at this size.
        var seen = Set<String>()
        var explained = 0
        var sequential: [String] = []
        for (name, request) in mix {
            let database = RecordingDatabase(pool: pool)
            _ = try await search.search(request, by: .user(searcher), now: now, on: database)
            for statement in database.statements where seen.insert(statement.sql).inserted {
                let plan = try await pool.query(
                    PostgresQuery(
                        unsafeSQL: "EXPLAIN (ANALYZE, FORMAT JSON) " + statement.sql, bindings: statement.bindings))
                let text = try plan[0].decode(String.self, at: 0)
                explained += 1
                for relation in seqScans(text).intersection(["users", "schedules", "events"]).sorted() {
                    sequential.append("\(name): \(relation)")
                }
            }
        }
        print(
            "EXPLAIN (ANALYZE) of \(explained) distinct statements: "
                + (sequential.isEmpty
                    ? "no sequential scan of users, schedules or events" : "Seq Scan in \(sequential)"))
    }

    /// The mix: what people type into a specialist search, from the landing page to free time next week.
    static func requests(swift: Int, yoga: Int) -> [(String, Types.SpecialistSearchRequest)] {
        let monday = SpecialistSearchSeed.base
        return [
            ("no filter (landing page)", Types.SpecialistSearchRequest()),
            ("no filter, page 5", Types.SpecialistSearchRequest(page: 5)),
            ("a skill", Types.SpecialistSearchRequest(skills: [swift])),
            (
                "a skill, price ≤ 100, by price",
                Types.SpecialistSearchRequest(sortBy: .price, priceTo: 100, skills: [swift])
            ),
            ("words \"tax\"", Types.SpecialistSearchRequest(query: "tax")),
            ("words \"anna yoga\"", Types.SpecialistSearchRequest(query: "anna yoga")),
            (
                "price 20–120 EUR, by price",
                Types.SpecialistSearchRequest(sortBy: .price, priceFrom: 20, priceTo: 120, currency: "EUR")
            ),
            (
                "notice ≤ 60, slots ≥ 45 min, by created",
                Types.SpecialistSearchRequest(sortBy: .createdAt, msp: 60, duration: 45)
            ),
            (
                "Mon–Wed 09–12 Berlin",
                Types.SpecialistSearchRequest(
                    timezone: "Europe/Berlin", days: [1, 2, 3], hours: Types.SearchHours(from: "09:00", to: "12:00"))
            ),
            ("weekend, New York", Types.SpecialistSearchRequest(timezone: "America/New_York", days: [0, 6])),
            (
                "Tue–Thu evenings UTC, a skill",
                Types.SpecialistSearchRequest(
                    timezone: "UTC", skills: [yoga], days: [2, 3, 4],
                    hours: Types.SearchHours(from: "18:00", to: "21:00"))
            ),
            (
                "free in a 2-day window, by price",
                Types.SpecialistSearchRequest(
                    sortBy: .price, start: monday.addingTimeInterval(86_400), end: monday.addingTimeInterval(3 * 86_400)
                )
            ),
        ]
    }

    /// The relations read by a `Seq Scan` node of a JSON plan.
    static func seqScans(_ plan: String) -> Set<String> {
        guard let json = try? JSONSerialization.jsonObject(with: Data(plan.utf8)) else { return [] }
        var found = Set<String>()
        func walk(_ node: Any) {
            if let list = node as? [Any] { list.forEach(walk) }
            guard let object = node as? [String: Any] else { return }
            if object["Node Type"] as? String == "Seq Scan", let relation = object["Relation Name"] as? String {
                found.insert(relation)
            }
            object.values.forEach(walk)
        }
        walk(json)
        return found
    }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
    }

    static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    /// Records every statement a search runs, so that each can be explained afterwards.
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
}
