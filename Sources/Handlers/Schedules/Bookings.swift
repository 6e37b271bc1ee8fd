import Foundation
import Generated
import Metrics

/// `bookScheduleSlot`: a booking is a pending event (status 100) in the schedule owner's kal, with the booker as
/// its attendee, to be confirmed by the owner. It is taken only for a start the slot engine offers at that moment,
/// and never twice (docs/scheduling.md "Booking without double booking").
public struct Bookings: Sendable {
    let pool: PostgresPool
    let tokens: UserTokens
    let limiter: RateLimiter
    let limits: BookingLimits
    let outbox: MailOutbox
    /// `ceki_booking_conflicts_total`: bookings refused because another booking or event holds the time.
    let conflicts: Counter

    public init(
        pool: PostgresPool, secret: ServerSecret, tokens: UserTokens = UserTokens(), limits: BookingLimits = BookingLimits(),
        metrics: any MetricsFactory = NOOPMetricsHandler.instance
    ) {
        self.pool = pool
        self.tokens = tokens
        self.limiter = RateLimiter(pool: pool)
        self.limits = limits
        self.outbox = MailOutbox(secret: secret)
        self.conflicts = Counter(label: "ceki_booking_conflicts_total", factory: metrics)
    }

    /// Books `body.start` (for `body.duration`, a whole number of slots, default one) in schedule `id`.
    ///
    /// A signed-in caller books as themselves. A guest must give `email`: a new address gets an account and its
    /// first token in the answer; an address that already has an account books as that person but gets no token,
    /// so a booking never hands over an account. The booking takes a lock on the owner's row, re-reads the owner's
    /// busy time under it and asks the engine again, so of any number of overlapping requests exactly one wins.
    public func book(_ body: Types.BookingRequest, schedule id: Int, by caller: Caller, client: String, now: Date = Date())
        async throws -> Types.BookingResult
    {
        let schedule = try await bookable(id, for: caller)
        if caller.userID == schedule.userId { throw Problem.forbidden("You cannot book your own schedule.") }
        var problems = ValidationErrors()
        let slotMinutes = schedule.settings.duration
        let duration = body.duration ?? slotMinutes
        if duration % slotMinutes != 0 {
            problems.add(
                .custom("The duration must be a whole number of \(slotMinutes)-minute slots; got \(duration)."),
                at: "duration")
        }
        let guestEmail = caller.userID == nil ? body.email : nil
        if caller.userID == nil, body.email == nil {
            problems.add(.custom("The email field is required when booking without a token."), at: "email")
        }
        if let problem = SchedulingTimeZones.problem(body.timezone, at: "timezone") { problems.merge(problem) }
        try problems.throwIfAny()
        var hits = [(limits.perClient, client)]
        if let guestEmail { hits.append((limits.perGuestEmail, guestEmail)) }
        try await limiter.check(hits)
        if body.pay == true, schedule.price != nil {
            throw Problem.unavailable(
                "Online payment is not configured on this server: book without `pay` and settle the price with the schedule's owner.")
        }

        guard let engine = try ScheduleSlots.engine(of: schedule, now: now) else {
            throw Problem.invalid("start", "This schedule takes no bookings yet: it opens after its booking window.")
        }
        let slotCount = duration / slotMinutes
        let end = body.start.addingTimeInterval(Double(duration) * 60)
        let booked = try await pool.transaction { tx in
            try await BusyTime.lockOwnersTime(schedule.userId, in: tx)
            let busy = try await BusyTime.intervals(
                kal: schedule.kalId, owner: schedule.userId, schedule: schedule.id, from: body.start, to: end, on: tx)
            let full = try await ScheduleSlots.fullDays(of: schedule, from: body.start, to: end, on: tx)
            for index in 0..<slotCount {
                let start = body.start.addingTimeInterval(Double(index * slotMinutes) * 60)
                let query = SlotQuery(from: start, to: start.addingTimeInterval(1), now: now)
                let offered = try engine.slots(in: query, busy: busy, fullDays: full)
                guard offered.first?.start == start else {
                    // A conflict is a start the schedule offers but that busy time (another booking, an event) or a
                    // day's meeting limit now holds; a start outside the hours or too soon is not one.
                    if try engine.slots(in: query, busy: []).first?.start == start { conflicts.increment() }
                    throw Problem.invalid("start", Self.refusal(schedule.settings))
                }
            }
            let (booker, isNewAccount) = try await self.booker(caller: caller, email: guestEmail, body: body, in: tx)
            let owner = try await tx.query("SELECT name FROM users WHERE id = \(schedule.userId)")
            let ownerName = try owner.first?.decode(String?.self, "name") ?? "the schedule's owner"
            let rows = try await tx.query(
                """
                INSERT INTO events (user_id, owner_type, type_id, status_id, payment_status_id, kal_schedule_id, kal_id,
                                    billable_type, billable_id, benefitable_type, benefitable_id, label, description,
                                    timezone, date, duration, ends_at, amount, currency, private)
                VALUES (\(booker), 'User', 1, 100, CASE WHEN \(schedule.price)::bigint IS NULL THEN NULL ELSE 100 END,
                        \(schedule.id), \(schedule.kalId), 'User', \(booker), 'User', \(schedule.userId),
                        \(body.label ?? "Booking with \(ownerName)"), \(body.description), \(schedule.timezone),
                        \(body.start), \(duration), \(end), \(schedule.price)::numeric * \(slotCount),
                        \(schedule.price == nil ? nil : schedule.currency), true)
                RETURNING id
                """)
            let event = try rows[0].decode(Int.self, "id")
            // The booker has answered; the owner, who decides (confirmEvent / declineEvent), is invited.
            try await tx.query(
                """
                INSERT INTO event_users (event_id, user_id, role_id, status_id)
                VALUES (\(event), \(booker), 3, 200), (\(event), \(schedule.userId), 1, 100)
                """)
            try await self.mailBooking(event, in: tx)
            let answer = try await tx.query(
                """
                SELECT \(EventJSON.sql) AS event, \(PublicUserJSON.sql) AS booker
                FROM events e, users u WHERE e.id = \(event) AND u.id = \(booker)
                """)
            return (
                event: try answer[0].decode(Types.Event.self, json: "event"),
                user: try answer[0].decode(Types.PublicUser.self, json: "booker"), userID: booker, isNewAccount: isNewAccount
            )
        }
        let token = booked.isNewAccount ? try await tokens.issue(userID: booked.userID, pool: pool) : nil
        return Types.BookingResult(url: nil, user: booked.user, event: booked.event, token: token)
    }

    /// Why a start is not a free slot, naming the settings that can refuse one.
    static func refusal(_ settings: Types.ScheduleSettings) -> String {
        var reasons = ["it is taken", "too soon for the minimum notice of \(settings.msp) minutes", "outside its hours"]
        if let window = settings.windowDays { reasons.append("more than \(window) days ahead") }
        if let limit = settings.maxPerDay { reasons.append("on a day that already has its \(limit) meetings") }
        let last = reasons.removeLast()
        return "This time is not a free slot of the schedule: \(reasons.joined(separator: ", ")) or \(last)."
    }

    /// Tells the schedule's owner about the new booking and the booker that it waits for the owner's answer, each
    /// with the time in their own zone.
    func mailBooking(_ event: Int, in tx: PostgresTransaction) async throws {
        let rows = try await tx.query(
            """
            SELECT e.label, o.email::text AS owner_email, coalesce(o.name, o.email::text) AS owner_name,
                   b.email::text AS booker_email, coalesce(b.name, b.email::text) AS booker_name,
                   to_char(e.date AT TIME ZONE oz.zone, 'FMDay DD FMMonth YYYY, HH24:MI') || ' (' || oz.zone || ')' AS owner_time,
                   to_char(e.date AT TIME ZONE bz.zone, 'FMDay DD FMMonth YYYY, HH24:MI') || ' (' || bz.zone || ')' AS booker_time
            FROM events e JOIN schedules s ON s.id = e.kal_schedule_id
            JOIN users o ON o.id = s.user_id JOIN users b ON b.id = e.user_id,
            LATERAL (SELECT coalesce(o.timezone, s.timezone) AS zone) oz,
            LATERAL (SELECT coalesce(b.timezone, s.timezone) AS zone) bz
            WHERE e.id = \(event)
            """)
        let row = rows[0]
        let label = try row.decode(String.self, "label")
        try await outbox.enqueue(
            .bookingRequested(
                label: label, starts: try row.decode(String.self, "owner_time"),
                booker: try row.decode(String.self, "booker_name"), bookerEmail: try row.decode(String.self, "booker_email"),
                event: event, to: try row.decode(String.self, "owner_email")),
            in: tx)
        try await outbox.enqueue(
            .bookingReceived(
                label: label, starts: try row.decode(String.self, "booker_time"),
                owner: try row.decode(String.self, "owner_name"), event: event,
                to: try row.decode(String.self, "booker_email")),
            in: tx)
    }

    /// The schedule as a booker may see it: a live availability schedule of a person, public (or, for a signed-in
    /// caller, one they take part in); anything else is a 404, as for an id that does not exist.
    func bookable(_ id: Int, for caller: Caller) async throws -> Types.Schedule {
        let rows = try await pool.query(
            """
            SELECT \(ScheduleJSON.sql) AS schedule
            FROM schedules s
            WHERE s.id = \(id) AND s.deleted_at IS NULL AND s.user_id IS NOT NULL AND s.type_id = 1
              AND (NOT s.private OR s.user_id = \(caller.userID)
                   OR EXISTS (SELECT 1 FROM schedule_users su WHERE su.schedule_id = s.id AND su.user_id = \(caller.userID)))
            """)
        guard let row = rows.first else { throw Problem.notFound("schedule") }
        return try row.decode(Types.Schedule.self, json: "schedule")
    }

    /// Who books: the signed-in caller, or the guest's account by email, made in this transaction when the address
    /// is new (so a refused booking leaves no account behind).
    func booker(caller: Caller, email: String?, body: Types.BookingRequest, in tx: PostgresTransaction)
        async throws -> (id: Int, isNewAccount: Bool)
    {
        if let userID = caller.userID { return (userID, false) }
        guard let email else { throw Problem.invalid("email", "The email field is required when booking without a token.") }
        let account = try await UserAccounts.findOrCreate(
            email: email, name: body.name, phone: body.phone, timezone: body.timezone, in: tx)
        return (account.id, account.isNew)
    }
}

/// How often bookings may be attempted (docs/scheduling.md): per client address, and per guest email.
public struct BookingLimits: Sendable {
    /// Booking attempts per client address. Key: the client IP.
    public var perClient = RateLimit(name: "booking-client", limit: 300, window: 3600)
    /// Guest bookings per email address. Key: the email.
    public var perGuestEmail = RateLimit(name: "booking-email", limit: 10, window: 3600)

    public init() {}
}
