import Foundation
import Generated
import Handlers

/// A local stand-in for Google (OAuth 2.0 with PKCE, Calendar API v3) for the Google Calendar suites: a small
/// Python server (standard library only; `CEKI_PYTHON` or `/usr/bin/python3`) in a child process, like the SMTP
/// sink. It speaks what the server uses — the consent page (answering 302 with a code, for the `account` the
/// test names), the token endpoint (PKCE S256 checked, a wrong verifier refused; refresh tokens), calendarList,
/// events list with pages of two (pageToken/nextPageToken) and sync tokens (nextSyncToken, an injectable 410),
/// insert, patch and delete — and answers the tests' own `/_stub/…` requests to set calendars up and read
/// them back.
public final class GoogleCalendarStub: @unchecked Sendable {
    public static let clientID = "ceki-test-client.apps.googleusercontent.com"
    public static let clientSecret = "ceki-test-client-secret"

    /// The port the stub listens on (127.0.0.1).
    public let port: Int
    private let process: Process
    private let directory: URL
    private let http = HTTP1Client(timeout: 10)

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ceki-google-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = directory.appendingPathComponent("stub.py")
        try Self.program.write(to: script, atomically: true, encoding: .utf8)
        let portFile = directory.appendingPathComponent("port")
        process = Process()
        process.executableURL = URL(fileURLWithPath: SMTPSink.python)
        process.arguments = [script.path, portFile.path, Self.clientID, Self.clientSecret]
        // Nothing inherited: a test runner reading this process's output would wait for the stub to close it.
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        let errors = directory.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: portFile.path) {
            guard Date() < deadline, process.isRunning else {
                let output = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
                throw StubFailed(
                    reason:
                        "the Google Calendar stub did not start (python: \(SMTPSink.python)): \(output.suffix(2000))")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        port = Int(try String(contentsOf: portFile, encoding: .utf8))!
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The stub did not start, or refused a test's request.
    public struct StubFailed: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// The base of every URL: `http://127.0.0.1:<port>`.
    public var base: String { "http://127.0.0.1:\(port)" }

    /// The server's Google configuration pointing at this stub (the callback's host does not matter: the tests
    /// call its path on the test server).
    public func configuration(syncPeriod: Int = 300, stateLifetime: Int = 600) -> GoogleCalendarConfiguration {
        GoogleCalendarConfiguration(
            clientID: Self.clientID, clientSecret: Self.clientSecret,
            redirectURL: URL(string: "http://127.0.0.1:8080/google/oauth/callback")!,
            authorizationURL: URL(string: "\(base)/o/oauth2/v2/auth")!, tokenURL: URL(string: "\(base)/token")!,
            apiURL: URL(string: "\(base)/calendar/v3")!, syncPeriod: syncPeriod, stateLifetime: stateLifetime)
    }

    /// What the stub's consent page answers for `url` (an authorization URL of the server) when `account` agrees:
    /// the callback's path and query (`/google/oauth/callback?code=…&state=…`), or nil when it refused the URL.
    public func consent(_ url: String, account: String) async throws -> String? {
        let response = try await http.send("GET", URL(string: url + "&account=" + account)!)
        guard response.status == 302, let location = response.headers["location"],
            let components = URLComponents(string: location)
        else { return nil }
        return components.percentEncodedPath + "?" + (components.percentEncodedQuery ?? "")
    }

    /// Gives `account` a calendar.
    public func addCalendar(
        account: String, id: String, summary: String, timeZone: String = "Europe/Berlin", accessRole: String = "owner"
    ) async throws {
        try await control(
            "POST", "/_stub/calendars",
            [
                "account": .string(account), "id": .string(id), "summary": .string(summary),
                "timeZone": .string(timeZone), "accessRole": .string(accessRole),
            ])
    }

    /// Puts an event in a calendar, as someone using Google would (`start`/`end` RFC 3339).
    public func addEvent(calendar: String, id: String, summary: String, start: String, end: String) async throws {
        try await control(
            "POST", "/_stub/calendars/\(Self.escaped(calendar))/events",
            [
                "id": .string(id), "summary": .string(summary), "start": ["dateTime": .string(start)],
                "end": ["dateTime": .string(end)],
            ])
    }

    /// Puts an event in a calendar in Google's shape as given (an all-day `date`, a `transparency`, …); it
    /// needs an `id`.
    public func addEvent(calendar: String, _ event: JSONValue) async throws {
        try await control("POST", "/_stub/calendars/\(Self.escaped(calendar))/events", event)
    }

    /// Deletes an event; `silently` removes it without a trace, so only a full listing notices.
    public func deleteEvent(calendar: String, id: String, silently: Bool = false) async throws {
        try await control(
            "DELETE",
            "/_stub/calendars/\(Self.escaped(calendar))/events/\(Self.escaped(id))?silently=\(silently ? 1 : 0)")
    }

    /// Makes the next listing of `calendar` with a sync token answer 410 Gone.
    public func expireSyncToken(calendar: String) async throws {
        try await control("POST", "/_stub/calendars/\(Self.escaped(calendar))/expire-sync-token")
    }

    /// Makes every access token of `account` expire (the next API call must refresh).
    public func expireAccessTokens(account: String) async throws {
        try await control("POST", "/_stub/accounts/\(account)/expire-access")
    }

    /// Revokes the account's grant at "Google": its refresh tokens are refused, its access tokens expire.
    public func revoke(account: String) async throws {
        try await control("POST", "/_stub/accounts/\(account)/revoke")
    }

    /// Every event of a calendar, cancelled ones included.
    public func events(calendar: String) async throws -> [JSONValue] {
        try await control("GET", "/_stub/calendars/\(Self.escaped(calendar))/events")["items"]?.arrayValue ?? []
    }

    /// Every API and OAuth request the stub received: `method`, `path`, `query`.
    public func requests() async throws -> [JSONValue] {
        try await control("GET", "/_stub/requests")["items"]?.arrayValue ?? []
    }

    /// Every access and refresh token the stub issued.
    public func tokens() async throws -> [String] {
        try await control("GET", "/_stub/tokens")["items"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    @discardableResult
    private func control(_ method: String, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
        let response = try await http.send(
            method, URL(string: base + path)!, headers: body == nil ? [] : [("Content-Type", "application/json")],
            body: body?.encoded())
        guard (200..<300).contains(response.status) else {
            throw StubFailed(reason: "stub \(method) \(path) answered \(response.status): \(response.text)")
        }
        return response.body.isEmpty ? .null : try JSONParser().parse(response.text)
    }

    static func escaped(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? segment
    }

    private static let program = #"""
        # A local stand-in for the parts of Google's OAuth 2.0 and Calendar API v3 that Ceki uses (docs/google-calendar.md
        # "Tests"), for Tests/Support/GoogleCalendarStub.swift. Python's standard library only.
        #
        #   GET  /o/oauth2/v2/auth?...&account=A   the consent page: answers 302 to redirect_uri with a code for account A
        #   POST /token                            authorization_code (PKCE S256 checked) and refresh_token grants
        #   GET  /calendar/v3/users/me/calendarList
        #   GET  /calendar/v3/calendars/C/events   paging (pageToken/nextPageToken), syncToken/nextSyncToken, 410
        #   POST/PATCH/DELETE /calendar/v3/calendars/C/events[/E]
        #   /_stub/...                             what the tests set up and read back (below)
        import base64, hashlib, json, os, secrets, sys, threading, time
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        from urllib.parse import parse_qs, quote, unquote, urlsplit

        port_file, client_id, client_secret = sys.argv[1], sys.argv[2], sys.argv[3]
        lock = threading.Lock()
        codes = {}        # code -> {challenge, redirect_uri, account}
        access = {}       # access token -> {account, expires}
        refresh = {}      # refresh token -> account
        calendars = {}    # calendar id -> {account, entry, events: {id: event}}
        version = [0]     # bumped by every change; a sync token is "s<version>"
        expire_sync = set()
        requests_log = []
        PAGE = 2          # small pages, so every listing the tests make is paged


        def bump():
            version[0] += 1
            return version[0]


        def token(prefix):
            return prefix + "-" + secrets.token_urlsafe(16)


        def issue(account):
            t = token("at")
            access[t] = {"account": account, "expires": time.time() + 3600}
            return t


        class Stub(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def answer(self, status, body=None, headers=None):
                data = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                if body is not None:
                    self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(data)
                self.close_connection = True

            def body(self):
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else b""

            def route(self, method):
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                parts = [unquote(p) for p in url.path.split("/")[1:]]
                with lock:
                    if parts[0] != "_stub":
                        requests_log.append({"method": method, "path": url.path, "query": query})
                    try:
                        self.dispatch(method, parts, query)
                    except KeyError as missing:
                        self.answer(400, {"error": "missing " + str(missing)})

            def do_GET(self): self.route("GET")
            def do_POST(self): self.route("POST")
            def do_PATCH(self): self.route("PATCH")
            def do_DELETE(self): self.route("DELETE")

            def dispatch(self, method, parts, query):
                if parts[:3] == ["o", "oauth2", "v2"] and method == "GET":
                    return self.consent(query)
                if parts == ["token"] and method == "POST":
                    return self.token()
                if parts[:2] == ["calendar", "v3"]:
                    return self.api(method, parts[2:], query)
                if parts[0] == "_stub":
                    return self.control(method, parts[1:], query)
                self.answer(404, {"error": {"code": 404, "message": "Not Found"}})

            # OAuth ---------------------------------------------------------------------------------------------------
            def consent(self, q):
                ok = (q["client_id"] == client_id and q["response_type"] == "code" and q["access_type"] == "offline"
                      and q["code_challenge_method"] == "S256" and "calendar.events" in q["scope"])
                if not ok:
                    return self.answer(400, {"error": "invalid_request"})
                code = token("code")
                codes[code] = {"challenge": q["code_challenge"], "redirect_uri": q["redirect_uri"], "account": q["account"]}
                location = q["redirect_uri"] + "?code=" + quote(code) + "&state=" + quote(q["state"])
                self.answer(302, None, {"Location": location})

            def token(self):
                form = {k: v[0] for k, v in parse_qs(self.body().decode()).items()}
                if form.get("client_id") != client_id or form.get("client_secret") != client_secret:
                    return self.answer(401, {"error": "invalid_client"})
                if form.get("grant_type") == "authorization_code":
                    grant = codes.pop(form.get("code", ""), None)
                    verifier = form.get("code_verifier", "")
                    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
                    if grant is None or grant["redirect_uri"] != form.get("redirect_uri") or grant["challenge"] != challenge:
                        return self.answer(400, {"error": "invalid_grant", "error_description": "Bad code or verifier."})
                    r = token("rt")
                    refresh[r] = grant["account"]
                    return self.answer(200, {"access_token": issue(grant["account"]), "refresh_token": r, "expires_in": 3600,
                                             "token_type": "Bearer", "scope": "calendar.events calendar.calendarlist.readonly"})
                if form.get("grant_type") == "refresh_token":
                    account = refresh.get(form.get("refresh_token", ""))
                    if account is None:
                        return self.answer(400, {"error": "invalid_grant"})
                    return self.answer(200, {"access_token": issue(account), "expires_in": 3600, "token_type": "Bearer"})
                self.answer(400, {"error": "unsupported_grant_type"})

            # Calendar API v3 -----------------------------------------------------------------------------------------
            def api(self, method, parts, q):
                auth = self.headers.get("Authorization", "")
                grant = access.get(auth[len("Bearer "):]) if auth.startswith("Bearer ") else None
                if grant is None or grant["expires"] < time.time():
                    return self.answer(401, {"error": {"code": 401, "message": "Invalid Credentials"}})
                account = grant["account"]
                if parts == ["users", "me", "calendarList"]:
                    entries = [c["entry"] for c in calendars.values() if c["account"] == account]
                    return self.page(entries, q, {"kind": "calendar#calendarList"})
                if len(parts) < 3 or parts[0] != "calendars" or parts[2] != "events":
                    return self.answer(404, {"error": {"code": 404, "message": "Not Found"}})
                calendar = calendars.get(parts[1])
                if calendar is None or calendar["account"] != account:
                    return self.answer(404, {"error": {"code": 404, "message": "Not Found"}})
                events = calendar["events"]
                if len(parts) == 3 and method == "GET":
                    return self.list_events(parts[1], events, q)
                if len(parts) == 3 and method == "POST":
                    event = json.loads(self.body())
                    event["id"] = token("ev").lower().replace("-", "").replace("_", "")
                    event["status"] = "confirmed"
                    event["version"] = bump()
                    events[event["id"]] = event
                    return self.answer(200, public(event))
                event = events.get(parts[3]) if len(parts) == 4 else None
                if event is None or event.get("status") == "cancelled":
                    return self.answer(410 if event else 404, {"error": {"code": 404, "message": "Not Found"}})
                if method == "PATCH":
                    event.update(json.loads(self.body()))
                    event["version"] = bump()
                    return self.answer(200, public(event))
                if method == "DELETE":
                    event["status"] = "cancelled"
                    event["version"] = bump()
                    return self.answer(204)
                self.answer(405, {"error": {"code": 405, "message": "Method Not Allowed"}})

            def list_events(self, calendar_id, events, q):
                since = None
                if "syncToken" in q:
                    if calendar_id in expire_sync or not q["syncToken"].startswith("s"):
                        expire_sync.discard(calendar_id)
                        return self.answer(410, {"error": {"code": 410, "message": "Sync token is no longer valid."}})
                    since = int(q["syncToken"][1:])
                items = sorted(events.values(), key=lambda e: e["version"])
                if since is None:
                    items = [e for e in items if e.get("status") != "cancelled"]
                else:
                    items = [e for e in items if e["version"] > since]
                self.page([public(e) for e in items], q, {"kind": "calendar#events"}, sync=True)

            def page(self, items, q, extra, sync=False):
                start = int(q.get("pageToken", "0"))
                size = min(int(q.get("maxResults", "250")), PAGE)
                body = dict(extra, items=items[start:start + size])
                if start + size < len(items):
                    body["nextPageToken"] = str(start + size)
                elif sync:
                    body["nextSyncToken"] = "s" + str(version[0])
                self.answer(200, body)

            # What the tests set up and read ---------------------------------------------------------------------------
            def control(self, method, parts, q):
                if parts == ["calendars"] and method == "POST":
                    c = json.loads(self.body())
                    account = c.pop("account")
                    calendars[c["id"]] = {"account": account, "entry": c, "events": {}}
                    return self.answer(200, c)
                if len(parts) >= 3 and parts[0] == "calendars" and parts[2] == "events":
                    events = calendars[parts[1]]["events"]
                    if len(parts) == 3 and method == "POST":
                        event = json.loads(self.body())
                        event.setdefault("status", "confirmed")
                        event["version"] = bump()
                        events[event["id"]] = event
                        return self.answer(200, public(event))
                    if len(parts) == 3 and method == "GET":
                        return self.answer(200, {"items": [public(e) for e in events.values()]})
                    if len(parts) == 4 and method == "DELETE":
                        if q.get("silently") == "1":
                            events.pop(parts[3])  # gone without a trace: only a full listing notices
                        else:
                            events[parts[3]]["status"] = "cancelled"
                            events[parts[3]]["version"] = bump()
                        return self.answer(204)
                if len(parts) == 3 and parts[0] == "calendars" and parts[2] == "expire-sync-token":
                    expire_sync.add(parts[1])
                    return self.answer(204)
                if parts == ["requests"]:
                    return self.answer(200, {"items": requests_log})
                if parts == ["tokens"]:
                    return self.answer(200, {"items": list(access) + list(refresh)})
                if len(parts) == 3 and parts[0] == "accounts" and parts[2] == "revoke":
                    for r in [r for r, account in refresh.items() if account == parts[1]]:
                        del refresh[r]
                    for grant in access.values():
                        if grant["account"] == parts[1]:
                            grant["expires"] = 0
                    return self.answer(204)
                if len(parts) == 3 and parts[0] == "accounts" and parts[2] == "expire-access":
                    for grant in access.values():
                        if grant["account"] == parts[1]:
                            grant["expires"] = 0
                    return self.answer(204)
                self.answer(404, {"error": "no such control"})


        def public(event):
            return {k: v for k, v in event.items() if k != "version"}


        server = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
        with open(port_file + ".tmp", "w") as f:
            f.write(str(server.server_address[1]))
        os.rename(port_file + ".tmp", port_file)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        # A stub outlives no test process: shared stubs are never deinitialised, so watch the parent instead.
        parent = os.getppid()
        while os.getppid() == parent:
            time.sleep(0.5)
        """#
}
