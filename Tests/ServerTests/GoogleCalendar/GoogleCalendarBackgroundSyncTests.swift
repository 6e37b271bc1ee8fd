import CekiServer
import CekiTestSupport
import Foundation
import Generated
import Handlers
import HummingbirdTesting
import Testing

extension TestServer {
    /// A server of its own for the background sync (`ceki_test_google_sync`), with a three-second period (long enough that a loaded machine
    /// still asks before it is due, in CI beside the other suites): its
    /// passes take every due link of the database, which would race the forced syncs of the other suite.
    static let googleBackground = Task { () throws -> (server: TestServer, stub: GoogleCalendarStub) in
        let stub = try GoogleCalendarStub()
        return (try await TestServer(suite: "google_sync", google: stub.configuration(syncPeriod: 3)), stub)
    }
}

/// The sync `ceki serve` runs in the background: a link is synced again once its period has passed, not before,
/// and the service's loop picks changes up by itself; a deleted kal's links are left alone.
@Suite("Google Calendar background sync")
struct GoogleCalendarBackgroundSyncTests {
    @Test func dueLinksAreSyncedByThePassesAndTheLoop() async throws {
        let (server, stub) = try await TestServer.googleBackground.value
        try await server.application.test(.live) { client in
            let olga = try await server.signIn(client, name: "Olga Owner")
            let made = try await client.call(
                .post, "/api/kals", json: ["label": "Work", "private": false], bearer: olga.token)
            let kal = try #require(made["id"]?.int64Value)
            let account = "olga-\(UUID().uuidString.prefix(8).lowercased())"
            let calendar = "\(account)@group.calendar.google.com"
            try await stub.addCalendar(account: account, id: calendar, summary: "Work")
            let url = try #require(
                try await client.call(.get, "/api/kals/\(kal)/sync/oauth-url", bearer: olga.token)["url"]?.stringValue)
            let callback = try #require(try await stub.consent(url, account: account))
            #expect(try await client.call(.get, callback).status == 200)
            let linked = try await client.call(
                .post, "/api/kals/\(kal)/sync", json: ["id": .string(calendar), "summary": "Work", "timeZone": "UTC"],
                bearer: olga.token)
            #expect(linked.status == 201, "\(linked.json)")

            let sync = GoogleCalendarSync(
                pool: server.pool, configuration: try #require(server.configuration.google),
                secret: server.configuration.secret)
            func imported() async throws -> [String] {
                try await server.pool.query(
                    "SELECT external_id FROM events WHERE kal_id = \(kal) AND external_id IS NOT NULL AND deleted_at IS NULL ORDER BY id"
                ).map { try $0.decode(String.self, "external_id") }
            }

            // Synced by setupKalSync a moment ago: not due yet.
            try await stub.addEvent(
                calendar: calendar, id: "first", summary: "First", start: "2027-03-22T08:00:00Z",
                end: "2027-03-22T09:00:00Z")
            #expect(try await sync.syncDue() == 0)
            #expect(try await imported() == [])
            try await Task.sleep(for: .milliseconds(3100))
            #expect(try await sync.syncDue() == 1)
            #expect(try await imported() == ["first"])

            // The service's loop, as `ceki serve` runs it: a change shows up without anyone asking.
            let loop = Task { await sync.run(poll: .milliseconds(200)) }
            try await stub.addEvent(
                calendar: calendar, id: "second", summary: "Second", start: "2027-03-22T10:00:00Z",
                end: "2027-03-22T11:00:00Z")
            let deadline = Date().addingTimeInterval(15)
            while try await imported() != ["first", "second"], Date() < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            loop.cancel()
            await loop.value
            #expect(try await imported() == ["first", "second"])

            // A deleted kal's links are not synced any more.
            #expect(try await client.call(.delete, "/api/kals/\(kal)", bearer: olga.token).status == 200)
            try await Task.sleep(for: .milliseconds(3100))
            #expect(try await sync.syncDue() == 0)
        }
    }
}
