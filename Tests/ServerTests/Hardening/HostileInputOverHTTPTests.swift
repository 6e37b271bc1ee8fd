import CekiTestSupport
import Foundation
import Generated
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

extension TestServer {
    static let hostile = Task { try await TestServer(suite: "hostile") }
}

/// Input meant to break the server (issue #17, "Hostile input"): each answer is a 4xx in the service's JSON shape
/// and one the spec documents for the operation, and the process's memory does not grow with what was sent.
@Suite("Hostile input over HTTP", .serialized)
struct HostileInputOverHTTPTests {
    /// Sends `body` as JSON to `uri` and reads the answer, which must be one the spec documents.
    static func send(
        _ client: some TestClientProtocol, _ uri: String, method: HTTPRequest.Method = .post, bytes body: [UInt8],
        bearer: String? = nil
    ) async throws -> JSONResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        let response = try await client.execute(
            uri: uri, method: method, headers: headers, body: ByteBuffer(bytes: body), testCallback: JSONResponse.init)
        try response.requireContract(method: method, uri: uri)
        return response
    }

    static func residentBytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }

    @Test func aTenMegabyteJSONBodyIs413() async throws {
        let server = try await TestServer.hostile.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            var body = Array(#"{"label": ""#.utf8)
            body += [UInt8](repeating: 0x61, count: 10 * 1024 * 1024)
            body += Array(#"", "private": false}"#.utf8)
            let answer = try await Self.send(client, "/api/kals", bytes: body, bearer: anna.token)
            #expect(answer.status == 413, "\(answer.text.prefix(300))")
            #expect(answer["message"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func malformedJSONOfEveryKindIsA4xxNamingWhatIsWrong() async throws {
        let server = try await TestServer.hostile.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let cases: [(name: String, body: [UInt8], status: Int)] = [
                ("invalid UTF-8", Array(#"{"label": ""#.utf8) + [0xC3, 0x28] + Array(#"", "private": false}"#.utf8), 400),
                ("nested 10,000 deep", Array((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).utf8), 400),
                ("a 1 MB label", Array((#"{"label": ""# + String(repeating: "x", count: 1_048_576) + #"", "private": false}"#).utf8), 422),
                ("1e999999", Array(#"{"label": "Work", "private": false, "files": [1e999999]}"#.utf8), 422),
                ("-0 as an id", Array(#"{"label": "Work", "private": false, "files": [-0]}"#.utf8), 422),
                ("duplicate keys", Array(#"{"label": "Work", "label": "Play", "private": false}"#.utf8), 400),
                ("a NUL in a string", Array(#"{"label": "Wo\u0000rk", "private": false}"#.utf8), 422),
                ("truncated", Array(#"{"label": "Wo"#.utf8), 400),
                ("not an object", Array("42".utf8), 422),
            ]
            let before = Self.residentBytes()
            for item in cases {
                let answer = try await Self.send(client, "/api/kals", bytes: item.body, bearer: anna.token)
                #expect(answer.status == item.status, "\(item.name): \(answer.status) \(answer.text.prefix(300))")
                #expect(answer["message"]?.stringValue?.isEmpty == false, "\(item.name): \(answer.text.prefix(200))")
                if item.status == 422 { #expect(answer["errors"]?.objectValue?.isEmpty == false, "\(item.name)") }
            }
            #expect(Self.residentBytes() - before < 64 * 1024 * 1024, "memory grew with the bodies")
            let kals = try await server.pool.query("SELECT count(*)::int AS n FROM kals WHERE user_id = \(anna.id)")
            #expect(try kals[0].decode(Int.self, "n") == 1, "only the default kal: nothing hostile was stored")
        }
    }

    @Test func aNULOrBrokenEscapeInThePathOrQueryIsA4xx() async throws {
        let server = try await TestServer.hostile.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            for uri in ["/api/kals/1%00", "/api/kals?page=1%00", "/api/kals/%FF", "/api/kals?page=%zz", "/api/kals/99999999999999999999999"] {
                let answer = try await client.call(.get, uri, bearer: anna.token)
                #expect((400..<500).contains(answer.status), "\(uri): \(answer.status) \(answer.text.prefix(200))")
                #expect(answer["message"]?.stringValue?.isEmpty == false, "\(uri)")
            }
        }
    }
}
