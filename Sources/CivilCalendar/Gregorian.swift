/// The proleptic Gregorian calendar as integer arithmetic on day numbers (days since 1970-01-01): the one
/// civil-date algorithm that RFC 3339 text, format checks, PostgreSQL DATE and TIMESTAMPTZ text and the
/// scheduling's local dates all use, so that they can never disagree about a day.
///
/// No Foundation: `Calendar` and `DateFormatter` are slow on Linux and not needed for a fixed calendar, and
/// keeping this free of imports lets the generated code's compile tests build it beside the `Generated`
/// runtime with a bare `swiftc`. The functions are `@inlinable`: the slot engine and the parsers call them per
/// value, as they did when each module had its own copy.
public enum Gregorian {
    /// Days since 1970-01-01 of a date (Howard Hinnant's `days_from_civil`: eras of 400 years, years starting
    /// in March). The date is not checked; see ``daysIn(month:year:)``.
    @inlinable
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`); negative counts go
    /// before it.
    @inlinable
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The number of days of `month` (1–12) in `year`; what decides whether `2024-02-30` is a date.
    @inlinable
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Every fourth year, except centuries not divisible by 400 (1900 is not a leap year, 2000 is).
    @inlinable
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }
}
