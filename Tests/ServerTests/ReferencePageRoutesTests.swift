import CekiTestSupport
import Foundation
import Generated
import HTTPTypes
import Handlers
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import CekiServer

/// `GET /docs` (the reference page SpecGen renders from the spec) and `GET /openapi.json`, over HTTP and in a
/// real browser.
@Suite("Reference page and JSON spec over HTTP")
struct ReferencePageRoutesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func application() -> some ApplicationProtocol {
        buildApplication(
            configuration: SystemRoutesTests().configuration(), pool: SystemRoutesTests.pool,
            logger: Logger(label: "test"))
    }

    /// The spec's operations as the generated table has them: `POST /api/agent/register registerAgent`.
    static var tableOperations: Set<String> {
        Set(Operations.all.map { "\($0.method) \($0.path) \($0.id.rawValue)" })
    }

    @Test func theReferencePageHasAnAnchorForEveryOperation() async throws {
        try await application().test(.live) { client in
            try await client.execute(uri: "/docs", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true)
                let html = String(buffer: response.body)
                #expect(html.hasPrefix("<!DOCTYPE html>"))
                for operation in Operations.all {
                    let id = operation.id.rawValue
                    #expect(html.contains(#"<section id="\#(id)" class="op""#), "no anchor for \(id)")
                    #expect(html.contains(##"<a href="#\##(id)">"##), "\(id) is not in the navigation")
                }
            }
        }
    }

    @Test func openAPIJSONIsTheSpecWithTheSameOperationsAsTheYAML() async throws {
        try await application().test(.live) { client in
            let json = try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                return Data(String(buffer: response.body).utf8)
            }
            let yaml = try await client.execute(uri: "/openapi.yaml", method: .get) { String(buffer: $0.body) }
            let document = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var operations: Set<String> = []
            for (path, item) in paths {
                for method in ["get", "put", "post", "delete", "options", "head", "patch", "trace"] {
                    guard let operation = item[method] as? [String: Any] else { continue }
                    operations.insert("\(method.uppercased()) \(path) \(operation["operationId"] as? String ?? "?")")
                }
            }
            #expect(operations == Self.tableOperations)
            // The served YAML names the same operationIds, as many times: an operation's `operationId` is indented
            // six spaces (paths → path → method), deeper ones are response links naming an operation.
            let yamlIDs = yaml.matches(of: /\n {6}operationId: *'?"?([A-Za-z0-9_]+)/).map { String($0.1) }
            #expect(yamlIDs.count == operations.count)
            #expect(Set(yamlIDs) == Set(Operations.all.map(\.id.rawValue)))
        }
    }

    @Test func theReferencePageRendersInChromiumWithEveryOperationAndNoConsoleError() async throws {
        let browser = try HeadlessChromium()
        try await application().test(.live) { client in
            let port = try #require(client.port)
            let url = "http://127.0.0.1:\(port)/docs"
            let rendering = try await browser.render(url)
            #expect(rendering.consoleMessages.isEmpty, "console: \(rendering.consoleMessages.joined(separator: "\n"))")
            #expect(rendering.dom.contains("</main>"), "the page did not render: \(rendering.dom.prefix(500))")
            for operation in Operations.all {
                #expect(
                    rendering.dom.contains(#"id="\#(operation.id.rawValue)""#), "\(operation.id.rawValue) is missing")
            }
            // The script ran: it shows the search box the page ships hidden (readable without it).
            let search = try #require(rendering.dom.firstMatch(of: /<input[^>]*id="search"[^>]*>/)).0
            #expect(!search.contains("hidden"), "\(search)")
            let screenshot = Self.root.appendingPathComponent(".build/docs-page.png").path
            try await browser.screenshot(url, to: screenshot, width: 1280, height: 2000)
            let png = try #require(FileManager.default.contents(atPath: screenshot))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG at \(screenshot)")
        }
    }
}
