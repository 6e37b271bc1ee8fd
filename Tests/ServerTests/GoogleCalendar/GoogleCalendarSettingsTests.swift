import Foundation
import Handlers
import Testing

@testable import CekiServer

/// The `GOOGLE_*` environment: Google is configured only with a client id and secret, its URLs default to
/// Google's own, and a half-given or unusable setting stops the server with its name.
@Suite("Google Calendar settings")
struct GoogleCalendarSettingsTests {
    private let base = ["DATABASE_URL": "postgresql://localhost/ceki", "HOST": "127.0.0.1", "PORT": "8080"]

    private func google(_ extra: [String: String]) throws -> GoogleCalendarConfiguration? {
        try ServerConfiguration.fromEnvironment(base.merging(extra) { $1 }).google
    }

    @Test func withoutAClientIDAndSecretGoogleIsNotConfigured() throws {
        #expect(try google([:]) == nil)
        #expect(throws: ServerConfiguration.InvalidSetting.self) { try google(["GOOGLE_CLIENT_ID": "id"]) }
        #expect(throws: ServerConfiguration.InvalidSetting.self) { try google(["GOOGLE_CLIENT_SECRET": "s"]) }
    }

    @Test func theURLsDefaultToGooglesAndTheCallbackToThisServer() throws {
        let google = try #require(try google(["GOOGLE_CLIENT_ID": "id", "GOOGLE_CLIENT_SECRET": "secret"]))
        #expect(google.authorizationURL.absoluteString == "https://accounts.google.com/o/oauth2/v2/auth")
        #expect(google.tokenURL.absoluteString == "https://oauth2.googleapis.com/token")
        #expect(google.apiURL.absoluteString == "https://www.googleapis.com/calendar/v3")
        #expect(google.redirectURL.absoluteString == "http://127.0.0.1:8080/google/oauth/callback")
        #expect(google.syncPeriod == 300)
    }

    @Test func aStubsURLsAndThePeriodAreRead() throws {
        let google = try #require(
            try google([
                "GOOGLE_CLIENT_ID": "id", "GOOGLE_CLIENT_SECRET": "secret",
                "GOOGLE_OAUTH_URL": "http://127.0.0.1:9000/o/oauth2/v2/auth",
                "GOOGLE_API_URL": "http://127.0.0.1:9000/calendar/v3",
                "GOOGLE_REDIRECT_URL": "https://api.example.com/google/oauth/callback",
                "GOOGLE_SYNC_PERIOD_SECONDS": "60",
            ]))
        #expect(google.tokenURL.absoluteString == "http://127.0.0.1:9000/token")
        #expect(google.apiURL.absoluteString == "http://127.0.0.1:9000/calendar/v3")
        #expect(google.redirectURL.absoluteString == "https://api.example.com/google/oauth/callback")
        #expect(google.syncPeriod == 60)
        let configured = ["GOOGLE_CLIENT_ID": "id", "GOOGLE_CLIENT_SECRET": "secret"]
        #expect(throws: ServerConfiguration.InvalidSetting.self) {
            try self.google(configured.merging(["GOOGLE_API_URL": "ftp://x"]) { $1 })
        }
        #expect(throws: ServerConfiguration.InvalidSetting.self) {
            try self.google(configured.merging(["GOOGLE_SYNC_PERIOD_SECONDS": "0"]) { $1 })
        }
    }
}
