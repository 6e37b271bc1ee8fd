import Generated

/// The shared skill catalogue (`skills`): a label names one skill whatever its case, so that a search filters
/// on one id for "Tax law" and "tax law".
enum SkillCatalogue {
    /// The skills with these labels, in the order given and without repeats (by label, ignoring case); labels not
    /// in the catalogue yet join it.
    static func skills(labeled labels: [String], in transaction: PostgresTransaction) async throws -> [Types.Skill] {
        var seen = Set<String>()
        let unique = labels.filter { seen.insert($0.lowercased()).inserted }
        guard !unique.isEmpty else { return [] }
        try await transaction.query(
            "INSERT INTO skills (label) SELECT unnest(\(unique)::text[]) ON CONFLICT (label) DO NOTHING")
        let rows = try await transaction.query(
            "SELECT id, label::text AS label FROM skills WHERE label = ANY(\(unique)::citext[])")
        var byLabel: [String: Types.Skill] = [:]
        for row in rows {
            let skill = Types.Skill(id: try row.decode(Int.self, "id"), label: try row.decode(String.self, "label"))
            byLabel[skill.label.lowercased()] = skill
        }
        return unique.compactMap { byLabel[$0.lowercased()] }
    }

    /// The same skills as the JSON array a profile stores (`[{"id", "label"}]`).
    static func skillsJSON(labeled labels: [String], in transaction: PostgresTransaction) async throws -> PostgresJSON {
        let skills = try await skills(labeled: labels, in: transaction)
        return skills.isEmpty ? .emptyArray : PostgresJSON(skills)
    }
}
