extension SlotEngine {
    /// How much the engine agrees to compute per call, so one request cannot ask for centuries of slots.
    public struct Limits: Hashable, Sendable {
        /// The longest range `slots(in:busy:)` answers, and how far `nextSlot` looks ahead, in days (of 86,400
        /// seconds). Default 366: a full year from any day.
        public var maximumRangeDays: Int

        /// Limits with the given maximum range; the default is 366 days.
        public init(maximumRangeDays: Int = 366) {
            self.maximumRangeDays = maximumRangeDays
        }

        /// Slot length and step: one minute to one day.
        static let slotMinutes = 1...1440
        /// Minimum notice: none up to a year (366 days).
        static let noticeMinutes = 0...(366 * 1440)
        /// Each buffer: none up to a day.
        static let bufferMinutes = 0...1440
    }
}
