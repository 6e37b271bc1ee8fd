import Foundation
import Testing

@testable import Handlers

/// Calendar arithmetic on day numbers agrees with Foundation's Gregorian calendar.
@Suite("Local dates")
struct LocalDateTests {
    @Test("day numbers round-trip and match Foundation's calendar from 1600 to 2400")
    func dayNumbersMatchFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let first = LocalDate(year: 1600, month: 1, day: 1)!.dayNumber
        let last = LocalDate(year: 2400, month: 12, day: 31)!.dayNumber
        #expect(LocalDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        for dayNumber in stride(from: first, through: last, by: 17) {
            let date = LocalDate(dayNumber: dayNumber)
            #expect(date.dayNumber == dayNumber)
            let parts = calendar.dateComponents(
                [.year, .month, .day, .weekday], from: Date(timeIntervalSince1970: Double(dayNumber) * 86_400))
            #expect(date == LocalDate(year: parts.year!, month: parts.month!, day: parts.day!), "\(dayNumber)")
            // Foundation numbers weekdays 1 (Sunday) to 7.
            #expect(date.weekday.rawValue == parts.weekday! - 1, "\(date)")
        }
    }

    @Test("only real dates can be made or parsed")
    func onlyRealDatesExist() {
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2023, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2024, month: 4, day: 31) == nil)
        #expect(LocalDate(year: 2024, month: 13, day: 1) == nil)
        #expect(LocalDate(iso8601: "2024-12-25") == LocalDate(year: 2024, month: 12, day: 25))
        for text in ["2024-2-01", "2024-02-30", "24-02-01", "2024-02-01T00:00", "２０２４-02-01", "", "2024-+2-01"] {
            #expect(LocalDate(iso8601: text) == nil, "\(text)")
        }
        #expect(LocalDate(year: 987, month: 6, day: 5)!.description == "0987-06-05")
    }

    @Test("weekdays wrap around the week")
    func weekdaysWrap() {
        #expect(Weekday.saturday.next == .sunday)
        #expect(Weekday.sunday.previous == .saturday)
        #expect(LocalDate(iso8601: "2024-06-03")!.weekday == .monday)
        #expect(LocalDate(iso8601: "1969-12-31")!.weekday == .wednesday)
    }
}
