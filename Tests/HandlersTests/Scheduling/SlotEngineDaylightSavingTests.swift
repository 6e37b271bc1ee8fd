import Foundation
import Testing

@testable import Handlers

/// Daylight saving time and odd offsets, each case worked out by hand as UTC instants.
///
/// Offsets used (tz database 2024 rules):
/// - Europe/Berlin: CET +01:00, CEST +02:00; forward 2024-03-31 01:00Z (02:00→03:00), back 2024-10-27 01:00Z
///   (03:00→02:00).
/// - America/New_York: EST −05:00, EDT −04:00; forward 2024-03-10 07:00Z (02:00→03:00), back 2024-11-03 06:00Z
///   (02:00→01:00).
/// - Australia/Lord_Howe: +10:30 standard, +11:00 summer (a 30-minute shift); back 2024-04-06 15:00Z
///   (02:00→01:30 on 04-07), forward 2024-10-05 15:30Z (02:00→02:30 on 10-06).
/// - Asia/Kathmandu: +05:45 all year.
/// - Australia/Sydney (southern hemisphere): AEST +10:00, AEDT +11:00; back 2024-04-06 16:00Z (03:00→02:00 on
///   04-07), forward 2024-10-05 16:00Z (02:00→03:00 on 10-06).
/// - America/Santiago (southern, changes at midnight): −03:00 summer, −04:00 winter; back 2024-04-07 03:00Z
///   (24:00 on 04-06 → 23:00), forward 2024-09-08 04:00Z (00:00 → 01:00, so 2024-09-08 has no midnight).
@Suite("Slots across DST transitions and fractional offsets")
struct SlotEngineDaylightSavingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let zone: String
        let date: String
        let intervals: [AvailabilityInterval]
        let slotMinutes: Int
        let expected: [String]
        var testDescription: String { name }
    }

    /// Every `minutes` from `first` through `last` (inclusive), both ISO UTC instants.
    static func every(_ minutes: Int, from first: String, through last: String) -> [String] {
        let start = SlotTestSupport.instant(first)
        let end = SlotTestSupport.instant(last)
        return SlotTestSupport.iso(
            Array(stride(from: start, through: end, by: TimeInterval(minutes * 60))))
    }

    static let nineToFive = [SlotTestSupport.interval("09:00", "17:00")]

    static let cases: [Case] = [
        // Berlin: the business day keeps its 16 half-hour slots on both transition days, at shifted UTC instants.
        Case(
            name: "Berlin 09-17 the day before spring forward (CET)", zone: "Europe/Berlin", date: "2024-03-30",
            intervals: nineToFive, slotMinutes: 30,
            expected: every(30, from: "2024-03-30T08:00:00Z", through: "2024-03-30T15:30:00Z")),
        Case(
            name: "Berlin 09-17 on spring-forward day (CEST)", zone: "Europe/Berlin", date: "2024-03-31",
            intervals: nineToFive, slotMinutes: 30,
            expected: every(30, from: "2024-03-31T07:00:00Z", through: "2024-03-31T14:30:00Z")),
        Case(
            name: "Berlin 09-17 on fall-back day (CET)", zone: "Europe/Berlin", date: "2024-10-27",
            intervals: nineToFive, slotMinutes: 30,
            expected: every(30, from: "2024-10-27T08:00:00Z", through: "2024-10-27T15:30:00Z")),
        // 00:00 CET = 23:00Z; 01:00 CET = 00:00Z; 02:00-03:00 does not exist; 03:00 CEST = 01:00Z; 06:00 CEST = 04:00Z.
        Case(
            name: "Berlin 00-06 across spring forward skips 02:00", zone: "Europe/Berlin", date: "2024-03-31",
            intervals: [SlotTestSupport.interval("00:00", "06:00")], slotMinutes: 60,
            expected: [
                "2024-03-30T23:00:00Z", "2024-03-31T00:00:00Z", "2024-03-31T01:00:00Z", "2024-03-31T02:00:00Z",
                "2024-03-31T03:00:00Z",
            ]),
        Case(
            name: "Berlin interval wholly inside the skipped hour has no slots", zone: "Europe/Berlin",
            date: "2024-03-31", intervals: [SlotTestSupport.interval("02:00", "03:00")], slotMinutes: 15,
            expected: []),
        // 02:30 does not exist: the interval begins when the clock shows 03:00 CEST (01:00Z) and ends 04:00 CEST.
        Case(
            name: "Berlin interval starting in the gap begins at the jump", zone: "Europe/Berlin", date: "2024-03-31",
            intervals: [SlotTestSupport.interval("02:30", "04:00")], slotMinutes: 30,
            expected: ["2024-03-31T01:00:00Z", "2024-03-31T01:30:00Z"]),
        // 00:00 CEST = 22:00Z; 02:00 CEST = 00:00Z; clocks go back at 01:00Z to 02:00 CET; 06:00 CET = 05:00Z.
        Case(
            name: "Berlin 00-06 across fall back offers both 02:00s once each", zone: "Europe/Berlin",
            date: "2024-10-27", intervals: [SlotTestSupport.interval("00:00", "06:00")], slotMinutes: 60,
            expected: [
                "2024-10-26T22:00:00Z", "2024-10-26T23:00:00Z", "2024-10-27T00:00:00Z", "2024-10-27T01:00:00Z",
                "2024-10-27T02:00:00Z", "2024-10-27T03:00:00Z", "2024-10-27T04:00:00Z",
            ]),
        // The repeated hour itself: 02:00-03:00 CEST is 00:00Z-01:00Z, 02:00-03:00 CET is 01:00Z-02:00Z.
        Case(
            name: "Berlin the repeated hour is two real hours", zone: "Europe/Berlin", date: "2024-10-27",
            intervals: [SlotTestSupport.interval("02:00", "03:00")], slotMinutes: 30,
            expected: [
                "2024-10-27T00:00:00Z", "2024-10-27T00:30:00Z", "2024-10-27T01:00:00Z", "2024-10-27T01:30:00Z",
            ]),

        // New York.
        Case(
            name: "New York 09-17 on spring-forward day (EDT)", zone: "America/New_York", date: "2024-03-10",
            intervals: nineToFive, slotMinutes: 30,
            expected: every(30, from: "2024-03-10T13:00:00Z", through: "2024-03-10T20:30:00Z")),
        Case(
            name: "New York 09-17 on fall-back day (EST)", zone: "America/New_York", date: "2024-11-03",
            intervals: nineToFive, slotMinutes: 30,
            expected: every(30, from: "2024-11-03T14:00:00Z", through: "2024-11-03T21:30:00Z")),
        // 01:00 EST = 06:00Z; 03:00 EDT = 07:00Z: two clock hours, one real hour.
        Case(
            name: "New York 01-03 on spring-forward day is one real hour", zone: "America/New_York",
            date: "2024-03-10", intervals: [SlotTestSupport.interval("01:00", "03:00")], slotMinutes: 60,
            expected: ["2024-03-10T06:00:00Z"]),
        // 01:00 EDT = 05:00Z, 02:00 EDT = 06:00Z = 01:00 EST, 02:00 EST = 07:00Z: one clock hour, two real hours.
        Case(
            name: "New York 01-02 on fall-back day is two real hours", zone: "America/New_York", date: "2024-11-03",
            intervals: [SlotTestSupport.interval("01:00", "02:00")], slotMinutes: 30,
            expected: [
                "2024-11-03T05:00:00Z", "2024-11-03T05:30:00Z", "2024-11-03T06:00:00Z", "2024-11-03T06:30:00Z",
            ]),
        // 01:30-02:30 on the fall-back day: 01:30-02:00 EDT (05:30Z-06:00Z), then the clock reads 01:00-01:30
        // EST (outside), then 01:30-02:30 EST (06:30Z-07:30Z). Two pieces, each laid out from its own start.
        Case(
            name: "New York interval half inside the repeated hour splits in two", zone: "America/New_York",
            date: "2024-11-03", intervals: [SlotTestSupport.interval("01:30", "02:30")], slotMinutes: 30,
            expected: ["2024-11-03T05:30:00Z", "2024-11-03T06:30:00Z", "2024-11-03T07:00:00Z"]),

        // Lord Howe: a 30-minute shift.
        Case(
            name: "Lord Howe 09-17 on spring-forward day (+11:00)", zone: "Australia/Lord_Howe", date: "2024-10-06",
            intervals: nineToFive, slotMinutes: 30,
            expected: every(30, from: "2024-10-05T22:00:00Z", through: "2024-10-06T05:30:00Z")),
        Case(
            name: "Lord Howe 09-17 on fall-back day (+10:30)", zone: "Australia/Lord_Howe", date: "2024-04-07",
            intervals: nineToFive, slotMinutes: 30,
            expected: every(30, from: "2024-04-06T22:30:00Z", through: "2024-04-07T06:00:00Z")),
        // 01:00 +10:30 = 14:30Z; the clock jumps 02:00→02:30 at 15:30Z; 04:00 +11:00 = 17:00Z.
        // Local starts: 01:00, 01:30, 02:30, 03:00, 03:30 — never 02:00 or 02:15.
        Case(
            name: "Lord Howe 01-04 across the half-hour jump forward", zone: "Australia/Lord_Howe", date: "2024-10-06",
            intervals: [SlotTestSupport.interval("01:00", "04:00")], slotMinutes: 30,
            expected: [
                "2024-10-05T14:30:00Z", "2024-10-05T15:00:00Z", "2024-10-05T15:30:00Z", "2024-10-05T16:00:00Z",
                "2024-10-05T16:30:00Z",
            ]),
        // 01:00 +11:00 = 14:00Z; at 15:00Z (02:00 +11:00) the clock goes back to 01:30; 03:00 +10:30 = 16:30Z.
        // Local starts: 01:00, 01:30 (+11), 01:30 (+10:30), 02:00, 02:30.
        Case(
            name: "Lord Howe 01-03 across the half-hour jump back", zone: "Australia/Lord_Howe", date: "2024-04-07",
            intervals: [SlotTestSupport.interval("01:00", "03:00")], slotMinutes: 30,
            expected: [
                "2024-04-06T14:00:00Z", "2024-04-06T14:30:00Z", "2024-04-06T15:00:00Z", "2024-04-06T15:30:00Z",
                "2024-04-06T16:00:00Z",
            ]),

        // Kathmandu +05:45: 09:00 = 03:15Z, last half-hour slot 16:30 = 10:45Z.
        Case(
            name: "Kathmandu 09-17 at +05:45", zone: "Asia/Kathmandu", date: "2024-06-03",
            intervals: nineToFive, slotMinutes: 30,
            expected: every(30, from: "2024-06-03T03:15:00Z", through: "2024-06-03T10:45:00Z")),
        // 22:00 = 16:15Z through 02:00 next day = 20:15Z.
        Case(
            name: "Kathmandu overnight 22-02 belongs to its start day", zone: "Asia/Kathmandu", date: "2024-06-03",
            intervals: [SlotTestSupport.interval("22:00", "26:00")], slotMinutes: 60,
            expected: [
                "2024-06-03T16:15:00Z", "2024-06-03T17:15:00Z", "2024-06-03T18:15:00Z", "2024-06-03T19:15:00Z",
            ]),

        // Sydney: southern hemisphere, summer time in January, standard time in July.
        Case(
            name: "Sydney 09-17 on fall-back day (AEST)", zone: "Australia/Sydney", date: "2024-04-07",
            intervals: nineToFive, slotMinutes: 30,
            expected: every(30, from: "2024-04-06T23:00:00Z", through: "2024-04-07T06:30:00Z")),
        Case(
            name: "Sydney 09-17 on spring-forward day (AEDT)", zone: "Australia/Sydney", date: "2024-10-06",
            intervals: nineToFive, slotMinutes: 30,
            expected: every(30, from: "2024-10-05T22:00:00Z", through: "2024-10-06T05:30:00Z")),
        // 00:00 AEST = 14:00Z; 02:00→03:00 at 16:00Z; 06:00 AEDT = 19:00Z. Local 00, 01, 03, 04, 05.
        Case(
            name: "Sydney 00-06 across spring forward", zone: "Australia/Sydney", date: "2024-10-06",
            intervals: [SlotTestSupport.interval("00:00", "06:00")], slotMinutes: 60,
            expected: [
                "2024-10-05T14:00:00Z", "2024-10-05T15:00:00Z", "2024-10-05T16:00:00Z", "2024-10-05T17:00:00Z",
                "2024-10-05T18:00:00Z",
            ]),
        // 00:00 AEDT = 13:00Z; 03:00 AEDT → 02:00 AEST at 16:00Z; 04:00 AEST = 18:00Z. Local 00, 01, 02, 02, 03.
        Case(
            name: "Sydney 00-04 across fall back", zone: "Australia/Sydney", date: "2024-04-07",
            intervals: [SlotTestSupport.interval("00:00", "04:00")], slotMinutes: 60,
            expected: [
                "2024-04-06T13:00:00Z", "2024-04-06T14:00:00Z", "2024-04-06T15:00:00Z", "2024-04-06T16:00:00Z",
                "2024-04-06T17:00:00Z",
            ]),

        // Santiago: midnight itself is skipped or repeated.
        // 2024-09-08 00:00-01:00 does not exist; 01:00 −03:00 = 04:00Z, 03:00 −03:00 = 06:00Z.
        Case(
            name: "Santiago day without midnight starts at 01:00", zone: "America/Santiago", date: "2024-09-08",
            intervals: [SlotTestSupport.interval("00:00", "03:00")], slotMinutes: 60,
            expected: ["2024-09-08T04:00:00Z", "2024-09-08T05:00:00Z"]),
        // 22:00 −03:00 = 01:00Z; at 03:00Z (24:00 −03:00) clocks go back to 23:00 −04:00; 24:00 −04:00 = 04:00Z.
        Case(
            name: "Santiago evening before fall back has 23:00 twice", zone: "America/Santiago", date: "2024-04-06",
            intervals: [SlotTestSupport.interval("22:00", "24:00")], slotMinutes: 60,
            expected: ["2024-04-07T01:00:00Z", "2024-04-07T02:00:00Z", "2024-04-07T03:00:00Z"]),
    ]

    @Test("slots are the hand-computed UTC instants", arguments: cases)
    func slotsMatchHandComputedInstants(_ testCase: Case) throws {
        let availability = ScheduleAvailability(
            rules: SlotTestSupport.onlyOn(testCase.date, testCase.intervals), timeZoneIdentifier: testCase.zone,
            slotMinutes: testCase.slotMinutes)
        let day = SlotTestSupport.instant("\(testCase.date)T00:00:00Z")
        let starts = try SlotTestSupport.starts(
            availability, from: SlotTestSupport.iso([day.addingTimeInterval(-2 * 86_400)])[0],
            to: SlotTestSupport.iso([day.addingTimeInterval(3 * 86_400)])[0])
        #expect(starts == testCase.expected)
    }

    @Test("a 09:00-17:00 day keeps 16 half-hour slots on all transition days of the year")
    func businessDayKeepsEightHoursOnTransitionDays() throws {
        let days = [
            ("Europe/Berlin", "2024-03-31"), ("Europe/Berlin", "2024-10-27"), ("America/New_York", "2024-03-10"),
            ("America/New_York", "2024-11-03"), ("Australia/Lord_Howe", "2024-04-07"),
            ("Australia/Lord_Howe", "2024-10-06"), ("Australia/Sydney", "2024-04-07"),
            ("Australia/Sydney", "2024-10-06"), ("America/Santiago", "2024-04-07"),
            ("America/Santiago", "2024-09-08"),
        ]
        for (zone, date) in days {
            let engine = try SlotEngine(
                ScheduleAvailability(
                    rules: SlotTestSupport.onlyOn(date, Self.nineToFive), timeZoneIdentifier: zone, slotMinutes: 30))
            let midnight = SlotTestSupport.instant("\(date)T00:00:00Z")
            let slots = try engine.slots(
                in: SlotQuery(
                    from: midnight.addingTimeInterval(-86_400), to: midnight.addingTimeInterval(2 * 86_400),
                    now: .distantPast),
                busy: [])
            #expect(slots.count == 16, "\(zone) \(date)")
            let span = slots.last.map { $0.end.timeIntervalSince(slots[0].start) }
            #expect(span == TimeInterval(8 * 3600), "\(zone) \(date)")
            #expect(slots.allSatisfy { $0.scheduleDate == SlotTestSupport.date(date) }, "\(zone) \(date)")
        }
    }

    @Test("the repeated hour's slots carry each its own offset")
    func repeatedHourSlotsCarryTheirOffsets() throws {
        let engine = try SlotEngine(
            ScheduleAvailability(
                rules: SlotTestSupport.onlyOn("2024-10-27", [SlotTestSupport.interval("02:00", "03:00")]),
                timeZoneIdentifier: "Europe/Berlin", slotMinutes: 60))
        let slots = try engine.slots(
            in: SlotQuery(
                from: SlotTestSupport.instant("2024-10-26T00:00:00Z"),
                to: SlotTestSupport.instant("2024-10-28T00:00:00Z"), now: .distantPast),
            busy: [])
        #expect(slots.map(\.scheduleUTCOffsetSeconds) == [7200, 3600])
        #expect(slots.map(\.scheduleDate) == [SlotTestSupport.date("2024-10-27"), SlotTestSupport.date("2024-10-27")])
    }
}
