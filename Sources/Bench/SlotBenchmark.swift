import Foundation
import Handlers

/// `ceki-bench slots`: how fast the slot engine lists a year of slots and finds a slot months away, and how its
/// memory grows with the output. Prints a Markdown table (copied into docs/scheduling.md and
/// docs/benchmarks.md); it asserts nothing, since timings belong to a machine, not to the test suite.
///
/// Targets from issue 6: a year of 30-minute slots for a weekday 09:00–17:00 schedule with 1,000 busy
/// intervals in ≤ 5 ms; the next slot when it is six months away in ≤ 1 ms; memory proportional to the output.
enum SlotBenchmark {
    static func run() throws {
        let zone = "Europe/Berlin"  // two DST transitions inside the year
        let yearStart = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01T00:00:00Z
        let weekdayHours = [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map {
            ($0, [AvailabilityInterval(startMinute: 9 * 60, endMinute: 17 * 60)])
        }
        let availability = ScheduleAvailability(
            rules: AvailabilityRules(weekly: Dictionary(uniqueKeysWithValues: weekdayHours)),
            timeZoneIdentifier: zone, slotMinutes: 30)
        let engine = try SlotEngine(availability)

        print("## Slot engine (`ceki-bench slots`)")
        print("")
        print(
            "Schedule: Mon–Fri 09:00–17:00 \(zone), 30-minute slots; times per call, \(iterations) calls after warm-up."
        )
        print("")
        print("| case | result | min | median | p95 | target |")
        print("|---|---|---|---|---|---|")

        // 1. A year of slots with 1,000 busy intervals scattered over it (random, seeded).
        var random = SplitMix64(seed: 6)
        let busy = (0..<1000).map { _ -> BusyInterval in
            let start = yearStart.addingTimeInterval(Double(Int.random(in: 0..<(366 * 96), using: &random)) * 900)
            return BusyInterval(
                start: start, end: start.addingTimeInterval(Double(Int.random(in: 1...8, using: &random)) * 900))
        }
        let yearQuery = SlotQuery(from: yearStart, to: yearStart.addingTimeInterval(366 * 86_400), now: yearStart)
        var count = 0
        let year = try measure { count = try engine.slots(in: yearQuery, busy: busy).count }
        row("year of slots, 1,000 busy intervals", "\(count) slots", year, target: "≤ 5 ms")

        let yearCold = try measure { count = try SlotEngine(availability).slots(in: yearQuery, busy: busy).count }
        row("same, engine built per call (validation included)", "\(count) slots", yearCold, target: "≤ 5 ms")

        let viewerQuery = SlotQuery(
            from: yearQuery.from, to: yearQuery.to, viewerTimeZoneIdentifier: "America/Los_Angeles", now: yearStart)
        let viewer = try measure { count = try engine.slots(in: viewerQuery, busy: busy).count }
        row("same, with a viewer zone (America/Los_Angeles)", "\(count) slots", viewer, target: "≤ 5 ms")

        // 2. The next slot six months away: every weekday until 2024-07-01 fully booked.
        var bookedDays: [BusyInterval] = []
        var bookedSlots: [BusyInterval] = []
        var day = yearStart
        while day < Date(timeIntervalSince1970: 1_719_792_000) {  // 2024-07-01T00:00:00Z
            bookedDays.append(
                BusyInterval(start: day.addingTimeInterval(5 * 3600), end: day.addingTimeInterval(18 * 3600)))
            for half in 0..<30 {
                let start = day.addingTimeInterval(Double(5 * 3600 + half * 1800))
                bookedSlots.append(BusyInterval(start: start, end: start.addingTimeInterval(1800)))
            }
            day.addTimeInterval(86_400)
        }
        var next: Slot?
        let nextDays = try measure { next = try engine.nextSlot(after: yearStart, now: yearStart, busy: bookedDays) }
        row(
            "next slot 6 months away, \(bookedDays.count) day-long bookings", describe(next), nextDays, target: "≤ 1 ms"
        )
        let nextSlots = try measure { next = try engine.nextSlot(after: yearStart, now: yearStart, busy: bookedSlots) }
        row(
            "next slot 6 months away, \(bookedSlots.count) half-hour bookings", describe(next), nextSlots,
            target: "≤ 1 ms")
        let closedUntil = try SlotEngine(
            ScheduleAvailability(
                rules: availability.rules, timeZoneIdentifier: zone, slotMinutes: 30,
                validFrom: Date(timeIntervalSince1970: 1_719_792_000)))
        let nextValidity = try measure { next = try closedUntil.nextSlot(after: yearStart, now: yearStart, busy: []) }
        row("next slot 6 months away, schedule starts then", describe(next), nextValidity, target: "≤ 1 ms")

        // 3. Memory and time against output size.
        print("")
        print("Growth with the range (no busy time): time, and the bytes of the returned array's buffer.")
        print("")
        print("| range | slots | median | result buffer | bytes per slot |")
        print("|---|---|---|---|---|")
        for months in [1, 3, 6, 12] {
            let query = SlotQuery(
                from: yearStart, to: yearStart.addingTimeInterval(Double(months) * 30.5 * 86_400), now: yearStart)
            var slots: [Slot] = []
            let timing = try measure { slots = try engine.slots(in: query, busy: []) }
            let held = slots.capacity * MemoryLayout<Slot>.stride
            print(
                "| \(months) month\(months == 1 ? "" : "s") | \(slots.count) | \(milliseconds(timing.median)) | \(held) | "
                    + "\(slots.isEmpty ? "–" : String(held / slots.count)) |")
        }
        print("")
        print("`Slot` stride: \(MemoryLayout<Slot>.stride) bytes.")
    }

    static let iterations = 200

    /// Timings of `iterations` calls of `body`, after 20 warm-up calls, sorted.
    private static func measure(_ body: () throws -> Void) throws -> Timings {
        for _ in 0..<20 { try body() }
        var samples: [Duration] = []
        samples.reserveCapacity(iterations)
        let clock = ContinuousClock()
        for _ in 0..<iterations {
            let start = clock.now
            try body()
            samples.append(clock.now - start)
        }
        return Timings(sorted: samples.sorted())
    }

    private struct Timings {
        let sorted: [Duration]
        var min: Duration { sorted[0] }
        var median: Duration { sorted[sorted.count / 2] }
        var p95: Duration { sorted[sorted.count * 95 / 100] }
    }

    private static func row(_ name: String, _ result: String, _ timings: Timings, target: String) {
        print(
            "| \(name) | \(result) | \(milliseconds(timings.min)) | \(milliseconds(timings.median)) | "
                + "\(milliseconds(timings.p95)) | \(target) |")
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return String(format: "%.3f ms", value)
    }

    private static func describe(_ slot: Slot?) -> String {
        guard let slot else { return "none" }
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: slot.start)
    }

    /// SplitMix64, so the busy intervals are the same on every run.
    private struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
