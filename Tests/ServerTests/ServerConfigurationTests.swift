import Handlers
import Testing

@testable import CekiServer

/// The environment the server reads: identity settings are checked at start, so a bad one stops the server
/// with a message naming it instead of failing later at the first login.
@Suite("Server configuration")
struct ServerConfigurationTests {
    private let base = ["DATABASE_URL": "postgresql://localhost/ceki"]

    private func configuration(_ extra: [String: String]) throws -> ServerConfiguration {
        try ServerConfiguration.fromEnvironment(base.merging(extra) { $1 })
    }

    @Test func withoutAppSecretTheSecretIsEphemeralAndWithoutSMTPURLMailsAreKept() throws {
        let configuration = try configuration([:])
        #expect(configuration.secretIsEphemeral)
        #expect(configuration.smtp == nil)
        #expect(configuration.limits.codePerEmail.limit == 1 && configuration.limits.codePerEmail.window == 60)
    }

    @Test func mcpOriginsAreAppURLsAndTheListedOnesAndABadEntryStopsTheServer() throws {
        let own = try configuration(["APP_URL": "https://ceki.example.com/base"])
        #expect(own.mcp.allowedOrigins == ["https://ceki.example.com"])
        let listed = try configuration([
            "APP_URL": "https://ceki.example.com", "MCP_ALLOWED_ORIGINS": "https://app.example.com, http://localhost:5173",
        ])
        #expect(listed.mcp.allows(origin: "HTTPS://APP.example.com") && listed.mcp.allows(origin: "http://localhost:5173"))
        #expect(!listed.mcp.allows(origin: "http://localhost:5174") && !listed.mcp.allows(origin: "null"))
        for bad in ["app.example.com", "https://app.example.com/path", "ftp://files.example.com"] {
            #expect(throws: ServerConfiguration.InvalidSetting.self) { try configuration(["MCP_ALLOWED_ORIGINS": bad]) }
        }
    }

    @Test func aShortAppSecretIsRefused() {
        #expect(throws: ServerConfiguration.InvalidSetting.self) { try configuration(["APP_SECRET": "short"]) }
        #expect(throws: Never.self) { try configuration(["APP_SECRET": String(repeating: "k", count: 32)]) }
        #expect((try? configuration(["APP_SECRET": String(repeating: "k", count: 32)]))?.secretIsEphemeral == false)
    }

    @Test func metricsTokenIsOptionalAndEmptyMeansUnset() throws {
        #expect(try configuration([:]).metricsToken == nil)
        #expect(try configuration(["METRICS_TOKEN": ""]).metricsToken == nil)
        #expect(try configuration(["METRICS_TOKEN": "scrape-me"]).metricsToken == "scrape-me")
    }

    @Test func smtpURLAndMailFromAreRead() throws {
        let smtp = try #require(
            try configuration(["SMTP_URL": "smtp://mailer:p%40ss@mail.example:2525", "MAIL_FROM": "hi@ceki.example"])
                .smtp)
        #expect(smtp.host == "mail.example" && smtp.port == 2525)
        #expect(smtp.username == "mailer" && smtp.password == "p@ss")
        #expect(smtp.from == "hi@ceki.example")
        #expect(throws: ServerConfiguration.InvalidSetting.self) { try configuration(["SMTP_URL": "http://x"]) }
    }

    @Test func rateLimitsAreConfigurableAsHitsPerSeconds() throws {
        let limits = try configuration(["RATE_LIMIT_CHECK": "5/30", "RATE_LIMIT_CODE_CLIENT": "100/3600"]).limits
        #expect(limits.checkPerEmailAndClient.limit == 5 && limits.checkPerEmailAndClient.window == 30)
        #expect(limits.codePerClient.limit == 100)
        for bad in ["5", "0/60", "5/0", "five/60", "5/60/1"] {
            #expect(throws: ServerConfiguration.InvalidSetting.self, "\(bad)") {
                try configuration(["RATE_LIMIT_CHECK": bad])
            }
        }
    }
}
