import CivilCalendar

/// A date on a wall calendar, with no time and no time zone: "2024-03-31".
///
/// Schedules speak in local dates (a date exception closes "2024-12-25" wherever the schedule is), and slots
/// are grouped by the local date a person sees. Keeping the date free of any zone makes "which day is this"
/// a question that is always asked of a particular zone, never answered by accident in UTC.
///
/// A date is a day number (days since 1970-01-01), which turns calendar walking into integer arithmetic; the
/// conversion to year, month and day is the proleptic Gregorian one (`Gregorian`, shared with RFC 3339 and
/// PostgreSQL dates), exact for every year.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01: 0 for that date, 1 for the next, -1 for the one before.
    ///
    /// The date is stored as this number alone, so making, comparing and hashing dates is integer work and a
    /// `Slot` stays small; year, month and day are worked out when asked for.
    public let dayNumber: Int

    /// Makes a date, or nil when the day does not exist in that month (2023-02-29, 2024-04-31).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Gregorian.daysIn(month: month, year: year) else {
            return nil
        }
        self.dayNumber = Gregorian.daysFromCivil(year: year, month: month, day: day)
    }

    /// Parses the ISO 8601 calendar form "YYYY-MM-DD", the form dates take in JSON and in exceptions.
    public init?(iso8601 text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date `dayNumber` days after 1970-01-01 (negative numbers go before it).
    public init(dayNumber: Int) {
        self.dayNumber = dayNumber
    }

    /// The year, for example 2024.
    public var year: Int { civil.year }
    /// The month, 1 (January) to 12 (December).
    public var month: Int { civil.month }
    /// The day of the month, 1 to 31.
    public var day: Int { civil.day }

    /// The day of the week this date falls on.
    public var weekday: Weekday {
        LocalDate.weekday(ofDayNumber: dayNumber)
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> LocalDate {
        LocalDate(dayNumber: dayNumber + days)
    }

    /// "YYYY-MM-DD", zero-padded; years outside 0...9999 print with as many digits as they need.
    public var description: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(abs(value))
            return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let (year, month, day) = civil
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        lhs.dayNumber < rhs.dayNumber
    }

    /// Year, month and day of `dayNumber`.
    private var civil: (year: Int, month: Int, day: Int) {
        Gregorian.civilFromDays(dayNumber)
    }

    /// The weekday of a day number; 1970-01-01 was a Thursday.
    static func weekday(ofDayNumber dayNumber: Int) -> Weekday {
        let index = (dayNumber + 4) % 7
        return Weekday(rawValue: index < 0 ? index + 7 : index)!
    }
}
