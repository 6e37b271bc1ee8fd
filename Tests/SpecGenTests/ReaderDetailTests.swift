import Testing

@testable import SpecGen

/// Smaller rules of the reader, each at the path a user would look at.
@Suite("Reader details")
struct ReaderDetailTests {
    func operation(_ fields: String) -> Diagnostics {
        ReaderFixture.read("paths:\n  /a:\n    get:\n      operationId: a\n" + fields).diagnostics
    }

    @Test func headerParametersOpenAPIIgnoresAreWarnings() {
        let diagnostics = operation(
            "      parameters: [{name: Authorization, in: header, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n"
        )
        #expect(diagnostics.warningPaths == ["#/paths/~1a/get/parameters/0"])
    }

    @Test func exampleAndExamplesTogetherIsAnError() {
        let diagnostics = operation(
            "      parameters: [{name: q, in: query, schema: {type: string}, example: a, examples: {one: {value: b}}}]\n      responses: {'200': {description: ok}}\n"
        )
        #expect(diagnostics.errorPaths == ["#/paths/~1a/get/parameters/0/examples"])
    }

    @Test func parameterExamplesAreTypedByTheParameterSchema() throws {
        let result = ReaderFixture.read(
            "paths:\n  /a:\n    get:\n      operationId: a\n      parameters: [{name: q, in: query, schema: {type: string}, examples: {n: {value: 100}}}]\n      responses: {'200': {description: ok}}\n"
        )
        #expect(result.document?.operations.first?.parameters.first?.examples == [.string("100")])
    }

    @Test func contentTypeResponseHeaderIsIgnoredWithAWarning() throws {
        let result = ReaderFixture.read(
            "paths:\n  /a:\n    get:\n      operationId: a\n      responses: {'200': {description: ok, headers: {Content-Type: {schema: {type: string}}, X-Id: {schema: {type: string}}}}}\n"
        )
        #expect(result.diagnostics.warningPaths == ["#/paths/~1a/get/responses/200/headers/Content-Type"])
        #expect(result.document?.operations.first?.responses.first?.headers.names == ["X-Id"])
    }

    @Test func invalidComponentNameIsAnError() {
        let diagnostics = ReaderFixture.read("paths: {}\ncomponents:\n  schemas:\n    'Bad Name': {type: string}\n")
            .diagnostics
        #expect(diagnostics.errorPaths == ["#/components/schemas/Bad Name"])
    }

    @Test func discriminatorMappingToAMissingSchemaIsAnError() {
        let diagnostics = ReaderFixture.read(
            "paths: {}\ncomponents:\n  schemas:\n    P: {oneOf: [{type: object}], discriminator: {propertyName: k, mapping: {a: Missing}}}\n"
        ).diagnostics
        #expect(diagnostics.errorPaths == ["#/components/schemas/P/discriminator/mapping/a"])
    }

    @Test func booleanExclusiveBoundWithoutItsBoundIsAWarning() {
        let (_, diagnostics) = ReaderFixture.schema(
            "S", "    S: {type: number, exclusiveMaximum: true}\n", version: "3.0.3")
        #expect(diagnostics.warningPaths == ["#/components/schemas/S/exclusiveMaximum"])
    }

    @Test func securitySchemeMistakesAreErrors() {
        let diagnostics = ReaderFixture.read(
            """
            paths: {}
            components:
              securitySchemes:
                a: {type: apiKey, name: k, in: path}
                b: {type: bearer}
                c: {type: http}

            """
        ).diagnostics
        #expect(
            diagnostics.errorPaths == [
                "#/components/securitySchemes/a/in", "#/components/securitySchemes/b/type",
                "#/components/securitySchemes/c",
            ])
    }

    @Test func shortVersionIsAWarningAndForeignDialectAnError() {
        let short = OpenAPIReader.read("openapi: 3.1\ninfo: {title: T, version: '1'}\npaths: {}\n")
        #expect(short.diagnostics.warningPaths == ["#/openapi"])
        #expect(short.document?.version.text == "3.1")
        let dialect = ReaderFixture.read("jsonSchemaDialect: https://json-schema.org/draft/2020-12/schema\npaths: {}\n")
        #expect(dialect.diagnostics.errorPaths == ["#/jsonSchemaDialect"])
    }

    @Test func requestBodyWithoutContentIsAnError() {
        let diagnostics = operation(
            "      requestBody: {required: true}\n      responses: {'200': {description: ok}}\n")
        #expect(diagnostics.errorPaths == ["#/paths/~1a/get/requestBody"])
    }

    @Test func fieldsBesideAReferenceAreReportedAsIgnored() {
        let diagnostics = ReaderFixture.read(
            """
            paths:
              /a:
                get:
                  operationId: a
                  parameters: [{$ref: '#/components/parameters/P', required: true}]
                  responses: {'200': {description: ok}}
            components:
              parameters:
                P: {name: p, in: query, schema: {type: string}}

            """
        ).diagnostics
        #expect(diagnostics.warningPaths == ["#/paths/~1a/get/parameters/0/required"])
    }

    @Test func responseWithoutDescriptionIsAWarning() {
        let diagnostics = operation("      responses: {'204': {}}\n")
        #expect(diagnostics.warningPaths == ["#/paths/~1a/get/responses/204"])
    }

    @Test func wrongShapesAreErrorsNotCrashes() {
        for fields in [
            "      parameters: {q: 1}\n      responses: {'200': {description: ok}}\n",
            "      responses: [200]\n",
            "      tags: tag\n      responses: {'200': {description: ok}}\n",
            "      responses: {'200': {description: ok, content: [application/json]}}\n",
            "      responses: {'200': ok}\n",
            "      deprecated: 1\n      responses: {'200': {description: ok}}\n",
        ] {
            #expect(operation(fields).errors.count == 1, "\(fields)")
        }
    }
}
