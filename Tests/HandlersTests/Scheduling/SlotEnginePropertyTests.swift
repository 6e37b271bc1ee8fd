import Foundation
import Synchronization
import Testing

@testable import Handlers

/// Properties that must hold for any schedule, checked on seeded random schedules in zones chosen for their
/// quirks: 30- and 60-minute DST shifts in both hemispheres, transitions at midnight, fractional and extreme
/// offsets, negative DST (Casablanca), and a date-line jump (Apia, 2011).
@Suite("Slot engine properties on random schedules")
struct SlotEnginePropertyTests {
    static let zones = [
        "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Australia/Sydney",
        "America/Santiago", "Pacific/Auckland", "Pacific/Chatham", "America/St_Johns", "Africa/Casablanca",
        "Pacific/Apia", "Asia/Tehran", "Europe/London", "America/Sao_Paulo", "Pacific/Kiritimati", "UTC",
    ]
    static let scenariosPerZone: UInt64 = 25

    @Test("the engine's slots equal a minute-by-minute reference built on Foundation", arguments: zones)
    func slotsEqualReference(zone: String) throws {
        for scenario in try Self.scenarios(in: zone) {
            let slots = try SlotEngine(scenario.availability).slots(in: scenario.query, busy: scenario.busy)
            let starts = slots.map { Int($0.start.timeIntervalSince1970) }
            let expected = SlotOracle.slotStarts(scenario)
            let extra = Self.iso(Set(starts).subtracting(expected))
            let missing = Self.iso(Set(expected).subtracting(starts))
            #expect(extra.isEmpty && missing.isEmpty, "extra \(extra) missing \(missing): \(scenario)")
            #expect(starts == expected, "order or repeats differ: \(scenario)")
        }
    }

    @Test(
        "every slot is inside an interval on the local clock, free, after the notice, and listed once",
        arguments: zones)
    func slotsHonourTheRules(zone: String) throws {
        let calendarZone = TimeZone(identifier: zone)!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = calendarZone
        for scenario in try Self.scenarios(in: zone) {
            let availability = scenario.availability
            let slots = try SlotEngine(availability).slots(in: scenario.query, busy: scenario.busy)
            let earliest = scenario.now.addingTimeInterval(Double(availability.minimumNoticeMinutes * 60))
            var viewerCalendar = Calendar(identifier: .gregorian)
            viewerCalendar.timeZone = TimeZone(identifier: scenario.viewerZone ?? zone)!
            for (index, slot) in slots.enumerated() {
                if index > 0 { #expect(slots[index - 1].start < slot.start, "\(scenario)") }
                #expect(slot.start >= scenario.from && slot.start < scenario.to, "\(scenario)")
                #expect(slot.end.timeIntervalSince(slot.start) == Double(availability.slotMinutes * 60))
                #expect(slot.start >= earliest, "notice: \(slot.start) \(scenario)")
                for busy in scenario.busy {
                    let blockedFrom = busy.start.addingTimeInterval(-Double(availability.bufferBeforeMinutes * 60))
                    let blockedUntil = busy.end.addingTimeInterval(Double(availability.bufferAfterMinutes * 60))
                    let overlaps = busy.start < busy.end && slot.start < blockedUntil && blockedFrom < slot.end
                    #expect(!overlaps, "busy \(busy) hits \(slot.start) \(scenario)")
                }
                let first = Self.openInterval(at: slot.start, calendar: calendar, rules: availability.rules)
                let last = Self.openInterval(
                    at: slot.end.addingTimeInterval(-60), calendar: calendar, rules: availability.rules)
                #expect(first != nil && first == last, "\(slot.start) outside the rules: \(scenario)")

                let scheduleParts = calendar.dateComponents([.year, .month, .day], from: slot.start)
                #expect(
                    slot.scheduleDate
                        == LocalDate(year: scheduleParts.year!, month: scheduleParts.month!, day: scheduleParts.day!))
                #expect(slot.scheduleUTCOffsetSeconds == calendarZone.secondsFromGMT(for: slot.start))
                let viewerParts = viewerCalendar.dateComponents([.year, .month, .day], from: slot.start)
                #expect(
                    slot.viewerDate
                        == LocalDate(year: viewerParts.year!, month: viewerParts.month!, day: viewerParts.day!))
                #expect(slot.viewerUTCOffsetSeconds == viewerCalendar.timeZone.secondsFromGMT(for: slot.start))
            }
        }
    }

    @Test("the slots of [a, c) are those of [a, b) followed by those of [b, c)", arguments: zones)
    func rangesSplitWithoutLossOrRepeat(zone: String) throws {
        for scenario in try Self.scenarios(in: zone) {
            var random = SlotTestRandom(seed: scenario.seed ^ 0xB)
            let fraction = Double.random(in: 0...1, using: &random)
            var middle = scenario.from.addingTimeInterval(scenario.to.timeIntervalSince(scenario.from) * fraction)
            if random.next() % 2 == 0 { middle = Date(timeIntervalSince1970: middle.timeIntervalSince1970.rounded()) }
            guard middle > scenario.from, middle < scenario.to else { continue }
            let engine = try SlotEngine(scenario.availability)
            func slots(_ from: Date, _ to: Date) throws -> [Slot] {
                try engine.slots(
                    in: SlotQuery(from: from, to: to, viewerTimeZoneIdentifier: scenario.viewerZone, now: scenario.now),
                    busy: scenario.busy)
            }
            let whole = try slots(scenario.from, scenario.to)
            let parts = try slots(scenario.from, middle) + slots(middle, scenario.to)
            #expect(
                whole == parts, "split at \(middle): \(whole.count) slots whole, \(parts.count) in parts: \(scenario)")
        }
    }

    @Test("the next slot after an instant is the first slot listed from that instant", arguments: zones)
    func nextSlotIsTheFirstListed(zone: String) throws {
        for scenario in try Self.scenarios(in: zone) {
            let engine = try SlotEngine(scenario.availability)
            let listed = try engine.slots(in: scenario.query, busy: scenario.busy)
            let next = try engine.nextSlot(
                after: scenario.from, now: scenario.now, busy: scenario.busy,
                viewerTimeZoneIdentifier: scenario.viewerZone)
            if let first = listed.first {
                #expect(next == first, "next \(String(describing: next?.start)), listed \(first.start): \(scenario)")
            } else {
                #expect(next.map { $0.start >= scenario.to } ?? true, "\(scenario)")
            }
        }
    }

    /// Up to five instants (UTC seconds) as ISO strings, for short failure messages.
    static func iso(_ seconds: Set<Int>) -> [String] {
        SlotTestSupport.iso(seconds.sorted().prefix(5).map { Date(timeIntervalSince1970: Double($0)) })
    }

    /// The scenarios for `zone`; every generated rule set must pass validation (they are valid by construction).
    static func scenarios(in zone: String) throws -> [SlotScenario] {
        if let known = generated.withLock({ $0[zone] }) { return known }
        let made = try makeScenarios(in: zone)
        generated.withLock { $0[zone] = made }
        return made
    }

    /// Scenarios already generated, per zone, shared by the tests (generation runs the reference once each).
    private static let generated = Mutex<[String: [SlotScenario]]>([:])

    private static func makeScenarios(in zone: String) throws -> [SlotScenario] {
        let transitions = SlotScenario.transitions(of: TimeZone(identifier: zone)!)
        let zoneSeed = UInt64(zones.firstIndex(of: zone)!) << 32
        return try (0..<scenariosPerZone).map { index in
            let scenario = SlotScenario.make(seed: zoneSeed | index, zoneIdentifier: zone, transitions: transitions)
            _ = try SlotEngine(scenario.availability)
            return scenario
        }
    }

    /// Which interval (its day number and opening minute) the schedule's clock shows at `instant`, read with
    /// Foundation's `Calendar`; nil when the schedule is closed then.
    static func openInterval(at instant: Date, calendar: Calendar, rules: AvailabilityRules) -> [Int]? {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        let date = LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)!
        let minute = parts.hour! * 60 + parts.minute!
        if let open = rules.intervals(on: date).first(where: { $0.startMinute <= minute && minute < $0.endMinute }) {
            return [date.dayNumber, open.startMinute]
        }
        let previous = date.adding(days: -1)
        if let open = rules.intervals(on: previous).first(where: {
            $0.startMinute <= minute + 1440 && minute + 1440 < $0.endMinute
        }) {
            return [previous.dayNumber, open.startMinute]
        }
        return nil
    }
}
