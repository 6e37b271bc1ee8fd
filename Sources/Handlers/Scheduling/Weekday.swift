/// A day of the week as schedules number it: 0 is Sunday, 6 is Saturday.
///
/// The numbering is the one the API's `days` filters and a schedule's weekly hours use (the same as
/// JavaScript's `Date.getDay()` and Carbon's `dayOfWeek`), so a value from a request maps onto a case
/// with `Weekday(rawValue:)` and no arithmetic.
public enum Weekday: Int, CaseIterable, Comparable, Sendable {
    case sunday = 0
    case monday = 1
    case tuesday = 2
    case wednesday = 3
    case thursday = 4
    case friday = 5
    case saturday = 6

    /// The day after this one; Saturday is followed by Sunday.
    public var next: Weekday {
        Weekday(rawValue: (rawValue + 1) % 7)!
    }

    /// The day before this one; Sunday is preceded by Saturday.
    public var previous: Weekday {
        Weekday(rawValue: (rawValue + 6) % 7)!
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
