/// One stretch of a day during which a schedule takes bookings, in local wall-clock minutes: 09:00–17:00 is
/// `startMinute` 540, `endMinute` 1020.
///
/// The interval belongs to the day it starts on. It may run past midnight into the next day: 22:00–02:00 is
/// `startMinute` 1320, `endMinute` 1560 (26 × 60), and the part after midnight is still that day's interval
/// (a date exception that closes the next day does not cut it short). An interval starts within its day
/// (0 ≤ `startMinute` < 1440), ends after it starts and lasts at most 24 hours of clock time.
///
/// Minutes are wall-clock readings, not elapsed time: on the day clocks jump forward or back, 09:00–17:00 still
/// means "from when the clock shows 09:00 to when it shows 17:00" (see `SlotEngine` for what that means inside
/// a jump). The engine validates intervals and names the offending one; this type only holds the numbers.
public struct AvailabilityInterval: Hashable, Sendable, CustomStringConvertible {
    /// Minutes after local midnight at which the interval opens, 0 (00:00) to 1439 (23:59).
    public let startMinute: Int
    /// Minutes after the same midnight at which it closes (exclusive); above 1440 when it runs into the next day.
    public let endMinute: Int

    /// Holds the interval as given; `SlotEngine` checks it (and reports the field) when a schedule is loaded.
    public init(startMinute: Int, endMinute: Int) {
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    /// Builds the interval from two clock readings in minutes, treating an end at or before the start as
    /// "the next day": (22:00, 02:00) runs overnight, (09:00, 09:00) is a full 24 hours.
    ///
    /// This is how a schedule's "HH:MM"–"HH:MM" pairs read, since a clock face has no 26:00.
    public init(fromClockMinute start: Int, toClockMinute end: Int) {
        self.init(startMinute: start, endMinute: end <= start ? end + 1440 : end)
    }

    /// Length in clock minutes (not elapsed time; a DST jump inside changes the elapsed length).
    public var clockMinutes: Int { endMinute - startMinute }

    /// Whether the interval runs past the midnight that ends its day.
    public var runsPastMidnight: Bool { endMinute > 1440 }

    /// "HH:MM–HH:MM", with the end written past 24:00 when the interval runs into the next day ("22:00–26:00").
    public var description: String {
        func clock(_ minute: Int) -> String {
            let hours = minute / 60
            let minutes = minute % 60
            return (hours < 10 && hours >= 0 ? "0" : "") + "\(hours):" + (minutes < 10 && minutes >= 0 ? "0" : "")
                + "\(minutes)"
        }
        return "\(clock(startMinute))–\(clock(endMinute))"
    }
}
