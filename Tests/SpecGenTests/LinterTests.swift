import Testing

@testable import SpecGen

/// `specgen lint` checks beyond reading: names the generator needs, contradictions, literals that break
/// their schema, features read but not generated.
@Suite("Linter")
struct LinterTests {
    func lint(_ body: String, version: String = "3.1.0") -> Diagnostics {
        Linter.lint(ReaderFixture.document(body, version: version))
    }

    func lintSchema(_ schema: String) -> Diagnostics {
        lint("paths: {}\ncomponents:\n  schemas:\n    S:\n" + schema)
    }

    @Test func missingOperationIdIsAnError() {
        let diagnostics = lint("paths:\n  /a:\n    get: {responses: {'200': {description: ok}}}\n")
        #expect(diagnostics.errorPaths == ["#/paths/~1a/get"])
        #expect(diagnostics.errors.first?.hint?.contains("operationId") == true)
    }

    @Test func duplicateOperationIdIsAnErrorAtTheSecondUse() {
        let diagnostics = lint(
            """
            paths:
              /a:
                get: {operationId: same, responses: {'200': {description: ok}}}
              /b:
                get: {operationId: same, responses: {'200': {description: ok}}}

            """)
        #expect(diagnostics.errorPaths == ["#/paths/~1b/get"])
    }

    @Test func pathsThatDifferOnlyInParameterNamesClash() {
        let diagnostics = lint(
            """
            paths:
              /pets/{id}:
                get:
                  operationId: a
                  parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                  responses: {'200': {description: ok}}
              /pets/{petId}:
                delete:
                  operationId: b
                  parameters: [{name: petId, in: path, required: true, schema: {type: string}}]
                  responses: {'204': {description: ok}}

            """)
        #expect(diagnostics.errorPaths == ["#/paths/~1pets~1{petId}"])
    }

    @Test func operationWithoutSuccessResponseIsAWarning() {
        let diagnostics = lint("paths:\n  /a:\n    get: {operationId: a, responses: {'404': {description: no}}}\n")
        #expect(diagnostics.warningPaths == ["#/paths/~1a/get"])
    }

    @Test func bodyOnGetIsAWarning() {
        let diagnostics = lint(
            "paths:\n  /a:\n    get: {operationId: a, requestBody: {content: {application/json: {}}}, responses: {'200': {description: ok}}}\n"
        )
        #expect(diagnostics.warningPaths == ["#/paths/~1a/get/requestBody"])
    }

    @Test func contradictoryBoundsAreErrors() {
        #expect(lintSchema("      {type: integer, minimum: 5, maximum: 4}\n").errorPaths == ["#/components/schemas/S"])
        #expect(lintSchema("      {type: integer, exclusiveMinimum: 5, maximum: 5}\n").errors.count == 1)
        #expect(lintSchema("      {type: integer, minimum: 5, maximum: 5}\n").errors.isEmpty)
        #expect(lintSchema("      {type: string, minLength: 3, maxLength: 2}\n").errors.count == 1)
        #expect(lintSchema("      {type: array, items: {}, minItems: 3, maxItems: 2}\n").errors.count == 1)
        #expect(lintSchema("      {type: number, minimum: 1e400, maximum: 9223372036854775807}\n").errors.count == 1)
    }

    @Test func enumValueOfTheWrongTypeIsAnError() {
        let diagnostics = lintSchema("      {type: integer, enum: [1, '2']}\n")
        #expect(diagnostics.errorPaths == ["#/components/schemas/S"])
        #expect(diagnostics.errors.first?.hint == "remove the quotes")
    }

    @Test func defaultThatBreaksItsSchemaIsAWarning() {
        #expect(lintSchema("      {type: string, enum: [a, b], default: c}\n").warnings.count == 1)
        #expect(lintSchema("      {type: string, maxLength: 2, default: abc}\n").warnings.count == 1)
        #expect(lintSchema("      {type: integer, minimum: 1, default: 0}\n").warnings.count == 1)
        #expect(lintSchema("      {type: number, multipleOf: 0.01, default: 1.005}\n").warnings.count == 1)
        #expect(lintSchema("      {type: string, pattern: '^[a-z]+$', default: ABC}\n").warnings.count == 1)
        #expect(lintSchema("      {type: string, default: 12}\n").warnings.isEmpty)
        #expect(lintSchema("      {type: integer, default: '12'}\n").warnings.count == 1)
    }

    @Test func objectExampleIsCheckedMemberByMember() {
        let diagnostics = lintSchema(
            """
                  type: object
                  required: [id]
                  additionalProperties: false
                  properties:
                    id: {type: integer, minimum: 1}
                  example: {id: 0, extra: true}

            """)
        #expect(diagnostics.warnings.count == 2)
    }

    @Test func requiredPropertyThatCannotExistIsAnError() {
        let diagnostics = lintSchema(
            "      {type: object, required: [nmae], properties: {name: {type: string}}, additionalProperties: false}\n")
        #expect(diagnostics.errorPaths == ["#/components/schemas/S"])
    }

    @Test func keywordForAnotherTypeIsAWarning() {
        let diagnostics = lintSchema("      {type: integer, maxLength: 3}\n")
        #expect(diagnostics.warnings.count == 1)
        #expect(diagnostics.warnings.first?.message.contains("maxLength") == true)
        #expect(lintSchema("      {type: [string, integer], maxLength: 3, maximum: 4}\n").warnings.isEmpty)
    }

    @Test func unknownFormatAndBadPatternAreWarnings() {
        #expect(lintSchema("      {type: string, format: e-mail}\n").warnings.count == 1)
        #expect(lintSchema("      {type: string, format: date-time}\n").warnings.isEmpty)
        #expect(lintSchema("      {type: string, pattern: '[a-'}\n").warnings.count == 1)
    }

    @Test func anExactDecimalWithoutABoundOrAScaleIsAWarning() {
        let unbounded = lintSchema("      {type: number, format: decimal}\n").warnings
        #expect(unbounded.count == 1)
        #expect(unbounded.first?.message.contains("'maximum' or 'multipleOf'") == true, "\(unbounded)")
        #expect(lintSchema("      {type: number, format: decimal, maximum: 100}\n").warnings.count == 1)
        #expect(
            lintSchema("      {type: number, format: decimal, maximum: 100, multipleOf: 0.01}\n").warnings.isEmpty)
        #expect(lintSchema("      {type: number}\n").warnings.isEmpty)
    }

    @Test func int32BoundOutsideItsRangeIsAWarning() {
        #expect(lintSchema("      {type: integer, format: int32, maximum: 3000000000}\n").warnings.count == 1)
        #expect(lintSchema("      {type: integer, format: int64, maximum: 9223372036854775807}\n").warnings.isEmpty)
    }

    @Test func sharedSchemaIsReportedOnce() {
        let diagnostics = lint(
            """
            paths:
              /a:
                get:
                  operationId: a
                  parameters: [{name: q, in: query, schema: {$ref: '#/components/schemas/Q'}}]
                  responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Q'}}}}}
            components:
              schemas:
                Q: {type: string, minLength: 5, maxLength: 1}

            """)
        #expect(diagnostics.errorPaths == ["#/components/schemas/Q"])
    }

    @Test func unusedComponentSchemaIsAWarningWhenThereArePaths() {
        let body = "components:\n  schemas:\n    Unused: {type: string}\n"
        let withPaths = lint("paths:\n  /a:\n    get: {operationId: a, responses: {'200': {description: ok}}}\n" + body)
        #expect(withPaths.warningPaths == ["#/components/schemas/Unused"])
        #expect(lint("paths: {}\n" + body).warnings.isEmpty)
    }

    @Test func callbacksAndWebhooksAreReportedAsNotGenerated() {
        let diagnostics = lint(
            """
            paths: {}
            webhooks:
              ping:
                post: {responses: {'200': {description: ok}}}

            """)
        #expect(diagnostics.warningPaths == ["#/webhooks/ping"])
    }

    @Test func readerErrorsComeFirstAndLintStillRuns() {
        let diagnostics = lint(
            "paths:\n  /a:\n    get: {parameters: [{name: c, in: lobby, schema: {type: string}}], responses: {'200': {description: ok}}}\n"
        )
        #expect(diagnostics.errorPaths == ["#/paths/~1a/get/parameters/0/in", "#/paths/~1a/get"])
    }

    @Test func aFormEncodingThatNamesNoPropertyIsAWarning() {
        let diagnostics = lint(
            """
            paths:
              /a:
                post:
                  operationId: upload
                  requestBody:
                    content:
                      multipart/form-data:
                        schema: {type: object, properties: {meta: {type: object}, file: {type: string, format: binary}}}
                        encoding:
                          meta: {contentType: application/json}
                          mtea: {contentType: application/json}
                  responses: {'204': {description: ok}}

            """)
        #expect(
            diagnostics.warnings.map(\.message) == [
                "encoding 'mtea' names no property of the form's schema, so it has no effect"
            ])
        #expect(diagnostics.warnings.first?.hint == "use one of: meta, file")
    }
}
