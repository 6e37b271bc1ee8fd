import Foundation

@testable import Handlers

/// A deliberately naive second implementation of the slot rules, to check the engine against.
///
/// It shares nothing with the engine but the input types: it walks real time minute by minute, asks Foundation
/// for the zone's offset at each minute, reads the local clock, and finds which interval (of that local day, or
/// the previous day's overnight part) the reading falls in. Runs of consecutive minutes in the same interval
/// are the stretches; slots are laid from each run's start. Exact for zones whose offsets and transitions fall
/// on whole minutes, which is every zone since the 1970s.
enum SlotOracle {
    /// The slot start instants (UTC seconds) the rules give for `scenario`.
    static func slotStarts(_ scenario: SlotScenario) -> [Int] {
        let availability = scenario.availability
        let zone = TimeZone(identifier: availability.timeZoneIdentifier)!
        let from = Int(scenario.from.timeIntervalSince1970.rounded(.up))
        let to = Int(scenario.to.timeIntervalSince1970.rounded(.up))
        // A stretch holding a slot that starts in [from, to) lies within two days of the range (an interval
        // lasts at most 24 clock hours plus a DST shift).
        let scanStart = (from / 60 - 2 * 1440) * 60
        let scanEnd = (to / 60 + 2 * 1440) * 60

        struct Key: Equatable {
            let day: Int
            let startMinute: Int
        }
        var intervalsByDay: [Int: [AvailabilityInterval]] = [:]
        func intervals(onDay day: Int) -> [AvailabilityInterval] {
            if let known = intervalsByDay[day] { return known }
            let found = availability.rules.intervals(on: LocalDate(dayNumber: day))
            intervalsByDay[day] = found
            return found
        }
        func key(at instant: Int) -> Key? {
            let local = instant + zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))
            let day = Int((Double(local) / 86_400).rounded(.down))
            let minuteOfDay = (local - day * 86_400) / 60
            for interval in intervals(onDay: day)
            where interval.startMinute <= minuteOfDay && minuteOfDay < interval.endMinute {
                return Key(day: day, startMinute: interval.startMinute)
            }
            for interval in intervals(onDay: day - 1)
            where interval.startMinute <= minuteOfDay + 1440 && minuteOfDay + 1440 < interval.endMinute {
                return Key(day: day - 1, startMinute: interval.startMinute)
            }
            return nil
        }

        var runs: [(start: Int, end: Int)] = []
        var current: (key: Key, start: Int)?
        var instant = scanStart
        while instant <= scanEnd {
            let here = key(at: instant)
            if let open = current, open.key != here {
                runs.append((open.start, instant))
                current = nil
            }
            if current == nil, let here { current = (here, instant) }
            instant += 60
        }

        let length = availability.slotMinutes * 60
        let step = (availability.stepMinutes ?? availability.slotMinutes) * 60
        let earliest = Int(scenario.now.timeIntervalSince1970.rounded(.up)) + availability.minimumNoticeMinutes * 60
        let validFrom = availability.validFrom.map { Int($0.timeIntervalSince1970.rounded(.up)) } ?? Int.min
        let validUntil = availability.validUntil.map { Int($0.timeIntervalSince1970.rounded(.down)) } ?? Int.max
        let busy = scenario.busy.map {
            (
                start: Int($0.start.timeIntervalSince1970.rounded(.down)) - availability.bufferBeforeMinutes * 60,
                end: Int($0.end.timeIntervalSince1970.rounded(.up)) + availability.bufferAfterMinutes * 60
            )
        }
        var starts: [Int] = []
        for run in runs {
            var start = run.start
            while start + length <= run.end {
                let end = start + length
                if start >= from, start < to, start >= earliest, start >= validFrom, end <= validUntil,
                    !busy.contains(where: { $0.start < $0.end && $0.start < end && start < $0.end })
                {
                    starts.append(start)
                }
                start += step
            }
        }
        return starts.sorted()
    }
}
