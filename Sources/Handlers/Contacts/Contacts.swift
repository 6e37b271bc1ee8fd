import Generated

/// The caller's address book (docs/domain.md "Contacts"): add by email, list, pin, label. Every read goes through
/// ``ContactJSON`` so the list and each answer agree on what the two people share.
public struct Contacts: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The caller's contacts: pinned first, then the most recently shared with, then the newest entries.
    public func list(for caller: Caller) async throws -> [Types.Contact] {
        try await select(of: caller)
    }

    /// Adds the user with `body.email` (an account made for an unknown address, with no mail: nobody asked them
    /// anything yet) and answers the new entry with the whole list. Someone already in the list is answered as they
    /// are; the caller's own address is a 422 on `email`.
    public func add(_ body: Types.EmailRequest, by caller: Caller) async throws -> Types.ContactAdded {
        guard case .user(let owner) = caller else { throw Problem.unauthenticated }
        let added: Int = try await pool.transaction { tx in
            let user = try await UserAccounts.findOrCreate(email: body.email, in: tx)
            guard user.id != owner else {
                throw Problem.invalid("email", "This is your own address: you cannot be your own contact.")
            }
            try await tx.query(
                """
                INSERT INTO contacts (owner_id, user_id) VALUES (\(owner), \(user.id))
                ON CONFLICT ON CONSTRAINT contacts_owner_user_key DO NOTHING
                """)
            return user.id
        }
        let contacts = try await list(for: caller)
        guard let new = contacts.first(where: { $0.userId == added }) else { throw Problem.notFound("contact") }
        return Types.ContactAdded(contacts: contacts, new: new)
    }

    /// Pins the contact `user` or unpins it; 404 when that user is not in the caller's contacts.
    public func togglePin(_ user: Int, by caller: Caller) async throws -> Types.Contact {
        let rows = try await pool.query(
            """
            UPDATE contacts SET pinned = NOT pinned, updated_at = now()
            WHERE owner_id = \(caller.userID) AND user_id = \(user) RETURNING id
            """)
        return try await changed(rows, of: caller)
    }

    /// Sets the caller's label and description of the contact `user` (a PUT: a description left out is cleared).
    public func update(_ user: Int, with body: Types.UpdateContactRequest, by caller: Caller) async throws
        -> Types.Contact
    {
        let rows = try await pool.query(
            """
            UPDATE contacts SET label = \(body.label), description = \(body.description), updated_at = now()
            WHERE owner_id = \(caller.userID) AND user_id = \(user) RETURNING id
            """)
        return try await changed(rows, of: caller)
    }

    /// The contact an update returned the id of; 404 when it matched none of the caller's.
    private func changed(_ rows: PostgresRows, of caller: Caller) async throws -> Types.Contact {
        guard let row = rows.first, let contact = try await select(of: caller, id: try row.decode(Int.self, "id")).first
        else { throw Problem.notFound("contact") }
        return contact
    }

    /// The caller's contacts, or the one with `id`.
    private func select(of caller: Caller, id: Int? = nil) async throws -> [Types.Contact] {
        let rows = try await pool.query(
            """
            SELECT \(ContactJSON.sql) AS contact
            FROM contacts ct JOIN users u ON u.id = ct.user_id \(ContactJSON.shared)
            WHERE ct.owner_id = \(caller.userID) AND (\(id)::bigint IS NULL OR ct.id = \(id))
            ORDER BY ct.pinned DESC, shared.last_contact DESC NULLS LAST, ct.created_at DESC, ct.id DESC
            """)
        return try rows.decodeAll(Types.Contact.self, json: "contact")
    }
}
