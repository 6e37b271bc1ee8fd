import Foundation
import Generated

/// How a contract invites a participant (docs/domain.md "Contracts as built"): a pending hand (100) with its work
/// schedule (a type 2 schedule of the hand's user in the contract's kal) in the contract's currency, and one
/// invitation mail per address, contract and day through the outbox (`contract_invitations`). Used by
/// `addContractHand` and by `addContractUser` with a `schedule`, inside their transaction, after the contract's
/// row is locked.
struct ContractInvitations: Sendable {
    let outbox: MailOutbox

    init(secret: ServerSecret) {
        self.outbox = MailOutbox(secret: secret)
    }

    /// The work schedule's settings as they will be stored, or the problems of `schedule`, keyed under `schedule.`
    /// (`schedule.settings.days.1.0.end`, `schedule.currency`): the slot engine's checks, the bounds, and a
    /// currency other than the contract's (a hand is paid in its contract's currency).
    static func settings(
        of schedule: Types.WorkScheduleInput, in contract: Types.Contract, problems: inout ValidationErrors
    )
        -> Types.ScheduleSettings
    {
        let resolved = ResolvedScheduleSettings(
            schedule.settings, timezone: schedule.timezone, msp: nil, kalTimeZone: contract.timezone)
        do {
            _ = try resolved.engine(start: schedule.start, end: schedule.end)
        } catch {
            for issue in error.fieldErrors?.issues ?? [] {
                problems.add(.custom(issue.message), at: "schedule.\(issue.path.key)")
            }
        }
        if let start = schedule.start, let end = schedule.end, end <= start {
            problems.add(.custom("The end must be after the start."), at: "schedule.end")
        }
        if let currency = schedule.currency, currency != contract.currency {
            problems.add(.custom("The contract pays in \(contract.currency)."), at: "schedule.currency")
        }
        return resolved.settings
    }

    /// A pending hand of `user` on `contract` with its work schedule, and the invitation mail unless that address
    /// had one for this contract today. A user with an open invitation already is a 422 on `field` (the partial
    /// unique index `contract_hands_pending_key` decides). Returns the hand's id.
    func invite(
        _ user: Int, to contract: Types.Contract, role: String?, schedule: Types.WorkScheduleInput,
        settings: Types.ScheduleSettings, invitedBy inviter: Int, field: String, in tx: PostgresTransaction
    ) async throws -> Int {
        let open = try await tx.query(
            """
            SELECT 1 FROM contract_hands
            WHERE contract_id = \(contract.id) AND user_id = \(user) AND status_id = 100 AND deleted_at IS NULL
            """)
        if !open.isEmpty {
            throw Problem.invalid(field, "This user has an open invitation to this contract already.")
        }
        let label = "\(contract.label.prefix(200)) work schedule"
        // Derived from the contract's id, not its label: adds to different contracts may run at once for one user,
        // while adds to one contract queue behind its lock, so the free slug found is still free when written.
        let slug = try await Schedules.freeSlug(for: "contract \(contract.id) work schedule", owner: user, in: tx)
        let scheduleID = try await tx.query(
            """
            INSERT INTO schedules (type_id, user_id, kal_id, label, slug, start, "end", private, timezone, msp, price,
                                   currency, settings)
            VALUES (2, \(user), \(contract.kalId), \(label), \(slug), \(schedule.start), \(schedule.end), true,
                    \(settings.timezone), \(settings.msp), \(schedule.price), \(contract.currency),
                    \(PostgresJSON(settings)))
            RETURNING id
            """)[0].decode(Int.self, "id")
        try await tx.query(
            "INSERT INTO schedule_users (schedule_id, user_id, role_id, read, write) VALUES (\(scheduleID), \(user), 1, 2, 3)"
        )
        let hand = try await mappingUniqueViolations(["contract_hands_pending_key": field]) {
            try await tx.query(
                """
                INSERT INTO contract_hands (contract_id, user_id, schedule_id, role, price, "limit", currency, status_id)
                VALUES (\(contract.id), \(user), \(scheduleID), \(role), \(schedule.price), \(schedule.limit),
                        \(contract.currency), 100)
                RETURNING id
                """)[0].decode(Int.self, "id")
        }
        let recipient = try await tx.query(
            """
            WITH invited AS (
                INSERT INTO contract_invitations (contract_id, email, day)
                SELECT \(contract.id), u.email, (now() AT TIME ZONE 'UTC')::date FROM users u WHERE u.id = \(user)
                ON CONFLICT DO NOTHING RETURNING email)
            SELECT invited.email::text AS email, coalesce(i.name, i.email::text) AS inviter
            FROM invited JOIN users i ON i.id = \(inviter)
            """)
        if let row = recipient.first {
            try await outbox.enqueue(
                .contractInvitation(
                    contract: contract.label, contractID: contract.id, hand: hand,
                    by: try row.decode(String.self, "inviter"), to: try row.decode(String.self, "email")),
                in: tx)
        }
        return hand
    }

    /// The id of the user with `email`, made (with the name before the `@`) when the address is new; in the
    /// caller's transaction, so a refused invitation leaves no account behind.
    static func user(email: String, in tx: PostgresTransaction) async throws -> Int {
        let created = try await tx.query(
            """
            INSERT INTO users (email, name) VALUES (\(email), \(String(email.prefix { $0 != "@" })))
            ON CONFLICT (email) DO NOTHING RETURNING id
            """)
        if let row = created.first { return try row.decode(Int.self, "id") }
        let existing = try await tx.query("SELECT id FROM users WHERE email = \(email)::citext")
        guard let row = existing.first else { throw Problem.conflict("This email was just taken; try again.") }
        return try row.decode(Int.self, "id")
    }
}

extension OutgoingMail {
    /// To someone invited to work on a contract: who invited them and how to answer (signing in by a login code to
    /// their address, which works for an account made by the invitation too).
    static func contractInvitation(
        contract: String, contractID: Int, hand: Int, by inviter: String, to recipient: String
    )
        -> OutgoingMail
    {
        OutgoingMail(
            recipient: recipient, subject: "You are invited to a contract",
            body: "\(inviter) invited you to work on \"\(contract)\".\n\n"
                + "Sign in with this address (POST /api/loginrequest mails you a login code), then accept or decline with "
                + "POST /api/contracts/\(contractID)/hands/\(hand)/answer.\n")
    }
}
