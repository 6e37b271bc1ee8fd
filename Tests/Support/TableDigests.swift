import Handlers

extension TestServer {
    /// One digest per table of `tables` (its rows as text, in order), and the outbox's mail count: equal before
    /// and after a request means the request changed nothing there. What the authorization matrices compare.
    public func tableDigests(_ tables: [String]) async throws -> [String: String] {
        var state: [String: String] = [:]
        for table in tables {
            let rows = try await pool.query(
                PostgresQuery(
                    unsafeSQL: "SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS digest FROM \(table) t"))
            state[table] = try rows[0].decode(String.self, "digest")
        }
        let mails = try await pool.query("SELECT count(*)::int AS n FROM mail_outbox")
        state["mail_outbox"] = "\(try mails[0].decode(Int.self, "n"))"
        return state
    }
}
