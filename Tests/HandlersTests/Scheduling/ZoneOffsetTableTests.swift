import Foundation
import Testing

@testable import Handlers

/// The integer offset tables agree with Foundation's `TimeZone` at every instant they cover.
@Suite("Zone offset tables")
struct ZoneOffsetTableTests {
    static let zones = [
        "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Australia/Sydney",
        "America/Santiago", "Africa/Casablanca", "Pacific/Apia", "Pacific/Chatham", "Europe/Moscow", "UTC",
    ]

    @Test("the offset at every hour and around every transition equals secondsFromGMT", arguments: zones)
    func offsetsMatchFoundation(zone identifier: String) {
        let zone = TimeZone(identifier: identifier)!
        // 2010-2014 holds rule changes (Moscow 2011 and 2014, Apia 2011 skipping a day) besides ordinary DST.
        let lower = 1_262_304_000
        let upper = 1_420_070_400
        let table = ZoneOffsetTable(zone: zone, from: lower, through: upper)
        var cursor = 0
        for instant in stride(from: lower, through: upper, by: 3600) {
            let expected = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))
            #expect(table.offset(at: instant) == expected, "\(identifier) at \(instant)")
            #expect(table.offset(at: instant, cursor: &cursor) == expected, "\(identifier) at \(instant)")
        }
        var transition = Date(timeIntervalSince1970: Double(lower))
        while let next = zone.nextDaylightSavingTimeTransition(after: transition),
            next.timeIntervalSince1970 < Double(upper)
        {
            let second = Int(next.timeIntervalSince1970)
            for instant in [second - 1, second, second + 1] {
                #expect(
                    table.offset(at: instant)
                        == zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant))),
                    "\(identifier) around \(next)")
            }
            transition = next
        }
    }

    @Test("a clock range maps to the instants that show it: shorter across a gap, longer across a repeat")
    func clockRangesMapToInstantStretches() {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        let table = ZoneOffsetTable(zone: berlin, from: 1_704_067_200, through: 1_735_689_600)  // 2024
        func stretches(_ localStart: String, _ localEnd: String) -> [[String]] {
            // Local seconds: the clock reading written as if it were UTC.
            let start = Int(SlotTestSupport.instant(localStart).timeIntervalSince1970)
            let end = Int(SlotTestSupport.instant(localEnd).timeIntervalSince1970)
            var found: [InstantStretch] = []
            table.appendInstantStretches(localStart: start, localEnd: end, to: &found)
            return found.map {
                SlotTestSupport.iso([
                    Date(timeIntervalSince1970: Double($0.start)), Date(timeIntervalSince1970: Double($0.end)),
                ])
            }
        }
        // Spring forward 2024-03-31: 01:00-04:00 on the clock is 00:00Z-02:00Z, two real hours.
        #expect(
            stretches("2024-03-31T01:00:00Z", "2024-03-31T04:00:00Z") == [
                ["2024-03-31T00:00:00Z", "2024-03-31T02:00:00Z"]
            ])
        // The skipped hour has no instants.
        #expect(stretches("2024-03-31T02:00:00Z", "2024-03-31T03:00:00Z") == [])
        // Fall back 2024-10-27: 02:00-03:00 is shown twice, once in CEST and once in CET, back to back.
        #expect(
            stretches("2024-10-27T02:00:00Z", "2024-10-27T03:00:00Z") == [
                ["2024-10-27T00:00:00Z", "2024-10-27T02:00:00Z"]
            ])
        // 02:30-03:30 is shown 00:30Z-01:00Z (CEST), then 01:30Z-02:30Z (CET): two pieces.
        #expect(
            stretches("2024-10-27T02:30:00Z", "2024-10-27T03:30:00Z") == [
                ["2024-10-27T00:30:00Z", "2024-10-27T01:00:00Z"], ["2024-10-27T01:30:00Z", "2024-10-27T02:30:00Z"],
            ])
        // An ordinary day: one stretch, shifted by the offset.
        #expect(
            stretches("2024-06-03T09:00:00Z", "2024-06-03T17:00:00Z") == [
                ["2024-06-03T07:00:00Z", "2024-06-03T15:00:00Z"]
            ])
    }
}
