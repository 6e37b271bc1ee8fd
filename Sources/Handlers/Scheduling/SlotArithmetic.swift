import Foundation

/// The integer arithmetic the engine runs on: instants as whole seconds since 1970 (UTC), rounded the safe way.
///
/// Slots start on whole seconds (zone offsets are whole seconds and lengths whole minutes), so working in `Int`
/// keeps every comparison exact, where `Date`'s floating point would need tolerances.
enum SlotArithmetic {
    /// Seconds in a day of the local calendar (wall-clock days are always 86,400 clock seconds long).
    static let secondsPerDay = 86_400

    /// 0001-01-01T00:00:00Z, the earliest instant the engine reasons about.
    static let earliestSecond = -62_135_596_800
    /// 9999-12-31T23:59:59Z, the latest.
    static let latestSecond = 253_402_300_799

    /// Division rounding toward negative infinity (Swift's `/` rounds toward zero).
    static func floorDiv(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// Division rounding toward positive infinity.
    static func ceilDiv(_ value: Int, _ divisor: Int) -> Int {
        -floorDiv(-value, divisor)
    }

    /// Whether `date` lies in the years 1...9999.
    static func isSupported(_ date: Date) -> Bool {
        let seconds = date.timeIntervalSince1970
        return seconds >= Double(earliestSecond) && seconds <= Double(latestSecond) + 1
    }

    /// The first whole second at or after `date`, clamped to the supported years.
    static func secondsRoundingUp(_ date: Date) -> Int {
        clamped(date.timeIntervalSince1970.rounded(.up))
    }

    /// The last whole second at or before `date`, clamped to the supported years.
    static func secondsRoundingDown(_ date: Date) -> Int {
        clamped(date.timeIntervalSince1970.rounded(.down))
    }

    /// The instant `seconds` after 1970-01-01T00:00:00Z.
    static func date(_ seconds: Int) -> Date {
        Date(timeIntervalSince1970: Double(seconds))
    }

    private static func clamped(_ seconds: Double) -> Int {
        if seconds.isNaN || seconds <= Double(earliestSecond) { return earliestSecond }
        if seconds >= Double(latestSecond) { return latestSecond }
        return Int(seconds)
    }
}
