import CekiTestSupport
import Foundation
import Generated
import Handlers
import HummingbirdTesting
import Testing

/// A booking through the event state machine (docs/domain.md "Event status"): mailed to both sides, confirmed or
/// declined by the schedule's owner, called off by the booker or deleted, and its slot free again whenever it no
/// longer stands.
@Suite("Booking decisions over HTTP")
struct BookingDecisionsOverHTTPTests {
    static func book(_ client: some TestClientProtocol, _ schedule: Int64, minutes: Int, by user: SignedInUser)
        async throws -> Int64
    {
        let booked = try await client.call(
            .post, "/api/schedules/\(schedule)/book", json: ["start": .string(BookingOverHTTPTests.monday(minutes))],
            bearer: user.token)
        try #require(booked.status == 201, "\(booked.json)")
        return try #require(booked["event"]?["id"]?.int64Value)
    }

    @Test func bothSidesAreMailedAndTheOwnersAnswerDecidesTheBooking() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let (owner, id) = try await BookingOverHTTPTests.makeSchedule(server, client)
            let ben = try await server.signIn(client, name: "Ben")
            let event = try await Self.book(client, id, minutes: 0, by: ben)

            let request = try await server.mail(to: owner.email, subject: "New booking request")
            #expect(request.body.contains("Ben <\(ben.email)>") && request.body.contains("/api/events/\(event)/confirm"))
            #expect(request.body.contains("Monday 22 March 2027, 09:00 (Europe/Berlin)"), "\(request.body)")
            let receipt = try await server.mail(to: ben.email, subject: "Your booking request was sent")
            #expect(receipt.body.contains("Olga Owner") && receipt.body.contains("/api/events/\(event)/decline"))

            // Ben's answer is already in: confirming again changes nothing. The owner's confirmation decides.
            let early = try await client.call(.post, "/api/events/\(event)/confirm", bearer: ben.token)
            #expect(early.status == 200 && early["status_id"] == 100, "\(early.json)")
            let confirmed = try await client.call(.post, "/api/events/\(event)/confirm", bearer: owner.token)
            #expect(confirmed.status == 200 && confirmed["status_id"] == 200, "\(confirmed.json)")
            let told = try await server.mail(to: ben.email, subject: "An event was confirmed")
            #expect(told.body.contains("Olga Owner confirmed"), "\(told)")
            #expect(!(try await BookingOverHTTPTests.slotStarts(client, id, token: owner.token)).contains(BookingOverHTTPTests.monday(0)))

            // A second booking, declined by the owner: declined, its slot free again, Ben told.
            let second = try await Self.book(client, id, minutes: 30, by: ben)
            let declined = try await client.call(.post, "/api/events/\(second)/decline", bearer: owner.token)
            #expect(declined.status == 200 && declined["status_id"] == 400, "\(declined.json)")
            #expect(try await BookingOverHTTPTests.slotStarts(client, id, token: owner.token).contains(BookingOverHTTPTests.monday(30)))
            let refusal = try await server.mail(to: ben.email, subject: "An event was declined")
            #expect(refusal.body.contains("Olga Owner declined") && refusal.body.contains("free again"))
            let late = try await client.call(.post, "/api/events/\(second)/confirm", bearer: owner.token)
            #expect(late.status == 422 && late["errors"]?["event"] != nil, "\(late.json)")

            // Someone who sees neither the private booking nor the schedule's events: 404; no token: 401.
            let cleo = try await server.signIn(client, name: "Cleo")
            #expect(try await client.call(.post, "/api/events/\(event)/confirm", bearer: cleo.token).status == 404)
            #expect(try await client.call(.post, "/api/events/\(event)/confirm").status == 401)
            #expect(try await client.call(.post, "/api/events/999999999/decline", bearer: owner.token).status == 404)
            let badID = try await client.call(.post, "/api/events/abc/confirm", bearer: owner.token)
            #expect(badID.status == 422 || badID.status == 400, "\(badID.json)")
        }
    }

    @Test func theBookerCallsItOffOrDeletesItAndTheSlotIsFreeAgain() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let (owner, id) = try await BookingOverHTTPTests.makeSchedule(server, client)
            let ben = try await server.signIn(client, name: "Ben")
            let first = try await Self.book(client, id, minutes: 60, by: ben)
            let called = try await client.call(.post, "/api/events/\(first)/decline", bearer: ben.token)
            #expect(called.status == 200 && called["status_id"] == 777, "\(called.json)")
            let cancelled = try await server.mail(to: owner.email, subject: "An event was cancelled")
            #expect(cancelled.body.contains("Ben cancelled"), "\(cancelled)")
            #expect(try await BookingOverHTTPTests.slotStarts(client, id, token: owner.token).contains(BookingOverHTTPTests.monday(60)))
            let again = try await client.call(.post, "/api/events/\(first)/confirm", bearer: owner.token)
            #expect(again.status == 422, "a cancelled event takes no answers")

            // Rebooked, then deleted by Ben, who made it: gone, the slot free; the owner may delete one too.
            let second = try await Self.book(client, id, minutes: 60, by: ben)
            let deleted = try await client.call(.delete, "/api/events/\(second)", bearer: ben.token)
            #expect(deleted.status == 200 && deleted["message"] == "Event deleted", "\(deleted.json)")
            #expect(try await client.call(.post, "/api/events/\(second)/confirm", bearer: owner.token).status == 404)
            #expect(try await BookingOverHTTPTests.slotStarts(client, id, token: owner.token).contains(BookingOverHTTPTests.monday(60)))
            let third = try await Self.book(client, id, minutes: 60, by: ben)
            #expect(try await client.call(.delete, "/api/events/\(third)", bearer: owner.token).status == 200)

            // A participant who reads but may not write sees the event and cannot delete it; a paid deposit stays.
            let cleo = try await server.signIn(client, name: "Cleo")
            _ = try await client.call(
                .post, "/api/schedules/\(id)/users",
                json: [["user_id": .number(JSONNumber(cleo.id)), "role_id": 3, "read": 2, "write": 2]], bearer: owner.token)
            let fourth = try await Self.book(client, id, minutes: 90, by: ben)
            #expect(try await client.call(.delete, "/api/events/\(fourth)", bearer: cleo.token).status == 403)
            #expect(try await client.call(.post, "/api/events/\(fourth)/confirm", bearer: cleo.token).status == 403)
            let deposit = try await client.call(
                .post, "/api/schedules/\(id)/deposits", json: ["date": "2027-03-20T00:00:00Z", "amount": 5],
                bearer: owner.token)
            let depositID = try #require(deposit["id"]?.int64Value)
            let keep = try await client.call(.delete, "/api/events/\(depositID)", bearer: owner.token)
            #expect(keep.status == 422 && keep["errors"]?["event"] != nil, "\(keep.json)")
        }
    }

    @Test func attendeesAnsweringAtOnceAllCount() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let (owner, id) = try await BookingOverHTTPTests.makeSchedule(server, client)
            var people: [SignedInUser] = []
            for index in 0..<6 { people.append(try await server.signIn(client, name: "Attendee \(index)")) }
            _ = try await client.call(
                .post, "/api/schedules/\(id)/users",
                json: .array(people.map { ["user_id": .number(JSONNumber($0.id)), "role_id": 3, "read": 1, "write": 0] }),
                bearer: owner.token)
            let created = try await client.call(
                .post, "/api/schedules/\(id)/events",
                json: [
                    "label": "All hands", "date": "2027-03-24T10:00:00Z",
                    "attendees": .array(people.map { ["user_id": .number(JSONNumber($0.id))] }),
                ],
                bearer: owner.token)
            let event = try #require(created["id"]?.int64Value, "\(created.json)")
            #expect(created["status_id"] == 100)
            let answers = try await client.callInParallel(
                people.map { ParallelRequest(.post, "/api/events/\(event)/confirm", bearer: $0.token) })
            #expect(answers.allSatisfy { $0.status == 200 }, "\(answers.map(\.json))")
            #expect(answers.filter { $0["status_id"] == 200 }.count == 1, "exactly the last answer confirms it")
            let stored = try await server.pool.query("SELECT status_id FROM events WHERE id = \(Int(event))")
            #expect(try stored[0].decode(Int.self, "status_id") == 200)
        }
    }
}
