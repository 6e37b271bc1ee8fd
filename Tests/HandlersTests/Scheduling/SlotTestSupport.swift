import Foundation

@testable import Handlers

/// Shorthands the scheduling tests share: instants from ISO strings, clock minutes, one-date rules.
enum SlotTestSupport {
    /// The instant an ISO 8601 UTC string names, e.g. "2024-03-31T01:00:00Z"; traps on a typo in a test.
    static func instant(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { fatalError("bad instant in test: \(text)") }
        return date
    }

    /// Instants as ISO 8601 UTC strings, for readable comparisons.
    static func iso(_ dates: [Date]) -> [String] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return dates.map { formatter.string(from: $0) }
    }

    /// Minutes after midnight of a clock reading "HH:MM" (hours may exceed 23 for past-midnight ends).
    static func minute(_ clock: String) -> Int {
        let parts = clock.split(separator: ":").map { Int($0)! }
        return parts[0] * 60 + parts[1]
    }

    /// An interval from two clock readings, "22:00"–"26:00" style.
    static func interval(_ start: String, _ end: String) -> AvailabilityInterval {
        AvailabilityInterval(startMinute: minute(start), endMinute: minute(end))
    }

    /// A date from "YYYY-MM-DD".
    static func date(_ text: String) -> LocalDate {
        LocalDate(iso8601: text)!
    }

    /// Rules open only on `date`, with the given intervals, so a test looks at exactly one day.
    static func onlyOn(_ date: String, _ intervals: [AvailabilityInterval]) -> AvailabilityRules {
        AvailabilityRules(weekly: [:], exceptions: [LocalDate(iso8601: date)!: intervals])
    }

    /// Rules with the same intervals on every weekday.
    static func everyDay(_ intervals: [AvailabilityInterval]) -> AvailabilityRules {
        AvailabilityRules(weekly: Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, intervals) }))
    }

    /// Rules with the same intervals Monday to Friday.
    static func weekdays(_ intervals: [AvailabilityInterval]) -> AvailabilityRules {
        AvailabilityRules(
            weekly: Dictionary(
                uniqueKeysWithValues: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map { ($0, intervals) }
            ))
    }

    /// The start instants of the slots in [from, to) for `availability`, as ISO strings.
    static func starts(
        _ availability: ScheduleAvailability, from: String, to: String, now: String = "2000-01-01T00:00:00Z",
        busy: [BusyInterval] = []
    ) throws -> [String] {
        let engine = try SlotEngine(availability)
        let slots = try engine.slots(
            in: SlotQuery(from: instant(from), to: instant(to), now: instant(now)), busy: busy)
        return iso(slots.map(\.start))
    }
}

/// SplitMix64: a tiny seeded generator, so every property-test failure reproduces from its printed seed.
struct SlotTestRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
