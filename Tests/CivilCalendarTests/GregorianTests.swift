import CivilCalendar
import Foundation
import Testing

@Suite("Gregorian day arithmetic")
struct GregorianTests {
    @Test("The civil-day arithmetic agrees with Foundation's calendar (Gregorian since 1582, where Foundation stops being Julian)")
    func agreesWithCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for days in stride(from: -141_000, through: 200_000, by: 997) {
            let date = Date(timeIntervalSince1970: Double(days) * 86_400)
            let components = calendar.dateComponents([.year, .month, .day], from: date)
            let civil = Gregorian.civilFromDays(days)
            #expect(civil.year == components.year && civil.month == components.month && civil.day == components.day)
            #expect(Gregorian.daysFromCivil(year: civil.year, month: civil.month, day: civil.day) == days)
        }
    }

    @Test("Day numbers round-trip across eras, before year 0 included")
    func roundTrip() {
        #expect(Gregorian.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(Gregorian.civilFromDays(-1) == (1969, 12, 31))
        for days in stride(from: -1_000_000, through: 1_000_000, by: 1_009) {
            let civil = Gregorian.civilFromDays(days)
            #expect(Gregorian.daysFromCivil(year: civil.year, month: civil.month, day: civil.day) == days)
        }
    }

    @Test("Leap years and month lengths")
    func monthLengths() {
        #expect(Gregorian.isLeapYear(2024) && Gregorian.isLeapYear(2000) && Gregorian.isLeapYear(1600))
        #expect(!Gregorian.isLeapYear(2023) && !Gregorian.isLeapYear(1900) && !Gregorian.isLeapYear(2100))
        #expect(Gregorian.daysIn(month: 2, year: 2024) == 29)
        #expect(Gregorian.daysIn(month: 2, year: 1900) == 28)
        let lengths = (1...12).map { Gregorian.daysIn(month: $0, year: 2023) }
        #expect(lengths == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    }
}
