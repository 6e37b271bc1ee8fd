import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

extension TestServer {
    /// The Schedule suites' server and database (`ceki_test_schedule`).
    static let schedules = Task { try await TestServer(suite: "schedule") }
}

/// The Schedule tag's schedules, slots and previews end to end: HTTP, the real database, people signed in through
/// the real flows. Dates are in 2027, after "now", so that no slot is hidden for being in the past.
@Suite("Schedules over HTTP")
struct ScheduleOverHTTPTests {
    /// Mondays and Wednesdays 09:00–12:00 in the schedule's zone, 30-minute slots; the zone comes from the body's
    /// top-level `timezone` and the notice from its top-level `msp`, as fallbacks.
    static func body(_ label: String = "Tax consultations", timezone: String = "Europe/Berlin") -> JSONValue {
        [
            "label": .string(label), "private": false, "timezone": .string(timezone), "msp": 120, "price": 40,
            "currency": "EUR", "skills": [["label": "Tax law"], ["label": "tax LAW"], ["label": "Accounting"]],
            "settings": [
                "duration": 30,
                "days": ["1": [["start": "09:00", "end": "12:00"]], "3": [["start": "09:00", "end": "12:00"]]],
            ],
        ]
    }

    static func starts(_ answer: JSONResponse, _ key: String = "slots") -> [String] {
        answer[key]?.arrayValue?.compactMap { $0["start"]?.stringValue } ?? []
    }

    @Test func aNewScheduleIsStoredResolvedWithItsOwnerAndSkills() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let created = try await client.call(.post, "/api/schedules", json: Self.body(), bearer: anna.token)
            #expect(created.status == 201, "\(created.json)")
            #expect(created["slug"] == "tax-consultations")
            #expect(created["type_id"] == 1 && created["user_id"]?.int64Value == Int64(anna.id))
            #expect(created["timezone"] == "Europe/Berlin" && created["msp"] == 120)
            #expect(
                created["settings"] == [
                    "timezone": "Europe/Berlin", "duration": 30, "step": 30, "msp": 120, "buffer_before": 0,
                    "buffer_after": 0, "max_per_day": .null, "window_days": .null,
                    "days": ["1": [["start": "09:00", "end": "12:00"]], "3": [["start": "09:00", "end": "12:00"]]],
                    "exceptions": [:],
                ])
            #expect(created["skills"]?.arrayValue?.compactMap { $0["label"]?.stringValue } == ["Accounting", "Tax law"])
            let home = try await client.call(.get, "/api/kals/default", bearer: anna.token)
            #expect(created["kal_id"] == home["kal"]?["id"])
            let id = try #require(created["id"]?.int64Value)
            let owner = try await server.pool.query(
                "SELECT role_id, read, write FROM schedule_users WHERE schedule_id = \(Int(id)) AND user_id = \(anna.id)")
            #expect(try owner.first.map { [try $0.decode(Int.self, "role_id"), try $0.decode(Int.self, "read"), try $0.decode(Int.self, "write")] } == [1, 2, 3])

            let again = try await client.call(.post, "/api/schedules", json: Self.body(), bearer: anna.token)
            #expect(again["slug"] == "tax-consultations-2")
        }
    }

    @Test func everyProblemOfABodyIsNamedInOne422() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let bensKal = try await client.call(.get, "/api/kals/default", bearer: ben.token)
            _ = try await client.call(
                .post, "/api/schedules", json: Self.body().merging(["slug": "taken"]), bearer: anna.token)
            var body = Self.body(timezone: "Mars/Olympus")
            body = body.merging([
                "kal_id": bensKal["kal"]?["id"] ?? .null,
                "start": "2027-05-01T00:00:00Z", "end": "2027-04-01T00:00:00Z",
                "settings": [
                    "days": [
                        "1": [["start": "09:00", "end": "12:00"], ["start": "11:00", "end": "13:00"]],
                    ]
                ],
            ])
            let refused = try await client.call(.post, "/api/schedules", json: body, bearer: anna.token)
            #expect(refused.status == 422, "\(refused.json)")
            let fields = Set(refused["errors"]?.objectValue?.keys.map { $0 } ?? [])
            #expect(fields == ["kal_id", "timezone", "settings.days.1.1", "end"], "\(refused.json)")

            let taken = try await client.call(
                .post, "/api/schedules", json: Self.body().merging(["slug": "taken"]), bearer: anna.token)
            #expect(taken.status == 422)
            #expect(taken["errors"] == ["slug": ["The slug has already been taken."]])
        }
    }

    @Test func nineOClockStaysNineOClockAcrossBerlinsAndNewYorksChanges() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let berlin = try await client.call(.post, "/api/schedules", json: Self.body(), bearer: anna.token)
            let berlinID = try #require(berlin["id"]?.int64Value)
            // Berlin moves to summer time on Sunday 28 March 2027: Monday the 22nd at 09:00 is 08:00 UTC, Monday
            // the 29th at 09:00 is 07:00 UTC.
            let view = try await client.call(
                .get, "/api/schedules/\(berlinID)?dates[from]=2027-03-22T00:00:00Z&dates[to]=2027-03-30T00:00:00Z",
                bearer: anna.token)
            #expect(view.status == 200, "\(view.json)")
            let starts = Self.starts(view)
            #expect(starts.first == "2027-03-22T08:00:00Z")
            #expect(starts.contains("2027-03-29T07:00:00Z"))
            #expect(starts.count == 18, "Monday, Wednesday and Monday, six slots each: \(starts)")
            #expect(starts.last == "2027-03-29T09:30:00Z")

            // New York moves on Sunday 14 March 2027: 09:00 is 14:00 UTC before, 13:00 UTC after.
            let york = try await client.call(
                .post, "/api/schedules", json: Self.body("New York hours", timezone: "America/New_York"),
                bearer: anna.token)
            let yorkID = try #require(york["id"]?.int64Value)
            let yorkView = try await client.call(
                .get, "/api/schedules/\(yorkID)?dates[from]=2027-03-08T00:00:00Z&dates[to]=2027-03-16T00:00:00Z",
                bearer: anna.token)
            let yorkStarts = Self.starts(yorkView)
            #expect(yorkStarts.first == "2027-03-08T14:00:00Z")
            #expect(yorkStarts.contains("2027-03-15T13:00:00Z"))
            #expect(!yorkStarts.contains { $0.hasPrefix("2027-03-14") })
        }
    }

    @Test func bookedTimeAndTimeTheOwnerAttendsElsewhereAreBusy() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let created = try await client.call(.post, "/api/schedules", json: Self.body(), bearer: anna.token)
            let id = try #require(created["id"]?.int64Value)
            let kal = try #require(created["kal_id"]?.int64Value)
            let bensKal = try #require(try await client.call(.get, "/api/kals/default", bearer: ben.token)["kal"]?["id"]?.int64Value)
            // Monday 22 March 2027, Berlin: a booking 09:00–09:30 in Anna's kal, and a meeting 10:00–11:00 in
            // Ben's kal that Anna attends.
            let nine = Date(timeIntervalSince1970: 1_805_702_400)
            let ten = nine.addingTimeInterval(3600)
            let rows = try await server.pool.query(
                """
                INSERT INTO events (user_id, type_id, status_id, kal_id, kal_schedule_id, label, date, duration, ends_at)
                VALUES (\(ben.id), 1, 100, \(Int(kal)), \(Int(id)), 'Booked', \(nine), 30, \(nine.addingTimeInterval(1800))),
                       (\(ben.id), 1, 200, \(Int(bensKal)), NULL, 'Ben''s meeting', \(ten), 60, \(ten.addingTimeInterval(3600)))
                RETURNING id
                """)
            let meeting = try rows[1].decode(Int.self, "id")
            try await server.pool.query(
                "INSERT INTO event_users (event_id, user_id, status_id) VALUES (\(meeting), \(anna.id), 200)")
            let view = try await client.call(
                .get, "/api/schedules/\(id)?dates[from]=2027-03-22T00:00:00Z&dates[to]=2027-03-23T00:00:00Z",
                bearer: anna.token)
            #expect(
                Self.starts(view) == [
                    "2027-03-22T08:30:00Z", "2027-03-22T10:00:00Z", "2027-03-22T10:30:00Z",
                ], "\(view.json)")
            #expect(view["events"]?.arrayValue?.count == 1, "the schedule's own events; Ben's meeting is Ben's")

            let next = try await client.call(
                .get, "/api/schedules/\(id)/next-slot?after=2027-03-22T08:00:00Z", bearer: anna.token)
            #expect(next.status == 200, "\(next.json)")
            #expect(next["available"] == true && next["slot"]?["start"] == "2027-03-22T08:30:00Z")
            #expect(next["slot"]?["date"] == "2027-03-22")

            // 11:30 in Berlin is already the next day on Kiritimati's clock (UTC+14).
            let late = try await client.call(
                .get, "/api/schedules/\(id)/next-slot?after=2027-03-22T10:15:00Z&viewer_timezone=Pacific/Kiritimati",
                bearer: anna.token)
            #expect(late["slot"]?["start"] == "2027-03-22T10:30:00Z", "\(late.json)")
            #expect(late["slot"]?["date"] == "2027-03-22" && late["slot"]?["viewer_date"] == "2027-03-23")
            let bad = try await client.call(
                .get, "/api/schedules/\(id)/next-slot?viewer_timezone=GMT%2B5", bearer: anna.token)
            #expect(bad.status == 422 && bad["errors"]?["viewer_timezone"] != nil)
        }
    }

    @Test func othersSeeAPublicScheduleReadOnlyAndAPrivateOneNotAtAll() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let open = try await client.call(.post, "/api/schedules", json: Self.body(), bearer: anna.token)
            let secret = try await client.call(
                .post, "/api/schedules", json: Self.body("Secret").merging(["private": true]), bearer: anna.token)
            let openID = try #require(open["id"]?.int64Value)
            let secretID = try #require(secret["id"]?.int64Value)

            let hidden = try await client.call(.get, "/api/schedules/\(secretID)", bearer: ben.token)
            let missing = try await client.call(.get, "/api/schedules/999999999", bearer: ben.token)
            #expect(hidden.status == 404 && hidden.json == missing.json)
            #expect(try await client.call(.put, "/api/schedules/\(secretID)", json: Self.body(), bearer: ben.token).status == 404)
            #expect(try await client.call(.get, "/api/schedules/\(secretID)/next-slot", bearer: ben.token).status == 404)

            #expect(try await client.call(.get, "/api/schedules/\(openID)", bearer: ben.token).status == 200)
            let change = try await client.call(.put, "/api/schedules/\(openID)", json: Self.body(), bearer: ben.token)
            #expect(change.status == 403, "\(change.json)")
            #expect(try await client.call(.delete, "/api/schedules/\(openID)", bearer: ben.token).status == 403)

            for (method, uri) in [
                (HTTPRequest.Method.post, "/api/schedules"), (.get, "/api/schedules/\(openID)"),
                (.put, "/api/schedules/\(openID)"), (.delete, "/api/schedules/\(openID)"),
                (.get, "/api/schedules/\(openID)/next-slot"), (.post, "/api/schedules/preview"),
            ] {
                let answer = try await client.call(
                    method, uri, json: method == .post || method == .put ? Self.body() : nil)
                #expect(answer.status == 401, "\(method) \(uri)")
            }
        }
    }

    @Test func anUpdateRewritesTheScheduleAndADeleteCancelsItsPendingBookings() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let created = try await client.call(.post, "/api/schedules", json: Self.body(), bearer: anna.token)
            let id = try #require(created["id"]?.int64Value)
            var body = Self.body("Evening tax help")
            body = body.merging([
                "settings": ["timezone": "Asia/Kolkata", "duration": 60, "days": ["2": [["start": "18:00", "end": "20:00"]]]],
                "skills": [["label": "Payroll"]],
            ])
            let updated = try await client.call(.put, "/api/schedules/\(id)", json: body, bearer: anna.token)
            #expect(updated.status == 200, "\(updated.json)")
            #expect(updated["slug"] == "tax-consultations", "a slug left out stays")
            #expect(updated["label"] == "Evening tax help" && updated["timezone"] == "Asia/Kolkata")
            #expect(updated["settings"]?["step"] == 60 && updated["skills"]?[0]?["label"] == "Payroll")
            #expect(updated["skills"]?.arrayValue?.count == 1)

            let kal = try #require(created["kal_id"]?.int64Value)
            let start = Date(timeIntervalSince1970: 1_805_702_400)
            try await server.pool.query(
                """
                INSERT INTO events (user_id, type_id, status_id, kal_id, kal_schedule_id, label, date, duration, ends_at)
                VALUES (\(anna.id), 1, 100, \(Int(kal)), \(Int(id)), 'Pending', \(start), 30, \(start.addingTimeInterval(1800))),
                       (\(anna.id), 1, 200, \(Int(kal)), \(Int(id)), 'Confirmed', \(start), 30, \(start.addingTimeInterval(1800)))
                """)
            let deleted = try await client.call(.delete, "/api/schedules/\(id)", bearer: anna.token)
            #expect(deleted.status == 200 && deleted["message"] == "deleted")
            let statuses = try await server.pool.query(
                "SELECT label, status_id FROM events WHERE kal_schedule_id = \(Int(id)) ORDER BY label")
            #expect(try statuses.map { try $0.decode(Int.self, "status_id") } == [200, 777])
            #expect(try await client.call(.get, "/api/schedules/\(id)", bearer: anna.token).status == 404)
            let reused = try await client.call(
                .post, "/api/schedules", json: Self.body().merging(["slug": "tax-consultations"]), bearer: anna.token)
            #expect(reused.status == 201, "a deleted schedule frees its slug: \(reused.json)")
        }
    }

    @Test func aPreviewComputesSlotsWithoutSavingAndAKalScheduleViewShowsOneSchedule() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let home = try await client.call(.get, "/api/kals/default", bearer: anna.token)
            let kal = try #require(home["kal"]?["id"]?.int64Value)
            let preview: JSONValue = [
                "kal_id": .number(JSONNumber(kal)), "type_id": 1, "label": "Trial", "private": false,
                "timezone": "Europe/Berlin", "duration": 45, "currency": "EUR",
                "settings": ["days": ["1": [["start": "09:00", "end": "11:00"]]]],
            ]
            let answer = try await client.call(
                .post, "/api/schedules/preview?dates[from]=2027-03-22T00:00:00Z&dates[to]=2027-03-23T00:00:00Z",
                json: preview, bearer: anna.token)
            #expect(answer.status == 200, "\(answer.json)")
            #expect(answer["timezone"] == "Europe/Berlin")
            #expect(Self.starts(answer) == ["2027-03-22T08:00:00Z", "2027-03-22T08:45:00Z"])
            let count = try await server.pool.query("SELECT count(*)::bigint AS n FROM schedules WHERE user_id = \(anna.id)")
            #expect(try count[0].decode(Int.self, "n") == 0)

            let foreign = try await client.call(
                .post, "/api/schedules/preview", json: preview, bearer: ben.token)
            #expect(foreign.status == 422 && foreign["errors"]?["kal_id"] != nil, "\(foreign.json)")

            let first = try await client.call(.post, "/api/schedules", json: Self.body(), bearer: anna.token)
            _ = try await client.call(.post, "/api/schedules", json: Self.body("Second"), bearer: anna.token)
            let firstID = try #require(first["id"]?.int64Value)
            let view = try await client.call(
                .get, "/api/kals/\(kal)/schedules/\(firstID)?dates[from]=2027-03-22T00:00:00Z&dates[to]=2027-03-23T00:00:00Z",
                bearer: anna.token)
            #expect(view.status == 200, "\(view.json)")
            #expect(view["schedules"]?.arrayValue?.count == 1 && view["schedules"]?[0]?["id"] == first["id"])
            #expect(view["slots"]?[0]?["slots"]?.arrayValue?.count == 6)
            let other = try await client.call(.get, "/api/kals/\(kal)/schedules/999999999", bearer: anna.token)
            #expect(other.status == 404)
        }
    }
}
