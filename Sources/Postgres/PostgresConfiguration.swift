/// How the pool reaches PostgreSQL and how it behaves.
public struct PostgresConfiguration: Sendable {
    /// A libpq connection string or URI (`postgresql://user@host:port/db`, `host=/path dbname=ceki`).
    public var url: String
    /// Connections (each with its own thread). Concurrent callers share them through pipelining, so a few
    /// connections serve many requests.
    public var poolSize: Int
    /// Connections of their own for transactions (docs/database.md "Transactions"). A transaction holds its
    /// connection from BEGIN to COMMIT, so on a shared connection it stops that connection's pipeline; on these
    /// it stops nothing else, and as many transactions as there are of them commit side by side. 0 leases the
    /// statement connections instead (tools and tests with one or two connections).
    public var transactionPoolSize: Int
    /// The server-side limit for one statement, in milliseconds (`statement_timeout`); 0 disables it.
    public var statementTimeoutMilliseconds: Int
    /// The most statements one connection sends in one pipeline round trip.
    public var maxPipelineDepth: Int
    /// Shown in `pg_stat_activity`.
    public var applicationName: String
    /// A database name that replaces the one in `url` (for tools and tests that work on another database of
    /// the same server).
    public var databaseOverride: String?
    /// Settings of the application's own every session starts with (`-c name=value`), read in SQL with
    /// `current_setting(name, true)`: names need a dot (`ceki.app_url`), as PostgreSQL's custom settings do.
    public var sessionSettings: [String: String] = [:]

    public init(
        url: String, poolSize: Int = 4, transactionPoolSize: Int = 0, statementTimeoutMilliseconds: Int = 30_000,
        maxPipelineDepth: Int = 64, applicationName: String = "ceki"
    ) {
        self.url = url
        self.poolSize = max(1, poolSize)
        self.transactionPoolSize = max(0, transactionPoolSize)
        self.statementTimeoutMilliseconds = max(0, statementTimeoutMilliseconds)
        self.maxPipelineDepth = max(1, maxPipelineDepth)
        self.applicationName = applicationName
    }

    /// The same settings for another database of the same server.
    public func database(_ name: String) -> PostgresConfiguration {
        var copy = self
        copy.databaseOverride = name
        return copy
    }

    /// The libpq keywords and values to connect with. The URL is expanded first; later keywords override it
    /// (libpq treats a second `dbname` as a plain name).
    func connectionParameters(applicationSuffix: String = "") -> (keys: [String], values: [String]) {
        var keys = ["dbname", "application_name", "options"]
        var values = [url, applicationName + applicationSuffix, sessionOptions]
        if let databaseOverride {
            keys.append("dbname")
            values.append(databaseOverride)
        }
        return (keys, values)
    }

    /// The session settings every connection starts with: UTC and ISO dates make timestamps decode the same
    /// whatever the server's defaults are.
    var sessionOptions: String {
        let custom = sessionSettings.sorted { $0.key < $1.key }.map { name, value in
            // libpq splits `options` at spaces; a backslash keeps one (and itself).
            var escaped = ""
            for character in value {
                if character == "\\" || character == " " { escaped.append("\\") }
                escaped.append(character)
            }
            return " -c \(name)=\(escaped)"
        }
        return "-c statement_timeout=\(statementTimeoutMilliseconds) -c TimeZone=UTC -c DateStyle=ISO,YMD"
            + " -c extra_float_digits=3 -c client_encoding=UTF8" + custom.joined()
    }
}
