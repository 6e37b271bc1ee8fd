import CekiServer
import CekiTestSupport
import Foundation
import Generated
import HTTPTypes
import Handlers
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

extension TestServer {
    /// The Google Calendar suite's server (`ceki_test_google_calendar`), configured for its Google stub.
    static let google = Task { () throws -> (server: TestServer, stub: GoogleCalendarStub) in
        let stub = try GoogleCalendarStub()
        return (try await TestServer(suite: "google_calendar", google: stub.configuration()), stub)
    }
}

/// The Google Calendar link of a kal end to end: the authorization URL and the callback (PKCE, the signed
/// state), the sealed tokens, import as busy time, export of bookings, sync tokens and 410, the access rule, the
/// field errors and 503 without Google. Google is the local stub of `Tests/Support/GoogleCalendarStub.swift`;
/// each test uses its own account and calendars there.
@Suite("Google Calendar over HTTP")
struct GoogleCalendarOverHTTPTests {
    // MARK: Helpers

    /// Monday 22 March 2027, 09:00 in Berlin (08:00 UTC), plus `minutes`, as the API writes instants.
    static func monday(_ minutes: Int = 0) -> String {
        Date(timeIntervalSince1970: 1_805_702_400 + Double(minutes * 60)).json.stringValue ?? ""
    }

    /// A Berlin schedule on the owner's default kal: Mondays 09:00–12:00, 30-minute slots.
    static func makeSchedule(_ client: some TestClientProtocol, token: String) async throws -> (
        schedule: Int64, kal: Int64
    ) {
        let made = try await client.call(
            .post, "/api/schedules",
            json: [
                "label": "Consultations", "private": false, "currency": "EUR", "price": .null,
                "settings": [
                    "timezone": "Europe/Berlin", "duration": 30, "days": ["1": [["start": "09:00", "end": "12:00"]]],
                ],
            ], bearer: token)
        return (try #require(made["id"]?.int64Value, "\(made.json)"), try #require(made["kal_id"]?.int64Value))
    }

    static func slotStarts(_ client: some TestClientProtocol, schedule: Int64, token: String) async throws -> [String] {
        let view = try await client.call(
            .get, "/api/schedules/\(schedule)?dates[from]=2027-03-22T00:00:00Z&dates[to]=2027-03-23T00:00:00Z",
            bearer: token)
        return view["slots"]?.arrayValue?.compactMap { $0["start"]?.stringValue } ?? []
    }

    static func makeKal(_ client: some TestClientProtocol, token: String, private isPrivate: Bool = false) async throws
        -> Int64
    {
        let made = try await client.call(
            .post, "/api/kals", json: ["label": "Work", "private": .bool(isPrivate)], bearer: token)
        return try #require(made["id"]?.int64Value, "\(made.json)")
    }

    /// Links `account` at the stub to the user, through the authorization URL, the consent and the callback.
    static func linkGoogle(
        _ client: some TestClientProtocol, stub: GoogleCalendarStub, kal: Int64, token: String, account: String
    ) async throws {
        let url = try #require(
            try await client.call(.get, "/api/kals/\(kal)/sync/oauth-url", bearer: token)["url"]?.stringValue)
        let callback = try #require(try await stub.consent(url, account: account))
        let linked = try await client.call(.get, callback)
        #expect(linked.status == 200 && linked["kal_id"]?.int64Value == kal, "\(linked.json)")
    }

    static func unique(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())" }

    /// The sync `ceki serve` runs in the background, over the suite's database and stub, run once by the test.
    static func sync(_ server: TestServer, kal: Int64) async throws {
        let sync = GoogleCalendarSync(
            pool: server.pool, configuration: try #require(server.configuration.google),
            secret: server.configuration.secret)
        try await sync.sync(kal: Int(kal))
    }

    // MARK: OAuth

    @Test func theAuthorizationURLIsGooglesWithOfflineAccessPKCEAndASignedState() async throws {
        let (server, stub) = try await TestServer.google.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let kal = try await Self.makeKal(client, token: anna.token)
            let answer = try await client.call(.get, "/api/kals/\(kal)/sync/oauth-url", bearer: anna.token)
            #expect(answer.status == 200, "\(answer.json)")
            let url = try #require(URLComponents(string: answer["url"]?.stringValue ?? ""))
            #expect(url.host == "127.0.0.1" && url.path == "/o/oauth2/v2/auth")
            let query = Dictionary(uniqueKeysWithValues: (url.queryItems ?? []).map { ($0.name, $0.value ?? "") })
            #expect(query["client_id"] == GoogleCalendarStub.clientID && query["response_type"] == "code")
            #expect(query["access_type"] == "offline" && query["code_challenge_method"] == "S256")
            #expect(query["code_challenge"]?.count == 43)
            #expect(
                query["scope"]?.split(separator: " ").contains("https://www.googleapis.com/auth/calendar.events")
                    == true)
            #expect(query["redirect_uri"] == "http://127.0.0.1:8080/google/oauth/callback")
            #expect(query["state"]?.hasPrefix("\(anna.id).\(kal).") == true)

            // Not linked yet; then linked through the consent page and the callback.
            let before = try await client.call(.get, "/api/kals/\(kal)/sync", bearer: anna.token)
            #expect(before.status == 200 && before["connected"] == false && before["calendars"] == [], "\(before.json)")
            let account = Self.unique("anna")
            for (index, name) in ["Work", "Family", "Holidays"].enumerated() {
                try await stub.addCalendar(
                    account: account, id: "\(account)-\(index)@group.calendar.google.com", summary: name)
            }
            try await Self.linkGoogle(client, stub: stub, kal: kal, token: anna.token, account: account)
            let after = try await client.call(.get, "/api/kals/\(kal)/sync", bearer: anna.token)
            #expect(after.status == 200 && after["connected"] == true && after["kal_id"]?.int64Value == kal)
            // calendarList comes in pages of two: all three are there.
            #expect(
                after["calendars"]?.arrayValue?.compactMap { $0["summary"]?.stringValue } == [
                    "Work", "Family", "Holidays",
                ])
            #expect(after["imports"] == [] && after["exports"] == [])

            // The tokens are sealed: none of those the stub issued is in the row.
            let row = try #require(
                try await server.pool.query("SELECT * FROM google_accounts WHERE user_id = \(anna.id)").first)
            let stored = try row.decode(String.self, "tokens")
            let issued = try await stub.tokens()
            #expect(!issued.isEmpty)
            #expect(issued.allSatisfy { !stored.contains($0) })
            #expect(!stored.contains("refresh_token") && Data(base64Encoded: stored) != nil)

            // An expired access token is refreshed with the refresh token.
            try await stub.expireAccessTokens(account: account)
            let refreshed = try await client.call(.get, "/api/kals/\(kal)/sync", bearer: anna.token)
            #expect(refreshed["connected"] == true && refreshed["calendars"]?.arrayValue?.count == 3)
            let grants = try await stub.requests().filter { $0["path"] == "/token" }
            #expect(grants.count >= 2)
        }
    }

    @Test func anAlteredOrExpiredStateOrAWrongVerifierLinksNothing() async throws {
        let (server, stub) = try await TestServer.google.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let kal = try await Self.makeKal(client, token: anna.token)
            let url = try #require(
                try await client.call(.get, "/api/kals/\(kal)/sync/oauth-url", bearer: anna.token)["url"]?.stringValue)
            let callback = try #require(try await stub.consent(url, account: Self.unique("mallory")))
            let state = try #require(URLComponents(string: callback)?.queryItems?.first { $0.name == "state" }?.value)
            let code = try #require(URLComponents(string: callback)?.queryItems?.first { $0.name == "code" }?.value)

            // Ben's id in Anna's state: the signature no longer matches.
            let swapped = "\(ben.id)" + state.drop { $0 != "." }
            let altered = try await client.call(.get, "/google/oauth/callback?code=\(code)&state=\(swapped)")
            #expect(
                altered.status == 400 && altered["message"]?.stringValue?.contains("signature") == true,
                "\(altered.json)")
            let garbage = try await client.call(.get, "/google/oauth/callback?code=\(code)&state=nonsense")
            #expect(garbage.status == 400)
            let refused = try await client.call(.get, "/google/oauth/callback?error=access_denied&state=\(state)")
            #expect(refused.status == 400 && refused["message"]?.stringValue?.contains("access_denied") == true)
            #expect(
                try await server.pool.query("SELECT 1 FROM google_accounts WHERE user_id IN (\(anna.id), \(ben.id))")
                    .isEmpty)

            // The stub's token endpoint checks PKCE: a wrong verifier is refused (and the code is spent).
            let google = GoogleCalendarClient(configuration: stub.configuration())
            await #expect(throws: GoogleCalendarError.self) {
                _ = try await google.exchange(code: code, verifier: String(repeating: "x", count: 43))
            }

            // A state past its lifetime (a server that issues states good for 0 seconds).
            var shortLived = server.configuration
            shortLived.google = stub.configuration(stateLifetime: 0)
            let impatient = buildApplication(
                configuration: shortLived, pool: server.pool, logger: Logger(label: "test.google"))
            let staleURL = try await impatient.test(.live) { other in
                try #require(
                    try await other.call(.get, "/api/kals/\(kal)/sync/oauth-url", bearer: anna.token)["url"]?
                        .stringValue)
            }
            let stale = try #require(try await stub.consent(staleURL, account: Self.unique("late")))
            let expired = try await client.call(.get, stale)
            #expect(
                expired.status == 400 && expired["message"]?.stringValue?.contains("expired") == true, "\(expired.json)"
            )
            #expect(try await server.pool.query("SELECT 1 FROM google_accounts WHERE user_id = \(anna.id)").isEmpty)
        }
    }

    // MARK: Access, input, configuration

    @Test func onlyTheKalsOwnerMayAndOnlySignedIn() async throws {
        let (server, _) = try await TestServer.google.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let open = try await Self.makeKal(client, token: anna.token)
            let secret = try await Self.makeKal(client, token: anna.token, private: true)
            let body: JSONValue = ["id": "primary", "summary": "Work", "timeZone": "Europe/Berlin"]
            func calls(_ kal: Int64) -> [(HTTPRequest.Method, String, JSONValue?)] {
                [
                    (.get, "/api/kals/\(kal)/sync/oauth-url", nil), (.get, "/api/kals/\(kal)/sync", nil),
                    (.post, "/api/kals/\(kal)/sync", body), (.post, "/api/kals/\(kal)/sync/disconnect", ["id": 1]),
                ]
            }
            for (method, path, json) in calls(open) {
                let anonymous = try await client.call(method, path, json: json)
                #expect(anonymous.status == 401, "\(path)")
                let visible = try await client.call(method, path, json: json, bearer: ben.token)
                #expect(visible.status == 403, "\(path): \(visible.json)")
            }
            for (method, path, json) in calls(secret) {
                let invisible = try await client.call(method, path, json: json, bearer: ben.token)
                #expect(invisible.status == 404, "\(path): \(invisible.json)")
            }
            let missing = try await client.call(.get, "/api/kals/999999999/sync", bearer: anna.token)
            #expect(missing.status == 404)
        }
    }

    @Test func badInputIsA422NamingEachField() async throws {
        let (server, stub) = try await TestServer.google.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let kal = try await Self.makeKal(client, token: anna.token)
            let empty = try await client.call(.post, "/api/kals/\(kal)/sync", json: [:], bearer: anna.token)
            #expect(empty.status == 422)
            #expect(
                empty["errors"]?["id"] != nil && empty["errors"]?["summary"] != nil
                    && empty["errors"]?["timeZone"] != nil)
            let extra = try await client.call(
                .post, "/api/kals/\(kal)/sync",
                json: ["id": "", "summary": "Work", "timeZone": "Europe/Berlin", "color": "red"], bearer: anna.token)
            #expect(
                extra.status == 422 && extra["errors"]?["id"] != nil && extra["errors"]?["color"] != nil,
                "\(extra.json)")

            // Not linked yet, and a zone that does not exist: both fields at once.
            let unlinked = try await client.call(
                .post, "/api/kals/\(kal)/sync", json: ["id": "primary", "summary": "Work", "timeZone": "Mars/Olympus"],
                bearer: anna.token)
            #expect(unlinked.status == 422, "\(unlinked.json)")
            #expect(unlinked["errors"]?["timeZone"] != nil)
            #expect(unlinked["errors"]?["id"]?[0]?.stringValue?.contains("No Google account is linked") == true)

            let account = Self.unique("anna")
            let mine = "\(account)@group.calendar.google.com"
            try await stub.addCalendar(account: account, id: mine, summary: "Work")
            try await stub.addCalendar(
                account: account, id: "\(account)-shared@group.calendar.google.com", summary: "Shared",
                accessRole: "reader")
            try await Self.linkGoogle(client, stub: stub, kal: kal, token: anna.token, account: account)
            let unknown = try await client.call(
                .post, "/api/kals/\(kal)/sync",
                json: ["id": "someone-else@gmail.com", "summary": "X", "timeZone": "UTC"],
                bearer: anna.token)
            #expect(unknown.status == 422 && unknown["errors"]?["id"] != nil, "\(unknown.json)")
            let readOnly = try await client.call(
                .post, "/api/kals/\(kal)/sync",
                json: [
                    "id": .string("\(account)-shared@group.calendar.google.com"), "summary": "Shared",
                    "timeZone": "UTC", "from": false,
                ],
                bearer: anna.token)
            #expect(readOnly.status == 422 && readOnly["errors"]?["id"] != nil, "\(readOnly.json)")
            let first = try await client.call(
                .post, "/api/kals/\(kal)/sync", json: ["id": .string(mine), "summary": "Work", "timeZone": "UTC"],
                bearer: anna.token)
            #expect(first.status == 201, "\(first.json)")
            let twice = try await client.call(
                .post, "/api/kals/\(kal)/sync", json: ["id": .string(mine), "summary": "Work", "timeZone": "UTC"],
                bearer: anna.token)
            #expect(twice.status == 422 && twice["errors"]?["id"] != nil, "\(twice.json)")

            let zero = try await client.call(
                .post, "/api/kals/\(kal)/sync/disconnect", json: ["id": 0], bearer: anna.token)
            #expect(zero.status == 422 && zero["errors"]?["id"] != nil)
            let link = try #require(first["imports"]?[0]?["id"]?.int64Value)
            let wrongWay = try await client.call(
                .post, "/api/kals/\(kal)/sync/disconnect", json: ["id": .number(JSONNumber(Int(link))), "from": false],
                bearer: anna.token)
            #expect(wrongWay.status == 422 && wrongWay["errors"]?["id"] != nil, "\(wrongWay.json)")
        }
    }

    @Test func withoutGoogleConfiguredEveryOperationAnswers503() async throws {
        let (server, _) = try await TestServer.google.value
        var unconfigured = server.configuration
        unconfigured.google = nil
        let app = buildApplication(configuration: unconfigured, pool: server.pool, logger: Logger(label: "test.google"))
        try await app.test(.live) { client in
            let anna = try await server.signIn(client)
            let kal = try await Self.makeKal(client, token: anna.token)
            let calls: [(HTTPRequest.Method, String, JSONValue?)] = [
                (.get, "/api/kals/\(kal)/sync/oauth-url", nil), (.get, "/api/kals/\(kal)/sync", nil),
                (.post, "/api/kals/\(kal)/sync", ["id": "primary", "summary": "Work", "timeZone": "UTC"]),
                (.post, "/api/kals/\(kal)/sync/disconnect", ["id": 1]),
            ]
            for (method, path, json) in calls {
                let answer = try await client.call(method, path, json: json, bearer: anna.token)
                #expect(answer.status == 503, "\(path): \(answer.json)")
                #expect(answer["message"]?.stringValue?.contains("Google Calendar is not configured") == true)
            }
            let callback = try await client.call(.get, "/google/oauth/callback?code=x&state=y")
            #expect(callback.status == 503)
            #expect(try await server.pool.query("SELECT 1 FROM kal_sync_links WHERE kal_id = \(kal)").isEmpty)
        }
    }

    // MARK: Sync

    @Test func importedEventsAreBusyTimeAndFollowGooglesChanges() async throws {
        let (server, stub) = try await TestServer.google.value
        try await server.application.test(.live) { client in
            let olga = try await server.signIn(client, name: "Olga Owner")
            let (schedule, kal) = try await Self.makeSchedule(client, token: olga.token)
            #expect(try await Self.slotStarts(client, schedule: schedule, token: olga.token).count == 6)
            let account = Self.unique("olga")
            let calendar = "\(account)@group.calendar.google.com"
            try await stub.addCalendar(account: account, id: calendar, summary: "Work")
            try await stub.addEvent(
                calendar: calendar, id: "dentist", summary: "Dentist", start: "2027-03-22T09:30:00+01:00",
                end: "2027-03-22T10:00:00+01:00")
            try await stub.addEvent(
                calendar: calendar, id: "lunch", summary: "Lunch", start: "2027-03-22T10:30:00Z",
                end: "2027-03-22T11:30:00Z")
            try await stub.addEvent(
                calendar: calendar, id: "other-day", summary: "Gym", start: "2027-03-23T08:00:00Z",
                end: "2027-03-23T09:00:00Z")
            // Shown as free: no busy time. All day on Monday 29 March: midnight to midnight in Berlin (CEST).
            try await stub.addEvent(
                calendar: calendar,
                [
                    "id": "free", "summary": "Free", "transparency": "transparent",
                    "start": ["dateTime": "2027-03-22T10:00:00Z"], "end": ["dateTime": "2027-03-22T10:30:00Z"],
                ])
            try await stub.addEvent(
                calendar: calendar,
                ["id": "trip", "summary": "Trip", "start": ["date": "2027-03-29"], "end": ["date": "2027-03-30"]])
            try await Self.linkGoogle(client, stub: stub, kal: kal, token: olga.token, account: account)

            let linked = try await client.call(
                .post, "/api/kals/\(kal)/sync",
                json: [
                    "id": .string(calendar), "summary": "Work", "description": "Work calendar",
                    "timeZone": "Europe/Berlin", "from": true,
                ],
                bearer: olga.token)
            #expect(linked.status == 201, "\(linked.json)")
            let link = try #require(linked["imports"]?[0])
            #expect(
                link["external_id"]?.stringValue == calendar && link["from"] == true
                    && link["timezone"] == "Europe/Berlin")
            #expect(link["last_synced_at"] != .null && linked["exports"] == [] && linked["connected"] == true)

            // 09:30 Berlin (08:30 UTC) is taken by the dentist; the three events came in two pages.
            var starts = try await Self.slotStarts(client, schedule: schedule, token: olga.token)
            #expect(starts == [Self.monday(0), Self.monday(60), Self.monday(90), Self.monday(120)], "\(starts)")
            let ben = try await server.signIn(client, name: "Ben")
            let refused = try await client.call(
                .post, "/api/schedules/\(schedule)/book", json: ["start": .string(Self.monday(30))], bearer: ben.token)
            #expect(refused.status == 422 && refused["errors"]?["start"] != nil, "\(refused.json)")
            let stored = try await server.pool.query(
                "SELECT external_id, private, label FROM events WHERE kal_id = \(kal) AND external_id IS NOT NULL AND deleted_at IS NULL ORDER BY date"
            )
            #expect(
                try stored.map { try $0.decode(String.self, "external_id") } == [
                    "dentist", "lunch", "other-day", "trip",
                ])
            let trip = try #require(
                try await server.pool.query(
                    "SELECT date, ends_at FROM events WHERE kal_id = \(kal) AND external_id = 'trip'"
                ).first)
            #expect(try trip.decode(Date.self, "date").json == "2027-03-28T22:00:00Z")
            #expect(try trip.decode(Date.self, "ends_at").json == "2027-03-29T22:00:00Z")
            #expect(try stored.allSatisfy { try $0.decode(Bool.self, "private") })

            // Incremental: a new event and a cancelled one, asked for with the sync token.
            try await stub.addEvent(
                calendar: calendar, id: "call", summary: "Call", start: "2027-03-22T09:00:00Z",
                end: "2027-03-22T09:30:00Z")
            try await stub.deleteEvent(calendar: calendar, id: "dentist")
            try await Self.sync(server, kal: kal)
            starts = try await Self.slotStarts(client, schedule: schedule, token: olga.token)
            #expect(starts == [Self.monday(0), Self.monday(30), Self.monday(90), Self.monday(120)], "\(starts)")
            let lists = try await stub.requests().filter {
                $0["path"]?.stringValue?.contains(account) == true && $0["method"] == "GET"
            }
            #expect(lists.first?["query"]?["syncToken"] == nil && lists.last?["query"]?["syncToken"] != nil)
            #expect(lists.allSatisfy { $0["query"]?["singleEvents"] == "true" })

            // Disconnecting stops the sync; what was imported stays.
            let removed = try await client.call(
                .post, "/api/kals/\(kal)/sync/disconnect",
                json: ["id": .number(JSONNumber(Int(try #require(link["id"]?.int64Value))))],
                bearer: olga.token)
            #expect(removed.status == 200 && removed["imports"] == [], "\(removed.json)")
            try await stub.deleteEvent(calendar: calendar, id: "call")
            try await Self.sync(server, kal: kal)
            #expect(try await Self.slotStarts(client, schedule: schedule, token: olga.token).count == 4)
        }
    }

    @Test func aGoneSyncTokenIsDroppedAndTheCalendarListedInFull() async throws {
        let (server, stub) = try await TestServer.google.value
        try await server.application.test(.live) { client in
            let olga = try await server.signIn(client, name: "Olga Owner")
            let (schedule, kal) = try await Self.makeSchedule(client, token: olga.token)
            let account = Self.unique("olga")
            let calendar = "\(account)@group.calendar.google.com"
            try await stub.addCalendar(account: account, id: calendar, summary: "Work")
            try await stub.addEvent(
                calendar: calendar, id: "a", summary: "A", start: "2027-03-22T08:00:00Z", end: "2027-03-22T08:30:00Z")
            try await stub.addEvent(
                calendar: calendar, id: "b", summary: "B", start: "2027-03-22T09:00:00Z", end: "2027-03-22T09:30:00Z")
            try await Self.linkGoogle(client, stub: stub, kal: kal, token: olga.token, account: account)
            let linked = try await client.call(
                .post, "/api/kals/\(kal)/sync",
                json: ["id": .string(calendar), "summary": "Work", "timeZone": "Europe/Berlin"],
                bearer: olga.token)
            #expect(linked.status == 201, "\(linked.json)")
            #expect(try await Self.slotStarts(client, schedule: schedule, token: olga.token).count == 4)

            // B vanishes without a trace (only a full listing can tell), C appears, and the token dies.
            try await stub.deleteEvent(calendar: calendar, id: "b", silently: true)
            try await stub.addEvent(
                calendar: calendar, id: "c", summary: "C", start: "2027-03-22T10:00:00Z", end: "2027-03-22T10:30:00Z")
            try await stub.expireSyncToken(calendar: calendar)
            let before = try await stub.requests().count
            try await Self.sync(server, kal: kal)
            let starts = try await Self.slotStarts(client, schedule: schedule, token: olga.token)
            #expect(starts == [Self.monday(30), Self.monday(60), Self.monday(90), Self.monday(150)], "\(starts)")
            let lists = try await stub.requests().dropFirst(before).filter {
                $0["path"]?.stringValue?.contains(account) == true
            }
            #expect(lists.first?["query"]?["syncToken"] != nil, "\(lists)")
            #expect(lists.dropFirst().first?["query"]?["syncToken"] == nil, "\(lists)")
            let sync = try await server.pool.query(
                "SELECT sync_token, last_error FROM kal_sync_links WHERE kal_id = \(kal)")
            #expect(try sync.first?.decode(String?.self, "sync_token") != nil)
            #expect(try sync.first?.decode(String?.self, "last_error") == nil)
        }
    }

    @Test func bookingsAreExportedPatchedAndDeletedInGoogle() async throws {
        let (server, stub) = try await TestServer.google.value
        try await server.application.test(.live) { client in
            let olga = try await server.signIn(client, name: "Olga Owner")
            let (schedule, kal) = try await Self.makeSchedule(client, token: olga.token)
            let account = Self.unique("olga")
            let calendar = "\(account)@group.calendar.google.com"
            try await stub.addCalendar(account: account, id: calendar, summary: "Bookings")
            try await Self.linkGoogle(client, stub: stub, kal: kal, token: olga.token, account: account)
            let linked = try await client.call(
                .post, "/api/kals/\(kal)/sync",
                json: ["id": .string(calendar), "summary": "Bookings", "timeZone": "Europe/Berlin", "from": false],
                bearer: olga.token)
            #expect(
                linked.status == 201 && linked["exports"]?.arrayValue?.count == 1 && linked["imports"] == [],
                "\(linked.json)")
            let got = try await client.call(.get, "/api/kals/\(kal)/sync", bearer: olga.token)
            #expect(got["exports"]?[0]?["from"] == false)

            let ben = try await server.signIn(client, name: "Ben")
            let booked = try await client.call(
                .post, "/api/schedules/\(schedule)/book",
                json: ["start": .string(Self.monday(60)), "label": "Tax question"],
                bearer: ben.token)
            #expect(booked.status == 201, "\(booked.json)")
            let event = try #require(booked["event"]?["id"]?.int64Value)
            try await Self.sync(server, kal: kal)
            var exported = try await stub.events(calendar: calendar)
            #expect(exported.count == 1, "\(exported)")
            #expect(exported.first?["summary"] == "Tax question")
            #expect(exported.first?["start"]?["dateTime"] == "2027-03-22T09:00:00Z")
            #expect(exported.first?["end"]?["dateTime"] == "2027-03-22T09:30:00Z")
            #expect(exported.first?["extendedProperties"]?["private"]?["ceki_event"]?.stringValue == "\(event)")

            // Nothing changed: nothing is written again.
            let writes = { () async throws -> Int in
                try await stub.requests().filter {
                    $0["method"] != "GET" && $0["path"]?.stringValue?.contains(account) == true
                }.count
            }
            let before = try await writes()
            try await Self.sync(server, kal: kal)
            #expect(try await writes() == before)

            // A change is patched, a deletion deleted.
            try await server.pool.query(
                "UPDATE events SET label = 'Tax question (moved)', updated_at = now() WHERE id = \(event)")
            try await Self.sync(server, kal: kal)
            exported = try await stub.events(calendar: calendar)
            #expect(exported.count == 1 && exported.first?["summary"] == "Tax question (moved)", "\(exported)")
            try await server.pool.query("UPDATE events SET deleted_at = now(), updated_at = now() WHERE id = \(event)")
            try await Self.sync(server, kal: kal)
            exported = try await stub.events(calendar: calendar)
            #expect(exported.first?["status"] == "cancelled", "\(exported)")
            #expect(try await server.pool.query("SELECT 1 FROM kal_sync_exports WHERE event_id = \(event)").isEmpty)
        }
    }

    @Test func aRevokedGrantUnlinksTheAccountAndTheSyncSaysSo() async throws {
        let (server, stub) = try await TestServer.google.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let kal = try await Self.makeKal(client, token: anna.token)
            let account = Self.unique("anna")
            let calendar = "\(account)@group.calendar.google.com"
            try await stub.addCalendar(account: account, id: calendar, summary: "Work")
            try await Self.linkGoogle(client, stub: stub, kal: kal, token: anna.token, account: account)
            let linked = try await client.call(
                .post, "/api/kals/\(kal)/sync", json: ["id": .string(calendar), "summary": "Work", "timeZone": "UTC"],
                bearer: anna.token)
            #expect(linked.status == 201, "\(linked.json)")

            try await stub.revoke(account: account)
            try await Self.sync(server, kal: kal)
            let error = try await server.pool.query("SELECT last_error FROM kal_sync_links WHERE kal_id = \(kal)")
            #expect(try error.first?.decode(String?.self, "last_error")?.contains("no longer linked") == true)
            #expect(try await server.pool.query("SELECT 1 FROM google_accounts WHERE user_id = \(anna.id)").isEmpty)
            let after = try await client.call(.get, "/api/kals/\(kal)/sync", bearer: anna.token)
            #expect(after.status == 200 && after["connected"] == false && after["calendars"] == [], "\(after.json)")
            #expect(after["imports"]?.arrayValue?.count == 1)
        }
    }
}
