import Foundation
import Testing

@testable import Handlers

/// Bad input becomes a `SchedulingError` that names each field, all problems at once.
@Suite("Slot engine input validation")
struct SlotEngineValidationTests {
    typealias T = SlotTestSupport

    static func availability(
        rules: AvailabilityRules = T.weekdays([T.interval("09:00", "17:00")]), zone: String = "Europe/Berlin",
        slot: Int = 30, step: Int? = nil, notice: Int = 0, before: Int = 0, after: Int = 0,
        validFrom: Date? = nil, validUntil: Date? = nil
    ) -> ScheduleAvailability {
        ScheduleAvailability(
            rules: rules, timeZoneIdentifier: zone, slotMinutes: slot, stepMinutes: step, minimumNoticeMinutes: notice,
            bufferBeforeMinutes: before, bufferAfterMinutes: after, validFrom: validFrom, validUntil: validUntil)
    }

    /// The problems `SlotEngine.init` reports for `availability` (empty when it accepts it).
    static func problems(_ availability: ScheduleAvailability) -> [SchedulingProblem] {
        do {
            _ = try SlotEngine(availability)
            return []
        } catch {
            return error.problems
        }
    }

    @Test(
        "an unknown time zone is named under 'settings.timezone'",
        arguments: ["Mars/Olympus", "", "europe/berlin", "Berlin"])
    func unknownZoneIsRejected(zone: String) {
        #expect(Self.problems(Self.availability(zone: zone)) == [.unknownTimeZone(.timeZone, identifier: zone)])
    }

    @Test(
        "bare offsets and abbreviations are refused though Foundation would load them",
        arguments: ["GMT+5", "UTC+05:00", "GMT-0300", "PST", "../zoneinfo/UTC", "localtime"])
    func offsetsAndAbbreviationsAreRejected(zone: String) {
        #expect(Self.problems(Self.availability(zone: zone)).map(\.field) == [.timeZone])
    }

    @Test(
        "tz database names, links and Etc zones are accepted",
        arguments: [
            "UTC", "GMT", "Etc/GMT+5", "US/Eastern", "Asia/Kolkata", "Asia/Calcutta", "Europe/Kyiv",
            "America/Argentina/Buenos_Aires",
        ])
    func databaseNamesAreAccepted(zone: String) {
        #expect(Self.problems(Self.availability(zone: zone)) == [])
    }

    @Test("slot length and step must lie within one minute and one day")
    func slotLengthAndStepBounds() {
        #expect(Self.problems(Self.availability(slot: 1, step: 1440)) == [])
        #expect(Self.problems(Self.availability(slot: 1440, step: 1)) == [])
        #expect(
            Self.problems(Self.availability(slot: 0))
                == [.minutesOutOfRange(.slotDuration, minutes: 0, allowed: 1...1440)])
        #expect(
            Self.problems(Self.availability(slot: 1441))
                == [.minutesOutOfRange(.slotDuration, minutes: 1441, allowed: 1...1440)])
        #expect(
            Self.problems(Self.availability(step: 0)) == [.minutesOutOfRange(.slotStep, minutes: 0, allowed: 1...1440)])
    }

    @Test("notice and buffers must not be negative or too long")
    func noticeAndBufferBounds() {
        #expect(Self.problems(Self.availability(notice: 366 * 1440, before: 1440, after: 1440)) == [])
        #expect(
            Self.problems(Self.availability(notice: -1, before: -5, after: 1441)).map(\.field)
                == [.minimumNotice, .bufferBefore, .bufferAfter])
        #expect(Self.problems(Self.availability(notice: 366 * 1440 + 1)).map(\.field) == [.minimumNotice])
    }

    @Test("an interval that ends before it starts is inverted")
    func invertedIntervalIsRejected() {
        let rules = AvailabilityRules(weekly: [.monday: [AvailabilityInterval(startMinute: 1020, endMinute: 540)]])
        let problems = Self.problems(Self.availability(rules: rules))
        #expect(
            problems == [.invertedInterval(.weeklyInterval(.monday, index: 0), T.interval("17:00", "09:00"))])
        #expect(problems.first?.field.key == "settings.days.1.0")
        #expect(
            Self.problems(
                Self.availability(rules: AvailabilityRules(weekly: [.monday: [T.interval("09:00", "09:00")]]))
            )
            .map(\.field) == [.weeklyInterval(.monday, index: 0)])
    }

    @Test("clock readings with the end at or before the start run overnight")
    func clockReadingsRunOvernight() {
        #expect(
            AvailabilityInterval(fromClockMinute: 22 * 60, toClockMinute: 2 * 60)
                == AvailabilityInterval(startMinute: 1320, endMinute: 1560))
        #expect(
            AvailabilityInterval(fromClockMinute: 9 * 60, toClockMinute: 17 * 60)
                == AvailabilityInterval(startMinute: 540, endMinute: 1020))
        #expect(AvailabilityInterval(fromClockMinute: 540, toClockMinute: 540).clockMinutes == 1440)
        #expect(AvailabilityInterval(fromClockMinute: 1320, toClockMinute: 120).description == "22:00–26:00")
    }

    @Test("an interval must open within its day and last at most 24 hours")
    func intervalOutsideItsDayIsRejected() {
        for interval in [
            AvailabilityInterval(startMinute: -30, endMinute: 60),
            AvailabilityInterval(startMinute: 1440, endMinute: 1500),
            AvailabilityInterval(startMinute: 600, endMinute: 2041),
        ] {
            let rules = AvailabilityRules(weekly: [.friday: [interval]])
            #expect(
                Self.problems(Self.availability(rules: rules))
                    == [.intervalOutsideDay(.weeklyInterval(.friday, index: 0), interval)])
        }
        // Exactly 24 hours, from any opening time, is fine (when nothing else is open).
        let fullDay = AvailabilityRules(weekly: [.friday: [AvailabilityInterval(startMinute: 600, endMinute: 2040)]])
        #expect(Self.problems(Self.availability(rules: fullDay)) == [])
    }

    @Test("overlapping intervals on one day name both, reported on the later one")
    func sameDayOverlapIsRejected() {
        let rules = AvailabilityRules(weekly: [
            .wednesday: [T.interval("13:00", "15:00"), T.interval("09:00", "12:00"), T.interval("11:00", "14:00")]
        ])
        let problems = Self.problems(Self.availability(rules: rules))
        #expect(
            problems == [
                .overlappingIntervals(
                    .weeklyInterval(.wednesday, index: 2), T.interval("11:00", "14:00"),
                    overlaps: .weeklyInterval(.wednesday, index: 1)),
                .overlappingIntervals(
                    .weeklyInterval(.wednesday, index: 0), T.interval("13:00", "15:00"),
                    overlaps: .weeklyInterval(.wednesday, index: 2)),
            ])
        #expect(problems[0].message.contains("settings.days.3.1"))
        // Touching intervals do not overlap.
        let touching = AvailabilityRules(weekly: [
            .wednesday: [T.interval("09:00", "12:00"), T.interval("12:00", "17:00")]
        ])
        #expect(Self.problems(Self.availability(rules: touching)) == [])
    }

    @Test("an overnight interval may not reach into the next day's intervals, Saturday into Sunday too")
    func overnightOverlapIsRejected() {
        let rules = AvailabilityRules(weekly: [
            .monday: [T.interval("22:00", "26:00")], .tuesday: [T.interval("01:00", "03:00")],
            .saturday: [T.interval("20:00", "25:00")], .sunday: [T.interval("00:30", "08:00")],
        ])
        #expect(
            Self.problems(Self.availability(rules: rules)) == [
                .overlappingIntervals(
                    .weeklyInterval(.tuesday, index: 0), T.interval("01:00", "03:00"),
                    overlaps: .weeklyInterval(.monday, index: 0)),
                .overlappingIntervals(
                    .weeklyInterval(.sunday, index: 0), T.interval("00:30", "08:00"),
                    overlaps: .weeklyInterval(.saturday, index: 0)),
            ])
        let fitting = AvailabilityRules(weekly: [
            .monday: [T.interval("22:00", "26:00")], .tuesday: [T.interval("02:00", "03:00")],
        ])
        #expect(Self.problems(Self.availability(rules: fitting)) == [])
    }

    @Test("exceptions are checked against the days around them")
    func exceptionOverlapsWithNeighbouringDaysAreRejected() {
        // 2024-06-04 is a Tuesday; Monday runs overnight until 02:00.
        let tuesday = T.date("2024-06-04")
        let wednesday = T.date("2024-06-05")
        let rules = AvailabilityRules(
            weekly: [.monday: [T.interval("22:00", "26:00")], .wednesday: [T.interval("08:00", "12:00")]],
            exceptions: [
                tuesday: [T.interval("01:30", "04:00"), T.interval("20:00", "33:00")],
                wednesday: [T.interval("08:30", "10:00")],
            ])
        #expect(
            Self.problems(Self.availability(rules: rules)) == [
                .overlappingIntervals(
                    .exceptionInterval(tuesday, index: 0), T.interval("01:30", "04:00"),
                    overlaps: .weeklyInterval(.monday, index: 0)),
                .overlappingIntervals(
                    .exceptionInterval(wednesday, index: 0), T.interval("08:30", "10:00"),
                    overlaps: .exceptionInterval(tuesday, index: 1)),
            ])
        #expect(SchedulingField.exceptionInterval(tuesday, index: 1).key == "settings.exceptions.2024-06-04.1")
    }

    @Test("a validity window that ends before it starts is refused")
    func invertedValidityIsRejected() {
        let start = T.instant("2024-06-01T00:00:00Z")
        #expect(
            Self.problems(Self.availability(validFrom: start, validUntil: start))
                == [.validityEndsBeforeStart(validFrom: start, validUntil: start)])
        #expect(
            Self.problems(Self.availability(validUntil: Date(timeIntervalSince1970: 300_000_000_000))).map(\.field)
                == [.validUntil])
    }

    @Test("all problems are reported together, grouped by field for a 422 body")
    func problemsAreReportedTogether() throws {
        let rules = AvailabilityRules(weekly: [.monday: [T.interval("10:00", "09:00"), T.interval("09:00", "10:00")]])
        let error = #expect(throws: SchedulingError.self) {
            _ = try SlotEngine(Self.availability(rules: rules, zone: "Nowhere/City", slot: 0, notice: -1))
        }
        let messages = try #require(error).messagesByField
        #expect(Set(messages.keys) == ["settings.timezone", "settings.duration", "settings.msp", "settings.days.1.0"])
        #expect(
            messages["settings.timezone"] == [
                "\"Nowhere/City\" is not a known time zone; use an IANA name such as \"Europe/Berlin\"."
            ])
        #expect(messages["settings.duration"] == ["The slot duration must be between 1 and 1440 minutes; got 0."])
    }

    @Test("a query must end after it starts")
    func emptyRangeIsRejected() throws {
        let engine = try SlotEngine(Self.availability())
        let instant = T.instant("2024-06-03T00:00:00Z")
        for to in [instant, instant.addingTimeInterval(-1)] {
            let error = #expect(throws: SchedulingError.self) {
                _ = try engine.slots(in: SlotQuery(from: instant, to: to, now: instant), busy: [])
            }
            #expect(error?.problems == [.emptyRange(from: instant, to: to)])
            #expect(error?.messagesByField == ["dates.to": ["The end of the range must be after its start."]])
        }
    }

    @Test("a query may span the configured maximum and not a second more")
    func rangeLengthIsLimited() throws {
        let from = T.instant("2024-01-01T00:00:00Z")
        let engine = try SlotEngine(Self.availability())
        let full = try engine.slots(
            in: SlotQuery(from: from, to: from.addingTimeInterval(366 * 86_400), now: from), busy: [])
        #expect(full.count == 262 * 16)  // 2024 is a leap year starting on a Monday: 262 weekdays
        #expect(throws: SchedulingError.self) {
            _ = try engine.slots(
                in: SlotQuery(from: from, to: from.addingTimeInterval(366 * 86_400 + 1), now: from), busy: [])
        }
        let monthly = try SlotEngine(Self.availability(), limits: SlotEngine.Limits(maximumRangeDays: 31))
        let error = #expect(throws: SchedulingError.self) {
            _ = try monthly.slots(
                in: SlotQuery(from: from, to: from.addingTimeInterval(32 * 86_400), now: from), busy: [])
        }
        #expect(error?.problems == [.rangeTooLong(days: 32, maximumDays: 31)])
        #expect(error?.messagesByField["dates.to"] == ["The range may span at most 31 days; this one spans 32."])
    }

    @Test("an unknown viewer zone and out-of-range instants are named")
    func queryZoneAndInstantsAreChecked() throws {
        let engine = try SlotEngine(Self.availability())
        let from = T.instant("2024-06-03T00:00:00Z")
        let error = #expect(throws: SchedulingError.self) {
            _ = try engine.slots(
                in: SlotQuery(
                    from: from, to: from.addingTimeInterval(86_400), viewerTimeZoneIdentifier: "GMT+5", now: from),
                busy: [])
        }
        #expect(error?.messagesByField.keys.sorted() == ["viewer_timezone"])
        let far = Date(timeIntervalSince1970: 1e12)
        let farError = #expect(throws: SchedulingError.self) {
            _ = try engine.slots(in: SlotQuery(from: far, to: far.addingTimeInterval(60), now: from), busy: [])
        }
        #expect(farError?.problems.map(\.field) == [.rangeStart, .rangeEnd])
        #expect(throws: SchedulingError.self) {
            _ = try engine.nextSlot(after: from, now: from, busy: [], viewerTimeZoneIdentifier: "Atlantis/Capital")
        }
    }
}
