import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@testable import SpecGen

/// `specgen scaffold` as a new user runs it: a corpus spec becomes a package in a temporary folder, built against
/// this working copy, started, and asked over HTTP. Its answers are the generated layer's: 401 without the bearer
/// token the spec asks for, 422 naming every field of a bad body, 501 for a valid call to an unbuilt operation, 405
/// and 404. The build reuses `.build/scaffold-test` between local runs (a clean clone builds it once: a few minutes).
@Suite("Scaffolded packages build and serve", .serialized)
struct ScaffoldTests {
    static let packageRoot = GeneratedCodeCompileTests.sourcesFolder.deletingLastPathComponent()

    static func scaffold(_ spec: String, into folder: URL) -> (status: Int32, output: String) {
        var output = ""
        var errors = ""
        let status = SpecGenCommand.run(
            ["scaffold", spec, folder.path, "--specgen-path", packageRoot.path, "--name", "KalsServer"],
            output: &output, errors: &errors)
        return (status, output + errors)
    }

    @Test func theScaffoldHasThePluginAppliedAndNeverOverwrites() throws {
        let folder = GeneratedCodeCompileTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = GeneratedCodeCompileTests.testsFolder.appendingPathComponent("Corpus/reference/kals.yaml").path
        #expect(Self.scaffold(spec, into: folder).status == 0)
        let manifest = try String(contentsOf: folder.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(manifest.contains(#".plugin(name: "SpecGenPlugin", package: "\#(Self.packageRoot.lastPathComponent.lowercased())")"#))
        #expect(manifest.contains(#".package(path: "\#(Self.packageRoot.path)")"#))
        let copied = try String(contentsOf: folder.appendingPathComponent("Sources/API/openapi.yaml"), encoding: .utf8)
        #expect(copied == (try String(contentsOfFile: spec, encoding: .utf8)))
        let schemes = try String(contentsOf: folder.appendingPathComponent("Sources/Server/SecuritySchemes.swift"), encoding: .utf8)
        #expect(schemes.contains(#""userToken": .authorization(scheme: "Bearer"),"#))
        let again = Self.scaffold(spec, into: folder)
        #expect(again.status == 2 && again.output.contains("exists"), "\(again.output)")
        let broken = Self.scaffold(
            GeneratedCodeCompileTests.testsFolder.appendingPathComponent("Corpus/negative/missing-ref.yaml").path,
            into: GeneratedCodeCompileTests.temporaryFolder())
        #expect(broken.status == 1, "an invalid spec writes nothing: \(broken.output)")
    }

    struct Answer {
        let status: Int
        let body: String
    }

    static func request(_ method: String, _ url: String, json: String? = nil, bearer: String? = nil) async throws
        -> Answer
    {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return Answer(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: String(decoding: data, as: UTF8.self))
    }

    @Test(.timeLimit(.minutes(20)))
    func aScaffoldedKalsSpecBuildsAndAnswersAsItsSpecSays() async throws {
        let folder = GeneratedCodeCompileTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = GeneratedCodeCompileTests.testsFolder.appendingPathComponent("Corpus/reference/kals.yaml").path
        #expect(Self.scaffold(spec, into: folder).status == 0)
        let swift = GeneratedCodeCompileTests.swiftc().replacingOccurrences(of: "swiftc", with: "swift")
        let scratch = Self.packageRoot.appendingPathComponent(".build/scaffold-test").path
        let buildArguments = ["build", "--package-path", folder.path, "--scratch-path", scratch, "--product", "Server"]
        let built = try await GeneratedCodeCompileTests.run(
            swift, swift == "/usr/bin/env" ? ["swift"] + buildArguments : buildArguments)
        try #require(built.status == 0, "\(built.output.suffix(4000))")

        let port = Int.random(in: 20_000..<40_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: scratch + "/debug/Server")
        server.environment = ["PORT": String(port), "HOST": "127.0.0.1"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate() }
        let base = "http://127.0.0.1:\(port)"
        var up = false
        for _ in 0..<100 where !up {
            up = (try? await Self.request("GET", base + "/api/kals/default")) != nil
            if !up { try await Task.sleep(for: .milliseconds(100)) }
        }
        try #require(up, "the scaffolded server did not start")

        let anonymous = try await Self.request("POST", base + "/api/kals", json: #"{"name": "Work", "slug": "work"}"#)
        #expect(anonymous.status == 401, "\(anonymous.body)")
        let invalid = try await Self.request("POST", base + "/api/kals", json: #"{"name": 7}"#, bearer: "t")
        #expect(invalid.status == 422, "\(invalid.body)")
        #expect(invalid.body.contains(#""name":"#) && invalid.body.contains(#""slug":"#), "every field named: \(invalid.body)")
        let valid = try await Self.request("POST", base + "/api/kals", json: #"{"name": "Work", "slug": "work"}"#, bearer: "t")
        #expect(valid.status == 501 && valid.body.contains("Not implemented"), "\(valid.body)")
        let open = try await Self.request("GET", base + "/api/kals/default")
        #expect(open.status == 501, "security: [] needs no credential: \(open.body)")
        #expect(try await Self.request("PATCH", base + "/api/kals").status == 405)
        #expect(try await Self.request("GET", base + "/nothing/here").status == 404)
        let malformed = try await Self.request("POST", base + "/api/kals", json: "{", bearer: "t")
        #expect(malformed.status == 400, "\(malformed.body)")
    }
}
