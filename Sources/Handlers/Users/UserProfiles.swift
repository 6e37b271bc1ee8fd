import Foundation
import Generated

/// Reads people's own profiles (the spec's `User`: private fields included) from the `users` table.
public struct UserProfiles: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The profile of `userID`; nil when there is no such user (an account deleted while a token was live).
    public func profile(of userID: Int) async throws -> Types.User? {
        let rows = try await pool.query(
            """
            SELECT id, name, email::text AS email, phone, timezone, currency, birthdate, birthtime, birthcity, city,
                   education, about, ava_id, cv_id, skills, languages, links, email_verified_at, created_at, updated_at
            FROM users WHERE id = \(userID)
            """)
        guard let row = rows.first else { return nil }
        return Types.User(
            id: try row.decode(Int.self, "id"),
            name: try row.decode(String?.self, "name"),
            email: try row.decode(String.self, "email"),
            phone: try row.decode(String?.self, "phone"),
            timezone: try row.decode(String?.self, "timezone"),
            currency: try row.decode(String?.self, "currency"),
            birthdate: try row.decode(Date?.self, "birthdate"),
            birthtime: try row.decode(String?.self, "birthtime"),
            birthcity: try row.decode(String?.self, "birthcity"),
            city: try row.decode(String?.self, "city"),
            education: try row.decode(String?.self, "education"),
            about: try row.decode(String?.self, "about"),
            avaId: try row.decode(Int?.self, "ava_id"),
            // Files are not stored yet (uploadFiles answers 501), so no avatar has a URL.
            avaUrl: nil,
            cvId: try row.decode(Int?.self, "cv_id"),
            skills: try Self.list(row.decode(PostgresJSON.self, "skills")),
            languages: try Self.list(row.decode(PostgresJSON.self, "languages")),
            links: try Self.list(row.decode(PostgresJSON.self, "links")),
            emailVerifiedAt: try row.decode(Date?.self, "email_verified_at"),
            createdAt: try row.decode(Date.self, "created_at"),
            updatedAt: try row.decode(Date.self, "updated_at"))
    }

    /// A jsonb array column as generated values; the columns are written only from validated input.
    static func list<Element: JSONDecodable>(_ column: PostgresJSON) throws -> [Element] {
        try [Element](json: JSONParser().parse(column.text))
    }
}
