import Foundation
import Testing

@testable import Handlers

/// The rules a schedule owner relies on, one behaviour per test, in UTC unless the zone is the point.
@Suite("Slot engine rules: busy time, buffers, notice, validity, exceptions, overnight intervals")
struct SlotEngineRulesTests {
    typealias T = SlotTestSupport

    /// Open 09:00-12:00 UTC on Monday 2024-06-03 only, half-hour slots.
    static func morning(
        slot: Int = 30, step: Int? = nil, before: Int = 0, after: Int = 0, notice: Int = 0, validFrom: Date? = nil,
        validUntil: Date? = nil
    ) -> ScheduleAvailability {
        ScheduleAvailability(
            rules: T.onlyOn("2024-06-03", [T.interval("09:00", "12:00")]), timeZoneIdentifier: "UTC",
            slotMinutes: slot, stepMinutes: step, minimumNoticeMinutes: notice, bufferBeforeMinutes: before,
            bufferAfterMinutes: after, validFrom: validFrom, validUntil: validUntil)
    }

    static func starts(
        _ availability: ScheduleAvailability, busy: [BusyInterval] = [], now: String = "2024-01-01T00:00:00Z"
    )
        throws -> [String]
    {
        try T.starts(availability, from: "2024-06-02T00:00:00Z", to: "2024-06-05T00:00:00Z", now: now, busy: busy)
    }

    static func busy(_ start: String, _ end: String) -> BusyInterval {
        BusyInterval(start: T.instant("2024-06-03T\(start)Z"), end: T.instant("2024-06-03T\(end)Z"))
    }

    static func at(_ times: String...) -> [String] {
        times.map { "2024-06-03T\($0):00Z" }
    }

    @Test("busy intervals are half-open: a booking ending at 10:00 leaves the 10:00 slot free")
    func busyIntervalsAreHalfOpen() throws {
        #expect(
            try Self.starts(Self.morning(), busy: [Self.busy("09:00:00", "10:00:00")])
                == Self.at("10:00", "10:30", "11:00", "11:30"))
        // And one starting at 11:00 leaves the 10:30 slot (ending 11:00) free.
        #expect(
            try Self.starts(Self.morning(), busy: [Self.busy("11:00:00", "13:00:00")])
                == Self.at("09:00", "09:30", "10:00", "10:30"))
        // A fraction of a second still counts: ending at 10:00:00.2 blocks the 10:00 slot.
        let fractional = BusyInterval(
            start: T.instant("2024-06-03T09:00:00Z"), end: T.instant("2024-06-03T10:00:00Z").addingTimeInterval(0.2))
        #expect(try Self.starts(Self.morning(), busy: [fractional]) == Self.at("10:30", "11:00", "11:30"))
    }

    @Test("buffers widen busy time before and after a booking")
    func buffersWidenBusyTime() throws {
        let booking = [Self.busy("10:00:00", "10:30:00")]
        #expect(try Self.starts(Self.morning(), busy: booking) == Self.at("09:00", "09:30", "10:30", "11:00", "11:30"))
        #expect(try Self.starts(Self.morning(before: 15), busy: booking) == Self.at("09:00", "10:30", "11:00", "11:30"))
        #expect(try Self.starts(Self.morning(after: 15), busy: booking) == Self.at("09:00", "09:30", "11:00", "11:30"))
        // A buffer that exactly fills the gap still leaves the touching slot free (half-open again).
        #expect(try Self.starts(Self.morning(after: 30), busy: booking) == Self.at("09:00", "09:30", "11:00", "11:30"))
    }

    @Test("busy time jumps the slot grid forward without shifting it")
    func busyTimeDoesNotShiftTheGrid() throws {
        // 60-minute slots every 30 minutes: a booking 09:10-09:20 removes the 09:00 slot only.
        #expect(
            try Self.starts(Self.morning(slot: 60, step: 30), busy: [Self.busy("09:10:00", "09:20:00")])
                == Self.at("09:30", "10:00", "10:30", "11:00"))
    }

    @Test("the step sets the distance between slot starts, shorter or longer than a slot")
    func stepSetsDistanceBetweenStarts() throws {
        #expect(
            try Self.starts(Self.morning(slot: 60, step: 30)) == Self.at("09:00", "09:30", "10:00", "10:30", "11:00"))
        #expect(try Self.starts(Self.morning(slot: 30, step: 45)) == Self.at("09:00", "09:45", "10:30", "11:15"))
        #expect(try Self.starts(Self.morning(slot: 50)) == Self.at("09:00", "09:50", "10:40"))
    }

    @Test("minimum notice counts from now, to the second")
    func noticeCountsFromNow() throws {
        #expect(
            try Self.starts(Self.morning(notice: 60), now: "2024-06-03T08:30:00Z")
                == Self.at("09:30", "10:00", "10:30", "11:00", "11:30"))
        #expect(
            try Self.starts(Self.morning(notice: 60), now: "2024-06-03T08:30:01Z")
                == Self.at("10:00", "10:30", "11:00", "11:30"))
        // Without notice a slot that has already begun is not offered either.
        #expect(try Self.starts(Self.morning(), now: "2024-06-03T10:15:00Z") == Self.at("10:30", "11:00", "11:30"))
    }

    @Test("minimum notice is elapsed time, not clock time, when clocks go back")
    func noticeIsElapsedTimeAcrossFallBack() throws {
        // Berlin 2024-10-27: at 00:15Z the clock reads 02:15 CEST. One hour of notice ends at 01:15Z, which the
        // clock shows as 02:15 CET, so the first slot is 02:30 CET = 01:30Z. (Adding an hour to the clock reading
        // would give 03:15, i.e. 02:15Z, and lose two slots.)
        let availability = ScheduleAvailability(
            rules: T.onlyOn("2024-10-27", [T.interval("00:00", "06:00")]), timeZoneIdentifier: "Europe/Berlin",
            slotMinutes: 30, minimumNoticeMinutes: 60)
        let starts = try T.starts(
            availability, from: "2024-10-26T00:00:00Z", to: "2024-10-28T00:00:00Z", now: "2024-10-27T00:15:00Z")
        // The interval ends at 06:00 CET = 05:00Z.
        #expect(
            starts == [
                "2024-10-27T01:30:00Z", "2024-10-27T02:00:00Z", "2024-10-27T02:30:00Z", "2024-10-27T03:00:00Z",
                "2024-10-27T03:30:00Z", "2024-10-27T04:00:00Z", "2024-10-27T04:30:00Z",
            ])
    }

    @Test("slots lie within the schedule's validity window, ending by its end")
    func validityWindowBoundsSlots() throws {
        let availability = Self.morning(
            validFrom: T.instant("2024-06-03T09:15:00Z"), validUntil: T.instant("2024-06-03T11:30:00Z"))
        #expect(try Self.starts(availability) == Self.at("09:30", "10:00", "10:30", "11:00"))
    }

    @Test("an exception replaces its weekday's intervals or closes the date")
    func exceptionsReplaceOrClose() throws {
        // Mondays 09-10 UTC; 2024-06-10 replaced by 14-15, 2024-06-17 closed.
        let rules = AvailabilityRules(
            weekly: [.monday: [T.interval("09:00", "10:00")]],
            exceptions: [T.date("2024-06-10"): [T.interval("14:00", "15:00")], T.date("2024-06-17"): []])
        let starts = try T.starts(
            ScheduleAvailability(rules: rules, timeZoneIdentifier: "UTC", slotMinutes: 60),
            from: "2024-06-01T00:00:00Z", to: "2024-06-30T00:00:00Z")
        #expect(starts == ["2024-06-03T09:00:00Z", "2024-06-10T14:00:00Z", "2024-06-24T09:00:00Z"])
    }

    @Test("an overnight interval belongs to the day it starts, even when the next day is closed")
    func overnightIntervalBelongsToItsStartDay() throws {
        // Mondays 22:00-02:00 in Kathmandu (+05:45); Tuesday 2024-06-04 closed by exception.
        let rules = AvailabilityRules(
            weekly: [.monday: [T.interval("22:00", "26:00")], .tuesday: [T.interval("09:00", "10:00")]],
            exceptions: [T.date("2024-06-04"): []])
        let engine = try SlotEngine(
            ScheduleAvailability(rules: rules, timeZoneIdentifier: "Asia/Kathmandu", slotMinutes: 60))
        let slots = try engine.slots(
            in: SlotQuery(
                from: T.instant("2024-06-03T00:00:00Z"), to: T.instant("2024-06-05T00:00:00Z"), now: .distantPast),
            busy: [])
        #expect(
            T.iso(slots.map(\.start)) == [
                "2024-06-03T16:15:00Z", "2024-06-03T17:15:00Z", "2024-06-03T18:15:00Z", "2024-06-03T19:15:00Z",
            ])
        // Grouped by the calendar date each slot starts on: 22:00 and 23:00 on the 3rd, 00:00 and 01:00 on the 4th.
        #expect(slots.map(\.scheduleDate) == ["2024-06-03", "2024-06-03", "2024-06-04", "2024-06-04"].map(T.date))
    }

    @Test("each slot carries its date and offset for the viewer, across the date line")
    func viewerDatesAcrossTheDateLine() throws {
        // Kiritimati (+14) 09:00 on 2024-06-03 is 2024-06-02T19:00Z, which is 08:00 on 2024-06-02 in Pago Pago (-11).
        let engine = try SlotEngine(
            ScheduleAvailability(
                rules: T.onlyOn("2024-06-03", [T.interval("09:00", "10:00")]), timeZoneIdentifier: "Pacific/Kiritimati",
                slotMinutes: 60))
        let slots = try engine.slots(
            in: SlotQuery(
                from: T.instant("2024-06-01T00:00:00Z"), to: T.instant("2024-06-05T00:00:00Z"),
                viewerTimeZoneIdentifier: "Pacific/Pago_Pago", now: .distantPast),
            busy: [])
        #expect(
            slots == [
                Slot(
                    start: T.instant("2024-06-02T19:00:00Z"), end: T.instant("2024-06-02T20:00:00Z"),
                    scheduleDate: T.date("2024-06-03"), scheduleUTCOffsetSeconds: 14 * 3600,
                    viewerDate: T.date("2024-06-02"), viewerUTCOffsetSeconds: -11 * 3600)
            ])
    }

    @Test("the range selects slots by start instant, fractions of a second included")
    func rangeSelectsByStartInstant() throws {
        let availability = Self.morning()
        let nine = T.instant("2024-06-03T09:00:00Z")
        let engine = try SlotEngine(availability)
        func starts(_ from: Date, _ to: Date) throws -> [String] {
            T.iso(try engine.slots(in: SlotQuery(from: from, to: to, now: .distantPast), busy: []).map(\.start))
        }
        #expect(try starts(nine, nine.addingTimeInterval(0.5)) == Self.at("09:00"))
        #expect(try starts(nine.addingTimeInterval(0.5), nine.addingTimeInterval(1800)) == [])
        #expect(try starts(nine.addingTimeInterval(-1), nine.addingTimeInterval(1800.5)) == Self.at("09:00", "09:30"))
    }

    @Test("the next slot skips months of busy time")
    func nextSlotSkipsBusyTime() throws {
        let engine = try SlotEngine(
            ScheduleAvailability(
                rules: T.weekdays([T.interval("09:00", "17:00")]), timeZoneIdentifier: "America/New_York",
                slotMinutes: 30))
        let now = T.instant("2024-01-01T00:00:00Z")
        // Booked solid, one booking per weekday, until the end of June.
        var busy: [BusyInterval] = []
        var day = now
        while day < T.instant("2024-07-01T00:00:00Z") {
            busy.append(BusyInterval(start: day.addingTimeInterval(12 * 3600), end: day.addingTimeInterval(23 * 3600)))
            day.addTimeInterval(86_400)
        }
        let next = try engine.nextSlot(after: now, now: now, busy: busy)
        // Monday 2024-07-01 09:00 EDT = 13:00Z.
        #expect(next?.start == T.instant("2024-07-01T13:00:00Z"))
        #expect(next?.scheduleUTCOffsetSeconds == -4 * 3600)
    }

    @Test("the next slot is nil when nothing opens within the look-ahead")
    func nextSlotIsNilWithoutAvailability() throws {
        let now = T.instant("2024-01-01T00:00:00Z")
        let closed = try SlotEngine(
            ScheduleAvailability(rules: AvailabilityRules(weekly: [:]), timeZoneIdentifier: "UTC", slotMinutes: 30))
        #expect(try closed.nextSlot(after: now, now: now, busy: []) == nil)
        // Open only on one date, beyond a 30-day look-ahead but within the default year.
        let rules = T.onlyOn("2024-03-01", [T.interval("09:00", "10:00")])
        let availability = ScheduleAvailability(rules: rules, timeZoneIdentifier: "UTC", slotMinutes: 60)
        let short = try SlotEngine(availability, limits: SlotEngine.Limits(maximumRangeDays: 30))
        #expect(try short.nextSlot(after: now, now: now, busy: []) == nil)
        #expect(
            try SlotEngine(availability).nextSlot(after: now, now: now, busy: [])?.start
                == T.instant("2024-03-01T09:00:00Z"))
    }

    @Test("the next slot respects notice and the validity start")
    func nextSlotRespectsNoticeAndValidity() throws {
        let rules = T.everyDay([T.interval("09:00", "10:00")])
        let now = T.instant("2024-06-03T08:00:00Z")
        let noticed = try SlotEngine(
            ScheduleAvailability(
                rules: rules, timeZoneIdentifier: "UTC", slotMinutes: 60, minimumNoticeMinutes: 24 * 60))
        #expect(try noticed.nextSlot(after: now, now: now, busy: [])?.start == T.instant("2024-06-04T09:00:00Z"))
        let later = try SlotEngine(
            ScheduleAvailability(
                rules: rules, timeZoneIdentifier: "UTC", slotMinutes: 60, validFrom: T.instant("2024-09-01T00:00:00Z")))
        #expect(try later.nextSlot(after: now, now: now, busy: [])?.start == T.instant("2024-09-01T09:00:00Z"))
    }
}
