import Foundation

/// A time zone's UTC offsets over a stretch of time, read from Foundation once and then used with integers.
///
/// Asking `TimeZone` per slot is slow on Linux and hides the arithmetic. Between two transitions a zone's offset
/// is constant, so the table keeps the transitions in a window (found with `nextDaylightSavingTimeTransition`,
/// which reports every offset change, daylight saving or not) and the offset after each (`secondsFromGMT`).
/// Outside the window the first and last offsets are assumed to continue, so callers make the window cover
/// every instant they will ask about.
///
/// Local wall-clock time is handled as "local seconds": the UTC seconds a clock reading would have if the zone
/// were UTC, so local midnight of day number `d` is `d * 86_400` in every zone.
struct ZoneOffsetTable: Sendable {
    /// The instant each period begins; the first period begins at `Int.min`.
    private let periodStarts: [Int]
    /// The offset in seconds (local minus UTC) during each period.
    private let offsets: [Int]
    /// The smallest offset in the window, to bound local/UTC conversions.
    let minimumOffset: Int
    /// The largest offset in the window.
    let maximumOffset: Int

    /// The offsets of `zone` for instants in [lower, upper] (UTC seconds).
    init(zone: TimeZone, from lower: Int, through upper: Int) {
        var starts = [Int.min]
        var offsets = [zone.secondsFromGMT(for: SlotArithmetic.date(lower))]
        var cursor = SlotArithmetic.date(lower)
        while let transition = zone.nextDaylightSavingTimeTransition(after: cursor) {
            let second = Int(transition.timeIntervalSince1970.rounded())
            guard second <= upper, second > starts.last! else { break }
            let offset = zone.secondsFromGMT(for: SlotArithmetic.date(second))
            if offset != offsets.last! {
                starts.append(second)
                offsets.append(offset)
            }
            cursor = transition
        }
        self.periodStarts = starts
        self.offsets = offsets
        self.minimumOffset = offsets.min()!
        self.maximumOffset = offsets.max()!
    }

    /// The index of the period containing UTC second `instant`.
    func period(containing instant: Int) -> Int {
        var low = 0
        var high = periodStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if periodStarts[middle] <= instant { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The zone's offset at UTC second `instant`.
    func offset(at instant: Int) -> Int {
        offsets[period(containing: instant)]
    }

    /// The zone's offset at `instant`, continuing a search from `cursor` (a period index) when instants are asked
    /// in increasing order, which makes a sorted sweep linear instead of logarithmic per call.
    func offset(at instant: Int, cursor: inout Int) -> Int {
        if cursor >= offsets.count || periodStarts[cursor] > instant { cursor = period(containing: instant) }
        while cursor + 1 < periodStarts.count, periodStarts[cursor + 1] <= instant { cursor += 1 }
        return offsets[cursor]
    }

    /// Appends the UTC stretches during which the clock reads a time in [localStart, localEnd) (local seconds).
    ///
    /// Outside transitions that is one stretch, `[localStart − offset, localEnd − offset)`. Across a jump forward
    /// the skipped clock times have no instant, so the stretch is shorter; across a jump back the repeated clock
    /// times have two instants each, so the stretch is longer, or splits in two when the readings only partly
    /// repeat. Each period contributes the instants whose reading falls in the range; touching pieces are joined,
    /// so the result is a list of disjoint stretches in increasing order.
    func appendInstantStretches(localStart: Int, localEnd: Int, to stretches: inout [InstantStretch]) {
        var index = period(containing: localStart - maximumOffset)
        let searchEnd = localEnd - minimumOffset
        var joinable = false
        while index < periodStarts.count, periodStarts[index] < searchEnd {
            let periodEnd = index + 1 < periodStarts.count ? periodStarts[index + 1] : Int.max
            let start = max(localStart - offsets[index], periodStarts[index])
            let end = min(localEnd - offsets[index], periodEnd)
            if start < end {
                if joinable, stretches[stretches.count - 1].end == start {
                    stretches[stretches.count - 1].end = end
                } else {
                    stretches.append(InstantStretch(start: start, end: end))
                    joinable = true
                }
            }
            index += 1
        }
    }
}
