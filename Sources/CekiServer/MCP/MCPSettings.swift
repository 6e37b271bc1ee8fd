import Foundation

/// Who may call `/mcp/agent` from a web page: the origins in `MCP_ALLOWED_ORIGINS` (comma-separated, e.g.
/// `https://app.example.com, http://localhost:5173`), and always the server's own (`APP_URL`'s). A request without
/// `Origin` (every non-browser client) is not affected.
public struct MCPSettings: Sendable, Hashable {
    /// Lowercased `scheme://host[:port]` origins.
    public var allowedOrigins: Set<String>
    /// How many tools one `tools/list` page holds (the spec offers fewer than one page today).
    public var pageSize: Int

    public init(allowedOrigins: Set<String> = [], pageSize: Int = 50) {
        self.allowedOrigins = Set(allowedOrigins.map { $0.lowercased() })
        self.pageSize = pageSize
    }

    /// The settings from `MCP_ALLOWED_ORIGINS` and `APP_URL`; the first entry that is not an origin is the failure.
    static func parse(_ text: String, appURL: String) -> Result<MCPSettings, InvalidEntry> {
        var origins: Set<String> = []
        if let own = origin(of: appURL) { origins.insert(own) }
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            guard let origin = origin(of: entry), origin == entry.lowercased() else { return .failure(InvalidEntry(entry: entry)) }
            origins.insert(origin)
        }
        return .success(MCPSettings(allowedOrigins: origins))
    }

    func allows(origin: String) -> Bool { allowedOrigins.contains(origin.lowercased()) }

    /// `scheme://host[:port]` of an http(s) URL, lowercased.
    static func origin(of url: String) -> String? {
        guard let match = url.lowercased().wholeMatch(of: /(https?:\/\/[^\s\/?#]+)(\/[^\s]*)?/) else { return nil }
        return String(match.1)
    }

    struct InvalidEntry: Error {
        var entry: String
    }
}
