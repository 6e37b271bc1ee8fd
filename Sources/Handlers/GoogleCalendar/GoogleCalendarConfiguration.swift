import Foundation

/// Where Google is and who the server is to it (README "Configuration", docs/google-calendar.md). The server
/// has one only when `GOOGLE_CLIENT_ID` and `GOOGLE_CLIENT_SECRET` are set; without it the four sync
/// operations answer 503. The URLs default to Google's own; tests point them at a local stub.
public struct GoogleCalendarConfiguration: Sendable {
    /// `GOOGLE_CLIENT_ID`: the OAuth client of the Google Cloud project.
    public var clientID: String
    /// `GOOGLE_CLIENT_SECRET`.
    public var clientSecret: String
    /// `GOOGLE_OAUTH_URL`: the authorization page the user is sent to.
    public var authorizationURL: URL
    /// `GOOGLE_TOKEN_URL`: where codes and refresh tokens become access tokens.
    public var tokenURL: URL
    /// `GOOGLE_API_URL`: the Calendar API v3 base, ending before `/users/me/calendarList`.
    public var apiURL: URL
    /// `GOOGLE_REDIRECT_URL`: the server's callback as registered with Google (`…/google/oauth/callback`).
    public var redirectURL: URL
    /// `GOOGLE_SYNC_PERIOD_SECONDS`: how long a link waits between two syncs.
    public var syncPeriod: Int
    /// How long the `state` of an authorization URL stays good.
    public var stateLifetime: Int

    public static let defaultAuthorizationURL = URL(string: "https://accounts.google.com/o/oauth2/v2/auth")!
    public static let defaultTokenURL = URL(string: "https://oauth2.googleapis.com/token")!
    public static let defaultAPIURL = URL(string: "https://www.googleapis.com/calendar/v3")!

    /// What the server asks for: the events of every calendar (read and write), and the list of calendars, which
    /// `getKalSync` shows and `setupKalSync` checks a calendar id against (`calendar.events` alone does not
    /// allow reading the list).
    public static let scopes = [
        "https://www.googleapis.com/auth/calendar.events",
        "https://www.googleapis.com/auth/calendar.calendarlist.readonly",
    ]

    public init(
        clientID: String, clientSecret: String, redirectURL: URL,
        authorizationURL: URL = Self.defaultAuthorizationURL, tokenURL: URL = Self.defaultTokenURL,
        apiURL: URL = Self.defaultAPIURL, syncPeriod: Int = 300, stateLifetime: Int = 600
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURL = redirectURL
        self.authorizationURL = authorizationURL
        self.tokenURL = tokenURL
        self.apiURL = apiURL
        self.syncPeriod = syncPeriod
        self.stateLifetime = stateLifetime
    }
}
