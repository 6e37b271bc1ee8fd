/// A schedule's busy intervals, widened by its buffers, sorted and merged, in UTC seconds.
///
/// Merging once turns "does this slot hit any of 1,000 bookings" into a cursor that only moves forward while
/// slots are checked in increasing order, and tells how far to jump: past a booking, not one step at a time.
struct BusyTimeline: Sendable {
    /// Disjoint, non-touching [start, end) pairs in increasing order.
    private(set) var intervals: [InstantStretch] = []

    /// The blocked time of `busy`, each interval widened by `before` seconds at its start and `after` at its end.
    /// Start instants round down and end instants up, so a fraction of a second still blocks its whole second.
    init(_ busy: [BusyInterval], before: Int, after: Int) {
        var widened: [InstantStretch] = []
        widened.reserveCapacity(busy.count)
        for interval in busy {
            let start = SlotArithmetic.secondsRoundingDown(interval.start)
            let end = SlotArithmetic.secondsRoundingUp(interval.end)
            guard start < end else { continue }
            widened.append(InstantStretch(start: start - before, end: end + after))
        }
        widened.sort { $0.start < $1.start }
        for interval in widened {
            if let last = intervals.last, interval.start <= last.end {
                intervals[intervals.count - 1].end = max(last.end, interval.end)
            } else {
                intervals.append(interval)
            }
        }
    }

    /// If [start, end) overlaps blocked time, the end of that blocked time (the earliest instant a slot could
    /// start again); nil when it is free. `cursor` must start at 0 and be reused for non-decreasing `start`s.
    func blockedUntil(start: Int, end: Int, cursor: inout Int) -> Int? {
        while cursor < intervals.count, intervals[cursor].end <= start { cursor += 1 }
        guard cursor < intervals.count, intervals[cursor].start < end else { return nil }
        return intervals[cursor].end
    }
}
