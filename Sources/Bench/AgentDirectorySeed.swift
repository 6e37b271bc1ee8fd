import Foundation
import Handlers
import TerminalProgress

/// The agent directory's data set for `scripts/bench agents`, generated in SQL (`generate_series`): `agents` agents,
/// nine in ten active and email-verified, each with two or three of 30 skills (so one skill matches about one agent
/// in ten: the "common skill" of the directory bench), two of 12 tags, one or two of 8 languages, one of 5
/// licences and a description (its default kal comes from the agents_default_kal trigger); every fourth has three public schedules (within the 20 its
/// profile shows). The same ids come out of every run on an empty database.
enum AgentDirectorySeed {
    static let skills = [
        "translation", "summarization", "research", "scheduling", "coding", "code review", "data analysis",
        "customer support", "copywriting", "legal drafting", "bookkeeping", "tax filing", "travel planning",
        "recruiting", "market research", "seo", "image captioning", "transcription", "tutoring", "negotiation",
        "procurement", "compliance", "security audit", "devops", "testing", "design review", "email triage",
        "lead generation", "sales outreach", "forecasting",
    ]

    /// The skill the directory bench filters on (about a tenth of the agents have it).
    static let commonSkill = skills[0]

    /// `progress` hears how many of the steps (each statement, then each table's VACUUM ANALYZE) are done.
    static func seed(agents: Int, on pool: PostgresPool, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in })
        async throws
    {
        let steps =
            statements(agents: agents)
            + ["agents", "kals", "schedules"].map { PostgresQuery(unsafeSQL: "VACUUM ANALYZE \($0)") }
        for (index, step) in steps.enumerated() {
            progress(index, steps.count)
            try await pool.query(step)
        }
        progress(steps.count, steps.count)
    }

    static func statements(agents: Int) -> [PostgresQuery] {
        let skillList = skills.map { "'\($0)'" }.joined(separator: ",")
        return [
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO agents (name, email, status, email_verified_at, description, license, version, skills,
                                        languages, tags, created_at, updated_at, last_accessed_at, last_updated_at)
                    SELECT (ARRAY['Atlas','Beacon','Cobalt','Delta','Ember','Fathom','Granite','Harbor','Iris','Juniper'])[1 + i % 10]
                             || ' ' || (ARRAY['Assistant','Agent','Bot','Scout','Clerk','Planner'])[1 + (i / 10) % 6] || ' ' || i,
                           'bench-agent-' || i || '@bench.example',
                           CASE WHEN i % 10 = 0 THEN 'pending_deposit' ELSE 'active' END,
                           CASE WHEN i % 10 = 0 THEN NULL ELSE timestamptz '2026-06-01' + make_interval(mins => i) END,
                           'An agent that helps with ' || s.names[1] || ' and ' || s.names[2] || ' for small teams.',
                           (ARRAY['MIT','Apache-2.0','Proprietary','GPL-3.0','CC-BY-4.0'])[1 + i % 5],
                           '1.' || (i % 9) || '.0',
                           to_jsonb(s.names),
                           CASE WHEN i % 3 = 0 THEN '["en","de"]'::jsonb
                                ELSE jsonb_build_array((ARRAY['en','de','fr','es','ja','pt','it','nl'])[1 + i % 8]) END,
                           jsonb_build_array((ARRAY['finance','travel','legal','health','education','retail','media',
                                                    'logistics','hr','security','marketing','science'])[1 + i % 12],
                                             (ARRAY['b2b','b2c','open-source','enterprise'])[1 + i % 4]),
                           timestamptz '2026-01-01' + make_interval(mins => i * 2),
                           timestamptz '2026-01-01' + make_interval(mins => i * 2),
                           CASE WHEN i % 4 = 0 THEN NULL ELSE timestamptz '2026-11-01' + make_interval(secs => (i::bigint * 7919) % 2592000) END,
                           timestamptz '2026-03-01' + make_interval(mins => ((i::bigint * 104729) % 400000)::int)
                    FROM generate_series(1, \(agents)) i
                    CROSS JOIN (SELECT ARRAY[\(skillList)] AS list) k
                    CROSS JOIN LATERAL (
                        SELECT CASE WHEN i % 2 = 0
                               THEN ARRAY[k.list[1 + i % 30], k.list[1 + (i + 1 + (i / 30) % 14) % 30]]
                               ELSE ARRAY[k.list[1 + i % 30], k.list[1 + (i + 1 + (i / 30) % 14) % 30],
                                          k.list[1 + (i + 15 + (i / 30) % 15) % 30]] END AS names) s
                    """),
            """
            INSERT INTO schedules (type_id, agent_id, kal_id, label, slug, timezone, settings, start, "end",
                                   created_at, updated_at)
            SELECT 1, a.id, a.kal_id, 'Agent schedule', 'agent-schedule-' || a.id || '-' || n, 'UTC',
                   '{"timezone": "UTC", "duration": 30, "step": 30, "msp": 0, "buffer_before": 0, "buffer_after": 0,
                     "max_per_day": null, "window_days": null, "exceptions": {},
                     "days": {"1": [{"start": "09:00", "end": "17:00"}], "3": [{"start": "09:00", "end": "17:00"}]}}'::jsonb,
                   timestamptz '2026-09-01', timestamptz '2027-12-31',
                   a.created_at + make_interval(days => n), a.created_at + make_interval(days => n)
            FROM agents a CROSS JOIN generate_series(1, 3) n
            WHERE a.email LIKE 'bench-agent-%' AND a.id % 4 = 0
            """,
        ]
    }
}

/// `ceki-bench agents-seed`: seeds `BENCH_AGENTS` (100,000) agents into the empty database `DATABASE_URL` names, once,
/// and prints the range of their ids for the wrk scripts (`first last`).
enum AgentSeedCommand {
    static func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["DATABASE_URL"] else {
            FileHandle.standardError.write(Data("DATABASE_URL is not set\n".utf8))
            exit(2)
        }
        let agents = Int(environment["BENCH_AGENTS"] ?? "100000") ?? 100_000
        // Seeding statements run for a minute or more: no statement timeout.
        let pool = PostgresPool(configuration: PostgresConfiguration(url: url, poolSize: 1, statementTimeoutMilliseconds: 0))
        defer { pool.shutdown() }
        let seeded = try await pool.query("SELECT count(*) AS n FROM agents WHERE email LIKE 'bench-agent-%'")[0]
            .decode(Int.self, "n")
        if seeded == 0 {
            let start = Date()
            let progress = TerminalProgress("seeding \(agents) agents")
            defer { progress.finish() }
            try await AgentDirectorySeed.seed(agents: agents, on: pool) { progress.update($0, of: $1) }
            progress.finish()
            FileHandle.standardError.write(
                Data("seeded \(agents) agents in \(String(format: "%.1f", Date().timeIntervalSince(start))) s\n".utf8))
        }
        let range = try await pool.query(
            "SELECT min(id) AS first, max(id) AS last FROM agents WHERE email LIKE 'bench-agent-%'")[0]
        print("\(try range.decode(Int.self, "first")) \(try range.decode(Int.self, "last"))")
    }
}
