import Foundation
import Testing

@testable import SpecGen

/// The hand-written command line: subcommand dispatch, arguments, exit statuses, printed diagnostics.
@Suite("specgen command")
struct CommandTests: CommandLineTesting {
    @Test func lintOfAValidSpecExitsZeroAndCounts() throws {
        let path = try temporaryFile(
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get: {operationId: a, responses: {'200': {description: ok}}}\n"
        )
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = run(["lint", path])
        #expect(result.status == 0)
        #expect(result.output == "\(path): 0 errors, 0 warnings\n")
    }

    @Test func lintOfABrokenSpecExitsOneWithLocatedErrors() throws {
        let path = try temporaryFile(
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /api/login:\n    post:\n      operationId: login\n      parameters: [{name: f, in: query, schema: {type: string}, content: {text/plain: {}}}]\n      responses: {'200': {description: ok}}\n"
        )
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = run(["lint", path])
        #expect(result.status == 1)
        #expect(
            result.output.contains(
                "\(path):7:41: error: 'schema' and 'content' are mutually exclusive; keep 'schema' for a plain value, or 'content' for a value in a media type such as JSON [#/paths/~1api~1login/post/parameters/0/schema]"
            ))
        #expect(result.output.hasSuffix("1 error, 0 warnings\n"))
    }

    @Test func quietPrintsErrorsOnly() throws {
        let path = try temporaryFile(
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get: {sumary: x, responses: {'200': {description: ok}}}\n"
        )
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loud = run(["lint", path])
        let quiet = run(["lint", "--quiet", path])
        #expect(loud.output.contains("warning:"))
        #expect(!quiet.output.contains("warning:"))
        #expect(quiet.output.contains("error:"))
        #expect(quiet.status == 1)
    }

    @Test func missingFileIsAUsageErrorOnStandardError() {
        let result = run(["lint", "/nonexistent/spec.yaml"])
        #expect(result.status == 2)
        #expect(result.errors.contains("cannot read '/nonexistent/spec.yaml'"))
    }

    @Test func badCommandLinesExitTwoWithUsage() {
        #expect(run([]).status == 2)
        let unknown = run(["generate-all"])
        #expect(unknown.status == 2)
        #expect(unknown.errors.contains("unknown subcommand 'generate-all'"))
        let missing = run(["lint"])
        #expect(missing.status == 2)
        #expect(missing.errors.contains("missing SPEC"))
        let extra = run(["lint", "a.yaml", "b.yaml"])
        #expect(extra.status == 2)
        #expect(extra.errors.contains("unexpected argument 'b.yaml'"))
    }

    @Test func helpListsSubcommands() {
        let help = run(["--help"])
        #expect(help.status == 0)
        #expect(help.output.contains("specgen lint SPEC"))
        #expect(run(["lint", "--help"]).output.contains("specgen lint SPEC"))
    }

    @Test func argumentListTakesOptionsInEitherFormAndOperandsAnywhere() throws {
        var arguments = ArgumentList(["--output", "out", "spec.yaml", "--force", "--mode=fast", "--", "-odd"])
        let output = try arguments.option("--output")
        let mode = try arguments.option("--mode")
        let force = arguments.flag("--force")
        let forceAgain = arguments.flag("--force")
        let spec = try arguments.operand("SPEC")
        let other = try arguments.operand("OTHER")
        #expect(output == "out" && mode == "fast" && force && !forceAgain)
        #expect(spec == "spec.yaml" && other == "-odd")
        try arguments.finish()
        var dangling = ArgumentList(["--output"])
        do {
            _ = try dangling.option("--output")
            Issue.record("a dangling option was accepted")
        } catch {
            #expect(error == .missingValue(option: "--output"))
        }
    }

    @Test func diagnosticFormatIsEditorFriendly() {
        let diagnostic = Diagnostic(
            .error, "bad", path: SpecPath.root / "paths" / "/a", mark: YAMLMark(line: 3, column: 5), hint: "fix it")
        #expect(
            diagnostic.formatted(file: "spec/openapi.yaml") == "spec/openapi.yaml:3:5: error: bad; fix it [#/paths/~1a]"
        )
        #expect(Diagnostic(.warning, "whole file").formatted(file: "x.yaml") == "x.yaml: warning: whole file")
    }

    @Test func projectSpecLintsWithoutErrors() throws {
        let spec = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("spec/openapi.yaml").path
        try #require(FileManager.default.fileExists(atPath: spec))
        let result = run(["lint", "--quiet", spec])
        #expect(result.status == 0, "\(result.output)")
    }

    /// The model of the project's spec has exactly the route table's operations (method, path, operationId),
    /// which shows the reader neither drops nor invents operations on a real document.
    @Test func projectSpecModelMatchesTheRouteTable() throws {
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let table = root.deletingLastPathComponent().appendingPathComponent("shared/api/routes.tsv")
        guard let rows = try? String(contentsOf: table, encoding: .utf8) else { return }  // shared/ not beside the repo
        let expected = Set(
            rows.split(separator: "\n").dropFirst().map { line -> String in
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                return "\(fields[2]) \(fields[3]) \(fields[1])"
            })
        let spec = try Data(contentsOf: root.appendingPathComponent("spec/openapi.yaml"))
        let result = OpenAPIReader.read(bytes: Array(spec))
        let document = try #require(result.document)
        #expect(!expected.isEmpty)
        let found = Set(document.operations.map { "\($0.method.wireName) \($0.path) \($0.operationID ?? "-")" })
        #expect(
            found == expected,
            "missing: \(expected.subtracting(found).sorted()); extra: \(found.subtracting(expected).sorted())")
    }
}
