/// The steps of the event state machine (docs/domain.md "Event status") a correction may propose: confirm or
/// decline a pending event, hold a pending or confirmed one, reopen a declined or held one, complete a confirmed
/// one, and cancel anything not completed. Completed (555) and cancelled (777) are final.
enum EventStatusSteps {
    /// Whether an event in status `from` may move to `to`.
    static func allows(from: Int, to: Int) -> Bool {
        switch (from, to) {
        case (100, 200), (100, 400), (100, 444), (200, 444), (200, 555), (400, 100), (444, 100): true
        case (let from, 777): from != 555 && from != 777
        default: false
        }
    }

    /// Whether nothing more happens to an event in `status` (no answers, no corrections).
    static func isFinal(_ status: Int) -> Bool {
        status == 555 || status == 777
    }

    /// The status's name, for messages.
    static func name(_ status: Int) -> String {
        [100: "pending", 200: "confirmed", 400: "declined", 444: "on hold", 555: "completed", 777: "cancelled"][status]
            ?? "\(status)"
    }
}
