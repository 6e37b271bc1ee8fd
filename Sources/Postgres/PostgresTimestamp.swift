import CivilCalendar
import Foundation

/// Reading and writing TIMESTAMPTZ text with integer calendar arithmetic (no Calendar, no DateFormatter:
/// both are slow on Linux and neither is needed for a fixed ISO format).
enum PostgresTimestamp {
    /// `2026-11-25 19:44:00.123456+00`, always UTC, microseconds (PostgreSQL's own precision).
    static func format(_ date: Date) -> String {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let totalMicros = Int64(micros)
        var seconds = totalMicros / 1_000_000
        var fraction = totalMicros % 1_000_000
        if fraction < 0 {
            fraction += 1_000_000
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = Gregorian.civilFromDays(Int(days))
        func pad(_ value: some BinaryInteger, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) \(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(fraction, 6))+00"
    }

    /// Parses `YYYY-MM-DD HH:MM:SS[.ffffff][+-HH[:MM[:SS]]]` (ISO DateStyle, what the pool's sessions use).
    static func parse(_ text: UnsafeRawBufferPointer) -> Date? {
        var reader = DigitReader(text)
        guard let year = reader.number(4), reader.skip("-"), let month = reader.number(2), reader.skip("-"),
            let day = reader.number(2), reader.skip(" ") || reader.skip("T"),
            let hour = reader.number(2), reader.skip(":"), let minute = reader.number(2), reader.skip(":"),
            let second = reader.number(2)
        else { return nil }
        var micros: Int64 = 0
        if reader.skip(".") {
            var digits = 0
            while let digit = reader.digit() {
                if digits < 6 {
                    micros = micros * 10 + digit
                    digits += 1
                }
            }
            guard digits > 0 else { return nil }
            while digits < 6 {
                micros *= 10
                digits += 1
            }
        }
        var offsetSeconds: Int64 = 0
        if reader.atEnd == false {
            let sign: Int64
            if reader.skip("+") { sign = 1 } else if reader.skip("-") { sign = -1 } else { return nil }
            guard let offsetHours = reader.number(2) else { return nil }
            var offset = offsetHours * 3600
            if reader.skip(":") {
                guard let offsetMinutes = reader.number(2) else { return nil }
                offset += offsetMinutes * 60
                if reader.skip(":") {
                    guard let offsetSecondsPart = reader.number(2) else { return nil }
                    offset += offsetSecondsPart
                }
            }
            offsetSeconds = sign * offset
        }
        guard reader.atEnd, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        let days = Int64(Gregorian.daysFromCivil(year: Int(year), month: Int(month), day: Int(day)))
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }
}

/// Reads fixed-width decimal fields from ASCII text.
struct DigitReader {
    let text: UnsafeRawBufferPointer
    var index = 0

    init(_ text: UnsafeRawBufferPointer) {
        self.text = text
    }

    var atEnd: Bool { index >= text.count }

    mutating func digit() -> Int64? {
        guard index < text.count, text[index] >= 48, text[index] <= 57 else { return nil }
        defer { index += 1 }
        return Int64(text[index] - 48)
    }

    mutating func number(_ width: Int) -> Int64? {
        var value: Int64 = 0
        for _ in 0..<width {
            guard let digit = digit() else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < text.count, text[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }
}
