import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

/// `addContractHand` and `addContractUser` with a `schedule` end to end: a pending hand with its work schedule, an
/// account for an unknown address, and one invitation mail per address, contract and day even when adds race.
@Suite("Contract hand invitations over HTTP")
struct ContractHandInvitationsOverHTTPTests {
    /// Mondays 09:00–12:00 Berlin at 50 EUR an hour, at most 20 hours a week.
    static let schedule: JSONValue = [
        "price": 50, "limit": 1200, "timezone": "Europe/Berlin",
        "settings": ["days": ["1": [["start": "09:00", "end": "12:00"]]]],
    ]

    static func outboxCount(to email: String, on server: TestServer) async throws -> Int {
        try await server.pool.query(
            "SELECT count(*) AS n FROM mail_outbox WHERE recipient = \(email) AND subject = 'You are invited to a contract'"
        )[0].decode(Int.self, "n")
    }

    @Test func anAdministratorInvitesAUserOrAnAddressWithAWorkSchedule() async throws {
        let server = try await TestServer.contractEvents.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let dora = try await server.signIn(client, name: "Dora Admin")
            let eve = try await server.signIn(client, name: "Eve")
            let id = try await ContractOverHTTPTests.create(client, by: anna)
            try await ContractOverHTTPTests.add(client, dora, role: 2, to: id, by: anna)  // write 4
            let hands = "/api/contracts/\(id)/hands"

            let bens = try await client.call(
                .post, hands, json: ["user_id": number(ben.id), "role": "Designer", "schedule": Self.schedule],
                bearer: anna.token)
            #expect(bens.status == 201, "\(bens.json)")
            #expect(
                bens["status_id"] == 100 && bens["currency"] == "EUR" && bens["price"] == 50 && bens["limit"] == 1200)
            #expect(bens["role"] == "Designer" && bens["user_id"]?.int64Value == Int64(ben.id))
            let scheduleID = try #require(bens["schedule_id"]?.int64Value)
            let stored = try await server.pool.query(
                "SELECT type_id, user_id, kal_id = (SELECT kal_id FROM contracts WHERE id = \(id)) AS in_kal FROM schedules WHERE id = \(scheduleID)"
            )
            #expect(try stored[0].decode(Int.self, "type_id") == 2 && stored[0].decode(Bool.self, "in_kal"))
            #expect(try stored[0].decode(Int.self, "user_id") == ben.id)
            let members = try await client.call(.get, "/api/contracts/\(id)/users", bearer: anna.token)
            let benAsMember = members.json.arrayValue?.first { $0["user_id"]?.int64Value == Int64(ben.id) }
            #expect(benAsMember?["role_id"] == 3 && benAsMember?["read"] == 2 && benAsMember?["write"] == 2)
            _ = try await server.mail(to: ben.email, subject: "You are invited to a contract")
            let again = try await client.call(
                .post, hands, json: ["user_id": number(ben.id), "schedule": Self.schedule], bearer: anna.token)
            #expect(again.status == 422 && again["errors"]?["user_id"] != nil, "one open invitation")

            let email = TestServer.uniqueEmail("newcomer")
            let newcomer = try await client.call(
                .post, hands, json: ["email": .string(email), "schedule": Self.schedule], bearer: anna.token)
            #expect(newcomer.status == 201, "\(newcomer.json)")
            let account = try await server.pool.query("SELECT id, name FROM users WHERE email = \(email)::citext")
            #expect(try account[0].decode(String.self, "name") == String(email.prefix { $0 != "@" }))
            let mail = try await server.mail(to: email, subject: "You are invited to a contract")
            #expect(mail.body.contains("/api/contracts/\(id)/hands/"))

            let both = try await client.call(
                .post, hands, json: ["email": "x@example.com", "user_id": number(eve.id), "schedule": Self.schedule],
                bearer: anna.token)
            #expect(both.status == 422 && Set(both["errors"]?.objectValue?.keys ?? []) == ["user_id", "email"])
            let bad = try await client.call(
                .post, hands,
                json: [
                    "schedule": [
                        "currency": "USD",
                        "settings": [
                            "days": ["1": [["start": "09:00", "end": "09:00"], ["start": "10:00", "end": "11:00"]]]
                        ],
                    ]
                ],
                bearer: anna.token)
            #expect(bad.status == 422, "\(bad.json)")
            let keys = Set(bad["errors"]?.objectValue?.keys ?? [])
            #expect(keys.isSuperset(of: ["user_id", "email", "schedule.currency"]), "\(keys)")
            #expect(keys.contains { $0.hasPrefix("schedule.settings.days.1") }, "\(keys)")
            let nobody = try await client.call(
                .post, hands, json: ["user_id": 999_999_999, "schedule": Self.schedule], bearer: anna.token)
            #expect(nobody.status == 422 && nobody["errors"]?["user_id"] != nil)
            let admin = try await client.call(
                .post, hands, json: ["user_id": number(eve.id), "schedule": Self.schedule], bearer: dora.token)
            #expect(admin.status == 403)
            #expect(
                try await client.call(
                    .post, hands, json: ["user_id": number(eve.id), "schedule": Self.schedule], bearer: eve.token
                )
                .status == 404)
            #expect(try await client.call(.post, hands, json: ["user_id": 1, "schedule": Self.schedule]).status == 401)
        }
    }

    @Test func parallelAddsOfOneAddressMakeOneHandAndOneMailADay() async throws {
        let server = try await TestServer.contractEvents.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let id = try await ContractOverHTTPTests.create(client, by: anna)
            let email = TestServer.uniqueEmail("raced")
            let hands = "/api/contracts/\(id)/hands"
            let body: JSONValue = ["email": .string(email), "schedule": Self.schedule]
            let answers = try await client.callInParallel(
                (0..<6).map { _ in ParallelRequest(.post, hands, json: body, bearer: anna.token) })
            #expect(answers.map(\.status).sorted() == [201, 422, 422, 422, 422, 422], "\(answers.map(\.json))")
            let pending = try await server.pool.query(
                """
                SELECT count(*) AS n FROM contract_hands h JOIN users u ON u.id = h.user_id
                WHERE h.contract_id = \(id) AND u.email = \(email)::citext AND h.status_id = 100
                """)
            #expect(try pending[0].decode(Int.self, "n") == 1)
            #expect(try await Self.outboxCount(to: email, on: server) == 1)

            // Withdrawn and invited again the same day: a new hand, no second mail.
            let hand = try #require(answers.first { $0.status == 201 }?["id"]?.int64Value)
            #expect(try await client.call(.delete, "\(hands)/\(hand)", bearer: anna.token).status == 200)
            let again = try await client.call(.post, hands, json: body, bearer: anna.token)
            #expect(again.status == 201, "\(again.json)")
            #expect(try await Self.outboxCount(to: email, on: server) == 1)
            let members = try await server.pool.query(
                "SELECT count(*) AS n FROM contract_users WHERE contract_id = \(id)")
            #expect(try members[0].decode(Int.self, "n") == 2)
        }
    }

    @Test func aMemberAddedWithAScheduleHasAPendingHand() async throws {
        let server = try await TestServer.contractEvents.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let id = try await ContractOverHTTPTests.create(client, by: anna)
            let added = try await client.call(
                .post, "/api/contracts/\(id)/users",
                json: ["user_id": number(ben.id), "role_id": 5, "schedule": Self.schedule], bearer: anna.token)
            #expect(added.status == 201, "\(added.json)")
            #expect(added["role_id"] == 5 && added["hands"]?.arrayValue?.count == 1)
            #expect(added["hands"]?[0]?["status_id"] == 100 && added["hands"]?[0]?["schedule_id"]?.int64Value != nil)
            _ = try await server.mail(to: ben.email, subject: "You are invited to a contract")
            let cleo = try await server.signIn(client, name: "Cleo")
            let bad = try await client.call(
                .post, "/api/contracts/\(id)/users",
                json: [
                    "user_id": number(cleo.id), "role_id": 3,
                    "schedule": ["currency": "USD", "settings": ["days": [:]]],
                ],
                bearer: anna.token)
            #expect(bad.status == 422 && bad["errors"]?["schedule.currency"] != nil, "\(bad.json)")
            let list = try await client.call(.get, "/api/contracts/\(id)/users", bearer: anna.token)
            #expect(list.json.arrayValue?.count == 2, "nothing added by the refused request")
        }
    }

    @Test func theContractViewShowsAHandsScheduleFreeTimeAndEvents() async throws {
        let server = try await TestServer.contractEvents.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let eve = try await server.signIn(client, name: "Eve")
            let id = try await ContractOverHTTPTests.create(client, by: anna)
            let kal = try await ContractEventsOverHTTPTests.kal(of: id, on: server)
            let hand = try await client.call(
                .post, "/api/contracts/\(id)/hands", json: ["user_id": number(ben.id), "schedule": Self.schedule],
                bearer: anna.token)
            let schedule = try #require(hand["schedule_id"]?.int64Value)
            let range = "dates[from]=2027-03-22T00:00:00Z&dates[to]=2027-03-23T00:00:00Z"
            let uri = "/api/kals/\(kal)/contract-view/\(schedule)?\(range)"

            let before = try await client.call(.get, uri, bearer: anna.token)
            #expect(before.status == 200, "\(before.json)")
            #expect(before["kal"]?["id"]?.int64Value == Int64(kal) && before["access"]?["role_id"] == 1)
            #expect(before["schedules"]?[0]?["id"]?.int64Value == schedule)
            let starts = before["slots"]?[0]?["slots"]?.arrayValue?.compactMap { $0["start"]?.stringValue } ?? []
            #expect(starts == ["2027-03-22T08:00:00Z", "2027-03-22T09:00:00Z", "2027-03-22T10:00:00Z"])
            _ = try await ContractEventsOverHTTPTests.event(
                client,
                ContractEventsOverHTTPTests.meeting.merging([
                    "start": "09:00", "attendees": [["user_id": number(ben.id)]],
                ]),
                in: id, by: anna)
            _ = try await ContractEventsOverHTTPTests.event(
                client, ContractEventsOverHTTPTests.meeting.merging(["label": "Not Ben's", "start": "11:00"]), in: id,
                by: anna)
            let after = try await client.call(.get, uri, bearer: ben.token)
            #expect(after.status == 200, "\(after.json)")
            let free = after["slots"]?[0]?["slots"]?.arrayValue?.compactMap { $0["start"]?.stringValue } ?? []
            #expect(free == ["2027-03-22T09:00:00Z"], "the meeting he attends and the contract's other event")
            #expect(after["events"]?.arrayValue?.map { $0["label"] } == ["Design review"], "only Ben's events")

            let defaultKal = try await client.call(.get, "/api/kals/default", bearer: anna.token)
            let personal = try #require(defaultKal["kal"]?["id"]?.int64Value)
            #expect(
                try await client.call(.get, "/api/kals/\(personal)/contract-view/\(schedule)", bearer: anna.token)
                    .status == 404)
            #expect(
                try await client.call(.get, "/api/kals/\(kal)/contract-view/999999999", bearer: anna.token).status
                    == 404)
            #expect(try await client.call(.get, uri, bearer: eve.token).status == 404)
            #expect(try await client.call(.get, uri).status == 401)
            let zone = try await client.call(.get, "\(uri)&viewer_timezone=Mars/Olympus", bearer: anna.token)
            #expect(zone.status == 422 && zone["errors"]?["viewer_timezone"] != nil)
        }
    }
}
