import Foundation
import Handlers

/// The Google Calendar part of the environment (README "Configuration", docs/google-calendar.md):
/// `GOOGLE_CLIENT_ID` and `GOOGLE_CLIENT_SECRET` (both, or neither: then the sync operations answer 503),
/// `GOOGLE_OAUTH_URL`, `GOOGLE_TOKEN_URL`, `GOOGLE_API_URL` (Google's own by default), `GOOGLE_REDIRECT_URL`
/// and `GOOGLE_SYNC_PERIOD_SECONDS`.
enum GoogleCalendarSettings {
    static func configuration(_ environment: [String: String], host: String, port: Int) throws
        -> GoogleCalendarConfiguration?
    {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        func url(_ name: String) throws -> URL? {
            guard let text = value(name) else { return nil }
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                url.host?.isEmpty == false
            else {
                throw ServerConfiguration.InvalidSetting(name: name, value: text, expected: "an http(s) URL")
            }
            return url
        }
        let id = value("GOOGLE_CLIENT_ID")
        let secret = value("GOOGLE_CLIENT_SECRET")
        guard let id, let secret else {
            if id != nil || secret != nil {
                throw ServerConfiguration.InvalidSetting(
                    name: id == nil ? "GOOGLE_CLIENT_ID" : "GOOGLE_CLIENT_SECRET", value: "",
                    expected: "both GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET, or neither")
            }
            return nil
        }
        let authorization = try url("GOOGLE_OAUTH_URL")
        // A token endpoint beside a configured authorization page (a stub, a proxy): `<its origin>/token`.
        let derivedToken = authorization.flatMap { page -> URL? in
            var components = URLComponents(url: page, resolvingAgainstBaseURL: false)
            components?.path = "/token"
            components?.query = nil
            return components?.url
        }
        var period = 300
        if let text = value("GOOGLE_SYNC_PERIOD_SECONDS") {
            guard let seconds = Int(text), (1...86_400).contains(seconds) else {
                throw ServerConfiguration.InvalidSetting(
                    name: "GOOGLE_SYNC_PERIOD_SECONDS", value: text, expected: "an integer in 1...86400")
            }
            period = seconds
        }
        let callbackHost = host == "0.0.0.0" || host == "::" ? "localhost" : host
        return GoogleCalendarConfiguration(
            clientID: id, clientSecret: secret,
            redirectURL: try url("GOOGLE_REDIRECT_URL")
                ?? URL(string: "http://\(callbackHost):\(port)\(GoogleOAuthCallbackRoute.path)")!,
            authorizationURL: authorization ?? GoogleCalendarConfiguration.defaultAuthorizationURL,
            tokenURL: try url("GOOGLE_TOKEN_URL") ?? derivedToken ?? GoogleCalendarConfiguration.defaultTokenURL,
            apiURL: try url("GOOGLE_API_URL") ?? GoogleCalendarConfiguration.defaultAPIURL,
            syncPeriod: period)
    }
}
