import Generated

/// The `files` arrays of kals, schedules and events name uploads by id. Uploads are their owner's own: nobody
/// attaches someone else's, and every request that takes `files` checks them here.
enum FileReferences {
    /// A 422 on each `files.N` that names no live file of the caller's.
    static func problems(_ files: [Int], of caller: Caller, on pool: PostgresPool) async throws -> ValidationErrors {
        var problems = ValidationErrors()
        guard !files.isEmpty else { return problems }
        let owned = try await pool.query(
            """
            SELECT id FROM files
            WHERE id = ANY(\(files)) AND deleted_at IS NULL
              AND (user_id = \(caller.userID) OR agent_id = \(caller.agentID))
            """)
        let ownedIDs = Set(try owned.map { try $0.decode(Int.self, "id") })
        for (index, file) in files.enumerated() where !ownedIDs.contains(file) {
            problems.add(.custom("No file \(file) of yours exists."), at: "files.\(index)")
        }
        return problems
    }
}
