import CekiTestSupport
import Foundation
import Generated
import Handlers
import HummingbirdTesting
import Testing

/// `payScheduleEvents` and `createScheduleDeposit` end to end: priced bookings move 100 → 300 all together or not
/// at all, each payment is one deposit (a type-4 credit) for exactly what it pays, and parallel payments of the
/// same bookings pay them once.
@Suite("Schedule payments over HTTP")
struct SchedulePaymentsOverHTTPTests {
    /// A schedule priced 40 EUR a slot with `count` bookings by Ben, half an hour apart from Monday 09:00.
    static func bookedSchedule(_ server: TestServer, _ client: some TestClientProtocol, count: Int) async throws
        -> (owner: SignedInUser, ben: SignedInUser, id: Int64, events: [Int64])
    {
        let (owner, id) = try await BookingOverHTTPTests.makeSchedule(
            server, client, BookingOverHTTPTests.schedule(price: 40))
        let ben = try await server.signIn(client, name: "Ben")
        var events: [Int64] = []
        for index in 0..<count {
            let booked = try await client.call(
                .post, "/api/schedules/\(id)/book", json: ["start": .string(BookingOverHTTPTests.monday(30 * index))],
                bearer: ben.token)
            try #require(booked.status == 201, "\(booked.json)")
            events.append(try #require(booked["event"]?["id"]?.int64Value))
        }
        return (owner, ben, id, events)
    }

    static func ids(_ ids: [Int64]) -> JSONValue { .array(ids.map { .number(JSONNumber($0)) }) }

    static func deposits(_ server: TestServer, schedule: Int64) async throws -> [(amount: String, pays: String)] {
        let rows = try await server.pool.query(
            """
            SELECT money_text(amount) AS amount, (data->'pays')::text AS pays FROM events
            WHERE kal_schedule_id = \(Int(schedule)) AND type_id = 4 AND credit ORDER BY id
            """)
        return try rows.map { (try $0.decode(String.self, "amount"), try $0.decode(String.self, "pays")) }
    }

    @Test func payingNamedBookingsMarksThemPaidAndRecordsOneDepositForTheirTotal() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let (owner, ben, id, events) = try await Self.bookedSchedule(server, client, count: 3)
            let paid = try await client.call(
                .post, "/api/schedules/\(id)/pay", json: ["label": "April sessions", "ids": Self.ids(Array(events[0..<2]))],
                bearer: owner.token)
            #expect(paid.status == 200, "\(paid.json)")
            #expect(paid.json.arrayValue?.map { $0["id"]?.int64Value } == events[0..<2].map { $0 })
            #expect(paid.json.arrayValue?.allSatisfy { $0["payment_status_id"] == 300 } == true)
            let recorded = try await Self.deposits(server, schedule: id)
            #expect(recorded.map(\.amount) == ["80.00"] && recorded.first?.pays == "[\(events[0]), \(events[1])]")
            let label = try await server.pool.query(
                "SELECT label, benefitable_id, billable_type FROM events WHERE kal_schedule_id = \(Int(id)) AND type_id = 4")
            #expect(try label[0].decode(String.self, "label") == "April sessions")
            #expect(try label[0].decode(Int.self, "benefitable_id") == owner.id)

            // Paying a paid one again, with an unpaid one beside it: a 422 naming it, and nothing paid.
            let twice = try await client.call(
                .post, "/api/schedules/\(id)/pay", json: ["ids": Self.ids([events[2], events[0], 999_999_999])],
                bearer: owner.token)
            #expect(twice.status == 422, "\(twice.json)")
            #expect(Set(twice["errors"]?.objectValue?.keys ?? []) == ["ids.1", "ids.2"])
            let unpaid = try await server.pool.query("SELECT payment_status_id FROM events WHERE id = \(Int(events[2]))")
            #expect(try unpaid[0].decode(Int.self, "payment_status_id") == 100)

            // Without ids: every unpaid booking, then nothing left to pay and no empty deposit.
            let rest = try await client.call(.post, "/api/schedules/\(id)/pay", bearer: owner.token)
            #expect(rest.status == 200 && rest.json.arrayValue?.map { $0["id"]?.int64Value } == [events[2]], "\(rest.json)")
            let none = try await client.call(.post, "/api/schedules/\(id)/pay", json: [:], bearer: owner.token)
            #expect(none.status == 200 && none.json.arrayValue?.isEmpty == true)
            #expect(try await Self.deposits(server, schedule: id).map(\.amount) == ["80.00", "40.00"])

            // A deposit is money, not time: the paid slots stay as they were, and the day is not blocked.
            let starts = try await BookingOverHTTPTests.slotStarts(client, id, token: owner.token)
            #expect(starts.count == 3, "\(starts)")

            // Ben, who booked, may not record payments (he sees the public schedule only); strangers get 401/404.
            #expect(try await client.call(.post, "/api/schedules/\(id)/pay", bearer: ben.token).status == 403)
            #expect(try await client.call(.post, "/api/schedules/\(id)/pay").status == 401)
            #expect(try await client.call(.post, "/api/schedules/999999999/pay", bearer: owner.token).status == 404)
            let bad = try await client.call(
                .post, "/api/schedules/\(id)/pay", json: ["ids": [0, 1, 1], "label": 7], bearer: owner.token)
            #expect(bad.status == 422, "\(bad.json)")
            #expect(Set(bad["errors"]?.objectValue?.keys ?? []) == ["label", "ids.0", "ids.2"], "\(bad.json)")
        }
    }

    @Test func tenParallelPaymentsOfTheSameBookingsPayThemOnce() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let (owner, _, id, events) = try await Self.bookedSchedule(server, client, count: 2)
            let named = try await client.callInParallel(
                (0..<10).map { _ in
                    ParallelRequest(.post, "/api/schedules/\(id)/pay", json: ["ids": Self.ids(events)], bearer: owner.token)
                })
            #expect(named.filter { $0.status == 200 }.count == 1, "\(named.map(\.status))")
            #expect(named.filter { $0.status == 422 }.count == 9)
            #expect(try await Self.deposits(server, schedule: id).map(\.amount) == ["80.00"])

            // "Pay everything unpaid" at once from ten connections: one pays, the others find nothing owed.
            let (owner2, _, id2, _) = try await Self.bookedSchedule(server, client, count: 3)
            let all = try await client.callInParallel(
                (0..<10).map { _ in ParallelRequest(.post, "/api/schedules/\(id2)/pay", bearer: owner2.token) })
            #expect(all.allSatisfy { $0.status == 200 }, "\(all.map(\.status))")
            #expect(all.map { $0.json.arrayValue?.count ?? -1 }.sorted() == Array(repeating: 0, count: 9) + [3])
            #expect(try await Self.deposits(server, schedule: id2).map(\.amount) == ["120.00"])
        }
    }

    @Test func aDepositCoversTheEventsItPaysForAParticipant() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let (owner, ben, id, events) = try await Self.bookedSchedule(server, client, count: 2)
            let short = try await client.call(
                .post, "/api/schedules/\(id)/deposits",
                json: ["date": "2027-03-20T00:00:00Z", "amount": 79, "ids": Self.ids(events)], bearer: owner.token)
            #expect(short.status == 422 && short["errors"]?["amount"] != nil, "\(short.json)")
            let stranger = try await client.call(
                .post, "/api/schedules/\(id)/deposits",
                json: [
                    "date": "2027-03-20T00:00:00Z", "amount": 80, "benefitable_id": .number(JSONNumber(ben.id)),
                    "ids": Self.ids([events[0], 999_999_999]),
                ],
                bearer: owner.token)
            #expect(stranger.status == 422, "\(stranger.json)")
            #expect(Set(stranger["errors"]?.objectValue?.keys ?? []) == ["benefitable_id"], "checked before the events")
            let hand = try await client.call(
                .post, "/api/schedules/\(id)/deposits",
                json: ["date": "2027-03-20T00:00:00Z", "amount": 80, "benefitable_type": "ContractHand"], bearer: owner.token)
            #expect(hand.status == 422 && hand["errors"]?["benefitable_type"] != nil)

            let deposit = try await client.call(
                .post, "/api/schedules/\(id)/deposits",
                json: ["date": "2027-03-20T00:00:00Z", "amount": 100, "label": "Two sessions", "ids": Self.ids(events)],
                bearer: owner.token)
            #expect(deposit.status == 201, "\(deposit.json)")
            #expect(deposit["type_id"] == 4 && deposit["credit"] == true && deposit["payment_status_id"] == 300)
            #expect(deposit["amount"] == "100.00" && deposit["currency"] == "EUR" && deposit["label"] == "Two sessions")
            #expect(deposit["billable_type"] == "Schedule" && deposit["billable_id"]?.int64Value == id)
            #expect(deposit["benefitable_id"]?.int64Value == Int64(owner.id) && deposit["bill_id"] == .null)
            #expect(deposit["date"] == "2027-03-20T00:00:00Z")
            let paid = try await server.pool.query(
                "SELECT count(*)::bigint AS n FROM events WHERE id = ANY(\(events.map { Int($0) })) AND payment_status_id = 300")
            #expect(try paid[0].decode(Int.self, "n") == 2)

            // A deposit without events, and one that repeats a paid event (nothing recorded then).
            let plain = try await client.call(
                .post, "/api/schedules/\(id)/deposits", json: ["date": "2027-03-21T00:00:00Z", "amount": 5],
                bearer: owner.token)
            #expect(plain.status == 201 && plain["amount"] == "5.00")
            let again = try await client.call(
                .post, "/api/schedules/\(id)/deposits",
                json: ["date": "2027-03-21T00:00:00Z", "amount": 40, "ids": Self.ids([events[1]])], bearer: owner.token)
            #expect(again.status == 422 && again["errors"]?["ids.0"] != nil)
            #expect(try await Self.deposits(server, schedule: id).map(\.amount) == ["100.00", "5.00"])

            let missing = try await client.call(
                .post, "/api/schedules/\(id)/deposits", json: ["amount": 0, "ids": "x"], bearer: owner.token)
            #expect(missing.status == 422, "\(missing.json)")
            let missingFields = Set(missing["errors"]?.objectValue?.keys ?? [])
            #expect(missingFields.isSuperset(of: ["date", "amount", "ids"]), "\(missingFields)")
            #expect(
                try await client.call(
                    .post, "/api/schedules/\(id)/deposits", json: ["date": "2027-03-21T00:00:00Z", "amount": 5],
                    bearer: ben.token
                ).status == 403)
        }
    }
}
