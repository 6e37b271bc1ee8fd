/// The texts of the mails bookings and answers send. Subjects stay ASCII (labels and names, which may not be, go
/// in the body); times are written in the recipient's zone, named beside them.
extension OutgoingMail {
    /// To a schedule's owner: someone booked one of their slots, which waits for their answer.
    static func bookingRequested(
        label: String, starts: String, booker: String, bookerEmail: String, event: Int, to recipient: String
    ) -> OutgoingMail {
        OutgoingMail(
            recipient: recipient, subject: "New booking request",
            body: "\(booker) <\(bookerEmail)> booked \"\(label)\" on \(starts).\n\n"
                + "Confirm it with POST /api/events/\(event)/confirm or decline it with POST /api/events/\(event)/decline. "
                + "Until then the time stays reserved.\n")
    }

    /// To the one who booked: the request is in and waits for the owner's answer.
    static func bookingReceived(label: String, starts: String, owner: String, event: Int, to recipient: String)
        -> OutgoingMail
    {
        OutgoingMail(
            recipient: recipient, subject: "Your booking request was sent",
            body: "You booked \"\(label)\" with \(owner) on \(starts). \(owner) will confirm or decline it; "
                + "you will get a mail either way.\n\n"
                + "To call it off, POST /api/events/\(event)/decline.\n")
    }

    /// To the other side of an event: someone's answer confirmed, declined or cancelled it.
    static func eventDecided(label: String, starts: String?, status: Int, by name: String, to recipient: String)
        -> OutgoingMail
    {
        let outcome = [200: "confirmed", 400: "declined", 777: "cancelled"][status] ?? "changed"
        let when = starts.map { " on \($0)" } ?? ""
        return OutgoingMail(
            recipient: recipient, subject: "An event was \(outcome)",
            body: "\(name) \(outcome) \"\(label)\"\(when).\n"
                + (status == 200 ? "" : "\nIts time is free again.\n"))
    }
}
