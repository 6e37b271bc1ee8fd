/// A run of real time, [start, end) in UTC seconds, during which a schedule's clock shows one of its intervals.
///
/// Slots are laid out inside stretches: the first at `start`, then one every step, as long as they end by `end`.
/// Stretches of different intervals never overlap (the rules forbid overlapping intervals, and two instants
/// cannot show the same reading unless the clocks went back, which yields distinct instants).
struct InstantStretch: Hashable, Sendable {
    /// The first instant (UTC seconds).
    var start: Int
    /// The instant after the last one (UTC seconds, exclusive).
    var end: Int
}
