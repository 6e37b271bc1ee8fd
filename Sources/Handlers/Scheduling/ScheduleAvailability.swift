import Foundation

/// Everything about a schedule that decides which slots it offers, before any booking is looked at.
///
/// Handlers build this from a schedule's stored settings; `SlotEngine.init` validates it once, and the engine
/// then answers any number of queries. All lengths are whole minutes because that is how schedules state them
/// (slot duration in minutes, minimum notice `msp` in minutes); instants are `Date`s (UTC, no zone).
public struct ScheduleAvailability: Hashable, Sendable {
    /// Weekly hours and date exceptions, in local wall-clock time of `timeZoneIdentifier`.
    public var rules: AvailabilityRules
    /// The IANA time zone the rules are written in, for example "Europe/Berlin".
    public var timeZoneIdentifier: String
    /// How long one slot lasts, in minutes of real time: 1 to 1440.
    public var slotMinutes: Int
    /// Minutes of real time from one slot's start to the next one's inside an interval: 1 to 1440. Nil means
    /// "the slot length", so slots follow each other without gaps or overlap.
    public var stepMinutes: Int?
    /// How long before its start a slot stops being offered: a slot is shown only when it starts at least this
    /// many minutes (elapsed, whatever the clocks do) after "now". 0 to 366 days.
    public var minimumNoticeMinutes: Int
    /// Free time kept before every busy interval: a slot must end this many minutes before a booking starts.
    public var bufferBeforeMinutes: Int
    /// Free time kept after every busy interval: a slot may start only this many minutes after a booking ends.
    public var bufferAfterMinutes: Int
    /// The first instant the schedule takes bookings (its `start`); slots starting earlier are not offered.
    public var validFrom: Date?
    /// The instant the schedule stops taking bookings (its `end`); a slot must be over by then.
    public var validUntil: Date?

    /// A schedule's availability; every length is in minutes.
    public init(
        rules: AvailabilityRules,
        timeZoneIdentifier: String,
        slotMinutes: Int,
        stepMinutes: Int? = nil,
        minimumNoticeMinutes: Int = 0,
        bufferBeforeMinutes: Int = 0,
        bufferAfterMinutes: Int = 0,
        validFrom: Date? = nil,
        validUntil: Date? = nil
    ) {
        self.rules = rules
        self.timeZoneIdentifier = timeZoneIdentifier
        self.slotMinutes = slotMinutes
        self.stepMinutes = stepMinutes
        self.minimumNoticeMinutes = minimumNoticeMinutes
        self.bufferBeforeMinutes = bufferBeforeMinutes
        self.bufferAfterMinutes = bufferAfterMinutes
        self.validFrom = validFrom
        self.validUntil = validUntil
    }
}
