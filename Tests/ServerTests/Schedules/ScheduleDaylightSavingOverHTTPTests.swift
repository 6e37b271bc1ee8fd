import CekiTestSupport
import Foundation
import Generated
import Handlers
import HummingbirdTesting
import Testing

/// Slots over HTTP on the days the clocks change, worked out by hand as UTC instants. The 2026 changes are behind
/// us (slots in the past are never listed), so these are the next ones, in 2027:
/// - Australia/Lord_Howe (+10:30 standard, +11:00 summer): back on Sunday 4 April 2027 at 15:00Z (02:00 → 01:30),
///   forward on Sunday 3 October 2027 at 15:30Z (02:00 → 02:30).
/// - Europe/Berlin: back on Sunday 31 October 2027 at 01:00Z (03:00 → 02:00).
@Suite("Slots across clock changes over HTTP")
struct ScheduleDaylightSavingOverHTTPTests {
    /// Sundays 01:00–04:00 and Mondays 09:00–10:00 in `zone`, 30-minute slots.
    static func body(_ zone: String) -> JSONValue {
        [
            "label": "Night and morning", "private": false, "timezone": .string(zone),
            "settings": [
                "duration": 30,
                "days": ["0": [["start": "01:00", "end": "04:00"]], "1": [["start": "09:00", "end": "10:00"]]],
            ],
        ]
    }

    static func starts(_ client: some TestClientProtocol, _ id: Int64, from: String, to: String, token: String)
        async throws -> [String]
    {
        let view = try await client.call(.get, "/api/schedules/\(id)?dates[from]=\(from)&dates[to]=\(to)", bearer: token)
        try #require(view.status == 200, "\(view.json)")
        return ScheduleOverHTTPTests.starts(view)
    }

    @Test func lordHowesHalfHourChangesKeepLocalTimesAndSkipOrRepeatNothing() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let created = try await client.call(.post, "/api/schedules", json: Self.body("Australia/Lord_Howe"), bearer: anna.token)
            let id = try #require(created["id"]?.int64Value, "\(created.json)")

            // Forward: 01:00 +10:30 = 14:30Z, 01:30 = 15:00Z, then 02:30 +11:00 = 15:30Z … 03:30 = 16:30Z. The
            // local 02:00 that does not exist has no slot.
            let forward = try await Self.starts(
                client, id, from: "2027-10-02T00:00:00Z", to: "2027-10-03T00:00:00Z", token: anna.token)
            #expect(
                forward == ["14:30", "15:00", "15:30", "16:00", "16:30"].map { "2027-10-02T\($0):00Z" }, "\(forward)")
            // Monday 09:00 stays 09:00 local: 22:30Z the week before the change, 22:00Z the day after.
            let before = try await Self.starts(
                client, id, from: "2027-09-26T12:00:00Z", to: "2027-09-27T12:00:00Z", token: anna.token)
            #expect(before == ["2027-09-26T22:30:00Z", "2027-09-26T23:00:00Z"], "\(before)")
            let after = try await Self.starts(
                client, id, from: "2027-10-03T12:00:00Z", to: "2027-10-04T12:00:00Z", token: anna.token)
            #expect(after == ["2027-10-03T22:00:00Z", "2027-10-03T22:30:00Z"], "\(after)")

            // Back: 01:00 +11:00 = 14:00Z, 01:30 = 14:30Z, the clock returns to 01:30 (+10:30) at 15:00Z, and the
            // night runs to 04:00 +10:30 = 17:30Z: seven distinct instants, none twice.
            let back = try await Self.starts(
                client, id, from: "2027-04-03T00:00:00Z", to: "2027-04-04T00:00:00Z", token: anna.token)
            #expect(
                back == ["14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00"].map { "2027-04-03T\($0):00Z" },
                "\(back)")

            // The slot just after the jump forward is bookable, and then gone.
            let ben = try await server.signIn(client, name: "Ben")
            let booked = try await client.call(
                .post, "/api/schedules/\(id)/book", json: ["start": "2027-10-02T15:30:00Z"], bearer: ben.token)
            #expect(booked.status == 201 && booked["event"]?["date"] == "2027-10-02T15:30:00Z", "\(booked.json)")
            let left = try await Self.starts(
                client, id, from: "2027-10-02T00:00:00Z", to: "2027-10-03T00:00:00Z", token: anna.token)
            #expect(left == ["14:30", "15:00", "16:00", "16:30"].map { "2027-10-02T\($0):00Z" }, "\(left)")
            // A start inside the skipped half hour is no slot.
            let skipped = try await client.call(
                .post, "/api/schedules/\(id)/book", json: ["start": "2027-10-02T15:15:00Z"], bearer: ben.token)
            #expect(skipped.status == 422 && skipped["errors"]?["start"] != nil)
        }
    }

    @Test func berlinsRepeatedHourOffersEachInstantOnce() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let created = try await client.call(.post, "/api/schedules", json: Self.body("Europe/Berlin"), bearer: anna.token)
            let id = try #require(created["id"]?.int64Value, "\(created.json)")
            // 01:00 CEST = 23:00Z; 02:00 and 02:30 CEST = 00:00Z and 00:30Z; 02:00 and 02:30 again in CET = 01:00Z
            // and 01:30Z; 03:00 and 03:30 CET = 02:00Z and 02:30Z; 04:00 CET = 03:00Z ends the night.
            let night = try await Self.starts(
                client, id, from: "2027-10-30T12:00:00Z", to: "2027-10-31T12:00:00Z", token: anna.token)
            #expect(
                night == [
                    "2027-10-30T23:00:00Z", "2027-10-30T23:30:00Z", "2027-10-31T00:00:00Z", "2027-10-31T00:30:00Z",
                    "2027-10-31T01:00:00Z", "2027-10-31T01:30:00Z", "2027-10-31T02:00:00Z", "2027-10-31T02:30:00Z",
                ], "\(night)")
            // Monday 09:00: 07:00Z before the change, 08:00Z after.
            let mondays = try await Self.starts(
                client, id, from: "2027-10-25T00:00:00Z", to: "2027-11-02T00:00:00Z", token: anna.token)
            #expect(mondays.filter { !$0.hasPrefix("2027-10-3") }.prefix(2) == ["2027-10-25T07:00:00Z", "2027-10-25T07:30:00Z"])
            #expect(mondays.suffix(2) == ["2027-11-01T08:00:00Z", "2027-11-01T08:30:00Z"], "\(mondays)")
        }
    }

    /// A notice (whole minutes) that ends `before` seconds ahead of `target`, measured from now: the server reads
    /// its clock a moment later, so its notice ends between `before` and `before − 60` seconds ahead of `target`
    /// plus that moment. Only the real clock exists over HTTP, so the notice is aimed at the instant instead.
    static func notice(endingBefore target: Date, by before: TimeInterval) -> Int {
        Int((target.timeIntervalSinceNow - before) / 60)
    }

    @Test func minimumNoticeEndingOnAChangeDayIsExact() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            // Berlin's night of 28 March 2027, 00:00–06:00 local: 00:00, 00:30, 01:00, 01:30 CET are 23:00Z–00:30Z,
            // 02:00–03:00 does not exist, then 03:00 CEST is 01:00Z, 03:30 is 01:30Z …
            func firstSlot(noticeEndingBefore target: String, by seconds: TimeInterval) async throws -> String? {
                let msp = Self.notice(endingBefore: try #require(RFC3339.date(from: target)), by: seconds)
                var body = Self.body("Europe/Berlin")
                body = body.merging([
                    "msp": .number(JSONNumber(msp)),
                    "settings": ["duration": 30, "days": ["0": [["start": "00:00", "end": "06:00"]]]],
                ])
                let created = try await client.call(.post, "/api/schedules", json: body, bearer: anna.token)
                let id = try #require(created["id"]?.int64Value, "\(created.json)")
                let starts = try await Self.starts(
                    client, id, from: "2027-03-27T12:00:00Z", to: "2027-03-28T12:00:00Z", token: anna.token)
                return starts.first
            }
            // Notice ending just before 03:00 CEST: that is the first slot; 01:30 CET, just before, is too soon.
            #expect(try await firstSlot(noticeEndingBefore: "2027-03-28T01:00:00Z", by: 30) == "2027-03-28T01:00:00Z")
            // Notice ending inside the hour the clocks skip (01:50Z would be 02:50 CET): still 03:00 CEST.
            #expect(try await firstSlot(noticeEndingBefore: "2027-03-28T00:50:00Z", by: 30) == "2027-03-28T01:00:00Z")
            // Notice ending just after 03:00 CEST (by about a minute and a half): 03:30 CEST.
            #expect(try await firstSlot(noticeEndingBefore: "2027-03-28T01:02:00Z", by: 30) == "2027-03-28T01:30:00Z")
            // Notice ending just before 01:30 CET, the last slot before the gap: it is offered.
            #expect(try await firstSlot(noticeEndingBefore: "2027-03-28T00:30:00Z", by: 30) == "2027-03-28T00:30:00Z")
        }
    }
}
