import CekiTestSupport
import Foundation
import Generated
import Handlers
import HummingbirdTesting
import Testing

/// `createScheduleEvent` end to end: the event's four time fields agree (DST days included), it makes the owner
/// busy, attendees come from the schedule's participants, and it never moves money.
@Suite("Schedule events over HTTP")
struct ScheduleEventsOverHTTPTests {
    @Test func anEventAddedByHandHasConsistentTimesAndBlocksTheSlotsItCovers() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let (owner, id) = try await BookingOverHTTPTests.makeSchedule(
                server, client, BookingOverHTTPTests.schedule(price: 40))
            let created = try await client.call(
                .post, "/api/schedules/\(id)/events",
                json: ["label": "Session with Max", "date": "2027-03-22T00:00:00Z", "start": "09:30", "end": "10:30"],
                bearer: owner.token)
            #expect(created.status == 201, "\(created.json)")
            #expect(created["date"] == .string(BookingOverHTTPTests.monday(30)) && created["duration"] == 60)
            #expect(created["start"] == "09:30" && created["end"] == "10:30" && created["timezone"] == "Europe/Berlin")
            #expect(created["status_id"] == 200 && created["type_id"] == 1 && created["kal_schedule_id"]?.int64Value == id)
            #expect(created["amount"] == "40.00" && created["currency"] == "EUR" && created["payment_status_id"] == 100)
            let starts = try await BookingOverHTTPTests.slotStarts(client, id, token: owner.token)
            #expect(
                starts == [0, 90, 120, 150].map { BookingOverHTTPTests.monday($0) }, "09:30–10:30 is busy now: \(starts)")

            // Outside the schedule's hours, free, a duration instead of an end.
            let evening = try await client.call(
                .post, "/api/schedules/\(id)/events",
                json: ["label": "Late call", "date": "2027-03-22T19:00:00Z", "duration": 45, "price": 0],
                bearer: owner.token)
            #expect(evening.status == 201, "\(evening.json)")
            #expect(evening["start"] == "20:00" && evening["end"] == "20:45" && evening["payment_status_id"] == .null)
            #expect(evening["amount"] == .null && evening["currency"] == .null)

            // An end before the start is the next day.
            let night = try await client.call(
                .post, "/api/schedules/\(id)/events",
                json: ["label": "Night shift", "date": "2027-03-22T00:00:00Z", "start": "23:00", "end": "01:00"],
                bearer: owner.token)
            #expect(night["duration"] == 120 && night["date"] == "2027-03-22T22:00:00Z", "\(night.json)")

            // A task may be undated; a meeting may not.
            let task = try await client.call(
                .post, "/api/schedules/\(id)/events", json: ["label": "Prepare slides", "type_id": 2], bearer: owner.token)
            #expect(task.status == 201 && task["date"] == .null && task["duration"] == .null, "\(task.json)")
        }
    }

    @Test func timesOnTheDaysTheClocksChangeAreExact() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let (owner, id) = try await BookingOverHTTPTests.makeSchedule(server, client)
            // Berlin springs forward on 28 March 2027 at 02:00: 02:30 does not exist that day.
            let gap = try await client.call(
                .post, "/api/schedules/\(id)/events",
                json: ["label": "Gap", "date": "2027-03-28T00:00:00Z", "start": "02:30", "duration": 30],
                bearer: owner.token)
            #expect(gap.status == 422 && gap["errors"]?["start"] != nil, "\(gap.json)")
            // 01:00 to 04:00 local that night lasts two hours, not three.
            let across = try await client.call(
                .post, "/api/schedules/\(id)/events",
                json: ["label": "Across", "date": "2027-03-28T00:00:00Z", "start": "01:00", "end": "04:00"],
                bearer: owner.token)
            #expect(across["duration"] == 120 && across["date"] == "2027-03-28T00:00:00Z", "\(across.json)")
            // 09:00 local after the change is 07:00 UTC, an hour earlier than the week before.
            let after = try await client.call(
                .post, "/api/schedules/\(id)/events",
                json: ["label": "After", "date": "2027-03-29T12:00:00Z", "start": "09:00"], bearer: owner.token)
            #expect(after["date"] == "2027-03-29T07:00:00Z" && after["end"] == "09:30", "\(after.json)")
        }
    }

    @Test func attendeesAreParticipantsAndEveryBadFieldIsNamed() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let (owner, id) = try await BookingOverHTTPTests.makeSchedule(server, client)
            let ben = try await server.signIn(client, name: "Ben")
            let cleo = try await server.signIn(client, name: "Cleo")
            let added = try await client.call(
                .post, "/api/schedules/\(id)/users",
                json: [
                    ["user_id": .number(JSONNumber(ben.id)), "role_id": 3, "read": 1, "write": 2],
                    ["user_id": .number(JSONNumber(cleo.id)), "role_id": 3, "read": 1, "write": 1],
                ],
                bearer: owner.token)
            try #require(added.status == 201, "\(added.json)")

            // Ben (write 2) adds an event with Cleo and himself: pending until Cleo confirms.
            let meeting = try await client.call(
                .post, "/api/schedules/\(id)/events",
                json: [
                    "label": "Planning", "date": "2027-03-23T10:00:00Z",
                    "attendees": [["user_id": .number(JSONNumber(cleo.id))], ["user_id": .number(JSONNumber(ben.id)), "role_id": 2]],
                ],
                bearer: ben.token)
            #expect(meeting.status == 201, "\(meeting.json)")
            #expect(meeting["status_id"] == 100 && meeting["user_id"]?.int64Value == Int64(ben.id))
            let answers = Dictionary(
                uniqueKeysWithValues: (meeting["attendees"]?.arrayValue ?? []).map { ($0["user_id"]?.int64Value, $0["status_id"]) })
            #expect(answers == [Int64(cleo.id): 100, Int64(ben.id): 200], "Cleo is invited, Ben has answered")

            // Cleo (write 1) may not; someone who is no participant is refused as an attendee.
            let cleos = try await client.call(
                .post, "/api/schedules/\(id)/events", json: ["label": "Mine", "date": "2027-03-23T10:00:00Z"],
                bearer: cleo.token)
            #expect(cleos.status == 403)
            let dan = try await server.signIn(client, name: "Dan")
            let bad = try await client.call(
                .post, "/api/schedules/\(id)/events",
                json: [
                    "label": "Bad", "date": "2027-03-23T10:00:00Z", "end": "11:00", "duration": 30, "status_id": 555,
                    "attendees": [["user_id": .number(JSONNumber(dan.id))], ["user_id": .number(JSONNumber(ben.id))],
                                  ["user_id": .number(JSONNumber(ben.id))]],
                    "files": [999_999_999],
                ],
                bearer: owner.token)
            #expect(bad.status == 422, "\(bad.json)")
            #expect(
                Set(bad["errors"]?.objectValue?.keys ?? [])
                    == ["end", "status_id", "attendees.0.user_id", "attendees.2.user_id", "files.0"], "\(bad.json)")
            let noDate = try await client.call(
                .post, "/api/schedules/\(id)/events", json: ["label": "When?", "start": "10:00"], bearer: owner.token)
            #expect(Set(noDate["errors"]?.objectValue?.keys ?? []) == ["date", "start"], "\(noDate.json)")
            let transaction = try await client.call(
                .post, "/api/schedules/\(id)/events", json: ["label": "Money", "type_id": 4, "amount": 5],
                bearer: owner.token)
            #expect(transaction.status == 422 && transaction["errors"]?["type_id"] != nil && transaction["errors"]?["amount"] != nil)
            #expect(try await client.call(.post, "/api/schedules/\(id)/events", json: ["label": "x"]).status == 401)
            #expect(
                try await client.call(
                    .post, "/api/schedules/\(id)/events", json: ["label": "x", "date": "2027-03-23T10:00:00Z"],
                    bearer: dan.token
                ).status == 403)
        }
    }
}
