import Foundation

/// One bookable slot: a UTC instant range plus where it falls on the schedule owner's and the viewer's
/// calendars.
///
/// The offsets let a handler print local times ("2024-03-31T09:00:00+02:00") without asking a time zone
/// again, and the dates group slots by day for each side; on a trip across the date line the two dates differ.
public struct Slot: Hashable, Sendable {
    /// The instant the slot begins.
    public let start: Date
    /// The instant it ends (exclusive): `start` plus the slot length in real time.
    public let end: Date
    /// The date of `start` on the schedule's clock.
    public let scheduleDate: LocalDate
    /// The schedule zone's offset from UTC at `start`, in seconds (7200 for 09:00 in Berlin in summer).
    public let scheduleUTCOffsetSeconds: Int
    /// The date of `start` on the viewer's clock.
    public let viewerDate: LocalDate
    /// The viewer zone's offset from UTC at `start`, in seconds.
    public let viewerUTCOffsetSeconds: Int

    /// A slot as the engine computes it; public so tests and handlers can state expected slots.
    public init(
        start: Date, end: Date, scheduleDate: LocalDate, scheduleUTCOffsetSeconds: Int, viewerDate: LocalDate,
        viewerUTCOffsetSeconds: Int
    ) {
        self.start = start
        self.end = end
        self.scheduleDate = scheduleDate
        self.scheduleUTCOffsetSeconds = scheduleUTCOffsetSeconds
        self.viewerDate = viewerDate
        self.viewerUTCOffsetSeconds = viewerUTCOffsetSeconds
    }
}
