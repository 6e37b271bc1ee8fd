import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

extension TestServer {
    /// The specialist search's server and database (`ceki_test_specialists`).
    static let specialists = Task { try await TestServer(suite: "specialists") }
}

/// `searchSpecialists` end to end. Tests run in parallel on one database, so each names its schedules with a word
/// of its own and searches for it (`query`); dates are in 2027, after "now".
@Suite("Specialist search over HTTP")
struct SpecialistSearchOverHTTPTests {
    /// A word no other test's schedules carry.
    static func uniqueWord() -> String {
        "w" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
    }

    /// Mondays 09:00–12:00 Berlin, 30-minute slots, no notice, public; `extra` replaces fields.
    static func schedule(_ label: String, _ extra: JSONObject = [:]) -> JSONValue {
        let base: JSONValue = [
            "label": .string(label), "private": false, "timezone": "Europe/Berlin", "currency": "EUR", "price": 40,
            "settings": ["duration": 30, "days": ["1": [["start": "09:00", "end": "12:00"]]]],
        ]
        return base.merging(extra)
    }

    static func create(_ client: some TestClientProtocol, _ token: String, _ body: JSONValue) async throws -> Int64 {
        let created = try await client.call(.post, "/api/schedules", json: body, bearer: token)
        #expect(created.status == 201, "\(created.json)")
        return try #require(created["id"]?.int64Value)
    }

    static func search(_ client: some TestClientProtocol, _ token: String, _ body: JSONValue) async throws
        -> JSONResponse
    {
        try await client.call(.post, "/api/search/specialists", json: body, bearer: token)
    }

    /// The schedule ids of a page, in order.
    static func ids(_ page: JSONResponse) -> [Int64] {
        page["data"]?.arrayValue?.compactMap { $0["schedule"]?["id"]?.int64Value } ?? []
    }

    /// Monday 22 March 2027 to the next Monday, UTC.
    static let week: JSONObject = ["start": "2027-03-22T00:00:00Z", "end": "2027-03-29T00:00:00Z"]

    @Test func everySQLFilterNarrowsTheMatchesAndPrivateAndOwnSchedulesNeverShow() async throws {
        let server = try await TestServer.specialists.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben Berger")
            let word = Self.uniqueWord()
            let (tax, audit) = ("Tax \(word)", "Audit \(word)")
            let kal = try await client.call(
                .post, "/api/kals", json: ["label": "Side work", "private": false], bearer: ben.token)
            let sideKal = try #require(kal["id"]?.int64Value ?? kal["kal"]?["id"]?.int64Value, "\(kal.json)")
            let cheap = try await Self.create(
                client, ben.token,
                Self.schedule(
                    "Cheap \(word)",
                    ["msp": 120, "skills": [["label": .string(tax)], ["label": .string(audit)]]]))
            let dear = try await Self.create(
                client, ben.token,
                Self.schedule(
                    "Dear \(word)",
                    [
                        "price": 80, "currency": "USD", "kal_id": .number(JSONNumber(Int(sideKal))),
                        "skills": [["label": .string(tax)]],
                        "settings": ["duration": 60, "days": ["1": [["start": "09:00", "end": "12:00"]]]],
                    ]))
            let free = try await Self.create(client, ben.token, Self.schedule("Free \(word)", ["price": .null]))
            let hiring = try await Self.create(client, ben.token, Self.schedule("Hiring \(word)", ["type_id": 3]))
            _ = try await Self.create(client, ben.token, Self.schedule("Secret \(word)", ["private": true]))
            _ = try await Self.create(client, anna.token, Self.schedule("Annas own \(word)"))

            let all = try await Self.search(client, anna.token, ["query": .string(word)])
            #expect(all.status == 200, "\(all.json)")
            #expect(Set(Self.ids(all)) == [cheap, dear, free], "availability schedules of others, public: \(all.json)")
            #expect(all["total"] == 3)
            let first = try #require(all["data"]?[0])
            #expect(first["user"]?["id"]?.int64Value == Int64(ben.id) && first["user"]?["name"] == "Ben Berger")
            #expect(first["user"]?["email"] == nil, "a public profile")

            let skills = try #require(
                try await client.call(.get, "/api/schedules/\(cheap)", bearer: ben.token)["schedule"]?["skills"]?
                    .arrayValue)
            let skillID = { (label: String) in skills.first { $0["label"]?.stringValue == label }?["id"] ?? .null }
            let cases: [(JSONValue, Set<Int64>, String)] = [
                (["type_id": 3], [hiring], "type"),
                (["skills": [skillID(tax)]], [cheap, dear], "one skill"),
                (["skills": [skillID(tax), skillID(audit)]], [cheap], "all the skills"),
                (["price_from": 50], [dear], "lowest price"),
                (["price_to": 50], [cheap, free], "highest price, free counts as 0"),
                (["price_from": 0, "price_to": 0], [free], "free only"),
                (["currency": "usd"], [dear], "currency, any case"),
                (["msp": 60], [dear, free], "minimum notice at most"),
                (["duration": 45], [dear], "slots at least this long"),
                (["kal_id": .number(JSONNumber(Int(sideKal)))], [dear], "kal"),
                (["query": .string("dear \(word.prefix(8))")], [dear], "every word, as a prefix"),
                (["query": .string("berger \(word)")], [cheap, dear, free], "the owner's name"),
                (["query": .string("\(tax.prefix(3)) \(word)")], [cheap, dear], "a skill's label"),
            ]
            for (filter, expected, what) in cases {
                var body = filter
                if filter["query"] == nil { body = body.merging(["query": .string(word)]) }
                let answer = try await Self.search(client, anna.token, body)
                #expect(answer.status == 200, "\(what): \(answer.json)")
                #expect(Set(Self.ids(answer)) == expected, "\(what): \(answer.json)")
                #expect(answer["total"]?.int64Value == Int64(expected.count), "\(what)")
            }
            let bens = try await Self.search(client, ben.token, ["query": .string(word)])
            #expect(Self.ids(bens).count == 1, "Ben sees Anna's schedule, none of his own: \(bens.json)")
        }
    }

    @Test func sortsByUpdatedCreatedAndPriceEitherWay() async throws {
        let server = try await TestServer.specialists.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let word = Self.uniqueWord()
            let a = try await Self.create(client, ben.token, Self.schedule("A \(word)", ["price": 30]))
            let b = try await Self.create(client, ben.token, Self.schedule("B \(word)", ["price": 10]))
            let c = try await Self.create(client, ben.token, Self.schedule("C \(word)", ["price": 20]))
            // Created a, b, c; last updated c, a, b.
            try await server.pool.query(
                """
                UPDATE schedules
                SET created_at = now() - make_interval(hours => CASE id WHEN \(Int(a)) THEN 30 WHEN \(Int(b)) THEN 20 ELSE 10 END),
                    updated_at = now() - make_interval(hours => CASE id WHEN \(Int(c)) THEN 3 WHEN \(Int(a)) THEN 2 ELSE 1 END)
                WHERE id IN (\(Int(a)), \(Int(b)), \(Int(c)))
                """)
            let orders: [(JSONValue, [Int64])] = [
                ([:], [b, a, c]),
                (["sortBy": "updated_at", "descending": false], [c, a, b]),
                (["sortBy": "created_at"], [c, b, a]),
                (["sortBy": "created_at", "descending": false], [a, b, c]),
                (["sortBy": "price"], [b, c, a]),
                (["sortBy": "price", "descending": true], [a, c, b]),
            ]
            for (order, expected) in orders {
                let answer = try await Self.search(client, anna.token, order.merging(["query": .string(word)]))
                #expect(Self.ids(answer) == expected, "\(order): \(answer.json)")
            }
        }
    }

    @Test func pagesAreLaravelPagesWithAnExactTotalFromSQL() async throws {
        let server = try await TestServer.specialists.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let word = Self.uniqueWord()
            var made: [Int64] = []
            for index in 1...5 {
                made.append(
                    try await Self.create(
                        client, ben.token, Self.schedule("P\(index) \(word)", ["price": .number(JSONNumber(index))])))
            }
            let body: JSONValue = ["query": .string(word), "sortBy": "price", "perPage": 2]
            let first = try await Self.search(client, anna.token, body)
            #expect(Self.ids(first) == Array(made[0..<2]))
            #expect(
                first["total"] == 5 && first["last_page"] == 3 && first["current_page"] == 1 && first["per_page"] == 2)
            #expect(first["from"] == 1 && first["to"] == 2 && first["prev_page_url"] == .null)
            #expect(
                first["next_page_url"]?.stringValue?.hasSuffix("/api/search/specialists?page=2") == true,
                "\(first.json)")
            #expect(first["links"]?.arrayValue?.count == 5, "previous, 1, 2, 3, next")
            let last = try await Self.search(client, anna.token, body.merging(["page": 3]))
            #expect(
                Self.ids(last) == [made[4]] && last["from"] == 5 && last["to"] == 5 && last["next_page_url"] == .null)
            let beyond = try await Self.search(client, anna.token, body.merging(["page": 9]))
            #expect(
                Self.ids(beyond).isEmpty && beyond["total"] == 5 && beyond["from"] == .null && beyond["to"] == .null)
            let far = try await Self.search(client, anna.token, body.merging(["page": 9_223_372_036_854_775_807]))
            #expect(far.status == 200 && Self.ids(far).isEmpty, "\(far.json)")
            let none = try await Self.search(client, anna.token, ["query": .string(Self.uniqueWord())])
            #expect(none["total"] == 0 && none["last_page"] == 1 && Self.ids(none).isEmpty)
        }
    }

    @Test func daysAndHoursMeanFreeSlotsOnTheSearchersClock() async throws {
        let server = try await TestServer.specialists.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let word = Self.uniqueWord()
            // Mondays 09:00–12:00 in Berlin: on 22 March 2027 that is 08:00–11:00 UTC, 04:00–07:00 in New York
            // (already on summer time since the 14th).
            let id = try await Self.create(client, ben.token, Self.schedule("Mondays \(word)"))
            let cases: [(JSONValue, Bool, String)] = [
                (["days": [1]], true, "Monday"),
                (["days": [2, 3]], false, "Tuesday or Wednesday"),
                (
                    ["days": [1], "hours": ["from": "09:00", "to": "10:00"], "timezone": "Europe/Berlin"], true,
                    "09–10 Berlin"
                ),
                (
                    ["hours": ["from": "11:30", "to": "12:00"], "timezone": "Europe/Berlin"], true,
                    "the last slot exactly"
                ),
                (["hours": ["from": "11:45", "to": "13:00"], "timezone": "Europe/Berlin"], false, "no whole slot"),
                (["hours": ["from": "08:00", "to": "09:00"]], true, "08–09 UTC (the default zone) is 09–10 in Berlin"),
                (["hours": ["from": "11:00", "to": "12:00"]], false, "11–12 UTC is 12–13 in Berlin"),
                (
                    ["hours": ["from": "04:00", "to": "05:00"], "timezone": "America/New_York", "days": [1]], true,
                    "New York"
                ),
                (
                    ["hours": ["from": "09:00", "to": "10:00"], "timezone": "America/New_York"], false,
                    "09 New York is 15 Berlin"
                ),
                (["start": "2027-03-23T00:00:00Z", "end": "2027-03-29T00:00:00Z"], false, "a week without a Monday"),
                (
                    ["start": "2027-03-22T10:45:00Z", "end": "2027-03-23T00:00:00Z"], false,
                    "after the last slot starts"
                ),
                (["start": "2027-03-22T10:30:00Z", "end": "2027-03-23T00:00:00Z"], true, "the last slot"),
            ]
            for (filter, matches, what) in cases {
                var body = filter.merging(["query": .string(word)])
                if filter["start"] == nil { body = body.merging(Self.week) }
                let answer = try await Self.search(client, anna.token, body)
                #expect(answer.status == 200, "\(what): \(answer.json)")
                #expect(Self.ids(answer) == (matches ? [id] : []), "\(what): \(answer.json)")
                #expect(answer["total"]?.int64Value == (matches ? 1 : 0), "\(what)")
            }
        }
    }

    @Test func aScheduleWhoseOnlySlotIsBookedNoLongerMatchesAFreeTimeFilter() async throws {
        let server = try await TestServer.specialists.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let word = Self.uniqueWord()
            let id = try await Self.create(
                client, ben.token,
                Self.schedule(
                    "One slot \(word)",
                    ["settings": ["duration": 30, "days": ["1": [["start": "09:00", "end": "09:30"]]]]]))
            let body: JSONValue = [
                "query": .string(word), "days": [1], "start": "2027-03-22T00:00:00Z", "end": "2027-03-23T00:00:00Z",
            ]
            #expect(Self.ids(try await Self.search(client, anna.token, body)) == [id])
            let booked = try await client.call(
                .post, "/api/schedules/\(id)/book", json: ["start": "2027-03-22T08:00:00Z"], bearer: anna.token)
            #expect(booked.status == 201, "\(booked.json)")
            let after = try await Self.search(client, anna.token, body)
            #expect(Self.ids(after).isEmpty && after["total"] == 0, "\(after.json)")
            let anyTime = try await Self.search(client, anna.token, ["query": .string(word)])
            #expect(Self.ids(anyTime) == [id], "without a free-time filter the schedule still matches")
        }
    }

    @Test func withFreeTimeFiltersTheTotalNeverPromisesAPageThatIsNotThere() async throws {
        let server = try await TestServer.specialists.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let word = Self.uniqueWord()
            var open: [Int64] = []
            for index in 1...5 {
                open.append(
                    try await Self.create(
                        client, ben.token,
                        Self.schedule("Open\(index) \(word)", ["price": .number(JSONNumber(index * 2))])))
                // Between the open ones, schedules closed on Mondays: SQL finds them, the engine drops them.
                _ = try await Self.create(
                    client, ben.token,
                    Self.schedule(
                        "Closed\(index) \(word)",
                        [
                            "price": .number(JSONNumber(index * 2 + 1)),
                            "settings": ["days": ["2": [["start": "09:00", "end": "12:00"]]]],
                        ]))
            }
            let body: JSONValue = JSONValue.object(Self.week).merging([
                "query": .string(word), "days": [1], "sortBy": "price", "perPage": 2,
            ])
            let first = try await Self.search(client, anna.token, body)
            #expect(Self.ids(first) == Array(open[0..<2]), "\(first.json)")
            #expect(first["total"] == 3 && first["last_page"] == 2, "two found and one more known: \(first.json)")
            let second = try await Self.search(client, anna.token, body.merging(["page": 2]))
            #expect(Self.ids(second) == Array(open[2..<4]) && second["total"] == 5, "\(second.json)")
            let third = try await Self.search(client, anna.token, body.merging(["page": 3]))
            #expect(
                Self.ids(third) == [open[4]] && third["total"] == 5 && third["last_page"] == 3,
                "exact once the candidates ran out")
        }
    }

    @Test func withoutATokenIs401() async throws {
        let server = try await TestServer.specialists.value
        try await server.application.test(.live) { client in
            let answer = try await client.call(.post, "/api/search/specialists", json: [:])
            #expect(answer.status == 401)
        }
    }

    @Test func everyBadFieldIsNamedInOne422() async throws {
        let server = try await TestServer.specialists.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let refused = try await Self.search(
                client, anna.token,
                [
                    "timezone": "Mars/Olympus", "hours": ["from": "12:00", "to": "09:00"], "price_from": 50,
                    "price_to": 10,
                    "start": "2027-03-22T00:00:00Z", "end": "2027-03-21T00:00:00Z",
                ])
            #expect(refused.status == 422, "\(refused.json)")
            #expect(
                Set(refused["errors"]?.objectValue?.keys.map { $0 } ?? []) == [
                    "timezone", "hours.to", "price_to", "end",
                ], "\(refused.json)")
            let long = try await Self.search(
                client, anna.token, ["start": "2027-01-01T00:00:00Z", "end": "2028-01-03T00:00:00Z"])
            #expect(long.status == 422 && long["errors"]?["end"] != nil, "\(long.json)")
            let offset = try await Self.search(client, anna.token, ["timezone": "GMT+5"])
            #expect(offset["errors"]?["timezone"] != nil, "bare offsets are refused as everywhere")
            let schema = try await Self.search(
                client, anna.token, ["days": [7], "perPage": 101, "sortBy": "name", "colour": "red"])
            #expect(schema.status == 422, "\(schema.json)")
            let keys = Set(schema["errors"]?.objectValue?.keys.map { $0 } ?? [])
            #expect(keys.isSuperset(of: ["days.0", "perPage", "sortBy"]), "\(schema.json)")
        }
    }
}
