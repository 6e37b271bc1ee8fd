/// A date on a wall calendar, with no time and no time zone: "2024-03-31".
///
/// Schedules speak in local dates (a date exception closes "2024-12-25" wherever the schedule is), and slots
/// are grouped by the local date a person sees. Keeping the date free of any zone makes "which day is this"
/// a question that is always asked of a particular zone, never answered by accident in UTC.
///
/// A date is a day number (days since 1970-01-01), which turns calendar walking into integer arithmetic; the
/// conversion to year, month and day is the proleptic Gregorian one, exact for every year.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01: 0 for that date, 1 for the next, -1 for the one before.
    ///
    /// The date is stored as this number alone, so making, comparing and hashing dates is integer work and a
    /// `Slot` stays small; year, month and day are worked out when asked for.
    public let dayNumber: Int

    /// Makes a date, or nil when the day does not exist in that month (2023-02-29, 2024-04-31).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= LocalDate.daysIn(month: month, year: year) else {
            return nil
        }
        // Howard Hinnant's days_from_civil: eras of 400 years, years starting in March.
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        self.dayNumber = era * 146_097 + dayOfEra - 719_468
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

    /// Year, month and day of `dayNumber` (Howard Hinnant's civil_from_days).
    private var civil: (year: Int, month: Int, day: Int) {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The weekday of a day number; 1970-01-01 was a Thursday.
    static func weekday(ofDayNumber dayNumber: Int) -> Weekday {
        let index = (dayNumber + 4) % 7
        return Weekday(rawValue: index < 0 ? index + 7 : index)!
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
