/// Accounts made for people who have not signed up (docs/domain.md "Contacts"): someone added to an address book, a
/// guest who books. One place, so such an account is the same whoever makes it: the address, a name taken from it,
/// nothing verified. Its owner takes it over by signing in with a code sent to that address.
enum UserAccounts {
    /// The account of `email`, made in `tx` when there is none (so a request that fails later leaves no account
    /// behind). `isNew` says whether this call made it.
    static func findOrCreate(
        email: String, name: String? = nil, phone: String? = nil, timezone: String? = nil,
        in tx: PostgresTransaction
    ) async throws -> (id: Int, isNew: Bool) {
        let created = try await tx.query(
            """
            INSERT INTO users (email, name, phone, timezone)
            VALUES (\(email), \(name ?? String(email.prefix { $0 != "@" })), \(phone), \(timezone))
            ON CONFLICT (email) DO NOTHING RETURNING id
            """)
        if let row = created.first { return (try row.decode(Int.self, "id"), true) }
        let existing = try await tx.query("SELECT id FROM users WHERE email = \(email)::citext")
        guard let row = existing.first else { throw Problem.conflict("This email was just taken; try again.") }
        return (try row.decode(Int.self, "id"), false)
    }
}
