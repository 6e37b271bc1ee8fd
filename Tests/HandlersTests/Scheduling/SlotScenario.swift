import Foundation

@testable import Handlers

/// A random but reproducible schedule plus a query against it, for the property tests.
///
/// Rules are built valid by construction (disjoint intervals per day, overnight parts clipped to the next day's
/// first opening), ranges are drawn near the zone's real transitions most of the time, and every length is
/// drawn from values that do and do not divide an hour, so DST shifts of 30 and 60 minutes meet odd steps.
struct SlotScenario: CustomStringConvertible, Sendable {
    let seed: UInt64
    let availability: ScheduleAvailability
    let busy: [BusyInterval]
    let from: Date
    let to: Date
    let now: Date
    let viewerZone: String?

    var query: SlotQuery { SlotQuery(from: from, to: to, viewerTimeZoneIdentifier: viewerZone, now: now) }

    var description: String {
        "seed \(seed) zone \(availability.timeZoneIdentifier) [\(from), \(to)) now \(now) slot \(availability.slotMinutes) "
            + "step \(availability.stepMinutes.map(String.init) ?? "-") notice \(availability.minimumNoticeMinutes) "
            + "buffers \(availability.bufferBeforeMinutes)/\(availability.bufferAfterMinutes) busy \(busy.count) "
            + "rules \(availability.rules)"
    }

    static let viewerZones = [
        "UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kathmandu", "America/St_Johns", "Europe/London",
    ]

    /// Transitions of `zone` between 2000 and 2037, as Foundation reports them.
    static func transitions(of zone: TimeZone) -> [Date] {
        var found: [Date] = []
        var cursor = Date(timeIntervalSince1970: 946_684_800)
        let end = Date(timeIntervalSince1970: 2_114_380_800)
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < end {
            found.append(next)
            cursor = next
        }
        return found
    }

    /// The scenario for `seed` in `zoneIdentifier`.
    static func make(seed: UInt64, zoneIdentifier: String, transitions: [Date]) -> SlotScenario {
        var random = SlotTestRandom(seed: seed)
        let minute = 60.0
        let hour = 3600.0
        let day = 86_400.0

        // The range: near a transition most of the time.
        let center: Date
        if !transitions.isEmpty, Double.random(in: 0..<1, using: &random) < 0.7 {
            center = transitions.randomElement(using: &random)!.addingTimeInterval(
                Double(Int.random(in: -3 * 24 * 60...3 * 24 * 60, using: &random)) * minute)
        } else {
            center = Date(timeIntervalSince1970: Double(Int.random(in: 946_684_800...2_114_380_800, using: &random)))
        }
        let length = Double.random(in: hour...(7 * day), using: &random).rounded()
        let from = center.addingTimeInterval(-length * Double.random(in: 0...1, using: &random).rounded())
            .addingTimeInterval(Double.random(in: 0..<1, using: &random) < 0.2 ? 0.25 : 0)
        let to = from.addingTimeInterval(length)

        // Weekly rules, then exceptions on some dates around the range.
        var weekly: [Weekday: [AvailabilityInterval]] = [:]
        for weekday in Weekday.allCases where Double.random(in: 0..<1, using: &random) < 0.85 {
            weekly[weekday] = intervals(using: &random, mayRunOvernight: true)
        }
        clipOvernight(&weekly)
        var exceptions: [LocalDate: [AvailabilityInterval]] = [:]
        let firstDay = Int((from.timeIntervalSince1970 / day).rounded(.down)) - 1
        let lastDay = Int((to.timeIntervalSince1970 / day).rounded(.down)) + 1
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            let date = LocalDate(dayNumber: Int.random(in: firstDay...lastDay, using: &random))
            exceptions[date] =
                Double.random(in: 0..<1, using: &random) < 0.3 ? [] : intervals(using: &random, mayRunOvernight: false)
        }
        let rules = clipExceptions(AvailabilityRules(weekly: weekly, exceptions: exceptions))

        let slotMinutes = [1, 5, 10, 15, 20, 25, 30, 45, 50, 60, 90, 120, 7, 1440].randomElement(using: &random)!
        let step: Int? =
            Double.random(in: 0..<1, using: &random) < 0.6
            ? nil : [5, 7, 10, 13, 15, 30, 45, 60, 90].randomElement(using: &random)!
        let notice = Double.random(in: 0..<1, using: &random) < 0.5 ? 0 : Int.random(in: 1...(3 * 1440), using: &random)
        let bufferBefore = Double.random(in: 0..<1, using: &random) < 0.6 ? 0 : Int.random(in: 1...60, using: &random)
        let bufferAfter = Double.random(in: 0..<1, using: &random) < 0.6 ? 0 : Int.random(in: 1...60, using: &random)
        let validFrom: Date? =
            Double.random(in: 0..<1, using: &random) < 0.3
            ? from.addingTimeInterval(Double.random(in: -day...length, using: &random).rounded()) : nil
        let validUntil: Date? =
            Double.random(in: 0..<1, using: &random) < 0.3
            ? (validFrom ?? from).addingTimeInterval(Double.random(in: hour...(length + day), using: &random).rounded())
            : nil

        var busy: [BusyInterval] = []
        for _ in 0..<Int.random(in: 0...15, using: &random) {
            let start = from.addingTimeInterval(
                Double(Int.random(in: Int(-day)...Int(length + day), using: &random))
                    + (Double.random(in: 0..<1, using: &random) < 0.1 ? 0.5 : 0))
            let busyLength = Double(Int.random(in: 1...(6 * 60), using: &random)) * minute
            busy.append(BusyInterval(start: start, end: start.addingTimeInterval(busyLength)))
        }
        let now = from.addingTimeInterval(Double(Int.random(in: Int(-2 * day)...Int(2 * day), using: &random)))
        let viewer =
            Double.random(in: 0..<1, using: &random) < 0.5
            ? nil : viewerZones.randomElement(using: &random)!

        let scenario = SlotScenario(
            seed: seed,
            availability: ScheduleAvailability(
                rules: rules, timeZoneIdentifier: zoneIdentifier, slotMinutes: slotMinutes, stepMinutes: step,
                minimumNoticeMinutes: notice, bufferBeforeMinutes: bufferBefore, bufferAfterMinutes: bufferAfter,
                validFrom: validFrom, validUntil: validUntil),
            busy: busy, from: from, to: to, now: now, viewerZone: viewer)
        return scenario.addingBoundaryBusy(using: &random)
    }

    /// The scenario plus busy intervals that touch or just overlap some of its slots (with the buffers), since
    /// random busy time rarely lands exactly on a slot's edge, where half-open intervals matter.
    private func addingBoundaryBusy(using random: inout SlotTestRandom) -> SlotScenario {
        let starts = SlotOracle.slotStarts(self)
        guard !starts.isEmpty else { return self }
        let length = availability.slotMinutes * 60
        let before = availability.bufferBeforeMinutes * 60
        let after = availability.bufferAfterMinutes * 60
        var busy = self.busy
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let start = starts.randomElement(using: &random)!
            let (busyStart, busyEnd) =
                switch Int.random(in: 0..<4, using: &random) {
                case 0: (start - 1800 - after, start - after)  // ends where the slot's blocked zone begins: free
                case 1: (start + length + before, start + length + before + 1800)  // starts right after: free
                case 2: (start - 1800 - after, start - after + 1)  // one second into the slot: blocks it
                default: (start + length + before - 1, start + length + before + 60)  // blocks it
                }
            busy.append(
                BusyInterval(
                    start: Date(timeIntervalSince1970: Double(busyStart)),
                    end: Date(timeIntervalSince1970: Double(busyEnd))))
        }
        return SlotScenario(
            seed: seed, availability: availability, busy: busy.shuffled(using: &random), from: from, to: to, now: now,
            viewerZone: viewerZone)
    }

    /// One to three disjoint intervals on a random grid; the last may run past midnight.
    private static func intervals(
        using random: inout SlotTestRandom, mayRunOvernight: Bool
    ) -> [AvailabilityInterval] {
        let grid = [1, 5, 15, 30, 60].randomElement(using: &random)!
        let count = Int.random(in: 1...3, using: &random)
        var cuts = Set<Int>()
        while cuts.count < 2 * count { cuts.insert(Int.random(in: 0...(1440 / grid), using: &random) * grid) }
        let sorted = cuts.sorted()
        var result = stride(from: 0, to: sorted.count, by: 2).map {
            AvailabilityInterval(startMinute: sorted[$0], endMinute: sorted[$0 + 1])
        }
        if mayRunOvernight, Double.random(in: 0..<1, using: &random) < 0.3, let last = result.last,
            last.startMinute < 1440
        {
            let end = min(1440 + Int.random(in: 1...720, using: &random), last.startMinute + 1440)
            result[result.count - 1] = AvailabilityInterval(startMinute: last.startMinute, endMinute: end)
        }
        return result.filter { $0.startMinute < 1440 }.shuffled(using: &random)
    }

    /// Shortens each weekday's overnight part so it ends by the next weekday's first opening.
    private static func clipOvernight(_ weekly: inout [Weekday: [AvailabilityInterval]]) {
        for weekday in Weekday.allCases {
            let nextOpening = (weekly[weekday.next] ?? []).map(\.startMinute).min() ?? 1440
            weekly[weekday] = weekly[weekday]?.map {
                $0.runsPastMidnight
                    ? AvailabilityInterval(
                        startMinute: $0.startMinute, endMinute: min($0.endMinute, 1440 + nextOpening))
                    : $0
            }
        }
    }

    /// Drops exception intervals that the previous day's overnight part reaches into.
    private static func clipExceptions(_ rules: AvailabilityRules) -> AvailabilityRules {
        var clipped = rules
        for (date, intervals) in rules.exceptions {
            let spillEnd = rules.intervals(on: date.adding(days: -1)).map { max(0, $0.endMinute - 1440) }.max() ?? 0
            clipped.exceptions[date] = intervals.filter { $0.startMinute >= spillEnd }
        }
        return clipped
    }
}
