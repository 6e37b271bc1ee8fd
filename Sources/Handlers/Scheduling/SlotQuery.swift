import Foundation

/// Which slots a caller wants: those starting in [from, to), as seen at `now` by someone in a given zone.
///
/// A slot belongs to the range by its start instant only, so consecutive ranges [a, b) and [b, c) split the
/// slots of [a, c) without losing or repeating one. `now` is a parameter, not the clock, so answers are
/// reproducible; handlers pass the request time.
public struct SlotQuery: Hashable, Sendable {
    /// The earliest start instant wanted (inclusive).
    public var from: Date
    /// The instant at which the range ends (exclusive).
    public var to: Date
    /// The IANA zone of the person looking, used only to say on which of their dates each slot falls. Nil
    /// means the schedule's own zone.
    public var viewerTimeZoneIdentifier: String?
    /// The moment of asking; minimum notice counts from here.
    public var now: Date

    /// A query for slots starting in [from, to) as seen at `now`.
    public init(from: Date, to: Date, viewerTimeZoneIdentifier: String? = nil, now: Date) {
        self.from = from
        self.to = to
        self.viewerTimeZoneIdentifier = viewerTimeZoneIdentifier
        self.now = now
    }
}
