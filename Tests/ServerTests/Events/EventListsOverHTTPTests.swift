import CekiTestSupport
import Foundation
import Generated
import Handlers
import HummingbirdTesting
import Testing

/// `listUpcomingEvents` and `listEventChildren` end to end: whose events a person sees as theirs, and which
/// children of an event each reader is shown.
@Suite("Event lists over HTTP")
struct EventListsOverHTTPTests {
    static let march = "dates[from]=2027-03-21T00:00:00Z&dates[to]=2027-03-28T00:00:00Z"

    @Test func upcomingEventsAreWhatTheCallerCreatedOrAttendsWithTheirOwnSchedulesSlots() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let (owner, id) = try await BookingOverHTTPTests.makeSchedule(server, client)
            let ben = try await server.signIn(client, name: "Ben")
            let first = try await BookingDecisionsOverHTTPTests.book(client, id, minutes: 60, by: ben)
            let second = try await BookingDecisionsOverHTTPTests.book(client, id, minutes: 0, by: ben)
            let third = try await BookingDecisionsOverHTTPTests.book(client, id, minutes: 120, by: ben)
            _ = try await client.call(.post, "/api/events/\(third)/decline", bearer: ben.token)
            let deposit = try await client.call(
                .post, "/api/schedules/\(id)/deposits", json: ["date": "2027-03-22T10:00:00Z", "amount": 5],
                bearer: owner.token)
            #expect(deposit.status == 201)

            // Ben: the two bookings he made and still stands by, soonest first; his cancelled one is gone. He has
            // no schedule, so no slots.
            let bens = try await client.call(.get, "/api/events?\(Self.march)", bearer: ben.token)
            #expect(bens.status == 200, "\(bens.json)")
            #expect(bens["events"]?.arrayValue?.map { $0["id"]?.int64Value } == [second, first])
            #expect(bens["slots"]?.arrayValue?.isEmpty == true)

            // The owner attends both as the one who decides; the deposit is money, not an event of the week; the
            // slots are those of the owner's schedule, less the booked hours.
            let owners = try await client.call(.get, "/api/events?\(Self.march)", bearer: owner.token)
            #expect(owners["events"]?.arrayValue?.map { $0["id"]?.int64Value } == [second, first], "\(owners.json)")
            let slots = owners["slots"]?[0]
            #expect(slots?["schedule_id"]?.int64Value == id)
            #expect(slots?["slots"]?.arrayValue?.count == 4, "six half hours less two booked, the cancelled one free")

            // A declined attendance drops the event from that person's list.
            _ = try await client.call(.post, "/api/events/\(second)/decline", bearer: owner.token)
            let after = try await client.call(.get, "/api/events?\(Self.march)", bearer: owner.token)
            #expect(after["events"]?.arrayValue?.map { $0["id"]?.int64Value } == [first], "\(after.json)")

            let bad = try await client.call(.get, "/api/events?viewer_timezone=Mars/Olympus", bearer: owner.token)
            #expect(bad.status == 422 && bad["errors"]?["viewer_timezone"] != nil, "\(bad.json)")
            #expect(try await client.call(.get, "/api/events").status == 401)
        }
    }

    @Test func childrenAreShownInFullToThoseWhoReadTheParentInFull() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let (owner, id) = try await BookingOverHTTPTests.makeSchedule(server, client)
            let ben = try await server.signIn(client, name: "Ben")
            let booking = try await BookingDecisionsOverHTTPTests.book(client, id, minutes: 0, by: ben)
            // No operation writes children yet (comments and charges come with their tags): two comments put
            // straight in, one by each side.
            for (author, label) in [(owner.id, "Owner's note"), (ben.id, "Ben's question")] {
                try await server.pool.query(
                    """
                    INSERT INTO events (user_id, type_id, parent_id, label, private)
                    VALUES (\(author), 3, \(Int(booking)), \(label), true)
                    """)
            }
            let all = try await client.call(.get, "/api/events/\(booking)/children", bearer: owner.token)
            #expect(all.status == 200, "\(all.json)")
            #expect(all["events"]?.arrayValue?.map { $0["label"] } == ["Owner's note", "Ben's question"])
            let bens = try await client.call(.get, "/api/events/\(booking)/children", bearer: ben.token)
            #expect(bens["events"]?.arrayValue?.map { $0["label"] } == ["Owner's note", "Ben's question"], "Ben created the booking")

            let cleo = try await server.signIn(client, name: "Cleo")
            #expect(try await client.call(.get, "/api/events/\(booking)/children", bearer: cleo.token).status == 404)
            _ = try await client.call(
                .post, "/api/schedules/\(id)/users",
                json: [["user_id": .number(JSONNumber(cleo.id)), "role_id": 3, "read": 1, "write": 0]], bearer: owner.token)
            let cleos = try await client.call(.get, "/api/events/\(booking)/children", bearer: cleo.token)
            #expect(cleos.status == 200 && cleos["events"]?.arrayValue?.isEmpty == true, "read level 1: none of theirs")
            #expect(try await client.call(.get, "/api/events/999999999/children", bearer: owner.token).status == 404)
        }
    }
}
