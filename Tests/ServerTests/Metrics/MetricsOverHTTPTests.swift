import CekiTestSupport
import Foundation
import Generated
import HTTPTypes
import Handlers
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CekiServer

extension TestServer {
    /// The metrics suite's server (`ceki_test_metrics`): its own registry, so its scrapes show only this suite.
    static let metricsSuite = Task { try await TestServer(suite: "metrics") }
}

/// `GET /metrics` scraped after a few calls: each call counts exactly once, by operation and status class, billed
/// calls and 402s by usage type, refused bookings that collided, failed mail deliveries; the pool and the outbox
/// are read at the scrape; the text is valid Prometheus exposition; `METRICS_TOKEN` guards it; and two servers in
/// one process count apart. Serialized: the deltas are this suite's server's, and its tests must not overlap.
@Suite("Metrics over HTTP", .serialized)
struct MetricsOverHTTPTests {
    /// The scrape, parsed (and so checked) as Prometheus's text format.
    static func scrape(_ client: some TestClientProtocol, token: String? = nil) async throws -> PrometheusExposition {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        let response = try await client.execute(uri: "/metrics", method: .get, headers: headers, body: nil)
        #expect(response.status == .ok)
        #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
        return try PrometheusExposition(String(buffer: response.body))
    }

    /// How much the series moved between two scrapes.
    static func delta(
        _ before: PrometheusExposition, _ after: PrometheusExposition, _ name: String, _ labels: [String: String] = [:]
    ) -> Double {
        after.value(name, labels) - before.value(name, labels)
    }

    @Test func eachCallCountsOnceByOperationAndStatusClass() async throws {
        let server = try await TestServer.metricsSuite.value
        try await server.application.test(.live) { client in
            let before = try await Self.scrape(client)
            let registered = try await client.call(
                .post, "/api/agent/register",
                json: ["name": "Metrics Bot", "email": .string(TestServer.uniqueEmail("agent"))])
            #expect(registered.status == 201, "\(registered.json)")
            let invalid = try await client.call(
                .post, "/api/agent/register", json: ["name": "Metrics Bot", "email": "not an address"])
            #expect(invalid.status == 422, "\(invalid.json)")
            let unknown = try await client.call(.get, "/api/no-such-route", contract: .unchecked)
            #expect(unknown.status == 404)
            let health = try await client.call(.get, "/health", contract: .unchecked)
            #expect(health.status == 200)
            let after = try await Self.scrape(client)

            let requests = "ceki_http_requests_total"
            #expect(Self.delta(before, after, requests, ["operation": "registerAgent", "status": "2xx"]) == 1)
            #expect(Self.delta(before, after, requests, ["operation": "registerAgent", "status": "4xx"]) == 1)
            #expect(Self.delta(before, after, requests, ["operation": "registerAgent", "status": "5xx"]) == 0)
            #expect(Self.delta(before, after, requests, ["operation": "none", "status": "4xx"]) == 1)
            #expect(Self.delta(before, after, requests, ["operation": "/health", "status": "2xx"]) == 1)
            // The first scrape is counted once it answered; the second, not yet.
            #expect(Self.delta(before, after, requests, ["operation": "/metrics", "status": "2xx"]) == 1)
            let duration = "ceki_http_request_duration_seconds"
            let labels = ["operation": "registerAgent", "status": "2xx"]
            #expect(Self.delta(before, after, duration + "_count", labels) == 1)
            #expect(Self.delta(before, after, duration + "_bucket", labels.merging(["le": "+Inf"]) { $1 }) == 1)
            #expect(Self.delta(before, after, duration + "_sum", labels) > 0)
            #expect(after.types[requests] == "counter" && after.types[duration] == "histogram")
            // Only operationIds, registered routes and `none`: a path's ids never become labels.
            let operations = Set(after.samples.filter { $0.name == requests }.compactMap { $0.labels["operation"] })
            #expect(operations.allSatisfy { $0 == "none" || $0.hasPrefix("/") || OperationID(rawValue: $0) != nil })
        }
    }

    @Test func billedCallsAnd402sCountPerUsageType() async throws {
        let server = try await TestServer.metricsSuite.value
        try await server.application.test(.live) { client in
            let (funded, _) = try await AgentWalletOverHTTPTests.agent(server, client, funded: "25")
            let (pending, _) = try await AgentWalletOverHTTPTests.agent(server, client)
            let fundedKal = try await AgentFixtures.kal(client, funded)
            let pendingKal = try await AgentFixtures.kal(client, pending)
            let before = try await Self.scrape(client)
            let created = try await client.call(
                .post, "/api/agent/schedules", json: AgentFixtures.scheduleBody(kal: fundedKal), bearer: funded.key)
            #expect(created.status == 201, "\(created.json)")
            let refused = try await client.call(
                .post, "/api/agent/schedules", json: AgentFixtures.scheduleBody(kal: pendingKal), bearer: pending.key)
            #expect(refused.status == 402, "\(refused.json)")
            // A body that fails its checks is neither billed nor refused for payment.
            let invalid = try await client.call(
                .post, "/api/agent/schedules",
                json: AgentFixtures.scheduleBody(kal: fundedKal, ["timezone": "Mars/Olympus"]),
                bearer: funded.key)
            #expect(invalid.status == 422, "\(invalid.json)")
            let after = try await Self.scrape(client)

            let usage = "api_schedule_create"
            #expect(Self.delta(before, after, "ceki_billed_calls_total", ["usage_type": usage, "charge": "paid"]) == 1)
            #expect(Self.delta(before, after, "ceki_billed_calls_total", ["usage_type": usage, "charge": "free"]) == 0)
            #expect(Self.delta(before, after, "ceki_payment_required_total", ["usage_type": usage]) == 1)
            #expect(Self.delta(before, after, "ceki_payment_required_total", ["usage_type": "api_search"]) == 0)
            let requests = "ceki_http_requests_total"
            #expect(Self.delta(before, after, requests, ["operation": "createAgentSchedule", "status": "2xx"]) == 1)
            #expect(Self.delta(before, after, requests, ["operation": "createAgentSchedule", "status": "4xx"]) == 2)
            // Every usage type is exported from the start, at zero if unused.
            for type in Types.UsageEntry.Type_.allCases {
                #expect(after.has("ceki_payment_required_total", ["usage_type": type.rawValue]))
            }
        }
    }

    @Test func aBookingRefusedForATakenTimeCountsAsAConflictAndOneOutsideTheHoursDoesNot() async throws {
        let server = try await TestServer.metricsSuite.value
        try await server.application.test(.live) { client in
            let (_, schedule) = try await BookingOverHTTPTests.makeSchedule(server, client)
            let ben = try await server.signIn(client, name: "Ben")
            let before = try await Self.scrape(client)
            let booked = try await client.call(
                .post, "/api/schedules/\(schedule)/book", json: ["start": .string(BookingOverHTTPTests.monday(30))],
                bearer: ben.token)
            #expect(booked.status == 201, "\(booked.json)")
            let taken = try await client.call(
                .post, "/api/schedules/\(schedule)/book", json: ["start": .string(BookingOverHTTPTests.monday(30))],
                bearer: ben.token)
            #expect(taken.status == 422, "\(taken.json)")
            let early = try await client.call(
                .post, "/api/schedules/\(schedule)/book", json: ["start": .string(BookingOverHTTPTests.monday(-60))],
                bearer: ben.token)
            #expect(early.status == 422, "\(early.json)")
            let after = try await Self.scrape(client)

            #expect(Self.delta(before, after, "ceki_booking_conflicts_total") == 1)
            let requests = "ceki_http_requests_total"
            #expect(Self.delta(before, after, requests, ["operation": "bookScheduleSlot", "status": "2xx"]) == 1)
            #expect(Self.delta(before, after, requests, ["operation": "bookScheduleSlot", "status": "4xx"]) == 2)
        }
    }

    @Test func thePoolAndTheOutboxAreReadAtTheScrapeAndFailedDeliveriesCounted() async throws {
        let server = try await TestServer.metricsSuite.value
        try await server.application.test(.live) { client in
            // Whatever earlier tests queued is delivered first, so that the failing pass below takes one mail.
            _ = try await server.mailCount(to: "nobody@example.com")
            let before = try await Self.scrape(client)
            let outbox = MailOutbox(secret: server.configuration.secret)
            try await server.pool.transaction { tx in
                try await outbox.enqueue(
                    OutgoingMail(recipient: TestServer.uniqueEmail("bounce"), subject: "Undeliverable", body: "-"),
                    in: tx)
            }
            let failing = MailDeliveryWorker(
                pool: server.pool, outbox: outbox, transport: RefusingTransport(), metrics: server.metrics.factory)
            #expect(try await failing.deliverDue().failed == 1)
            let after = try await Self.scrape(client)

            #expect(Self.delta(before, after, "ceki_mail_deliveries_total", ["outcome": "failed"]) == 1)
            #expect(Self.delta(before, after, "ceki_mail_deliveries_total", ["outcome": "sent"]) == 0)
            // The failed mail waits for its retry in the outbox.
            #expect(Self.delta(before, after, "ceki_mail_outbox_mails", ["state": "queued"]) == 1)
            #expect(after.has("ceki_mail_outbox_mails", ["state": "parked"]))
            #expect(after.value("ceki_mail_outbox_oldest_queued_seconds") >= 0)
            #expect(after.types["ceki_mail_outbox_mails"] == "gauge")

            // The test server's pool: four statement connections, transactions on them (no set of their own).
            let inUse = after.value("ceki_db_pool_connections", ["pool": "statements", "state": "in_use"])
            let idle = after.value("ceki_db_pool_connections", ["pool": "statements", "state": "idle"])
            #expect(inUse + idle == 4 && idle >= 1, "\(inUse) in use, \(idle) idle")
            #expect(after.has("ceki_db_pool_waiting", ["pool": "statements"]))
            #expect(!after.has("ceki_db_pool_connections", ["pool": "transactions", "state": "idle"]))
            #expect(after.types["ceki_db_pool_connections"] == "gauge")
            #expect(after.types["ceki_db_statement_duration_seconds"] == "histogram")
            #expect(Self.delta(before, after, "ceki_db_statement_duration_seconds_count", ["pool": "statements"]) > 0)
        }
    }

    @Test func metricsTokenGuardsTheScrapeAndEachServerCountsApart() async throws {
        let guarded = try await TestServer(suite: "metrics_token") { $0.metricsToken = "scrape-token" }
        try await guarded.application.test(.live) { client in
            let open = try await client.execute(uri: "/metrics", method: .get, headers: [:], body: nil)
            #expect(open.status == .unauthorized)
            #expect(open.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            let wrong = try await client.execute(
                uri: "/metrics", method: .get, headers: [.authorization: "Bearer scrape-tokem"], body: nil)
            #expect(wrong.status == .unauthorized)
            let scraped = try await Self.scrape(client, token: "scrape-token")
            #expect(scraped.value("ceki_http_requests_total", ["operation": "/metrics", "status": "4xx"]) == 2)
            // This server's registry holds none of the metrics suite's calls.
            #expect(scraped.value("ceki_http_requests_total", ["operation": "registerAgent", "status": "2xx"]) == 0)
        }
    }

    @Test func theExpositionReaderRefusesWhatPrometheusWouldNot() {
        for malformed in [
            "bad-name 1", "x{a=\"1\"} one", "x{a=1} 1", "x{a=\"1\",a=\"2\"} 1", "x 1\nx 1",
            "x 1\n# TYPE x counter",
            "# TYPE x histogram\nx_bucket{le=\"1\"} 2\nx_bucket{le=\"+Inf\"} 1\nx_count 1\nx_sum 0",
        ] {
            #expect(throws: PrometheusExposition.Malformed.self, "\(malformed)") { try PrometheusExposition(malformed) }
        }
        #expect(throws: Never.self) {
            try PrometheusExposition(
                "# HELP x A counter.\n# TYPE x counter\nx{a=\"q\\\"uote\"} 3\n# TYPE h histogram\n"
                    + "h_bucket{le=\"0.5\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1.5\nh_count 2\n")
        }
    }
}

/// An SMTP server that refuses everything.
struct RefusingTransport: MailTransport {
    struct Refused: Error {}
    func send(_ mail: OutgoingMail) async throws { throw Refused() }
}
