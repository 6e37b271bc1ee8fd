import Foundation
import Generated
import Logging

/// The Google Calendar link of a kal (the Kal tag's `…/sync` operations and the OAuth callback): the
/// authorization URL, linking the account at the callback, the kal's import and export links, and removing one.
/// Only a kal's owner may; without Google configured every operation answers 503 before anything else is done
/// (docs/google-calendar.md).
public struct KalSyncs: Sendable {
    let pool: PostgresPool
    let kals: Kals
    let google: Google?

    /// What exists only when Google is configured.
    struct Google: Sendable {
        let configuration: GoogleCalendarConfiguration
        let keys: GoogleOAuthState.Keys
        let sync: GoogleCalendarSync
        var accounts: GoogleAccounts { sync.accounts }
        var client: GoogleCalendarClient { sync.client }
    }

    public init(
        pool: PostgresPool, secret: ServerSecret, configuration: GoogleCalendarConfiguration?,
        http: HTTP1Client = HTTP1Client(), logger: Logger = Logger(label: "ceki.google")
    ) {
        self.pool = pool
        self.kals = Kals(pool: pool)
        self.google = configuration.map {
            Google(
                configuration: $0, keys: GoogleOAuthState.Keys(secret: secret),
                sync: GoogleCalendarSync(pool: pool, configuration: $0, secret: secret, http: http, logger: logger))
        }
    }

    /// The sync engine, when Google is configured (the server's background service runs it).
    public var sync: GoogleCalendarSync? { google?.sync }

    /// 503 when Google is not configured.
    static let notConfigured = Problem.unavailable(
        "Google Calendar is not configured on this server (GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET are "
            + "unset): nothing can be linked or synced.")

    private func configured() throws -> Google {
        guard let google else { throw Self.notConfigured }
        return google
    }

    /// The kal, when `caller` (a user) owns it: 404 when it is missing or invisible, 403 when visible only.
    private func ownedKal(_ id: Int, by caller: Caller) async throws -> (kal: Types.Kal, user: Int) {
        guard case .user(let user) = caller else { throw Problem.unauthenticated }
        let (kal, grant) = try await kals.find(id, for: caller)
        try grant.requireWrite(3, "Only the owner of this kal may link it to Google Calendar.")
        return (kal, user)
    }

    // MARK: getKalGoogleOauthUrl and the callback

    /// Google's authorization URL for `caller` linking from `kal`: offline access (a refresh token), PKCE S256,
    /// the scopes of ``GoogleCalendarConfiguration/scopes``, and a signed `state` that expires.
    public func authorizationURL(kal id: Int, by caller: Caller) async throws -> Types.OAuthUrl {
        let google = try configured()
        let (kal, user) = try await ownedKal(id, by: caller)
        let (state, verifier) = GoogleOAuthState.issue(
            user: user, kal: kal.id, now: Date(), lifetime: google.configuration.stateLifetime, keys: google.keys)
        var components = URLComponents(url: google.configuration.authorizationURL, resolvingAgainstBaseURL: false)!
        components.percentEncodedQueryItems =
            (components.percentEncodedQueryItems ?? [])
            + [
                ("client_id", google.configuration.clientID),
                ("redirect_uri", google.configuration.redirectURL.absoluteString),
                ("response_type", "code"),
                ("scope", GoogleCalendarConfiguration.scopes.joined(separator: " ")),
                ("access_type", "offline"),
                ("prompt", "consent"),
                ("include_granted_scopes", "true"),
                ("code_challenge", GoogleOAuthState.challenge(for: verifier)),
                ("code_challenge_method", "S256"),
                ("state", state),
            ].map { URLQueryItem(name: $0.0, value: GoogleCalendarClient.formEncoded($0.1)) }
        return Types.OAuthUrl(url: components.url!.absoluteString)
    }

    /// Why a callback links nothing; each is the user's browser's answer (the callback has no API caller).
    public struct CallbackFailure: Error, Sendable {
        /// 400 (a bad or expired state, a refusal at Google), 502 (Google's token endpoint failed) or 503.
        public let status: Int
        public let message: String
    }

    /// The callback (`GET /google/oauth/callback?code=…&state=…`): checks the state, exchanges the code with
    /// the state's PKCE verifier, and keeps the account's tokens sealed. Answers the user and kal linked.
    public func completeAuthorization(code: String?, state: String?, error: String?) async throws(CallbackFailure)
        -> GoogleOAuthState.Claims
    {
        guard let google else { throw CallbackFailure(status: 503, message: Self.notConfigured.message) }
        guard let state, !state.isEmpty else {
            throw CallbackFailure(status: 400, message: "The callback has no state.")
        }
        let claims: GoogleOAuthState.Claims
        let verifier: String
        do {
            (claims, verifier) = try GoogleOAuthState.verify(state, now: Date(), keys: google.keys)
        } catch {
            throw CallbackFailure(status: 400, message: error.description)
        }
        if let error {
            throw CallbackFailure(status: 400, message: "Google did not grant access (\(error)): nothing was linked.")
        }
        guard let code, !code.isEmpty else {
            throw CallbackFailure(status: 400, message: "The callback has no code.")
        }
        do {
            let grant = try await google.client.exchange(code: code, verifier: verifier)
            try await google.accounts.store(grant, for: claims.userID)
        } catch GoogleCalendarError.revoked {
            throw CallbackFailure(status: 400, message: "Google refused the code (used already, or expired).")
        } catch {
            throw CallbackFailure(status: 502, message: "Google's token endpoint failed: \(error)")
        }
        return claims
    }

    // MARK: getKalSync, setupKalSync, disconnectKalSync

    /// The kal's links and the calendars of the owner's Google account.
    public func settings(kal id: Int, by caller: Caller) async throws -> Types.KalSync {
        let google = try configured()
        let (kal, user) = try await ownedKal(id, by: caller)
        return try await settings(of: kal.id, user: user, calendars: try await calendars(of: user, google: google))
    }

    /// Links one of the account's calendars to the kal (`from` true imports, false exports) and syncs it once.
    public func link(kal id: Int, with body: Types.KalSyncRequest, by caller: Caller) async throws -> Types.KalSync {
        let google = try configured()
        let (kal, user) = try await ownedKal(id, by: caller)
        var problems = ValidationErrors()
        if let problem = SchedulingTimeZones.problem(body.timeZone, at: "timeZone") { problems.merge(problem) }
        let calendars = try await calendars(of: user, google: google)
        let isImport = body.from ?? true
        if calendars == nil {
            problems.add(.custom("No Google account is linked: link one first (getKalGoogleOauthUrl)."), at: "id")
        } else if let entry = calendars?.first(where: { $0.id == body.id }) {
            if !isImport && entry.accessRole != "owner" && entry.accessRole != "writer" {
                problems.add(
                    .custom("The linked Google account cannot write to this calendar: it cannot be an export."),
                    at: "id")
            }
        } else {
            problems.add(.custom("The linked Google account has no calendar with this id."), at: "id")
        }
        try problems.throwIfAny()
        _ = try await mappingUniqueViolations(["kal_sync_links_calendar_key": "id"]) {
            try await pool.query(
                """
                INSERT INTO kal_sync_links (kal_id, user_id, external_id, summary, description, timezone, is_import)
                VALUES (\(kal.id), \(user), \(body.id), \(body.summary), \(body.description), \(body.timeZone),
                        \(isImport))
                """)
        }
        // The first sync now, so the answer (and the kal's slots) already show it; a failure is kept on the link
        // (`last_synced_at` stays null) and the background sync tries again.
        try await google.sync.sync(kal: kal.id)
        return try await settings(of: kal.id, user: user, calendars: calendars)
    }

    /// Removes one import (`from` true) or export link of the kal; events already imported or exported stay.
    public func unlink(kal id: Int, with body: Types.KalSyncDisconnectRequest, by caller: Caller) async throws
        -> Types.KalSync
    {
        let google = try configured()
        let (kal, user) = try await ownedKal(id, by: caller)
        let isImport = body.from ?? true
        let removed = try await pool.query(
            """
            DELETE FROM kal_sync_links WHERE id = \(body.id) AND kal_id = \(kal.id) AND is_import = \(isImport)
            RETURNING id
            """)
        guard !removed.isEmpty else {
            throw Problem.invalid(
                "id", "This kal has no \(isImport ? "import" : "export") link with this id.")
        }
        return try await settings(of: kal.id, user: user, calendars: try await calendars(of: user, google: google))
    }

    // MARK: Shared

    /// The calendars of `user`'s account; nil when none is linked (or its tokens stopped working, which unlinks
    /// it). Google failing is a 503 that says so.
    private func calendars(of user: Int, google: Google) async throws -> [GoogleCalendarClient.CalendarEntry]? {
        do {
            return try await google.accounts.withAccessToken(of: user) { token in
                try await google.client.calendars(accessToken: token)
            }
        } catch GoogleCalendarError.revoked {
            return nil
        } catch let error as GoogleCalendarError {
            throw Problem(
                status: 503, message: "Google Calendar did not answer as expected (\(error)); try again later.")
        }
    }

    private func settings(of kal: Int, user: Int, calendars: [GoogleCalendarClient.CalendarEntry]?) async throws
        -> Types.KalSync
    {
        let rows = try await pool.query(
            """
            SELECT is_import, jsonb_build_object(
                'id', id, 'kal_id', kal_id, 'external_id', external_id, 'summary', summary,
                'description', description, 'timezone', timezone, 'from', is_import,
                'last_synced_at', last_synced_at, 'created_at', created_at) AS link
            FROM kal_sync_links WHERE kal_id = \(kal) ORDER BY id
            """)
        var imports: [Types.KalSyncLink] = []
        var exports: [Types.KalSyncLink] = []
        for row in rows {
            let link = try row.decode(Types.KalSyncLink.self, json: "link")
            if try row.decode(Bool.self, "is_import") { imports.append(link) } else { exports.append(link) }
        }
        return Types.KalSync(
            kalId: kal, connected: calendars != nil, imports: imports, exports: exports,
            calendars: (calendars ?? []).map {
                Types.GoogleCalendar(
                    id: $0.id, summary: $0.summaryOverride ?? $0.summary ?? $0.id, description: $0.description,
                    timeZone: $0.timeZone ?? "UTC")
            })
    }
}
