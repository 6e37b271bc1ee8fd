import Foundation
import Handlers
import Logging

/// Everything the server reads from its environment, with the defaults the README lists.
public struct ServerConfiguration: Sendable {
    /// `HOST`: the address to listen on.
    public var host: String
    /// `PORT`: the port to listen on.
    public var port: Int
    /// `DATABASE_URL`, `DB_POOL_SIZE`, `DB_TRANSACTION_POOL_SIZE`, `DB_STATEMENT_TIMEOUT_MS`.
    public var database: PostgresConfiguration
    /// `LOG_LEVEL`: trace, debug, info, notice, warning, error or critical.
    public var logLevel: Logger.Level
    /// `LOG_FORMAT`: `json` (one object per line) or `text`.
    public var logFormat: LogFormat
    /// `APP_SECRET`: keys one-time codes and sealed mails; random (codes die with the process) when unset.
    public var secret: ServerSecret = .random()
    /// Whether `secret` was made up at start because `APP_SECRET` is unset.
    public var secretIsEphemeral = true
    /// `SMTP_URL` and `MAIL_FROM`; nil keeps mails in the outbox and logs them.
    public var smtp: SMTPConfiguration? = nil
    /// `RATE_LIMIT_*`: the identity operations' limits.
    public var limits = IdentityLimits()
    /// `GOOGLE_*`: Google Calendar; nil (the sync operations answer 503) without a client id and secret.
    public var google: GoogleCalendarConfiguration? = nil
    /// `WALLET_*`, `BILLING_*`: agents' deposit keys, rates, prices and the deposit webhook's secret.
    public var wallets = WalletSettings()
    /// `FILES_ROOT`, `FILES_MAX_PIXELS`, `FILES_IMAGE_SIZE`, `FILES_THUMBNAIL_SIZE`: where uploads are kept and
    /// how images are shrunk.
    public var files = FileConfiguration()
    /// `TRUSTED_PROXIES`: the reverse proxies whose `X-Forwarded-For` names the client (none by default).
    public var trustedProxies = TrustedProxies.none
    /// `MCP_ALLOWED_ORIGINS` and `APP_URL`: the web origins that may call `/mcp/agent` (docs/mcp.md).
    public var mcp = MCPSettings()
    /// `METRICS_TOKEN`: the bearer token `GET /metrics` asks for; nil (unset) leaves it open (docs/metrics.md).
    public var metricsToken: String? = nil

    /// A configuration given in full, as tests build one.
    public init(
        host: String, port: Int, database: PostgresConfiguration, logLevel: Logger.Level, logFormat: LogFormat,
        secret: ServerSecret = .random(), secretIsEphemeral: Bool = true, smtp: SMTPConfiguration? = nil,
        limits: IdentityLimits = IdentityLimits(), google: GoogleCalendarConfiguration? = nil,
        wallets: WalletSettings = WalletSettings(), files: FileConfiguration = FileConfiguration()
    ) {
        self.wallets = wallets
        self.files = files
        self.host = host
        self.port = port
        self.database = database
        self.logLevel = logLevel
        self.logFormat = logFormat
        self.secret = secret
        self.secretIsEphemeral = secretIsEphemeral
        self.smtp = smtp
        self.limits = limits
        self.google = google
    }

    public enum LogFormat: String, Sendable {
        case json
        case text
    }

    /// A setting that is present but unusable: the server refuses to start rather than guess.
    struct InvalidSetting: Error, CustomStringConvertible {
        var name: String
        var value: String
        var expected: String
        var description: String { "\(name)=\(value) is not valid: expected \(expected)" }
    }

    /// One connection per core, at least two: each connection pipelines many requests' statements, so more
    /// connections than cores only make the server and PostgreSQL compete for the same CPUs
    /// (docs/benchmarks.md, "HTTP"). Two keep one long transaction from stalling every other request.
    static var defaultPoolSize: Int { max(2, ProcessInfo.processInfo.activeProcessorCount) }

    /// Transactions' own connections: a transaction waits on round trips far more than it uses a CPU, so more of
    /// them than cores commit more per second (docs/benchmarks.md "Agent API"), without taking a connection from
    /// the pipelined statements.
    static let defaultTransactionPoolSize = 8

    /// The session setting SQL reads `APP_URL` from (`file_url`, docs/files.md): where files are served.
    public static let appURLSetting = "ceki.app_url"

    static func fromEnvironment(_ environment: [String: String]) throws -> ServerConfiguration {
        func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
            guard let text = environment[name], !text.isEmpty else { return fallback }
            guard let value = Int(text), range.contains(value) else {
                throw InvalidSetting(name: name, value: text, expected: "an integer in \(range)")
            }
            return value
        }
        guard let url = environment["DATABASE_URL"], !url.isEmpty else {
            throw InvalidSetting(
                name: "DATABASE_URL", value: "", expected: "a PostgreSQL URL (scripts/run sets the local one)")
        }
        let levelText = environment["LOG_LEVEL"].flatMap { $0.isEmpty ? nil : $0 } ?? "info"
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            throw InvalidSetting(
                name: "LOG_LEVEL", value: levelText, expected: "trace, debug, info, notice, warning, error or critical")
        }
        let formatText = environment["LOG_FORMAT"].flatMap { $0.isEmpty ? nil : $0 } ?? "json"
        guard let format = LogFormat(rawValue: formatText) else {
            throw InvalidSetting(name: "LOG_FORMAT", value: formatText, expected: "json or text")
        }
        let identity = try IdentitySettings(environment)
        let host = environment["HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        let port = try integer("PORT", default: 8080, range: 0...65535)
        let trustedProxies: TrustedProxies
        switch TrustedProxies.parse(environment["TRUSTED_PROXIES"] ?? "") {
        case .success(let parsed): trustedProxies = parsed
        case .failure(let invalid):
            throw InvalidSetting(
                name: "TRUSTED_PROXIES", value: invalid.entry, expected: "addresses or CIDRs, comma-separated (10.0.0.0/8, ::1)")
        }
        let appURL = environment["APP_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://\(host):\(port)"
        guard appURL.wholeMatch(of: /https?:\/\/[^\s\/?#]+(\/[^\s?#]*)?/) != nil else {
            throw InvalidSetting(name: "APP_URL", value: appURL, expected: "an http(s) URL such as https://ceki.example.com")
        }
        var database = PostgresConfiguration(
            url: url,
            poolSize: try integer("DB_POOL_SIZE", default: defaultPoolSize, range: 1...256),
            transactionPoolSize: try integer(
                "DB_TRANSACTION_POOL_SIZE", default: defaultTransactionPoolSize, range: 0...256),
            statementTimeoutMilliseconds: try integer("DB_STATEMENT_TIMEOUT_MS", default: 30_000, range: 0...86_400_000))
        database.sessionSettings[Self.appURLSetting] = appURL.hasSuffix("/") ? String(appURL.dropLast()) : appURL
        var configuration = ServerConfiguration(
            host: host,
            port: port,
            database: database,
            logLevel: level,
            logFormat: format,
            secret: identity.secret ?? .random(),
            secretIsEphemeral: identity.secret == nil,
            smtp: identity.smtp,
            limits: identity.limits,
            google: try GoogleCalendarSettings.configuration(environment, host: host, port: port),
            wallets: try WalletSettings.fromEnvironment(environment),
            files: FileConfiguration(
                root: environment["FILES_ROOT"].flatMap { $0.isEmpty ? nil : $0 } ?? ".data/files",
                maximumPixels: try integer("FILES_MAX_PIXELS", default: 50_000_000, range: 1...1_000_000_000),
                imageSide: try integer("FILES_IMAGE_SIZE", default: 2048, range: 16...16_384),
                thumbnailSide: try integer("FILES_THUMBNAIL_SIZE", default: 320, range: 16...4096)))
        configuration.trustedProxies = trustedProxies
        switch MCPSettings.parse(environment["MCP_ALLOWED_ORIGINS"] ?? "", appURL: appURL) {
        case .success(let settings): configuration.mcp = settings
        case .failure(let invalid):
            throw InvalidSetting(
                name: "MCP_ALLOWED_ORIGINS", value: invalid.entry,
                expected: "origins, comma-separated (https://app.example.com, http://localhost:5173)")
        }
        configuration.metricsToken = environment["METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return configuration
    }
}
