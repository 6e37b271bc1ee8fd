import CekiTestSupport
import Foundation
import Generated
import Handlers
import HummingbirdTesting
import Testing

/// The schedule settings that cap bookings (docs/domain.md "Schedule settings"): `max_per_day` meetings on one
/// day of the schedule's clock, and `window_days`, how far ahead slots are offered. Each is kept by the views,
/// the next slot and the booking alike, and the day limit holds under parallel bookings.
@Suite("Schedule limits over HTTP")
struct ScheduleLimitsOverHTTPTests {
    /// Mondays 09:00–12:00 Berlin, `duration`-minute slots, at most `perDay` meetings a day.
    static func limited(perDay: Int, duration: Int = 30, windowDays: JSONValue = .null) -> JSONValue {
        BookingOverHTTPTests.schedule(duration: duration).merging([
            "settings": [
                "timezone": "Europe/Berlin", "duration": .number(JSONNumber(duration)),
                "max_per_day": .number(JSONNumber(perDay)), "window_days": windowDays,
                "days": ["1": [["start": "09:00", "end": "12:00"]]],
            ]
        ])
    }

    @Test func aFullDayOffersNoSlotUntilAMeetingIsDeclined() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let (owner, id) = try await BookingOverHTTPTests.makeSchedule(server, client, Self.limited(perDay: 2))
            let stored = try await client.call(.get, "/api/schedules/\(id)", bearer: owner.token)
            #expect(stored["schedule"]?["settings"]?["max_per_day"] == 2 && stored["schedule"]?["settings"]?["window_days"] == .null)
            let ben = try await server.signIn(client, name: "Ben")
            let first = try await BookingDecisionsOverHTTPTests.book(client, id, minutes: 0, by: ben)
            _ = try await BookingDecisionsOverHTTPTests.book(client, id, minutes: 60, by: ben)
            #expect(try await BookingOverHTTPTests.slotStarts(client, id, token: owner.token).isEmpty, "the Monday is full")
            let third = try await client.call(
                .post, "/api/schedules/\(id)/book", json: ["start": .string(BookingOverHTTPTests.monday(120))],
                bearer: ben.token)
            #expect(third.status == 422 && third["errors"]?["start"]?[0]?.stringValue?.contains("2 meetings") == true, "\(third.json)")
            let next = try await client.call(
                .get, "/api/schedules/\(id)/next-slot?after=2027-03-22T07:00:00Z", bearer: owner.token)
            #expect(next["slot"]?["start"] == "2027-03-29T07:00:00Z", "the next Monday: \(next.json)")

            // The owner declines one: the day has room again, for one more.
            _ = try await client.call(.post, "/api/events/\(first)/decline", bearer: owner.token)
            let starts = try await BookingOverHTTPTests.slotStarts(client, id, token: owner.token)
            #expect(starts == [0, 30, 90, 120, 150].map { BookingOverHTTPTests.monday($0) }, "all but 10:00: \(starts)")
            _ = try await BookingDecisionsOverHTTPTests.book(client, id, minutes: 150, by: ben)
            #expect(try await BookingOverHTTPTests.slotStarts(client, id, token: owner.token).isEmpty)

            let bad = try await client.call(
                .put, "/api/schedules/\(id)",
                json: Self.limited(perDay: 0, windowDays: 367), bearer: owner.token)
            #expect(bad.status == 422, "\(bad.json)")
            #expect(Set(bad["errors"]?.objectValue?.keys ?? []) == ["settings.max_per_day", "settings.window_days"], "\(bad.json)")
        }
    }

    @Test func parallelBookingsOfDifferentSlotsStopAtTheDaysLimit() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            // Twelve free quarter hours, at most two meetings: of twelve bookings at once, exactly two stand.
            let (_, id) = try await BookingOverHTTPTests.makeSchedule(server, client, Self.limited(perDay: 2, duration: 15))
            let ben = try await server.signIn(client, name: "Ben")
            let answers = try await client.callInParallel(
                (0..<12).map { index in
                    ParallelRequest(
                        .post, "/api/schedules/\(id)/book", json: ["start": .string(BookingOverHTTPTests.monday(15 * index))],
                        bearer: ben.token)
                })
            #expect(answers.filter { $0.status == 201 }.count == 2, "\(answers.map(\.status))")
            #expect(answers.filter { $0.status == 422 }.count == 10)
            let stored = try await server.pool.query(
                "SELECT count(*)::bigint AS n FROM events WHERE kal_schedule_id = \(Int(id)) AND deleted_at IS NULL")
            #expect(try stored[0].decode(Int.self, "n") == 2)
        }
    }

    @Test func theBookingWindowHidesAndRefusesSlotsTooFarAhead() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            // Every day 09:00–12:00 UTC, offered three days ahead.
            let morning: JSONValue = [["start": "09:00", "end": "12:00"]]
            let days: JSONValue = [
                "0": morning, "1": morning, "2": morning, "3": morning, "4": morning, "5": morning, "6": morning,
            ]
            let body: JSONValue = [
                "label": "Soon only", "private": false,
                "settings": ["timezone": "UTC", "duration": 60, "window_days": 3, "days": days],
            ]
            let (owner, id) = try await BookingOverHTTPTests.makeSchedule(server, client, body)
            let now = Date()
            let from = now.json.stringValue ?? ""
            let to = now.addingTimeInterval(7 * 86_400).json.stringValue ?? ""
            let view = try await client.call(.get, "/api/schedules/\(id)?dates[from]=\(from)&dates[to]=\(to)", bearer: owner.token)
            let ends = (view["slots"]?.arrayValue ?? []).compactMap { $0["end"]?.stringValue }
            let limit = now.addingTimeInterval(3 * 86_400).json.stringValue ?? ""
            #expect(ends.count >= 6 && ends.allSatisfy { $0 <= limit }, "\(ends) within \(limit)")

            let ben = try await server.signIn(client, name: "Ben")
            let far = try await client.call(
                .post, "/api/schedules/\(id)/book", json: ["start": .string(BookingOverHTTPTests.monday(60))], bearer: ben.token)
            #expect(far.status == 422 && far["errors"]?["start"]?[0]?.stringValue?.contains("3 days ahead") == true, "\(far.json)")
            let march = try await client.call(
                .get, "/api/schedules/\(id)?dates[from]=2027-03-22T00:00:00Z&dates[to]=2027-03-23T00:00:00Z", bearer: owner.token)
            #expect(march["slots"]?.arrayValue?.isEmpty == true)
        }
    }
}
