import Generated

/// The shared skill catalogue (`skills`): a label names one skill whatever its case, so that a search filters
/// on one id for "Tax law" and "tax law".
enum SkillCatalogue {
    /// The skills with these labels, in the order given and without repeats (by label, ignoring case); labels not
    /// in the catalogue yet join it. Returns them as the JSON array a profile stores (`[{"id", "label"}]`).
    static func skills(labeled labels: [String], in transaction: PostgresTransaction) async throws -> PostgresJSON {
        var seen = Set<String>()
        let unique = labels.filter { seen.insert($0.lowercased()).inserted }
        guard !unique.isEmpty else { return .emptyArray }
        try await transaction.query(
            "INSERT INTO skills (label) SELECT unnest(\(unique)::text[]) ON CONFLICT (label) DO NOTHING")
        let rows = try await transaction.query(
            "SELECT id, label::text AS label FROM skills WHERE label = ANY(\(unique)::citext[])")
        var byLabel: [String: Types.Skill] = [:]
        for row in rows {
            let skill = Types.Skill(id: try row.decode(Int.self, "id"), label: try row.decode(String.self, "label"))
            byLabel[skill.label.lowercased()] = skill
        }
        let ordered = unique.compactMap { byLabel[$0.lowercased()] }
        return PostgresJSON(ordered)
    }
}
