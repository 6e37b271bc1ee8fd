import Foundation
import Testing

@testable import SpecGen

/// `specgen diff OLD NEW` on the command line: exit statuses, printed lines, unreadable specs.
@Suite("specgen diff command")
struct DiffCommandTests: CommandLineTesting {
    static let projectSpec = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("spec/openapi.yaml").path

    @Test func theProjectSpecAgainstItselfReportsNothing() throws {
        try #require(FileManager.default.fileExists(atPath: Self.projectSpec))
        let result = run(["diff", Self.projectSpec, Self.projectSpec])
        #expect(result.status == 0)
        #expect(
            result.output
                == "\(Self.projectSpec) → \(Self.projectSpec): 0 breaking changes, 0 compatible changes\n")
        #expect(result.errors.isEmpty)
    }

    @Test func aBreakingChangeExitsOne() throws {
        let old = try temporaryFile(
            DiffFixture.operation(parameters: "[{name: n, in: query, schema: {type: integer, maximum: 100}}]"))
        let new = try temporaryFile(
            DiffFixture.operation(parameters: "[{name: n, in: query, schema: {type: integer, maximum: 50}}]"))
        defer {
            try? FileManager.default.removeItem(atPath: old)
            try? FileManager.default.removeItem(atPath: new)
        }
        let result = run(["diff", old, new])
        #expect(result.status == 1)
        #expect(
            result.output
                == "breaking  createThing  query.n: maximum lowered from 100 to 50\n\(old) → \(new): 1 breaking change, 0 compatible changes\n"
        )
    }

    @Test func cookiesContentParametersAndTextBodiesAreCompared() throws {
        let spec = { (cookie: Int, text: Int) in
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    post:\n      operationId: a\n"
                + "      parameters:\n        - {name: s, in: cookie, schema: {type: string, minLength: \(cookie)}}\n"
                + "        - {name: f, in: query, content: {application/json: {schema: {type: object}}}}\n"
                + "      requestBody: {content: {text/plain: {schema: {type: string, maxLength: \(text)}}, image/*: {}}}\n"
                + "      responses: {'200': {description: ok}}\n"
        }
        let old = try temporaryFile(spec(1, 20))
        let new = try temporaryFile(spec(2, 10))
        defer {
            try? FileManager.default.removeItem(atPath: old)
            try? FileManager.default.removeItem(atPath: new)
        }
        let result = run(["diff", old, new])
        #expect(result.status == 1, "\(result.errors)")
        #expect(
            result.output
                == "breaking  a  body(text/plain): maxLength lowered from 20 to 10\nbreaking  a  cookie.s: minLength raised from 1 to 2\n\(old) → \(new): 2 breaking changes, 0 compatible changes\n"
        )
    }

    @Test func onlyCompatibleChangesExitZeroButArePrinted() throws {
        let old = try temporaryFile(
            DiffFixture.operation(parameters: "[{name: n, in: query, schema: {type: integer, maximum: 50}}]"))
        let new = try temporaryFile(
            DiffFixture.operation(parameters: "[{name: n, in: query, schema: {type: integer, maximum: 100}}]"))
        defer {
            try? FileManager.default.removeItem(atPath: old)
            try? FileManager.default.removeItem(atPath: new)
        }
        let result = run(["diff", old, new])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("compatible  createThing  query.n: maximum raised from 50 to 100\n"))
        let quiet = run(["diff", "--breaking", old, new])
        #expect(quiet.status == 0)
        #expect(quiet.output == "\(old) → \(new): 0 breaking changes, 1 compatible change\n")
    }

    @Test func aSpecThatDoesNotReadExitsTwoWithLocatedErrors() throws {
        let good = try temporaryFile(DiffFixture.operation())
        let bad = try temporaryFile(
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get: {operationId: a, responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Missing'}}}}}}\n"
        )
        defer {
            try? FileManager.default.removeItem(atPath: good)
            try? FileManager.default.removeItem(atPath: bad)
        }
        let result = run(["diff", good, bad])
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(result.errors.contains("\(bad):5:"), "\(result.errors)")
        #expect(result.errors.contains("error:"))
    }

    @Test func aMissingFileOrOperandExitsTwo() throws {
        let good = try temporaryFile(DiffFixture.operation())
        defer { try? FileManager.default.removeItem(atPath: good) }
        let missing = run(["diff", good, "/nonexistent/spec.yaml"])
        #expect(missing.status == 2)
        #expect(missing.errors.contains("cannot read '/nonexistent/spec.yaml'"))
        let oneOperand = run(["diff", good])
        #expect(oneOperand.status == 2)
        #expect(oneOperand.errors.contains("missing NEW"))
    }

    @Test func helpListsDiff() {
        let result = run(["--help"])
        #expect(result.output.contains("specgen diff OLD NEW"))
    }

    /// On the real spec, a rule changed in a shared parameter component is reported once for every operation
    /// that uses it, under the parameter's name.
    @Test func aSharedParameterChangeInTheProjectSpecIsReportedPerOperation() throws {
        let text = try String(contentsOfFile: Self.projectSpec, encoding: .utf8)
        // The first `maximum: 100` after the component's name is its schema's (the spec caps pages at 100).
        let component = try #require(text.range(of: "\n    PerPageQuery:\n"))
        let maximum = try #require(text.range(of: "maximum: 100\n", range: component.upperBound..<text.endIndex))
        let changed = text.replacingCharacters(in: maximum, with: "maximum: 50\n")
        let old = try DiffFixture.read(text)
        let users = old.operations.filter { operation in
            operation.parameters.contains { $0.reference?.componentName == "PerPageQuery" }
        }
        try #require(!users.isEmpty)
        let lines = try DiffFixture.lines(text, changed)
        #expect(
            lines
                == users.compactMap(\.operationID).sorted().map {
                    "breaking  \($0)  query.perPage: maximum lowered from 100 to 50"
                })
    }
}
