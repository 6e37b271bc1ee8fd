import Foundation

/// One pass over a range of days that lays slots into the schedule's stretches and keeps the free ones.
///
/// A sweep holds what a query needs beyond the engine itself: the zone offsets for the queried time (read from
/// Foundation once), the viewer's, and the merged busy time. It then works in integers only. The days whose
/// intervals might hold a slot starting in the range are turned into stretches of real time, the stretches are
/// put in time order, and each is walked with a cursor over the busy time that only moves forward.
struct SlotSweep {
    /// How far beyond the asked range the offset tables reach: a day's interval can end two local days after its
    /// midnight, and a zone's clock is at most 14 hours away from UTC, so four days leave room to spare.
    private static let tableMargin = 4 * SlotArithmetic.secondsPerDay

    let engine: SlotEngine
    let zoneOffsets: ZoneOffsetTable
    /// The viewer's offsets; nil when the viewer uses the schedule's zone.
    let viewerOffsets: ZoneOffsetTable?
    let busy: BusyTimeline
    /// Days of the schedule's clock (day numbers) that offer no slot: their limit of meetings is reached.
    let fullDays: Set<Int>

    /// A sweep able to answer for slot starts in [from, to) (UTC seconds) in any sub-range.
    init(
        engine: SlotEngine, viewerZone: TimeZone?, covering from: Int, _ to: Int, busy: BusyTimeline,
        fullDays: Set<LocalDate> = []
    ) {
        self.engine = engine
        self.fullDays = Set(fullDays.map(\.dayNumber))
        let lower = from - Self.tableMargin
        let upper = to + Self.tableMargin
        self.zoneOffsets = ZoneOffsetTable(zone: engine.zone, from: lower, through: upper)
        self.viewerOffsets = viewerZone.map { ZoneOffsetTable(zone: $0, from: lower, through: upper) }
        self.busy = busy
    }

    /// The earliest second a slot may start given notice and the schedule's validity start.
    func earliestStart(now: Int) -> Int {
        max(now + engine.noticeSeconds, engine.validFromSecond ?? Int.min)
    }

    /// The free slots starting in [from, to), in increasing order, at most `limit` of them.
    func slots(startingFrom from: Int, before to: Int, now: Int, limit: Int = .max) -> [Slot] {
        let lowest = max(from, earliestStart(now: now))
        guard lowest < to else { return [] }
        let step = engine.stepSeconds
        let stretches = self.stretches(holdingStartsFrom: lowest, before: to)

        // Room for every candidate up front: the output is the only buffer that grows with the slot count, and
        // sizing it once avoids copying it while it grows.
        var candidates = 0
        for stretch in stretches {
            if let indices = slotIndices(in: stretch, from: lowest, before: to) { candidates += indices.count }
        }
        var slots: [Slot] = []
        slots.reserveCapacity(min(candidates, limit))

        var busyCursor = 0
        var zoneCursor = 0
        var viewerCursor = 0
        for stretch in stretches {
            guard let indices = slotIndices(in: stretch, from: lowest, before: to) else { continue }
            var index = indices.lowerBound
            while index <= indices.upperBound {
                let start = stretch.start + index * step
                if let free = busy.blockedUntil(start: start, end: start + engine.slotSeconds, cursor: &busyCursor) {
                    index = max(index + 1, SlotArithmetic.ceilDiv(free - stretch.start, step))
                    continue
                }
                let found = slot(at: start, zoneCursor: &zoneCursor, viewerCursor: &viewerCursor)
                if fullDays.isEmpty || !fullDays.contains(found.scheduleDate.dayNumber) { slots.append(found) }
                if slots.count >= limit { return slots }
                index += 1
            }
        }
        return slots
    }

    /// The positions k of the slots `stretch.start + k × step` that fit in `stretch`, start in [from, to) and
    /// end by the validity end; nil when none does.
    private func slotIndices(in stretch: InstantStretch, from: Int, before to: Int) -> ClosedRange<Int>? {
        let length = engine.slotSeconds
        let step = engine.stepSeconds
        var last = SlotArithmetic.floorDiv(stretch.end - length - stretch.start, step)
        last = min(last, SlotArithmetic.floorDiv(to - 1 - stretch.start, step))
        if let until = engine.validUntilSecond {
            last = min(last, SlotArithmetic.floorDiv(until - length - stretch.start, step))
        }
        let first = max(0, SlotArithmetic.ceilDiv(from - stretch.start, step))
        return first <= last ? first...last : nil
    }

    /// The stretches of every interval that could hold a slot starting in [from, to), in time order.
    ///
    /// A slot starting at instant t lies in an interval of the local day whose midnight is at most two days
    /// before t's clock reading (intervals last at most a day past their own midnight), and at most that reading.
    private func stretches(holdingStartsFrom from: Int, before to: Int) -> [InstantStretch] {
        let day = SlotArithmetic.secondsPerDay
        let firstDay = SlotArithmetic.floorDiv(from + zoneOffsets.minimumOffset, day) - 1
        let lastDay = SlotArithmetic.floorDiv(to - 1 + zoneOffsets.maximumOffset, day)
        var stretches: [InstantStretch] = []
        stretches.reserveCapacity(max(0, lastDay - firstDay + 1))
        var inOrder = true
        if firstDay <= lastDay {
            for dayNumber in firstDay...lastDay {
                let midnight = dayNumber * day
                for span in engine.rules.spans(onDay: dayNumber) {
                    let previousCount = stretches.count
                    zoneOffsets.appendInstantStretches(
                        localStart: midnight + span.start, localEnd: midnight + span.end, to: &stretches)
                    if previousCount > 0, stretches.count > previousCount,
                        stretches[previousCount].start < stretches[previousCount - 1].start
                    {
                        inOrder = false
                    }
                }
            }
        }
        // Out of order only when clocks went back across an interval boundary; disjointness makes sorting safe.
        if !inOrder { stretches.sort { $0.start < $1.start } }
        return stretches
    }

    /// The slot starting at `start`, with its dates on the schedule's and the viewer's calendars.
    private func slot(at start: Int, zoneCursor: inout Int, viewerCursor: inout Int) -> Slot {
        let scheduleOffset = zoneOffsets.offset(at: start, cursor: &zoneCursor)
        let viewerOffset = viewerOffsets?.offset(at: start, cursor: &viewerCursor) ?? scheduleOffset
        let day = SlotArithmetic.secondsPerDay
        let scheduleDate = LocalDate(dayNumber: SlotArithmetic.floorDiv(start + scheduleOffset, day))
        return Slot(
            start: SlotArithmetic.date(start),
            end: SlotArithmetic.date(start + engine.slotSeconds),
            scheduleDate: scheduleDate,
            scheduleUTCOffsetSeconds: scheduleOffset,
            viewerDate: viewerOffsets == nil
                ? scheduleDate : LocalDate(dayNumber: SlotArithmetic.floorDiv(start + viewerOffset, day)),
            viewerUTCOffsetSeconds: viewerOffset)
    }
}
