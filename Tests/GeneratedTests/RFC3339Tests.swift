import Foundation
import Testing

@testable import Generated
@testable import SpecGenRuntime

@Suite("RFC 3339 date-times as Date")
struct RFC3339Tests {
    @Test("Offsets, fractions and lower-case separators read as the same instant")
    func reading() {
        let utc = RFC3339.date(from: "2024-05-01T12:30:00Z")
        #expect(utc?.timeIntervalSince1970 == 1_714_566_600)
        #expect(RFC3339.date(from: "2024-05-01T14:30:00+02:00") == utc)
        #expect(RFC3339.date(from: "2024-05-01t07:30:00-05:00") == utc)
        #expect(RFC3339.date(from: "2024-05-01T12:30:00.250Z")?.timeIntervalSince1970 == 1_714_566_600.25)
        #expect(RFC3339.date(from: "1969-12-31T23:59:59Z")?.timeIntervalSince1970 == -1)
        #expect(RFC3339.date(from: "2024-02-30T00:00:00Z") == nil)
        #expect(RFC3339.date(from: "2024-05-01 12:30:00Z") == nil)
    }

    @Test("A leap second reads as the end of the minute's last ordinary second")
    func leapSecond() {
        let leap = RFC3339.date(from: "2016-12-31T23:59:60Z")!
        let before = RFC3339.date(from: "2016-12-31T23:59:59Z")!
        let after = RFC3339.date(from: "2017-01-01T00:00:00Z")!
        #expect(leap > before && leap < after)
    }

    @Test("Writing gives UTC, milliseconds only when present, and reads back")
    func writing() {
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 1_714_566_600)) == "2024-05-01T12:30:00Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 1_714_566_600.25)) == "2024-05-01T12:30:00.250Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        for seconds in stride(from: -5_000_000_000, through: 5_000_000_000, by: 123_456_789) {
            let date = Date(timeIntervalSince1970: Double(seconds))
            #expect(RFC3339.date(from: RFC3339.string(from: date)) == date)
        }
    }

    @Test("Date decodes from and encodes to JSON strings")
    func jsonCoding() throws {
        let date = try Date(json: "2024-05-01T14:30:00+02:00")
        #expect(date.json == "2024-05-01T12:30:00Z")
        #expect(throws: JSONDecodingError.self) { try Date(json: "yesterday") }
    }
}
