import Foundation
import Testing

@testable import SpecGen

/// A spec whose responses use what spec/openapi.yaml does not: a required header, `4XX`, `default`, a 204, a
/// `+json` media type, non-JSON bodies and a JSON media type without a schema.
let responsesSpec = #"""
    openapi: 3.1.0
    info: {title: Responses, version: '1'}
    paths:
      /things:
        post:
          operationId: createThing
          responses:
            '201':
              description: Created.
              headers:
                Location: {required: true, schema: {type: string, minLength: 1}}
                X-Rate: {schema: {type: integer, minimum: 0}}
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Thing'}
            '204': {description: Nothing new.}
            4XX:
              description: Client error.
              content:
                application/problem+json:
                  schema: {$ref: '#/components/schemas/Problem'}
            default:
              description: Anything else.
              content:
                text/plain: {schema: {type: string}}
      /things/{id}/export:
        get:
          operationId: exportThing
          parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
          responses:
            '200':
              description: The thing, as a calendar or as JSON.
              content:
                text/calendar: {schema: {type: string}}
                application/json: {}
    components:
      schemas:
        Thing:
          type: object
          required: [id, name]
          properties:
            id: {type: integer, minimum: 1}
            name: {type: string, maxLength: 5}
          additionalProperties: false
        Problem:
          type: object
          required: [title]
          properties:
            title: {type: string}
    """#

@Suite("Generated response rules (text)")
struct ResponseRulesGenerationTests {
    static func operations() throws -> String {
        let result = GeneratorPipeline.generate(bytes: Array(responsesSpec.utf8))
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.errors)")
        return result.text(of: "Operations")
    }

    @Test func everyResponseBecomesARowWithItsSchemaMediaTypesAndHeaders() throws {
        let text = try Self.operations()
        #expect(
            text.contains(
                """
                        public static let responses: ResponseRules = [
                            .code(
                                201,
                                json: .reference("Thing") { Schemas.thing },
                                headers: [
                                    .header("Location", .string(minLength: 1), required: true),
                                    .header("X-Rate", .integer(minimum: 0, maximum: 9223372036854775807)),
                                ]
                            ),
                            .code(204),
                            .range(4, json: .reference("Problem") { Schemas.problem }, content: ["application/problem+json"]),
                            .default(content: ["text/plain"]),
                        ]
                """), "\(text)")
        #expect(
            text.contains(
                """
                        public static let responses: ResponseRules = [
                            .code(200, json: .any, content: ["text/calendar", "application/json"]),
                        ]
                """))
    }

    @Test func theOperationTableLooksTheRulesUpById() throws {
        let text = try Self.operations()
        #expect(
            text.contains(
                """
                extension OperationID {
                    /// This operation's documented responses (`Operations.<Operation>.responses`): what a test checks
                    /// every answer against.
                    public var responses: ResponseRules {
                        switch self {
                        case .createThing:
                            return Operations.CreateThing.responses
                        case .exportThing:
                            return Operations.ExportThing.responses
                        }
                    }
                }
                """), "\(text)")
    }
}

extension GeneratedCodeCompileTests {
    @Test func generatedResponseRulesFindEveryMismatch() async throws {
        try await Self.compileAndRun(yaml: responsesSpec, program: Self.responsesProgram)
    }

    /// Checks on the response rules generated from ``responsesSpec``.
    static let responsesProgram = #"""
        import Foundation

        var failures = 0
        @MainActor func check(_ mismatches: [ResponseMismatch], _ expected: [String], _ what: String) {
            let got = mismatches.map(\.description)
            if got != expected {
                print("FAILED: \(what): \(got)")
                failures += 1
            }
        }

        let rules = Operations.CreateThing.responses
        let json = ["Content-Type": "application/json", "Location": "/things/1"]
        func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

        check(rules.check(status: 201, headers: json, body: bytes(#"{"id": 1, "name": "Lamp"}"#)), [], "conforming 201")
        check(
            rules.check(status: 201, headers: ["content-type": "application/json"], body: bytes(#"{"id": 1, "name": "Lamp"}"#)),
            ["header Location is required and missing"], "required header")
        check(
            rules.check(status: 201, headers: json.merging(["X-Rate": "fast"]) { $1 }, body: bytes(#"{"id": 1, "name": "Lamp"}"#)),
            [#"header X-Rate "fast": The x-rate field must be an integer."#], "header schema")
        check(
            rules.check(status: 201, headers: json, body: bytes(#"{"id": 0, "name": "Lamp", "colour": "red"}"#)),
            ["body id: The id field must be at least 1.", "body colour: The colour field is prohibited."], "body schema")
        check(rules.check(status: 201, headers: json, body: []), ["body missing: application/json is documented"], "no body")
        check(rules.check(status: 204, headers: [:], body: []), [], "204")
        check(rules.check(status: 204, headers: json, body: bytes("{}")), ["body present, and none is documented for this status"], "body on 204")
        check(
            rules.check(status: 404, headers: ["Content-Type": "application/problem+json"], body: bytes(#"{"title": "No."}"#)),
            [], "4XX range")
        check(
            rules.check(status: 409, headers: ["Content-Type": "application/problem+json"], body: bytes("{}")),
            ["body title: The title field is required."], "4XX schema")
        check(
            rules.check(status: 404, headers: ["Content-Type": "application/json"], body: bytes(#"{"title": "No."}"#)),
            ["Content-Type application/json is not documented (documented: application/problem+json)"], "4XX media type")
        check(rules.check(status: 503, headers: ["Content-Type": "text/plain"], body: bytes("down")), [], "default, not JSON")
        check(
            rules.check(status: 503, headers: ["Content-Type": "application/json"], body: bytes("{}")),
            ["Content-Type application/json is not documented (documented: text/plain)"], "default wants text")

        let export = OperationID.exportThing.responses
        check(export.check(status: 200, headers: ["Content-Type": "text/calendar"], body: bytes("BEGIN:VCALENDAR")), [], "text/calendar")
        check(export.check(status: 200, headers: ["Content-Type": "application/json"], body: bytes("[1]")), [], "JSON without a schema")
        let malformed = export.check(status: 200, headers: ["Content-Type": "application/json"], body: bytes("[1"))
        if malformed.count != 1 || !malformed[0].description.hasPrefix("body is not valid JSON: ") {
            print("FAILED: malformed JSON: \(malformed)")
            failures += 1
        }
        check(export.check(status: 418, body: nil), ["status 418 is not documented (documented: 200)"], "undocumented")

        // What a handler answers passes its own operation's check.
        struct Things: APIHandler {
            func createThing(_ input: Operations.CreateThing.Input) async throws -> Operations.CreateThing.Output {
                .created(Types.Thing(id: 1, name: "Lamp"), location: "/things/1", xRate: 3)
            }
        }
        let answer = try await Things().handle(.createThing, sources: ParameterSources(), body: [], principal: nil)
        check(
            OperationID.createThing.responses.check(
                status: answer.status, headers: Dictionary(uniqueKeysWithValues: answer.headers.map { ($0.name, $0.value) }),
                body: answer.body),
            [], "a handler's answer")
        struct Stub: APIHandler {}
        let stub = try await Stub().handle(.exportThing, sources: ParameterSources(path: ["id": "1"]), body: [], principal: nil)
        check(
            OperationID.exportThing.responses.check(status: stub.status, body: stub.body),
            ["status 501 is not documented (documented: 200)"], "a 501 stub")

        if failures == 0 { print("all checks passed") }
        exit(failures == 0 ? 0 : 1)
        """#
}
