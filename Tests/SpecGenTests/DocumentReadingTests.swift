import Testing

@testable import SpecGen

/// Documents into the model: paths, operations, parameters, bodies, responses, references, versions.
@Suite("Document reading")
struct DocumentReadingTests {
    @Test func versionDecidesTheRules() throws {
        #expect(ReaderFixture.read("paths: {}\n", version: "3.0.3").document?.version.line == .v3_0)
        #expect(ReaderFixture.read("paths: {}\n", version: "3.1.1").document?.version.line == .v3_1)
        let old = ReaderFixture.read("paths: {}\n", version: "2.0")
        #expect(old.document == nil)
        #expect(old.diagnostics.errorPaths == ["#/openapi"])
    }

    @Test func infoVersionWrittenAsANumberStaysAsWritten() throws {
        let document = try #require(
            OpenAPIReader.read("openapi: 3.1.0\ninfo: {title: T, version: 1.10}\npaths: {}\n").document)
        #expect(document.info.version == "1.10")
    }

    @Test func missingOpenAPIFieldIsReported() {
        let result = OpenAPIReader.read("info: {title: T, version: '1'}\n")
        #expect(result.document == nil)
        #expect(result.diagnostics.errors.first?.mark == YAMLMark(line: 1, column: 1))
    }

    @Test func rootMustBeAMapping() {
        let result = OpenAPIReader.read("- a\n- b\n")
        #expect(result.document == nil)
        #expect(result.diagnostics.errors.count == 1)
    }

    @Test func pathLevelParametersMergeAndOperationLevelOnesOverride() throws {
        let result = ReaderFixture.read(
            """
            paths:
              /kals/{kal}:
                parameters:
                  - {name: kal, in: path, required: true, schema: {type: integer}}
                  - {name: page, in: query, schema: {type: integer}}
                get:
                  operationId: getKal
                  parameters:
                    - {name: page, in: query, schema: {type: string}}
                    - {name: page, in: header, schema: {type: string}}
                  responses: {'200': {description: ok}}

            """)
        #expect(result.diagnostics.all.isEmpty, "\(result.diagnostics.all)")
        let operation = try #require(result.document?.operations.first)
        #expect(
            operation.parameters.map { "\($0.location.rawValue):\($0.name)" } == [
                "path:kal", "query:page", "header:page",
            ])
        #expect(operation.parameters(in: .query).first?.schema.object?.types == [.string])
        #expect(operation.path == "/kals/{kal}" && operation.method == .get)
    }

    @Test func parameterDefaultsFollowTheLocation() throws {
        let result = ReaderFixture.read(
            """
            paths:
              /a/{id}:
                get:
                  operationId: a
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: string}}
                    - {name: q, in: query, schema: {type: array, items: {type: string}}}
                    - {name: f, in: query, style: deepObject, schema: {type: object}}
                    - {name: X-Id, in: header, schema: {type: string}}
                  responses: {'200': {description: ok}}

            """)
        let parameters = try #require(result.document?.operations.first?.parameters)
        #expect(parameters.map(\.style) == [.simple, .form, .deepObject, .simple])
        #expect(parameters.map(\.explode) == [false, true, false, false])
        #expect(parameters.map(\.required) == [true, false, false, false])
    }

    @Test func duplicateParameterIsAnError() {
        let result = ReaderFixture.read(
            """
            paths:
              /a:
                get:
                  operationId: a
                  parameters:
                    - {name: q, in: query, schema: {type: string}}
                    - {name: q, in: query, schema: {type: string}}
                  responses: {'200': {description: ok}}

            """)
        #expect(result.diagnostics.errorPaths == ["#/paths/~1a/get/parameters/1"])
    }

    @Test func referencedObjectsAreResolvedAndRememberTheirReference() throws {
        let result = ReaderFixture.read(
            """
            paths:
              /a:
                post:
                  operationId: a
                  parameters: [{$ref: '#/components/parameters/Page'}]
                  requestBody: {$ref: '#/components/requestBodies/Body'}
                  responses:
                    '404': {$ref: '#/components/responses/NotFound'}
                    '410': {$ref: '#/components/responses/NotFound'}
            components:
              parameters:
                Page: {name: page, in: query, schema: {type: integer}}
              requestBodies:
                Body: {content: {application/json: {schema: {type: object}}}}
              responses:
                NotFound:
                  description: not found
                  headers: {X-Why: {$ref: '#/components/headers/Why'}}
              headers:
                Why: {schema: {type: string}}

            """)
        #expect(result.diagnostics.all.isEmpty, "\(result.diagnostics.all)")
        let operation = try #require(result.document?.operations.first)
        #expect(operation.parameters.first?.reference?.componentName == "Page")
        #expect(operation.parameters.first?.source.path == SpecPath(pointer: "#/components/parameters/Page"))
        #expect(operation.requestBody?.reference?.componentName == "Body")
        #expect(operation.responses.map(\.status) == [.code(404), .code(410)])
        #expect(operation.responses.map { $0.reference?.componentName } == ["NotFound", "NotFound"])
        #expect(operation.responses.first?.headers["X-Why"]?.reference?.componentName == "Why")
    }

    @Test func errorsInASharedComponentAreReportedOnce() {
        let result = ReaderFixture.read(
            """
            paths:
              /a:
                get:
                  operationId: a
                  parameters: [{$ref: '#/components/parameters/P'}]
                  responses: {'200': {description: ok}}
              /b:
                get:
                  operationId: b
                  parameters: [{$ref: '#/components/parameters/P'}]
                  responses: {'200': {description: ok}}
            components:
              parameters:
                P: {name: p, in: query}

            """)
        #expect(result.diagnostics.errorPaths == ["#/components/parameters/P"])
    }

    @Test func multipartBodyKeepsItsEncoding() throws {
        let result = ReaderFixture.read(
            """
            paths:
              /files:
                post:
                  operationId: upload
                  requestBody:
                    content:
                      multipart/form-data:
                        schema: {type: object, properties: {file: {type: string, format: binary}}}
                        encoding: {file: {contentType: image/png}}
                  responses: {'201': {description: ok}}

            """)
        #expect(result.diagnostics.all.isEmpty, "\(result.diagnostics.all)")
        let media = try #require(result.document?.operations.first?.requestBody?.content.first)
        #expect(media.kind == .multipartForm)
        #expect(media.encoding["file"]?.contentType == "image/png")
    }

    @Test func aRequestBodyOfAnyMediaTypeIsRead() throws {
        let result = ReaderFixture.read(
            """
            paths:
              /api/login:
                post:
                  operationId: login
                  requestBody:
                    content:
                      application/xml: {schema: {type: object}}
                  responses: {'200': {description: ok}}

            """)
        #expect(result.diagnostics.errors.isEmpty, "\(result.diagnostics.errors)")
        let media = try #require(result.document?.operations.first?.requestBody?.content.first)
        #expect(media.kind == .other && media.contentType == "application/xml")
    }

    @Test func responseMediaTypesMayBeAnything() throws {
        let result = ReaderFixture.read(
            """
            paths:
              /invoice:
                get:
                  operationId: invoice
                  responses:
                    '200':
                      description: the PDF
                      content: {application/pdf: {schema: {type: string, format: binary}}, application/problem+json: {}}

            """)
        #expect(result.diagnostics.all.isEmpty)
        #expect(result.document?.operations.first?.responses.first?.content.map(\.kind) == [.other, .json])
    }

    @Test func responseStatusKeys() throws {
        #expect(ResponseStatus("200") == .code(200))
        #expect(ResponseStatus("4XX") == .range(4))
        #expect(ResponseStatus("4xx") == .range(4))
        #expect(ResponseStatus("default") == .default)
        #expect(ResponseStatus("600") == nil)
        #expect(ResponseStatus("20") == nil)
        let result = ReaderFixture.read(
            "paths:\n  /a:\n    get:\n      operationId: a\n      responses: {ok: {description: x}, 5xx: {description: y}}\n"
        )
        #expect(result.diagnostics.errorPaths == ["#/paths/~1a/get/responses/ok"])
        #expect(result.diagnostics.warningPaths == ["#/paths/~1a/get/responses/5xx"])
    }

    @Test func missingResponsesIsAnErrorIn30Only() {
        let body = "paths:\n  /a:\n    get: {operationId: a}\n"
        #expect(ReaderFixture.read(body, version: "3.0.3").diagnostics.errorPaths == ["#/paths/~1a/get"])
        #expect(ReaderFixture.read(body).diagnostics.errors.isEmpty)
    }

    @Test func pathMustStartWithASlash() {
        let result = ReaderFixture.read("paths:\n  pets: {}\n")
        #expect(result.diagnostics.errorPaths == ["#/paths/pets"])
    }

    @Test func securityRequirementsAndSchemes() throws {
        let result = ReaderFixture.read(
            """
            security: [{bearer: []}]
            paths:
              /open:
                get: {operationId: open, security: [], responses: {'200': {description: ok}}}
              /either:
                get: {operationId: either, security: [{}, {bearer: []}], responses: {'200': {description: ok}}}
            components:
              securitySchemes:
                bearer: {type: http, scheme: Bearer}
                key: {type: apiKey, name: X-Key, in: header}

            """)
        #expect(result.diagnostics.all.isEmpty)
        let document = try #require(result.document)
        #expect(document.security.first?.entries.map(\.scheme) == ["bearer"])
        #expect(document.operations[0].security?.isEmpty == true)
        #expect(document.operations[1].security?.first?.isAnonymous == true)
        #expect(document.components.securitySchemes["bearer"]?.kind == .http(scheme: "bearer", bearerFormat: nil))
        #expect(document.components.securitySchemes["key"]?.kind == .apiKey(name: "X-Key", location: .header))
    }

    @Test func unknownFieldsAreWarningsAndExtensionsAreKept() throws {
        let result = ReaderFixture.read(
            "paths:\n  /a:\n    get: {operationId: a, sumary: x, x-internal: true, responses: {'200': {description: ok}}}\n"
        )
        #expect(result.diagnostics.warningPaths == ["#/paths/~1a/get/sumary"])
        #expect(result.diagnostics.warnings.first?.hint == "did you mean 'summary'?")
        #expect(result.document?.operations.first?.extensions["x-internal"] == .bool(true))
    }

    @Test func externalAndMalformedReferencesAreRefused() {
        let result = ReaderFixture.read(
            """
            paths:
              /a:
                get:
                  operationId: a
                  parameters: [{$ref: 'https://example.com/p.yaml'}, {$ref: '#components/parameters/P'}]
                  responses: {'200': {description: ok}}

            """)
        #expect(
            result.diagnostics.errorPaths == ["#/paths/~1a/get/parameters/0/$ref", "#/paths/~1a/get/parameters/1/$ref"])
    }

    @Test func referencesMayPointAnywhereInTheDocumentForNonSchemas() throws {
        let result = ReaderFixture.read(
            """
            paths:
              /a:
                get:
                  operationId: a
                  parameters: [{name: q, in: query, schema: {type: string}}]
                  responses: {'200': {description: ok}}
              /b:
                get:
                  operationId: b
                  parameters: [{$ref: '#/paths/~1a/get/parameters/0'}]
                  responses: {'200': {description: ok}}

            """)
        #expect(result.diagnostics.all.isEmpty)
        #expect(result.document?.operations[1].parameters.first?.name == "q")
    }

    @Test func specPathEscapesAndParses() throws {
        let path = SpecPath.root / "paths" / "/api/login" / "post" / "requestBody"
        #expect(path.description == "#/paths/~1api~1login/post/requestBody")
        #expect(SpecPath(pointer: "#/paths/~1api~1login/post/requestBody") == path)
        #expect(SpecPath(pointer: "#/a~0b/c%20d")?.components == ["a~b", "c d"])
        #expect(SpecPath(pointer: "components/schemas/A") == nil)
        #expect(SpecPath(pointer: "#") == SpecPath.root)
    }

    @Test func pathTemplateParts() {
        let template = PathTemplate("/api/kals/{kal}/events/{event}.json")
        #expect(template.parameterNames == ["kal", "event"])
        #expect(template.shape == "/api/kals/{}/events/{}.json")
    }
}
