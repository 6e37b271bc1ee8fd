import Foundation

/// The specialist search's data set, generated deterministically in SQL (`generate_series`): `users` people, each
/// with a default kal and one schedule (85 % availability, 4 % private; five weekly patterns in eight zones; prices,
/// currencies, notices and slot lengths spread evenly), three skills per schedule out of 200, ten bookings per
/// schedule over the 90 days around `base` and a tenth of them attended by a second person. The same ids come
/// out of every run on an empty database. `scripts/bench search` seeds 100,000 people (1,000,000 events) with it;
/// the search's plan test seeds a few thousand, so that the planner has tables worth an index.
public enum SpecialistSearchSeed {
    /// The Monday the generated bookings are spread around (30 days before to 60 after): searches of the data
    /// set run "now" at this moment.
    public static let base = Date(timeIntervalSince1970: 1_803_859_200)  // 2027-03-01T00:00:00Z

    /// Seeds the data set, then vacuums and analyzes what the search reads (so counts are index-only scans and
    /// the planner knows the sizes).
    /// `progress` hears how many of the steps (each statement, then each table's VACUUM ANALYZE) are done.
    public static func seed(
        users: Int, base: Date = base, on pool: PostgresPool, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws {
        let statements = statements(users: users, base: base)
        let tables = ["users", "schedules", "schedule_skills", "skills", "events", "event_users", "event_exports"]
        let steps = statements.map { ($0, "") } + tables.map { (PostgresQuery(unsafeSQL: "VACUUM ANALYZE \($0)"), $0) }
        for (index, step) in steps.enumerated() {
            progress(index, steps.count)
            try await pool.query(step.0)
        }
        progress(steps.count, steps.count)
    }

    /// The statements, in order.
    static func statements(users: Int, base: Date) -> [PostgresQuery] {
        [
            """
            INSERT INTO skills (label)
            SELECT CASE WHEN i <= 20 THEN (ARRAY['Tax law','Accounting','Swift','PostgreSQL','Interior design','Translation',
              'Marketing','Photography','Yoga','Guitar','Physiotherapy','Copywriting','Data science','Legal advice',
              'Nutrition','Career coaching','Mathematics','Spanish','Illustration','Bookkeeping'])[i]
              ELSE 'Topic ' || i END
            FROM generate_series(1, 200) i
            ON CONFLICT (label) DO NOTHING
            """,
            """
            INSERT INTO users (email, name, timezone, created_at, updated_at)
            SELECT 'bench-' || i || '@bench.example',
              (ARRAY['Anna','Ben','Chiara','Dmitri','Elif','Farid','Greta','Hiro','Ines','Jonas','Kemal','Lena','Mateo','Nora',
                     'Omar','Priya','Quentin','Rosa','Sven','Tara'])[1 + i % 20] || ' ' ||
              (ARRAY['Keller','Novak','Rossi','Ivanova','Yilmaz','Haddad','Berg','Tanaka','Silva','Weber','Demir','Fischer',
                     'Lopez','Moreau','Nasser','Sharma','Dubois','Costa','Lind','Okafor'])[1 + (i * 7) % 20],
              (ARRAY['Europe/Berlin','America/New_York','Asia/Tokyo','Europe/London','America/Los_Angeles','Asia/Kolkata',
                     'Australia/Sydney','UTC'])[1 + i % 8],
              \(base)::timestamptz - make_interval(days => 400 + i % 365), \(base)::timestamptz - make_interval(days => i % 90)
            FROM generate_series(1, \(users)) i
            """,
            """
            INSERT INTO schedules (type_id, user_id, kal_id, label, slug, description, private, timezone, msp, price,
                                   currency, settings, created_at, updated_at)
            SELECT CASE WHEN r % 20 = 19 THEN 2 WHEN r % 20 = 18 THEN 3 ELSE 1 END,
                   u.id, k.id,
                   (ARRAY['Consultations','Lessons','Sessions','Office hours','Coaching'])[1 + r % 5],
                   'bench',
                   'Bookable time of ' || u.name,
                   r % 25 = 0,
                   u.timezone,
                   (r % 5) * 60,
                   CASE WHEN (r / 10) % 10 = 0 THEN NULL ELSE (r * 37) % 200 END,
                   (ARRAY['USD','EUR','USD','EUR','GBP'])[1 + (r / 3) % 5],
                   jsonb_build_object('timezone', u.timezone, 'duration', d.minutes, 'step', d.minutes, 'msp', (r % 5) * 60,
                                      'buffer_before', 0, 'buffer_after', CASE WHEN r % 4 = 0 THEN 15 ELSE 0 END,
                                      'max_per_day', NULL, 'window_days', NULL,
                                      'days', p.days, 'exceptions', '{}'::jsonb),
                   u.created_at + make_interval(hours => r % 48),
                   \(base)::timestamptz - make_interval(mins => (r * 7919) % 129600)
            FROM (SELECT u.*, (u.id - (SELECT min(id) FROM users WHERE email LIKE 'bench-%') + 1)::int AS r FROM users u
                  WHERE u.email LIKE 'bench-%') u
            JOIN kals k ON k.owner_type = 'User' AND k.user_id = u.id AND k.is_default
            CROSS JOIN LATERAL (SELECT (ARRAY[30, 60, 45, 30, 90])[1 + u.r % 5] AS minutes) d
            CROSS JOIN LATERAL (SELECT CASE u.r % 10
                WHEN 0 THEN '{"6": [{"start": "10:00", "end": "14:00"}], "0": [{"start": "10:00", "end": "14:00"}]}'::jsonb
                WHEN 1 THEN '{"1": [{"start": "13:00", "end": "20:00"}], "3": [{"start": "13:00", "end": "20:00"}], "5": [{"start": "13:00", "end": "20:00"}]}'::jsonb
                WHEN 2 THEN '{"2": [{"start": "18:00", "end": "22:00"}], "3": [{"start": "18:00", "end": "22:00"}], "4": [{"start": "18:00", "end": "22:00"}]}'::jsonb
                WHEN 3 THEN '{"1": [{"start": "09:00", "end": "12:00"}]}'::jsonb
                ELSE '{"1": [{"start": "09:00", "end": "17:00"}], "2": [{"start": "09:00", "end": "17:00"}], "3": [{"start": "09:00", "end": "17:00"}], "4": [{"start": "09:00", "end": "17:00"}], "5": [{"start": "09:00", "end": "17:00"}]}'::jsonb
                END AS days) p
            """,
            """
            UPDATE schedules SET slug = 'bench-' || id WHERE slug = 'bench'
            """,
            """
            INSERT INTO schedule_skills (schedule_id, skill_id)
            SELECT DISTINCT s.id, k.id
            FROM schedules s
            CROSS JOIN LATERAL (VALUES (1 + (s.id * 7) % 20), (21 + (s.id * 13) % 180), (21 + (s.id * 31 + 11) % 180)) sk (n)
            JOIN skills k ON k.label = CASE WHEN sk.n <= 20 THEN (ARRAY['Tax law','Accounting','Swift','PostgreSQL','Interior design','Translation',
              'Marketing','Photography','Yoga','Guitar','Physiotherapy','Copywriting','Data science','Legal advice',
              'Nutrition','Career coaching','Mathematics','Spanish','Illustration','Bookkeeping'])[sk.n] ELSE 'Topic ' || sk.n END
            WHERE s.slug LIKE 'bench-%'
            """,
            """
            INSERT INTO events (user_id, type_id, status_id, kal_id, kal_schedule_id, label, date, duration, ends_at)
            SELECT s.user_id, 1, (ARRAY[200, 200, 100, 777, 200])[1 + (s.id + e) % 5], s.kal_id, s.id, 'Booked',
                   t.at, t.minutes, t.at + make_interval(mins => t.minutes)
            FROM schedules s
            CROSS JOIN generate_series(1, 10) e
            CROSS JOIN LATERAL (SELECT \(base)::timestamptz - interval '30 days'
                                       + make_interval(mins => 30 * (((s.id * 7919 + e * 104729) % 4320)::int)) AS at,
                                       (ARRAY[30, 60, 90])[1 + (s.id + e) % 3] AS minutes) t
            WHERE s.slug LIKE 'bench-%'
            """,
            """
            INSERT INTO event_users (event_id, user_id, status_id)
            SELECT e.id, u.id, 200 FROM events e JOIN users u ON u.id = e.user_id + 1
            WHERE e.id % 10 = 0 AND e.label = 'Booked'
            """,
        ]
    }
}
