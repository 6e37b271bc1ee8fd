import Foundation

/// Turns a schedule's availability into bookable slots: exact across time zones and daylight saving time.
///
/// Build one per schedule with `init(_:limits:)`, which validates everything once and throws a
/// `SchedulingError` naming each bad field; then ask `slots(in:busy:)` or `nextSlot(after:now:busy:)` as often
/// as needed. The engine is a value with no I/O: busy intervals and "now" come in as arguments.
///
/// What a slot is, precisely:
/// - Every interval of a day is the set of real instants at which the schedule's clock shows a time inside
///   it, on that day. On most days that is one stretch of real time. When clocks jump forward inside it, the
///   skipped readings have no instants, so the stretch is shorter (02:00–03:00 in Berlin on the last Sunday of
///   March does not exist); when clocks go back, the repeated readings have two instants each, so the stretch
///   is longer, or in two pieces when only part of it repeats.
/// - Inside each stretch, slots start at its beginning and then every step of real time, as long as a slot
///   (its length in real time) ends by the stretch's end. So no slot starts at a clock time that does not
///   exist, each real instant is offered at most once, and a 09:00–17:00 interval yields its eight hours on
///   every day that has them, transition days included.
/// - A slot is offered when it starts at least the minimum notice (elapsed time) after "now", lies inside the
///   schedule's validity window, and overlaps no busy interval widened by the buffers (intervals are half-open:
///   a booking ending at 10:00 leaves the 10:00 slot free).
///
/// Which slots exist never depends on the range asked for: a range only selects slots by their start instant.
/// So [a, c) gives exactly the slots of [a, b) followed by those of [b, c).
public struct SlotEngine: Sendable {
    /// The schedule as given, after validation.
    public let availability: ScheduleAvailability
    /// What the engine agrees to compute per call.
    public let limits: Limits

    let zone: TimeZone
    let rules: CompiledAvailability
    let slotSeconds: Int
    let stepSeconds: Int
    let noticeSeconds: Int
    let bufferBeforeSeconds: Int
    let bufferAfterSeconds: Int
    /// The first second a slot may start (the schedule's `start`, rounded up), if any.
    let validFromSecond: Int?
    /// The last second a slot may end (the schedule's `end`, rounded down), if any.
    let validUntilSecond: Int?

    /// Validates `availability` and prepares it for queries.
    ///
    /// - Throws: `SchedulingError` listing every problem: an unknown time zone, a slot length or step outside
    ///   1 minute…24 hours, a notice or buffer out of range, an interval that is inverted, does not open within
    ///   its day or overlaps another, a validity window that ends before it starts.
    public init(_ availability: ScheduleAvailability, limits: Limits = Limits()) throws(SchedulingError) {
        var problems: [SchedulingProblem] = []
        let zone = SchedulingTimeZones.zone(named: availability.timeZoneIdentifier)
        if zone == nil {
            problems.append(.unknownTimeZone(.timeZone, identifier: availability.timeZoneIdentifier))
        }
        func check(_ minutes: Int, _ allowed: ClosedRange<Int>, _ field: SchedulingField) {
            if !allowed.contains(minutes) {
                problems.append(.minutesOutOfRange(field, minutes: minutes, allowed: allowed))
            }
        }
        check(availability.slotMinutes, Limits.slotMinutes, .slotDuration)
        if let step = availability.stepMinutes { check(step, Limits.slotMinutes, .slotStep) }
        check(availability.minimumNoticeMinutes, Limits.noticeMinutes, .minimumNotice)
        check(availability.bufferBeforeMinutes, Limits.bufferMinutes, .bufferBefore)
        check(availability.bufferAfterMinutes, Limits.bufferMinutes, .bufferAfter)
        if let from = availability.validFrom, !SlotArithmetic.isSupported(from) {
            problems.append(.instantOutOfSupportedRange(.validFrom, from))
        }
        if let until = availability.validUntil, !SlotArithmetic.isSupported(until) {
            problems.append(.instantOutOfSupportedRange(.validUntil, until))
        }
        if let from = availability.validFrom, let until = availability.validUntil, until <= from {
            problems.append(.validityEndsBeforeStart(validFrom: from, validUntil: until))
        }
        problems += availability.rules.validationProblems()
        guard problems.isEmpty, let zone else { throw SchedulingError(problems: problems) }

        self.availability = availability
        self.limits = limits
        self.zone = zone
        self.rules = CompiledAvailability(availability.rules)
        self.slotSeconds = availability.slotMinutes * 60
        self.stepSeconds = (availability.stepMinutes ?? availability.slotMinutes) * 60
        self.noticeSeconds = availability.minimumNoticeMinutes * 60
        self.bufferBeforeSeconds = availability.bufferBeforeMinutes * 60
        self.bufferAfterSeconds = availability.bufferAfterMinutes * 60
        self.validFromSecond = availability.validFrom.map(SlotArithmetic.secondsRoundingUp)
        self.validUntilSecond = availability.validUntil.map(SlotArithmetic.secondsRoundingDown)
    }

    /// The free slots starting in [query.from, query.to), in increasing order, each once.
    ///
    /// - Parameters:
    ///   - query: the range, the viewer's zone and the moment of asking.
    ///   - busy: booked or confirmed time in UTC, in any order; the schedule's buffers widen each interval.
    ///   - fullDays: dates of the schedule's clock that offer no slot (their limit of meetings is reached).
    /// - Throws: `SchedulingError` when the range is empty or inverted, longer than
    ///   `limits.maximumRangeDays`, outside the years 1…9999, or the viewer's zone is unknown.
    /// - Complexity: proportional to the days in the range plus the busy intervals plus the slots returned.
    public func slots(in query: SlotQuery, busy: [BusyInterval], fullDays: Set<LocalDate> = []) throws(SchedulingError)
        -> [Slot]
    {
        var problems: [SchedulingProblem] = []
        for (instant, field) in [(query.from, SchedulingField.rangeStart), (query.to, .rangeEnd)]
        where !SlotArithmetic.isSupported(instant) {
            problems.append(.instantOutOfSupportedRange(field, instant))
        }
        if query.to <= query.from {
            problems.append(.emptyRange(from: query.from, to: query.to))
        } else {
            let days = query.to.timeIntervalSince(query.from) / Double(SlotArithmetic.secondsPerDay)
            if days > Double(limits.maximumRangeDays) {
                problems.append(.rangeTooLong(days: days, maximumDays: limits.maximumRangeDays))
            }
        }
        let viewerZone = resolveViewerZone(query.viewerTimeZoneIdentifier, problems: &problems)
        guard problems.isEmpty else { throw SchedulingError(problems: problems) }

        let from = SlotArithmetic.secondsRoundingUp(query.from)
        let to = SlotArithmetic.secondsRoundingUp(query.to)
        let sweep = SlotSweep(
            engine: self, viewerZone: viewerZone, covering: from, to,
            busy: BusyTimeline(busy, before: bufferBeforeSeconds, after: bufferAfterSeconds), fullDays: fullDays)
        return sweep.slots(startingFrom: from, before: to, now: SlotArithmetic.secondsRoundingUp(query.now))
    }

    /// The first free slot starting at or after `instant`, looking as far as `limits.maximumRangeDays` ahead;
    /// nil when there is none in that time.
    ///
    /// It is always the first slot `slots(in:busy:)` would list for [instant, instant + maximumRangeDays), found
    /// without listing the others: the search widens from a week ahead, and skips past busy time in one step.
    ///
    /// - Throws: `SchedulingError` when `instant` lies outside the years 1…9999 or the viewer's zone is unknown.
    public func nextSlot(
        after instant: Date, now: Date, busy: [BusyInterval], fullDays: Set<LocalDate> = [],
        viewerTimeZoneIdentifier: String? = nil
    ) throws(SchedulingError) -> Slot? {
        var problems: [SchedulingProblem] = []
        if !SlotArithmetic.isSupported(instant) {
            problems.append(.instantOutOfSupportedRange(.rangeStart, instant))
        }
        let viewerZone = resolveViewerZone(viewerTimeZoneIdentifier, problems: &problems)
        guard problems.isEmpty else { throw SchedulingError(problems: problems) }

        let from = SlotArithmetic.secondsRoundingUp(instant)
        // Clamped so an absurd configured limit cannot overflow; 4,000,000 days is past the year 9999 anyway.
        let lookAheadDays = min(max(limits.maximumRangeDays, 0), 4_000_000)
        let horizon = min(from + lookAheadDays * SlotArithmetic.secondsPerDay, SlotArithmetic.latestSecond)
        let sweep = SlotSweep(
            engine: self, viewerZone: viewerZone, covering: from, horizon,
            busy: BusyTimeline(busy, before: bufferBeforeSeconds, after: bufferAfterSeconds), fullDays: fullDays)
        var windowStart = max(from, sweep.earliestStart(now: SlotArithmetic.secondsRoundingUp(now)))
        var windowDays = 7
        while windowStart < horizon {
            let windowEnd = min(windowStart + windowDays * SlotArithmetic.secondsPerDay, horizon)
            let found = sweep.slots(
                startingFrom: windowStart, before: windowEnd, now: SlotArithmetic.secondsRoundingUp(now), limit: 1)
            if let slot = found.first { return slot }
            windowStart = windowEnd
            windowDays *= 2
        }
        return nil
    }

    /// The viewer's zone: nil when the viewer uses the schedule's zone (no identifier, or the same one).
    private func resolveViewerZone(_ identifier: String?, problems: inout [SchedulingProblem]) -> TimeZone? {
        guard let identifier, identifier != availability.timeZoneIdentifier else { return nil }
        guard let zone = SchedulingTimeZones.zone(named: identifier) else {
            problems.append(.unknownTimeZone(.viewerTimeZone, identifier: identifier))
            return nil
        }
        return zone
    }
}
