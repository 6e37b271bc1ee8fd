import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

extension TestServer {
    /// The Kal suites' server and database (`ceki_test_kal`).
    static let kals = Task { try await TestServer(suite: "kal") }
}

/// The Kal tag's own operations end to end: HTTP, the real database, people signed in through the real flows.
@Suite("Kals over HTTP")
struct KalOverHTTPTests {
    static let body: JSONValue = [
        "label": "Paid consultations!", "description": "Tax questions", "private": false,
        "timezone": "Europe/Berlin",
    ]

    @Test func everyoneHasADefaultKalAndCreatesMoreWithDerivedSlugs() async throws {
        let server = try await TestServer.kals.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let home = try await client.call(.get, "/api/kals/default", bearer: anna.token)
            #expect(home.status == 200, "\(home.json)")
            #expect(home["kal"]?["slug"] == "default")
            #expect(home["kal"]?["user_id"]?.int64Value == Int64(anna.id))
            #expect(home["kal"]?["owner_type"] == "User")
            #expect(home["access"] == ["role_id": 1, "read": 2, "write": 3])
            #expect(home["schedules"] == [] && home["slots"] == [] && home["events"] == [])

            let first = try await client.call(.post, "/api/kals", json: Self.body, bearer: anna.token)
            #expect(first.status == 201, "\(first.json)")
            #expect(first["slug"] == "paid-consultations")
            #expect(first["type_id"] == 1 && first["status_id"] == 200)
            #expect(first["label"] == "Paid consultations!" && first["timezone"] == "Europe/Berlin")
            #expect(first["deleted_at"] == .null && first["files"] == [] && first["settings"] == [:])
            let second = try await client.call(.post, "/api/kals", json: Self.body, bearer: anna.token)
            #expect(second["slug"] == "paid-consultations-2")

            let taken = try await client.call(
                .post, "/api/kals", json: ["label": "X", "private": true, "slug": "paid-consultations"],
                bearer: anna.token)
            #expect(taken.status == 422)
            #expect(taken["errors"] == ["slug": ["The slug has already been taken."]])
        }
    }

    @Test func anAgentRegisteredOverHTTPHasItsDefaultKal() async throws {
        let server = try await TestServer.kals.value
        try await server.application.test(.live) { client in
            let agent = try await server.registerAgent(client)
            let rows = try await server.pool.query(
                """
                SELECT k.owner_type, k.is_default FROM agents a JOIN kals k ON k.id = a.kal_id WHERE a.id = \(agent.id)
                """)
            #expect(try rows.first?.decode(String.self, "owner_type") == "Agent")
            #expect(try rows.first?.decode(Bool.self, "is_default") == true)
        }
    }

    @Test func withoutATokenEveryKalOperationIs401() async throws {
        let server = try await TestServer.kals.value
        try await server.application.test(.live) { client in
            for (method, uri) in [
                (HTTPRequest.Method.post, "/api/kals"), (.get, "/api/kals/default"), (.get, "/api/kals/1"),
                (.put, "/api/kals/1"), (.delete, "/api/kals/1"),
            ] {
                let answer = try await client.call(method, uri, json: method == .post || method == .put ? Self.body : nil)
                #expect(answer.status == 401, "\(method) \(uri)")
                #expect(answer.json == ["message": "Unauthenticated."])
            }
        }
    }

    @Test func anotherUsersPrivateKalIs404AndTheirPublicKalIsReadOnly() async throws {
        let server = try await TestServer.kals.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let secret = try await client.call(
                .post, "/api/kals", json: ["label": "Secret", "private": true], bearer: anna.token)
            let open = try await client.call(.post, "/api/kals", json: Self.body, bearer: anna.token)
            let secretID = try #require(secret["id"]?.int64Value)
            let openID = try #require(open["id"]?.int64Value)

            // Invisible: the same answer as an id that does not exist.
            let hidden = try await client.call(.get, "/api/kals/\(secretID)", bearer: ben.token)
            let missing = try await client.call(.get, "/api/kals/999999999", bearer: ben.token)
            #expect(hidden.status == 404 && missing.status == 404)
            #expect(hidden.json == missing.json)
            #expect(try await client.call(.put, "/api/kals/\(secretID)", json: Self.body, bearer: ben.token).status == 404)
            #expect(try await client.call(.delete, "/api/kals/\(secretID)", bearer: ben.token).status == 404)

            // Visible but not Ben's to change.
            let seen = try await client.call(.get, "/api/kals/\(openID)", bearer: ben.token)
            #expect(seen.status == 200)
            #expect(seen["access"] == .null)
            let change = try await client.call(.put, "/api/kals/\(openID)", json: Self.body, bearer: ben.token)
            #expect(change.status == 403)
            #expect(change["message"]?.stringValue?.contains("owner") == true)
            #expect(try await client.call(.delete, "/api/kals/\(openID)", bearer: ben.token).status == 403)
        }
    }

    @Test func aPublicKalHidesPrivateEventsFromOthersButNotFromAttendees() async throws {
        let server = try await TestServer.kals.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let cleo = try await server.signIn(client, name: "Cleo")
            let open = try await client.call(.post, "/api/kals", json: Self.body, bearer: anna.token)
            let kalID = try #require(open["id"]?.int64Value)
            let start = Date().addingTimeInterval(86_400)
            let events = try await server.pool.query(
                """
                INSERT INTO events (user_id, type_id, kal_id, label, date, duration, ends_at, private, timezone)
                VALUES (\(anna.id), 1, \(kalID), 'Public talk', \(start), 60, \(start.addingTimeInterval(3600)), false, 'UTC'),
                       (\(anna.id), 1, \(kalID), 'Doctor', \(start.addingTimeInterval(7200)), 30,
                        \(start.addingTimeInterval(9000)), true, 'UTC')
                RETURNING id
                """)
            let privateID = try events[1].decode(Int.self, "id")
            try await server.pool.query("INSERT INTO event_users (event_id, user_id) VALUES (\(privateID), \(cleo.id))")

            func labels(_ token: String) async throws -> [String] {
                let view = try await client.call(.get, "/api/kals/\(kalID)", bearer: token)
                #expect(view.status == 200, "\(view.json)")
                return view["events"]?.arrayValue?.compactMap { $0["label"]?.stringValue } ?? []
            }
            #expect(try await labels(anna.token) == ["Public talk", "Doctor"])
            #expect(try await labels(ben.token) == ["Public talk"])
            #expect(try await labels(cleo.token) == ["Public talk", "Doctor"])

            // Outside the range asked for, nothing.
            let later = RFC3339.string(from: start.addingTimeInterval(30 * 86_400))
            let empty = try await client.call(
                .get, "/api/kals/\(kalID)?dates[from]=\(later)", bearer: anna.token)
            #expect(empty["events"] == [])
        }
    }

    @Test func theViewListsAnAvailabilityScheduleWithSlotsInTheKalsZoneAndBookingsMakeItBusy() async throws {
        let server = try await TestServer.kals.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let home = try await client.call(.get, "/api/kals/default", bearer: anna.token)
            let kalID = try #require(home["kal"]?["id"]?.int64Value)
            // Mondays 09:00–11:00 in Berlin, hour slots. The schedule operations come later; this is their row.
            let settings = PostgresJSON(
                text: #"{"timezone":"Europe/Berlin","duration":60,"step":60,"msp":0,"buffer_before":0,"buffer_after":0,"#
                    + #""days":{"1":[{"start":"09:00","end":"11:00"}]},"exceptions":{}}"#)
            try await server.pool.query(
                """
                INSERT INTO schedules (type_id, user_id, kal_id, label, slug, timezone, settings)
                VALUES (1, \(anna.id), \(kalID), 'Consulting', 'consulting', 'Europe/Berlin', \(settings)::jsonb)
                """)
            // The week of Monday 2030-03-25 (after the clocks moved to summer time on the 31st? no: the 31st is
            // the next Sunday), so 09:00 Berlin is 08:00 UTC.
            let from = "2030-03-24T00:00:00Z"
            let to = "2030-04-02T00:00:00Z"
            let view = try await client.call(
                .get, "/api/kals/default?dates[from]=\(from)&dates[to]=\(to)", bearer: anna.token)
            #expect(view.status == 200, "\(view.json)")
            #expect(view["schedules"]?.arrayValue?.count == 1)
            let slots = view["slots"]?[0]?["slots"]?.arrayValue?.compactMap { $0["start"]?.stringValue } ?? []
            // Monday the 25th in winter time (UTC+1), Monday 1 April in summer time (UTC+2).
            #expect(slots == ["2030-03-25T08:00:00Z", "2030-03-25T09:00:00Z", "2030-04-01T07:00:00Z", "2030-04-01T08:00:00Z"])

            // A booking at 09:00 Berlin on the 25th takes that slot; a cancelled one frees nothing.
            let booked = try #require(RFC3339.date(from: "2030-03-25T08:00:00Z"))
            try await server.pool.query(
                """
                INSERT INTO events (user_id, type_id, kal_id, label, date, duration, ends_at, status_id)
                VALUES (\(anna.id), 1, \(kalID), 'Booked', \(booked), 60, \(booked.addingTimeInterval(3600)), 100),
                       (\(anna.id), 1, \(kalID), 'Called off', \(booked.addingTimeInterval(3600)), 60,
                        \(booked.addingTimeInterval(7200)), 777)
                """)
            let after = try await client.call(
                .get, "/api/kals/default?dates[from]=\(from)&dates[to]=\(to)", bearer: anna.token)
            let left = after["slots"]?[0]?["slots"]?.arrayValue?.compactMap { $0["start"]?.stringValue } ?? []
            #expect(left == ["2030-03-25T09:00:00Z", "2030-04-01T07:00:00Z", "2030-04-01T08:00:00Z"])
            #expect(after["events"]?.arrayValue?.count == 2)
        }
    }

    @Test func updateRewritesTheKalsFieldsAndKeepsItsSlug() async throws {
        let server = try await TestServer.kals.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let made = try await client.call(.post, "/api/kals", json: Self.body, bearer: anna.token)
            let id = try #require(made["id"]?.int64Value)
            let updated = try await client.call(
                .put, "/api/kals/\(id)", json: ["label": "Evenings", "private": true], bearer: anna.token)
            #expect(updated.status == 200, "\(updated.json)")
            #expect(updated["label"] == "Evenings" && updated["private"] == true)
            #expect(updated["slug"] == made["slug"])
            #expect(updated["description"] == .null && updated["timezone"] == .null)
        }
    }

    @Test func deleteIsSoftTakesTheEventsAndRefusesTheDefaultKal() async throws {
        let server = try await TestServer.kals.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let made = try await client.call(.post, "/api/kals", json: Self.body, bearer: anna.token)
            let id = try #require(made["id"]?.int64Value)
            try await server.pool.query(
                "INSERT INTO events (user_id, type_id, kal_id, label) VALUES (\(anna.id), 2, \(id), 'Task')")
            let deleted = try await client.call(.delete, "/api/kals/\(id)", bearer: anna.token)
            #expect(deleted.status == 200)
            #expect(deleted.json == ["message": "deleted"])
            #expect(try await client.call(.get, "/api/kals/\(id)", bearer: anna.token).status == 404)
            let left = try await server.pool.query(
                "SELECT count(*) AS n FROM events WHERE kal_id = \(id) AND deleted_at IS NULL")
            #expect(try left[0].decode(Int.self, "n") == 0)
            // The slug is free again.
            let again = try await client.call(.post, "/api/kals", json: Self.body, bearer: anna.token)
            #expect(again["slug"] == made["slug"])

            let home = try await client.call(.get, "/api/kals/default", bearer: anna.token)
            let homeID = try #require(home["kal"]?["id"]?.int64Value)
            let refused = try await client.call(.delete, "/api/kals/\(homeID)", bearer: anna.token)
            #expect(refused.status == 422)
            #expect(refused["errors"] == ["kal": ["The default kal cannot be deleted."]])
        }
    }

    @Test func badInputNamesEveryField() async throws {
        let server = try await TestServer.kals.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let bad = try await client.call(
                .post, "/api/kals", json: ["label": "", "slug": "Not A Slug", "timezone": "Mars/Olympus"],
                bearer: anna.token)
            #expect(bad.status == 422)
            let fields = Set(bad["errors"]?.objectValue?.map(\.key) ?? [])
            #expect(fields == ["label", "slug", "private"], "\(bad.json)")
            let zone = try await client.call(
                .post, "/api/kals", json: ["label": "X", "private": false, "timezone": "Mars/Olympus", "files": [7]],
                bearer: anna.token)
            #expect(zone.status == 422)
            #expect(Set(zone["errors"]?.objectValue?.map(\.key) ?? []) == ["timezone", "files.0"], "\(zone.json)")
            let nul = try await client.call(.post, "/api/kals", json: ["label": "a\u{0}b", "private": false], bearer: anna.token)
            #expect(nul.status == 422)
            #expect(nul["errors"] == ["label": ["The field must not contain the NUL character (U+0000)."]])
            let range = try await client.call(
                .get, "/api/kals/default?dates[from]=2030-01-10T00:00:00Z&dates[to]=2030-01-01T00:00:00Z",
                bearer: anna.token)
            #expect(range.status == 422)
            #expect(range["errors"]?["dates.to"] != nil, "\(range.json)")
            let viewer = try await client.call(.get, "/api/kals/default?viewer_timezone=Nowhere", bearer: anna.token)
            #expect(viewer.status == 422 && viewer["errors"]?["viewer_timezone"] != nil)
            #expect(try await client.call(.get, "/api/kals/abc", bearer: anna.token).status == 422)
        }
    }

    @Test func pathParametersArePercentDecodedOnce() async throws {
        let server = try await TestServer.kals.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let made = try await client.call(.post, "/api/kals", json: Self.body, bearer: anna.token)
            let id = String(try #require(made["id"]?.int64Value))
            // `%25` + the first digit's hex: decoded once it is `%3…`, not a number; decoded twice it was the id.
            let first = try #require(id.first?.asciiValue)
            let twice = "/api/kals/%25" + String(first, radix: 16) + id.dropFirst()
            #expect(try await client.call(.get, "/api/kals/\(id)", bearer: anna.token).status == 200)
            let answer = try await client.call(.get, twice, bearer: anna.token)
            #expect(answer.status == 422, "\(answer.json)")
        }
    }
}
