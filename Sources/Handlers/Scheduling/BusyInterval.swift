import Foundation

/// Time already taken in a schedule, such as a booked or confirmed event: [start, end) in UTC.
///
/// Half-open, like every interval here: an event ending at 10:00 leaves the 10:00 slot free. The schedule's
/// buffers widen each busy interval before slots are checked against it. Intervals may overlap or come in any
/// order; an empty or inverted one (end ≤ start) blocks nothing.
public struct BusyInterval: Hashable, Sendable {
    /// When the busy time begins.
    public var start: Date
    /// When it ends; the instant itself is free again.
    public var end: Date

    /// A busy stretch from `start` up to, not including, `end`.
    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }
}
