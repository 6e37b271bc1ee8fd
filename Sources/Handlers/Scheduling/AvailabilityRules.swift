/// When a schedule is open, as its owner states it: weekly hours plus dated exceptions.
///
/// - `weekly` gives, for each day of the week, the intervals that repeat every such day. A weekday with no
///   entry (or an empty list) is closed.
/// - `exceptions` override single dates. A date listed here uses its own intervals instead of its weekday's;
///   an empty list closes the date. Exceptions replace, they never add: to open an extra hour on a Monday,
///   list all of that Monday's intervals.
///
/// Everything is in the schedule's own time zone (see `ScheduleAvailability.timeZoneIdentifier`).
public struct AvailabilityRules: Hashable, Sendable {
    /// Intervals that repeat on every such weekday, in any order.
    public var weekly: [Weekday: [AvailabilityInterval]]
    /// Dates whose intervals replace their weekday's; an empty list closes the date.
    public var exceptions: [LocalDate: [AvailabilityInterval]]

    /// Rules from weekly hours and optional exceptions.
    public init(
        weekly: [Weekday: [AvailabilityInterval]],
        exceptions: [LocalDate: [AvailabilityInterval]] = [:]
    ) {
        self.weekly = weekly
        self.exceptions = exceptions
    }

    /// The intervals that apply on `date` as given: its exception if it has one, else its weekday's.
    public func intervals(on date: LocalDate) -> [AvailabilityInterval] {
        exceptions[date] ?? weekly[date.weekday] ?? []
    }
}
