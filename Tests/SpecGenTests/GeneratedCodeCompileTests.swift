import Foundation
import Testing

@testable import SpecGen

/// Generated code must compile for any legal spec and behave as the spec says. These tests write generated
/// sources next to the `Generated` runtime in a temporary folder and run the toolchain's `swiftc` on them:
/// `hostile-names.yaml` (keywords, quotes, backslashes, newlines, names differing only in case or punctuation,
/// self-reference) must type-check, client included; `kals.yaml` is compiled with a small program that checks the
/// router (static segments before parameters, 405 with the allowed methods, 404) and the typed round trip of a
/// body, and `kals.yaml` and `media-types.yaml` with programs that call the generated client against the generated
/// handler in process.
/// Each takes a few seconds, so they run one at a time.
@Suite("Generated code compiles and runs", .serialized)
struct GeneratedCodeCompileTests {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let sourcesFolder = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// The runtime's sources (the `SpecGenRuntime` library), with the files of the modules the runtime calls
    /// (`CivilCalendar`, `ECMARegexTranslation`): they compile as part of the same module as the generated files,
    /// so every `#if canImport(…)` of the runtime and of the generated code finds nothing to import and one
    /// `swiftc` call is enough.
    static func runtimeSources() throws -> [String] {
        try swiftFiles(in: sourcesFolder.appendingPathComponent("SpecGenRuntime"))
            + swiftFiles(in: sourcesFolder.appendingPathComponent("CivilCalendar"))
            + swiftFiles(in: sourcesFolder.appendingPathComponent("ECMARegexTranslation"))
    }

    /// The `.swift` files directly in `folder`, sorted.
    static func swiftFiles(in folder: URL) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        return names.sorted().map { folder.appendingPathComponent($0).path }
    }

    /// Generates `spec` into a fresh temporary folder and returns the file paths.
    static func generate(_ spec: String, into folder: URL) throws -> [String] {
        let data = try Data(
            contentsOf: testsFolder.appendingPathComponent("Corpus").appendingPathComponent("reference")
                .appendingPathComponent(spec))
        let result = GeneratorPipeline.generate(bytes: Array(data))
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.errors)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try result.files.map { file in
            let url = folder.appendingPathComponent(file.name)
            try file.text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
    }

    /// Generates a spec given as text into a fresh temporary folder and returns the file paths.
    static func generate(yaml: String, into folder: URL) throws -> [String] {
        let result = GeneratorPipeline.generate(bytes: Array(yaml.utf8))
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.errors)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try result.files.map { file in
            let url = folder.appendingPathComponent(file.name)
            try file.text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
    }

    /// Runs a program, returning its exit status and combined output. The wait happens on a thread of its own:
    /// a compile blocks for a minute, and blocking one of the cooperative pool's threads (two on this machine)
    /// would stall every other suite running beside it until their HTTP clients time out.
    static func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: executable)
                    process.arguments = arguments
                    let pipe = Pipe()
                    process.standardOutput = pipe
                    process.standardError = pipe
                    try process.run()
                    let output = pipe.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(returning: (process.terminationStatus, String(decoding: output, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// The toolchain's `swiftc`: beside the running toolchain, or on the PATH.
    static func swiftc() -> String {
        for candidate in ["/opt/swift/usr/bin/swiftc", "/usr/bin/swiftc"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return "/usr/bin/env"
    }

    static func swiftcArguments(_ arguments: [String]) -> [String] {
        swiftc() == "/usr/bin/env" ? ["swiftc"] + arguments : arguments
    }

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("specgen-\(UUID().uuidString)")
    }

    @Test func hostileNamesGenerateSwiftThatTypeChecks() async throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = try Self.generate("hostile-names.yaml", into: folder)
        let result = try await Self.run(
            Self.swiftc(),
            Self.swiftcArguments(
                ["-typecheck", "-swift-version", "6", "-module-name", "Generated"] + Self.runtimeSources() + generated))
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func generatedRouterAndTypesBehaveAsTheSpecSays() async throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = try Self.generate("kals.yaml", into: folder)
        let main = folder.appendingPathComponent("main.swift")
        try Self.routerProgram.write(to: main, atomically: true, encoding: .utf8)
        let binary = folder.appendingPathComponent("check").path
        let compile = try await Self.run(
            Self.swiftc(),
            Self.swiftcArguments(
                ["-Onone", "-swift-version", "6", "-module-name", "Check", "-o", binary] + Self.runtimeSources()
                    + generated + [main.path]))
        try #require(compile.status == 0, "\(compile.output)")
        let run = try await Self.run(binary, [])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("all checks passed"), "\(run.output)")
    }

    /// Compiles `spec`'s generated code (a reference spec's file name, or with `yaml`, the spec itself) with
    /// `program` as `main.swift`, runs it and expects "all checks passed".
    static func compileAndRun(_ spec: String? = nil, yaml: String? = nil, program: String) async throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = try yaml.map { try Self.generate(yaml: $0, into: folder) } ?? Self.generate(spec!, into: folder)
        let main = folder.appendingPathComponent("main.swift")
        try program.write(to: main, atomically: true, encoding: .utf8)
        let binary = folder.appendingPathComponent("check").path
        let compile = try await Self.run(
            Self.swiftc(),
            Self.swiftcArguments(
                ["-Onone", "-swift-version", "6", "-module-name", "Check", "-o", binary] + Self.runtimeSources()
                    + generated + [main.path]))
        try #require(compile.status == 0, "\(compile.output)")
        let run = try await Self.run(binary, [])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("all checks passed"), "\(run.output)")
    }

    @Test func oneOfAndAnyOfBecomeEnumsThatDecodeTheAlternativeThatMatched() async throws {
        try await Self.compileAndRun("alternatives.yaml", program: Self.alternativesProgram)
    }

    @Test func everyMediaTypeParameterAndCookieDecodesThroughTheGeneratedRules() async throws {
        try await Self.compileAndRun("media-types.yaml", program: Self.mediaTypesProgram)
    }

    @Test func theGeneratedClientTalksToTheGeneratedServerInProcess() async throws {
        try await Self.compileAndRun("kals.yaml", program: Self.kalsClientProgram)
    }

    @Test func theGeneratedClientSendsEveryMediaTypeAsItsCaseSays() async throws {
        try await Self.compileAndRun("media-types.yaml", program: Self.mediaTypesClientProgram)
    }

    /// Checks on the `oneOf`/`anyOf` types of `alternatives.yaml`.
    static let alternativesProgram = #"""
        import Foundation

        var failures = 0
        @MainActor func check(_ condition: Bool, _ what: String) {
            if !condition {
                print("FAILED: \(what)")
                failures += 1
            }
        }

        // A wallet that also has a `number`: the Card struct could read it, but only Wallet's rules accept it.
        let body = #"{"payment": {"kind": "wallet", "address": "0x12345678ab", "number": "1"}, "customer": 42, "note": null, "target": [{"kind": "wallet", "address": "0xabcdefabcd"}], "discount": {"amount": "5.00"}, "contact": "a@example.com"}"#
        let request = try Operations.CreateOrder.rules.decode(ParameterSources(), body: Array(body.utf8))
        let order = try Operations.CreateOrder.Input(request: request, principal: nil).body
        if case .wallet(let wallet) = order.payment {
            check(wallet.address == "0x12345678ab", "wallet read")
        } else {
            check(false, "payment is the wallet alternative")
        }
        check(order.customer == .integer(42), "anyOf integer")
        check(order.note == nil, "oneOf [string, null] is String?")
        let note: String? = order.note
        _ = note
        check(order.target == .walletList([Types.Wallet(kind: "wallet", address: "0xabcdefabcd")]), "inline array alternative")
        if case .amount(let amount)? = order.discount {
            check(amount.amount == "5.00", "titled inline alternative")
        } else {
            check(false, "discount is the amount alternative")
        }
        check(order.contact == "a@example.com", "indistinguishable alternatives stay JSONValue")
        check(try Types.Order(json: order.json) == order, "round trip")

        let card = try Types.Payment(json: ["kind": "card", "number": "4111111111111111"])
        check(card == .card(Types.Card(kind: "card", number: "4111111111111111")), "card read")
        check(card.json == ["kind": "card", "number": "4111111111111111"], "card written as itself")
        check(try Types.IdOrName(json: "anna") == .string("anna"), "anyOf string")
        var refused = false
        do { _ = try Types.IdOrName(json: true) } catch { refused = true }
        check(refused, "no alternative fits: a decoding error, not a guess")

        let conflict = Operations.CreateOrder.Output.conflict(.string("taken"))
        check(conflict.body == "taken" && conflict.status == 409, "union in a response")

        if failures == 0 { print("all checks passed") }
        exit(failures == 0 ? 0 : 1)
        """#

    /// Checks written against the generated API; prints each failure and exits 1 if any.
    static let routerProgram = #"""
        import Foundation

        var failures = 0
        @MainActor func check(_ condition: Bool, _ what: String) {
            if !condition {
                print("FAILED: \(what)")
                failures += 1
            }
        }

        check(APIRouter.route(method: "GET", path: "/api/kals/default") == .found(.getDefaultKal, [:]), "static segment wins")
        check(APIRouter.route(method: "GET", path: "/api/kals/7") == .found(.getKal, ["kal": "7"]), "parameter bound")
        check(APIRouter.route(method: "DELETE", path: "/api/kals/7") == .found(.deleteKal, ["kal": "7"]), "second method")
        check(APIRouter.route(method: "PATCH", path: "/api/kals/7") == .methodNotAllowed(["DELETE", "GET"]), "405 lists methods")
        check(APIRouter.route(method: "DELETE", path: "/api/kals/default") == .methodNotAllowed(["GET"]), "the concrete path wins for every method, as OpenAPI matches paths")
        check(APIRouter.route(method: "POST", path: "/api/kals/default") == .methodNotAllowed(["GET"]), "405 from the static path")
        check(APIRouter.route(method: "HEAD", path: "/api/kals/7") == .found(.getKal, ["kal": "7"]), "HEAD answers as GET")
        check(APIRouter.route(method: "GET", path: "/api/kals/a%40b%2") == .found(.getKal, ["kal": "a@b%2"]), "percent-decoded")
        check(APIRouter.route(method: "POST", path: "/api/kals") == .found(.createKal, [:]), "collection POST")
        check(APIRouter.route(method: "GET", path: "/api/nothing") == .notFound, "unknown path")
        check(APIRouter.route(method: "GET", path: "/api/kals/7/extra") == .notFound, "too long")
        check(Operations.all.count == 6, "table has every operation")
        check(Operations.GetDefaultKal.descriptor.security == .none, "security: [] is none")
        check(Operations.ListKals.descriptor.security == .required(["userToken"]), "document security inherited")
        check(Operations.DeleteKal.descriptor.billing == "api_kal_delete", "x-billing")
        check(OperationID.getKal.descriptor.path == "/api/kals/{kal}", "descriptor by operation")

        struct Stub: APIHandler {}
        let stubResponse = try? await Stub().handle(
            .createKal, sources: ParameterSources(), body: Array(#"{"name": "Work", "slug": "work"}"#.utf8),
            principal: nil)
        var invalid: RequestRejection?
        do {
            _ = try await Stub().handle(
                .createKal, sources: ParameterSources(), body: Array(#"{"name": "", "slug": "No Spaces"}"#.utf8),
                principal: nil)
        } catch let rejection as RequestRejection {
            invalid = rejection
        } catch {}
        check(stubResponse == OperationResponse(status: 501, body: ["message": "Not implemented"]), "501 stub")
        check(invalid?.status == 422, "invalid body is a 422")
        let form = Array(
            ("--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\nPNG\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"gallery[]\"; filename=\"b.png\"\r\n\r\nB\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"rank\"\r\n\r\n2\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"crop\"\r\n\r\n{\"x\": 1, \"y\": 2}\r\n--b--\r\n").utf8)
        let formSources = ParameterSources(path: ["kal": "3"], headers: ["Content-Type": "multipart/form-data; boundary=b"])
        let upload = try Operations.UploadKalImage.Input(
            request: Operations.UploadKalImage.rules.decode(formSources, body: form), principal: nil)
        check(upload.kal == 3 && upload.body.image == "a.png" && upload.body.rank == 2, "form text parts typed")
        check(upload.body.caption == nil && upload.body.crop?.y == 2, "empty part is null, JSON part decoded")
        check(upload.files.first("image")?.bytes == Array("PNG".utf8), "file bytes kept")
        check(upload.files["gallery"].map(\.filename) == ["b.png"], "repeated file parts")
        var formInvalid: RequestRejection?
        do {
            _ = try await Stub().handle(
                .uploadKalImage, sources: formSources,
                body: Array("--b\r\nContent-Disposition: form-data; name=\"rank\"\r\n\r\nzero\r\n--b--\r\n".utf8), principal: nil)
        } catch let rejection as RequestRejection {
            formInvalid = rejection
        } catch {}
        check(formInvalid?.responseBody["errors"]?["image"] != nil && formInvalid?.responseBody["errors"]?["rank"] != nil, "form 422 names every field")
        var notForm: RequestRejection?
        do {
            _ = try await Stub().handle(
                .uploadKalImage, sources: ParameterSources(path: ["kal": "3"], headers: ["content-type": "application/json"]),
                body: Array("{}".utf8), principal: nil)
        } catch let rejection as RequestRejection {
            notForm = rejection
        } catch {}
        check(notForm?.status == 415, "JSON to a form operation is 415")
        check(invalid?.responseBody["errors"]?["slug"] != nil, "422 names the slug")

        let request = try Operations.CreateKal.rules.decode(
            ParameterSources(), body: Array(#"{"name": "Work", "slug": "work", "visibility": "team-only", "price": null}"#.utf8))
        let input = try Operations.CreateKal.Input(request: request, principal: Principal(scheme: "userToken", id: 1))
        check(input.body.visibility == .teamOnly, "enum decoded")
        check(input.body.price == nil, "null decoded as nil")
        check(try Types.KalInput(json: input.body.json) == input.body, "round trip")

        let list = try Operations.ListKals.rules.decode(
            ParameterSources(query: "tags[]=a&tags[]=b&dates[from]=2024-01-01&page=2"))
        let listInput = try Operations.ListKals.Input(request: list, principal: nil)
        check(listInput.tags == ["a", "b"], "tags[] array")
        check(listInput.dates?.from == "2024-01-01", "deepObject")
        check(listInput.page == 2, "integer query")

        let page = try Types.KalPage(
            json: ["current_page": 1, "total": 1, "data": [["id": 1, "name": "Work", "visibility": "public", "created_at": "2024-05-01T12:30:00Z", "note": nil]]])
        check(page.data.first?.visibility == .public_, "allOf page has typed items")
        check(page.data.first?.note == nil && page.currentPage == 1, "allOf merges the paginator's fields")

        let listed = Operations.ListKals.Output.ok([], xTotalCount: 12, link: nil)
        check(listed.headers == [ResponseHeader(name: "X-Total-Count", value: "12")], "required header, absent optional left out")
        let slowDown = Operations.CreateKal.Output.tooManyRequests(Types.Error(message: "Too Many Attempts."), retryAfter: 30)
        check(slowDown.headers == [ResponseHeader(name: "Retry-After", value: "30")] && slowDown.status == 429, "Retry-After")
        check(Operations.CreateKal.Output.tooManyRequests(Types.Error(message: "x")).headers.isEmpty, "optional header defaults to none")
        check(Operations.CreateKal.Output.created(page.data[0]).headers.isEmpty, "cases without headers answer none")

        struct Limited: APIHandler {
            func createKal(_ input: Operations.CreateKal.Input) async throws -> Operations.CreateKal.Output {
                .tooManyRequests(Types.Error(message: "Too Many Attempts."), retryAfter: 5)
            }
        }
        let limited = try await Limited().handle(
            .createKal, sources: ParameterSources(), body: Array(#"{"name": "Work", "slug": "work"}"#.utf8), principal: nil)
        check(limited.headers == [ResponseHeader(name: "Retry-After", value: "5")], "handle passes the headers on")

        if failures == 0 { print("all checks passed") }
        exit(failures == 0 ? 0 : 1)
        """#
}
