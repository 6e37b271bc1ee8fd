import Foundation

// Within the package CivilCalendar is a module of its own; the generated code's compile tests hand its file to
// swiftc together with this runtime, as part of the same module, where there is nothing to import.
#if canImport(CivilCalendar)
import CivilCalendar
#endif

/// RFC 3339 `date-time` text ⇄ `Date`, without `DateFormatter` (which is slow, locale-bound and not `Sendable`).
///
/// Reading accepts exactly what ``StringFormat/dateTime`` accepts (`T` or `t`, `Z` or an offset, any fraction);
/// a leap second (`23:59:60Z`) reads as the last representable instant of that minute's 59th second, since `Date`
/// has no leap seconds. Writing gives UTC with milliseconds when there are any: `2024-05-01T12:30:00Z`,
/// `2024-05-01T12:30:00.250Z`.
public enum RFC3339 {
    /// The instant a `date-time` string names, or nil when it is not one.
    public static func date(from text: String) -> Date? {
        guard StringFormat.dateTime.accepts(text) else { return nil }
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int {
            bytes[start..<(start + count)].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        let year = number(0, 4)
        let month = number(5, 2)
        let day = number(8, 2)
        let hour = number(11, 2)
        let minute = number(14, 2)
        let second = min(number(17, 2), 59)
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index].isASCIIDigit {
                fraction += Double(bytes[index] - UInt8(ascii: "0")) * scale
                scale /= 10
                index += 1
            }
        }
        if number(17, 2) == 60 { fraction = 0.999_999 }
        var offsetSeconds = 0
        if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "+") ? 1 : -1
            offsetSeconds = sign * (number(index + 1, 2) * 3600 + number(index + 4, 2) * 60)
        }
        let days = Gregorian.daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// The instant as UTC `date-time` text, with milliseconds only when they are not zero.
    public static func string(from date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var whole = Int(interval.rounded(.down))
        var milliseconds = Int(((interval - Double(whole)) * 1000).rounded())
        if milliseconds == 1000 {
            whole += 1
            milliseconds = 0
        }
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let secondsOfDay = whole - days * 86_400
        let (year, month, day) = Gregorian.civilFromDays(days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
        text += "\(pad(secondsOfDay / 3600, 2)):\(pad(secondsOfDay / 60 % 60, 2)):\(pad(secondsOfDay % 60, 2))"
        if milliseconds != 0 { text += "." + pad(milliseconds, 3) }
        return text + "Z"
    }
}

extension Date: JSONCodable {
    /// Reads an RFC 3339 `date-time` string.
    public init(json: JSONValue) throws(JSONDecodingError) {
        guard case .string(let text) = json, let date = RFC3339.date(from: text) else {
            throw JSONDecodingError(expected: "an RFC 3339 date-time", found: json.jsonText)
        }
        self = date
    }

    /// Writes UTC RFC 3339 text.
    public var json: JSONValue { .string(RFC3339.string(from: self)) }
}
