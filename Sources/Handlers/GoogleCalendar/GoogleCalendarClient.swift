import Foundation

/// What Google answered that the caller must act on.
public enum GoogleCalendarError: Error, Sendable, CustomStringConvertible {
    /// The refresh token was revoked or expired (`invalid_grant`): the account must be linked again.
    case revoked
    /// The access token was refused (401).
    case unauthorized
    /// The sync token is no longer valid (410): drop it and list everything again.
    case syncTokenExpired
    /// No such calendar or event (404), or one deleted already (410 on an event).
    case notFound
    /// Any other refusal, with Google's status and message.
    case failed(status: Int, message: String)
    /// Google could not be reached, or answered something that is not its JSON.
    case unreachable(String)

    public var description: String {
        switch self {
        case .revoked: "Google refused the refresh token (revoked or expired)"
        case .unauthorized: "Google refused the access token"
        case .syncTokenExpired: "Google's sync token expired (410)"
        case .notFound: "Google has no such calendar or event"
        case .failed(let status, let message): "Google answered \(status): \(message)"
        case .unreachable(let reason): "Google did not answer: \(reason)"
        }
    }
}

/// The parts of Google's OAuth 2.0 token endpoint and Calendar API v3 that the sync uses, over ``HTTP1Client``,
/// at the URLs of ``GoogleCalendarConfiguration`` (Google's own, or the tests' stub). Shapes are Google's,
/// decoded as far as they are used.
public struct GoogleCalendarClient: Sendable {
    public let configuration: GoogleCalendarConfiguration
    let http: HTTP1Client

    public init(configuration: GoogleCalendarConfiguration, http: HTTP1Client = HTTP1Client()) {
        self.configuration = configuration
        self.http = http
    }

    // MARK: Shapes

    /// The token endpoint's answer (RFC 6749 §5.1).
    public struct TokenGrant: Codable, Sendable {
        public var accessToken: String
        public var refreshToken: String?
        public var expiresIn: Int?
        public var scope: String?

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token", refreshToken = "refresh_token", expiresIn = "expires_in", scope
        }
    }

    /// An entry of `calendarList`.
    public struct CalendarEntry: Codable, Sendable {
        public var id: String
        public var summary: String?
        public var summaryOverride: String?
        public var description: String?
        public var timeZone: String?
        /// `owner`, `writer`, `reader` or `freeBusyReader`.
        public var accessRole: String?
    }

    struct CalendarListPage: Codable {
        var items: [CalendarEntry]?
        var nextPageToken: String?
    }

    /// A start or end: `dateTime` (RFC 3339) for timed events, `date` (yyyy-mm-dd) for all-day ones.
    public struct EventTime: Codable, Sendable, Equatable {
        public var dateTime: String?
        public var date: String?
        public var timeZone: String?

        public init(dateTime: String? = nil, date: String? = nil, timeZone: String? = nil) {
            self.dateTime = dateTime
            self.date = date
            self.timeZone = timeZone
        }
    }

    public struct ExtendedProperties: Codable, Sendable, Equatable {
        public var privateProperties: [String: String]?

        public init(privateProperties: [String: String]?) {
            self.privateProperties = privateProperties
        }

        enum CodingKeys: String, CodingKey {
            case privateProperties = "private"
        }
    }

    /// An event as Google lists it, or as the export writes it (`id` nil when inserting).
    public struct Event: Codable, Sendable, Equatable {
        public var id: String?
        /// `confirmed`, `tentative` or `cancelled` (a deleted event in an incremental list).
        public var status: String?
        public var summary: String?
        public var description: String?
        /// `opaque` (busy, the default) or `transparent` (shown as free).
        public var transparency: String?
        public var start: EventTime?
        public var end: EventTime?
        public var extendedProperties: ExtendedProperties?

        public init(
            id: String? = nil, status: String? = nil, summary: String? = nil, description: String? = nil,
            transparency: String? = nil, start: EventTime? = nil, end: EventTime? = nil,
            extendedProperties: ExtendedProperties? = nil
        ) {
            self.id = id
            self.status = status
            self.summary = summary
            self.description = description
            self.transparency = transparency
            self.start = start
            self.end = end
            self.extendedProperties = extendedProperties
        }
    }

    /// One page of `events.list`.
    public struct EventsPage: Codable, Sendable {
        public var items: [Event]?
        public var nextPageToken: String?
        public var nextSyncToken: String?
    }

    // MARK: OAuth

    /// Exchanges an authorization code, proving the PKCE `verifier` (RFC 7636 §4.5).
    public func exchange(code: String, verifier: String) async throws -> TokenGrant {
        try await token([
            ("grant_type", "authorization_code"), ("code", code), ("code_verifier", verifier),
            ("redirect_uri", configuration.redirectURL.absoluteString),
        ])
    }

    /// A new access token for a refresh token.
    public func refresh(_ refreshToken: String) async throws -> TokenGrant {
        try await token([("grant_type", "refresh_token"), ("refresh_token", refreshToken)])
    }

    private func token(_ fields: [(String, String)]) async throws -> TokenGrant {
        let form = (fields + [("client_id", configuration.clientID), ("client_secret", configuration.clientSecret)])
            .map { "\(Self.formEncoded($0.0))=\(Self.formEncoded($0.1))" }.joined(separator: "&")
        let response = try await send(
            "POST", configuration.tokenURL,
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
            body: Array(form.utf8))
        if response.status == 400 || response.status == 401,
            let error = try? JSONDecoder().decode([String: String].self, from: Data(response.body)),
            error["error"] == "invalid_grant"
        {
            throw GoogleCalendarError.revoked
        }
        return try decode(TokenGrant.self, from: response)
    }

    // MARK: Calendar API

    /// Every calendar of the account (all pages).
    public func calendars(accessToken: String) async throws -> [CalendarEntry] {
        var entries: [CalendarEntry] = []
        var pageToken: String?
        repeat {
            var query = [("maxResults", "250")]
            if let pageToken { query.append(("pageToken", pageToken)) }
            let response = try await api("GET", ["users", "me", "calendarList"], query: query, token: accessToken)
            let page = try decode(CalendarListPage.self, from: response)
            entries += page.items ?? []
            pageToken = page.nextPageToken
        } while pageToken != nil
        return entries
    }

    /// One page of a calendar's events: every event (each instance of a recurring one) when `syncToken` is nil,
    /// else what changed since it, deleted events included (`status` cancelled). A dead sync token throws
    /// ``GoogleCalendarError/syncTokenExpired``.
    public func events(
        calendar: String, syncToken: String?, pageToken: String?, accessToken: String, pageSize: Int = 250
    ) async throws -> EventsPage {
        var query = [("maxResults", String(pageSize)), ("singleEvents", "true")]
        if let syncToken { query.append(("syncToken", syncToken)) }
        if let pageToken { query.append(("pageToken", pageToken)) }
        let response = try await api("GET", ["calendars", calendar, "events"], query: query, token: accessToken)
        if response.status == 410 { throw GoogleCalendarError.syncTokenExpired }
        return try decode(EventsPage.self, from: response)
    }

    /// Inserts an event; answers Google's id for it.
    public func insert(_ event: Event, calendar: String, accessToken: String) async throws -> String {
        let response = try await api(
            "POST", ["calendars", calendar, "events"], token: accessToken, body: try JSONEncoder().encode(event))
        guard let id = try decode(Event.self, from: response).id else {
            throw GoogleCalendarError.unreachable("an inserted event without an id")
        }
        return id
    }

    /// Changes the fields `event` gives of the event `id`.
    public func patch(_ event: Event, id: String, calendar: String, accessToken: String) async throws {
        let response = try await api(
            "PATCH", ["calendars", calendar, "events", id], token: accessToken, body: try JSONEncoder().encode(event))
        _ = try decode(Event.self, from: response)
    }

    /// Deletes the event `id`; one already gone is ``GoogleCalendarError/notFound``.
    public func delete(id: String, calendar: String, accessToken: String) async throws {
        let response = try await api("DELETE", ["calendars", calendar, "events", id], token: accessToken)
        try check(response)
    }

    // MARK: Transport

    private func api(
        _ method: String, _ segments: [String], query: [(String, String)] = [], token: String, body: Data? = nil
    ) async throws -> HTTP1Response {
        var text = configuration.apiURL.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += "/" + segments.map(Self.pathEncoded).joined(separator: "/")
        if !query.isEmpty {
            text += "?" + query.map { "\(Self.formEncoded($0.0))=\(Self.formEncoded($0.1))" }.joined(separator: "&")
        }
        guard let url = URL(string: text) else { throw GoogleCalendarError.unreachable("bad URL \(text)") }
        var headers = [("Authorization", "Bearer \(token)"), ("Accept", "application/json")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return try await send(method, url, headers: headers, body: body.map { Array($0) })
    }

    private func send(_ method: String, _ url: URL, headers: [(String, String)], body: [UInt8]?) async throws
        -> HTTP1Response
    {
        do {
            return try await http.send(method, url, headers: headers, body: body)
        } catch {
            throw GoogleCalendarError.unreachable("\(error)")
        }
    }

    private func check(_ response: HTTP1Response) throws {
        switch response.status {
        case 200..<300: return
        case 401: throw GoogleCalendarError.unauthorized
        case 404, 410: throw GoogleCalendarError.notFound
        default:
            throw GoogleCalendarError.failed(status: response.status, message: String(response.text.prefix(500)))
        }
    }

    private func decode<Value: Decodable>(_ type: Value.Type, from response: HTTP1Response) throws -> Value {
        try check(response)
        do {
            return try JSONDecoder().decode(type, from: Data(response.body))
        } catch {
            throw GoogleCalendarError.unreachable("an answer that is not the expected JSON: \(error)")
        }
    }

    /// Characters left as they are in a query or form value and in a path segment (RFC 3986 unreserved).
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func formEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    static func pathEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
