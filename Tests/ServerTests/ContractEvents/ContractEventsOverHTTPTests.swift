import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

extension TestServer {
    static let contractEvents = Task { try await TestServer(suite: "contract_event") }
}

/// `createContractEvent`, `updateContractEvent`, `addContractComment` and `listContractEvents` end to end: what each
/// read level lists, who creates, assigns and changes, and every bad field in one 422.
@Suite("Contract events over HTTP")
struct ContractEventsOverHTTPTests {
    /// A meeting on Monday 22 March 2027 at 10:00 Berlin (09:00 UTC), an hour long.
    static let meeting: JSONValue = [
        "label": "Design review", "type_id": 1, "date": "2027-03-22T00:00:00Z", "start": "10:00", "duration": 60,
        "timezone": "Europe/Berlin",
    ]

    /// The contract's kal id.
    static func kal(of contract: Int, on server: TestServer) async throws -> Int {
        try await server.pool.query("SELECT kal_id FROM contracts WHERE id = \(contract)")[0].decode(Int.self, "kal_id")
    }

    /// Makes an event through `createContractEvent` and answers its id.
    static func event(
        _ client: some TestClientProtocol, _ body: JSONValue, in contract: Int, by user: SignedInUser
    ) async throws -> Int {
        let created = try await client.call(.post, "/api/contracts/\(contract)/events", json: body, bearer: user.token)
        guard created.status == 201, let id = created["id"]?.int64Value else {
            throw SetupFailure(description: "createContractEvent answered \(created.status): \(created.json)")
        }
        return Int(id)
    }

    static func ids(_ page: JSONResponse) -> [Int64] {
        page["data"]?.arrayValue?.compactMap { $0["id"]?.int64Value } ?? []
    }

    @Test func membersCreateEventsAndReadLevelOneListsOnlyItsOwn() async throws {
        let server = try await TestServer.contractEvents.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let cleo = try await server.signIn(client, name: "Cleo")
            let eve = try await server.signIn(client, name: "Eve")
            let id = try await ContractOverHTTPTests.create(client, by: anna)
            try await ContractOverHTTPTests.add(client, ben, role: 3, to: id, by: anna)
            try await ContractOverHTTPTests.add(client, cleo, role: 3, read: 1, to: id, by: anna)
            let events = "/api/contracts/\(id)/events"
            let kal = try await Self.kal(of: id, on: server)

            let meeting = try await client.call(
                .post, events, json: Self.meeting.merging(["attendees": [["user_id": number(ben.id)]]]),
                bearer: anna.token)
            #expect(meeting.status == 201, "\(meeting.json)")
            #expect(meeting["type_id"] == 1 && meeting["status_id"] == 100, "Ben must confirm it")
            #expect(meeting["kal_id"]?.int64Value == Int64(kal) && meeting["user_id"]?.int64Value == Int64(anna.id))
            #expect(
                meeting["date"] == "2027-03-22T09:00:00Z" && meeting["start"] == "10:00" && meeting["end"] == "11:00")
            #expect(meeting["attendees"]?[0]?["user_id"]?.int64Value == Int64(ben.id))
            #expect(meeting["attendees"]?[0]?["status_id"] == 100 && meeting["owner_type"] == "User")
            let task = try await client.call(.post, events, json: ["label": "Write the copy"], bearer: ben.token)
            #expect(task.status == 201 && task["type_id"] == 2 && task["status_id"] == 200, "\(task.json)")
            #expect(task["date"] == .null, "an undated task")
            let comment = try await client.call(
                .post, "/api/contracts/\(id)/comments", json: ["label": "Looks good"], bearer: cleo.token)
            #expect(comment.status == 201 && comment["type_id"] == 3 && comment["status_id"] == 200, "\(comment.json)")

            let cleos = try await client.call(.get, events, bearer: cleo.token)
            #expect(cleos.status == 200, "\(cleos.json)")
            #expect(Self.ids(cleos) == [comment["id"]?.int64Value].compactMap { $0 }, "read 1: only her own")
            #expect(cleos["total"] == 1)
            let bens = try await client.call(.get, "\(events)?sortBy=created_at", bearer: ben.token)
            #expect(Self.ids(bens) == [meeting, task, comment].compactMap { $0["id"]?.int64Value }, "read 2: all")
            let newestFirst = try await client.call(
                .get, "\(events)?sortBy=created_at&descending=true&perPage=2", bearer: anna.token)
            #expect(Self.ids(newestFirst) == [comment, task].compactMap { $0["id"]?.int64Value })
            #expect(newestFirst["total"] == 3 && newestFirst["last_page"] == 2)
            let meetings = try await client.call(.get, "\(events)?type_id=1", bearer: anna.token)
            #expect(Self.ids(meetings) == [meeting["id"]?.int64Value].compactMap { $0 })
            let dated = try await client.call(
                .get, "\(events)?nn[]=date&dates[from]=2027-03-22T00:00:00Z&dates[to]=2027-03-23T00:00:00Z",
                bearer: anna.token)
            #expect(Self.ids(dated) == [meeting["id"]?.int64Value].compactMap { $0 })
            let attended = try await client.call(
                .get, "\(events)?user_id=\(ben.id)&sortBy=created_at", bearer: anna.token)
            #expect(Self.ids(attended) == [meeting, task].compactMap { $0["id"]?.int64Value })

            #expect(try await client.call(.get, events).status == 401)
            #expect(try await client.call(.post, events, json: ["label": "x"]).status == 401)
            #expect(try await client.call(.get, events, bearer: eve.token).status == 404)
            #expect(try await client.call(.post, events, json: ["label": "x"], bearer: eve.token).status == 404)

            let bad = try await client.call(
                .post, events,
                json: [
                    "label": "Bad", "type_id": 1, "timezone": "Mars/Olympus", "credit": true, "currency": "USD",
                    "attendees": [["user_id": number(eve.id)]], "benefitable": ["type": "User", "id": number(ben.id)],
                    "parent_id": 999_999_999,
                ],
                bearer: anna.token)
            #expect(bad.status == 422, "\(bad.json)")
            #expect(
                Set(bad["errors"]?.objectValue?.keys ?? [])
                    == ["date", "timezone", "credit", "currency", "attendees.0.user_id", "benefitable", "parent_id"])
        }
    }

    @Test func writeLevelTwoNeitherAssignsOthersNorChangesTheirEvents() async throws {
        let server = try await TestServer.contractEvents.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let id = try await ContractOverHTTPTests.create(client, by: anna)
            let other = try await ContractOverHTTPTests.create(client, by: anna, ["label": "Other", "currency": "EUR"])
            try await ContractOverHTTPTests.add(client, ben, role: 3, to: id, by: anna)
            let bensHand = try await ContractHandsOverHTTPTests.invite(ben, to: id, on: server)
            let annasHand = try await ContractHandsOverHTTPTests.ownersHand(client, of: id, owner: anna)
            let othersHand = try await ContractHandsOverHTTPTests.ownersHand(client, of: other, owner: anna)
            let events = "/api/contracts/\(id)/events"

            let assigning = try await client.call(
                .post, events,
                json: ["label": "For Anna", "benefitable": ["type": "ContractHand", "id": number(annasHand)]],
                bearer: ben.token)
            #expect(assigning.status == 403, "\(assigning.json)")
            let own = try await client.call(
                .post, events,
                json: ["label": "Mine", "benefitable": ["type": "ContractHand", "id": number(bensHand)]],
                bearer: ben.token)
            #expect(
                own.status == 201 && own["status_id"] == 200 && own["benefitable_id"]?.int64Value == Int64(bensHand))
            let assigned = try await client.call(
                .post, events,
                json: ["label": "For Ben", "benefitable": ["type": "ContractHand", "id": number(bensHand)]],
                bearer: anna.token)
            #expect(assigned.status == 201 && assigned["status_id"] == 100, "assigned to another: pending")
            #expect(assigned["benefitable_type"] == "ContractHand")
            #expect(assigned["attendees"]?[0]?["user_id"]?.int64Value == Int64(ben.id), "the assignee is asked")
            let elsewhere = try await client.call(
                .post, events,
                json: ["label": "X", "benefitable": ["type": "ContractHand", "id": number(othersHand)]],
                bearer: anna.token)
            #expect(elsewhere.status == 422 && elsewhere["errors"]?["benefitable"] != nil)

            let undated = try #require(own["id"]?.int64Value)
            let rezoned = try await client.call(
                .patch, "\(events)/\(undated)", json: ["timezone": "Asia/Tokyo"], bearer: ben.token)
            #expect(rezoned.status == 200 && rezoned["timezone"] == "Asia/Tokyo" && rezoned["date"] == .null)
            let timeless = try await client.call(
                .patch, "\(events)/\(undated)", json: ["start": "10:00"], bearer: ben.token)
            #expect(timeless.status == 422 && timeless["errors"]?["start"] != nil)
            let annas = try await Self.event(client, Self.meeting, in: id, by: anna)
            let uri = "\(events)/\(annas)"
            #expect(try await client.call(.patch, uri, json: ["label": "Mine now"], bearer: ben.token).status == 403)
            let held = try await client.call(
                .patch, uri, json: ["status_id": 444, "label": "Held"], bearer: anna.token)
            #expect(held.status == 200 && held["status_id"] == 444 && held["label"] == "Held", "\(held.json)")
            let moved = try await client.call(
                .patch, uri, json: ["start": "14:00", "duration": 30], bearer: anna.token)
            #expect(moved["date"] == "2027-03-22T13:00:00Z" && moved["end"] == "14:30" && moved["duration"] == 30)
            let reopened = try await client.call(.patch, uri, json: ["status_id": 100], bearer: anna.token)
            #expect(reopened["status_id"] == 100)
            let invited = try await client.call(
                .patch, uri, json: ["attendees": [["user_id": number(ben.id)]]], bearer: anna.token)
            #expect(invited["attendees"]?.arrayValue?.count == 1)
            #expect(
                try await client.call(.patch, uri, json: ["status_id": 777], bearer: anna.token)["status_id"] == 777)
            let final = try await client.call(.patch, uri, json: ["status_id": 100], bearer: anna.token)
            #expect(final.status == 422 && final["errors"]?["status_id"] != nil)
            let money = try await client.call(.patch, uri, json: ["amount": "10.00"], bearer: anna.token)
            #expect(money.status == 422 && money["errors"]?["amount"] != nil, "\(money.json)")
            #expect(try await client.call(.patch, uri, json: ["label": "x"]).status == 401)

            let othersEvent = try await Self.event(client, ["label": "Other's"], in: other, by: anna)
            let wrongContract = try await client.call(
                .patch, "\(events)/\(othersEvent)", json: ["label": "x"], bearer: anna.token)
            #expect(wrongContract.status == 404)
            let kal = try await Self.kal(of: id, on: server)
            let charge = try await server.pool.query(
                """
                INSERT INTO events (user_id, type_id, status_id, payment_status_id, kal_id, label, amount, currency)
                VALUES (\(anna.id), 4, 200, 100, \(kal), 'A charge', 10, 'EUR') RETURNING id
                """)[0].decode(Int.self, "id")
            let transaction = try await client.call(
                .patch, "\(events)/\(charge)", json: ["label": "x"], bearer: anna.token)
            #expect(transaction.status == 422 && transaction["errors"]?["event"] != nil)
            let bensList = try await client.call(.get, "\(events)?type_id=4", bearer: ben.token)
            #expect(bensList["total"] == 0, "read 2 lists no one else's transactions")
        }
    }

    @Test func theFeedTakesCommentsRepliesAndTasks() async throws {
        let server = try await TestServer.contractEvents.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let rita = try await server.signIn(client, name: "Rita Reviewer")
            let olaf = try await server.signIn(client, name: "Olaf Observer")
            let id = try await ContractOverHTTPTests.create(client, by: anna)
            let other = try await ContractOverHTTPTests.create(client, by: anna, ["label": "Other", "currency": "EUR"])
            try await ContractOverHTTPTests.add(client, rita, role: 5, to: id, by: anna)  // read 3, write 1
            try await ContractOverHTTPTests.add(client, olaf, role: 5, write: 0, to: id, by: anna)
            let comments = "/api/contracts/\(id)/comments"
            let task = try await Self.event(client, ["label": "Landing page"], in: id, by: anna)

            let reply = try await client.call(
                .post, comments, json: ["label": "Which font?", "parent_id": number(task)], bearer: rita.token)
            #expect(reply.status == 201 && reply["parent_id"]?.int64Value == Int64(task), "\(reply.json)")
            #expect(reply["date"]?.stringValue != nil && reply["duration"] == 0, "dated now, lasting nothing")
            let ritasTask = try await client.call(
                .post, comments, json: ["label": "T", "type_id": 2], bearer: rita.token)
            #expect(ritasTask.status == 403, "a task needs write level 2")
            let silent = try await client.call(.post, comments, json: ["label": "Hi"], bearer: olaf.token)
            #expect(silent.status == 403)
            let annasTask = try await client.call(
                .post, comments, json: ["label": "Subtask", "type_id": 2, "parent_id": number(task)], bearer: anna.token
            )
            #expect(annasTask.status == 201 && annasTask["type_id"] == 2, "\(annasTask.json)")
            #expect(annasTask["benefitable_type"] == "ContractHand", "the caller's own hand by default")
            let othersEvent = try await Self.event(client, ["label": "Other's"], in: other, by: anna)
            let bad = try await client.call(
                .post, comments, json: ["label": "x", "parent_id": number(othersEvent), "duration": 30],
                bearer: anna.token)
            #expect(bad.status == 422 && Set(bad["errors"]?.objectValue?.keys ?? []) == ["parent_id", "duration"])
            // A charge through the feed is the ledger's: priced by the hand's rate, a reply to the task.
            try await server.pool.query(
                "UPDATE contract_hands SET price = 40 WHERE contract_id = \(id) AND user_id = \(anna.id)")
            let charge = try await client.call(
                .post, comments, json: ["label": "Review", "type_id": 4, "duration": 30, "parent_id": number(task)],
                bearer: anna.token)
            #expect(charge.status == 201 && charge["type_id"] == 4 && charge["amount"] == "20.00", "\(charge.json)")
            #expect(charge["parent_id"]?.int64Value == Int64(task) && charge["benefitable_type"] == "ContractHand")
            let ledger = try await client.call(.get, "/api/contracts/\(id)/events?type_id=4", bearer: anna.token)
            #expect(Self.ids(ledger) == [charge["id"]?.int64Value].compactMap { $0 }, "\(ledger.json)")
            let untimed = try await client.call(.post, comments, json: ["label": "x", "type_id": 4], bearer: anna.token)
            #expect(untimed.status == 422 && untimed["errors"]?["duration"] != nil)
            let ritasCharge = try await client.call(
                .post, comments, json: ["label": "x", "type_id": 4, "duration": 30], bearer: rita.token)
            #expect(ritasCharge.status == 403, "charging needs write level 2")
            let money = try await client.call(
                .post, comments, json: ["label": "x", "amount": "5.00"], bearer: anna.token)
            #expect(money.status == 422 && money["errors"]?["amount"] != nil, "a comment carries no money")
            #expect(try await client.call(.post, comments, json: ["label": "x"]).status == 401)
            let list = try await client.call(.get, "/api/contracts/\(id)/events?type_id=3", bearer: anna.token)
            #expect(Self.ids(list) == [reply["id"]?.int64Value].compactMap { $0 })
        }
    }

    @Test func aSubContractsEventsAreListedForItsOwnMembersOnly() async throws {
        let server = try await TestServer.contractEvents.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let id = try await ContractOverHTTPTests.create(client, by: anna)
            let sub = try await ContractOverHTTPTests.create(
                client, by: anna, ["label": "Phase 2", "currency": "EUR", "parent_id": number(id)])
            let unrelated = try await ContractOverHTTPTests.create(
                client, by: anna, ["label": "Else", "currency": "EUR"])
            try await ContractOverHTTPTests.add(client, ben, role: 3, to: id, by: anna)
            let inSub = try await Self.event(client, ["label": "Sub task"], in: sub, by: anna)
            _ = try await Self.event(client, ["label": "Parent task"], in: id, by: anna)

            let listed = try await client.call(
                .get, "/api/contracts/\(id)/events?contract_id=\(sub)", bearer: anna.token)
            #expect(listed.status == 200 && Self.ids(listed) == [Int64(inSub)], "\(listed.json)")
            let bens = try await client.call(.get, "/api/contracts/\(id)/events?contract_id=\(sub)", bearer: ben.token)
            #expect(bens.status == 404, "the parent's membership gives none of the child")
            let notAChild = try await client.call(
                .get, "/api/contracts/\(id)/events?contract_id=\(unrelated)", bearer: anna.token)
            #expect(notAChild.status == 404)
            let range = try await client.call(
                .get, "/api/contracts/\(id)/events?dates[from]=2027-03-22T00:00:00Z&dates[to]=2027-03-21T00:00:00Z",
                bearer: anna.token)
            #expect(range.status == 422 && range["errors"]?["dates.to"] != nil)
        }
    }

    @Test func anAttachedScheduleIsBusyAtTheEventsTimeUntilDetached() async throws {
        let server = try await TestServer.contractEvents.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let id = try await ContractOverHTTPTests.create(client, by: anna)
            try await ContractOverHTTPTests.add(client, ben, role: 3, to: id, by: anna)
            let created = try await client.call(
                .post, "/api/schedules", json: BookingOverHTTPTests.schedule(), bearer: anna.token)
            let schedule = try #require(created["id"]?.int64Value)
            // Monday 22 March 2027, 09:00–10:00 Berlin.
            let meeting = try await Self.event(
                client, Self.meeting.merging(["start": "09:00"]), in: id, by: anna)
            let before = try await BookingOverHTTPTests.slotStarts(client, schedule, token: anna.token)
            #expect(before.contains(BookingOverHTTPTests.monday(0)) && before.contains(BookingOverHTTPTests.monday(30)))
            let attach = "/api/contracts/\(id)/events/\(meeting)/schedules/\(schedule)"

            #expect(try await client.call(.post, attach, bearer: ben.token).status == 403, "write level 3")
            let attached = try await client.call(.post, attach, bearer: anna.token)
            #expect(attached.status == 201, "\(attached.json)")
            #expect(
                attached["event_id"]?.int64Value == Int64(meeting) && attached["schedule_id"]?.int64Value == schedule)
            let export = try #require(attached["id"]?.int64Value)
            let during = try await BookingOverHTTPTests.slotStarts(client, schedule, token: anna.token)
            #expect(
                !during.contains(BookingOverHTTPTests.monday(0)) && !during.contains(BookingOverHTTPTests.monday(30)))
            #expect(during.contains(BookingOverHTTPTests.monday(60)))
            let twice = try await client.call(.post, attach, bearer: anna.token)
            #expect(twice.status == 422 && twice["errors"]?["schedule"] != nil)
            let undated = try await Self.event(client, ["label": "Undated"], in: id, by: anna)
            let noTime = try await client.call(
                .post, "/api/contracts/\(id)/events/\(undated)/schedules/\(schedule)", bearer: anna.token)
            #expect(noTime.status == 422 && noTime["errors"]?["event"] != nil)
            let unknown = try await client.call(
                .post, "/api/contracts/\(id)/events/\(meeting)/schedules/999999999", bearer: anna.token)
            #expect(unknown.status == 404)
            #expect(try await client.call(.post, attach).status == 401)

            let detach = "/api/contracts/\(id)/events/\(meeting)/exports/\(export)"
            #expect(try await client.call(.delete, detach, bearer: ben.token).status == 403)
            let detached = try await client.call(.delete, detach, bearer: anna.token)
            #expect(detached.status == 200 && detached["id"]?.int64Value == Int64(meeting), "\(detached.json)")
            let after = try await BookingOverHTTPTests.slotStarts(client, schedule, token: anna.token)
            #expect(after == before)
            #expect(try await client.call(.delete, detach, bearer: anna.token).status == 404)
            #expect(try await client.call(.delete, detach).status == 401)
        }
    }
}
