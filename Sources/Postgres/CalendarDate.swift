import CivilCalendar

/// A day of the proleptic Gregorian calendar with no time and no zone: what a PostgreSQL DATE holds (a
/// birthday, an invoice date, a schedule exception). Kept apart from `Date`, which is an instant.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// A date from its parts; nil when they do not name a real day (`2026-02-30`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Gregorian.daysIn(month: month, year: year) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD`.
    public init?(_ text: String) {
        var text = text
        let parsed: CalendarDate? = text.withUTF8 { bytes in
            var reader = DigitReader(UnsafeRawBufferPointer(bytes))
            guard let year = reader.number(4), reader.skip("-"), let month = reader.number(2), reader.skip("-"),
                let day = reader.number(2), reader.atEnd
            else { return nil }
            return CalendarDate(year: Int(year), month: Int(month), day: Int(day))
        }
        guard let parsed else { return nil }
        self = parsed
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension CalendarDate: PostgresEncodable, PostgresDecodable, PostgresArrayElement {
    public func encodePostgresText(into buffer: inout [UInt8]) -> Bool {
        buffer.append(contentsOf: description.utf8)
        return true
    }

    public static func decodePostgresText(
        _ text: UnsafeRawBufferPointer, column: String
    ) throws(PostgresError) -> CalendarDate {
        guard let date = CalendarDate(String(decoding: text, as: UTF8.self)) else {
            throw decodingError(text, column: column)
        }
        return date
    }
}
