import Testing

@testable import SpecGen

/// What the reader accepts beside JSON since every valid document is read: bodies of any media type, parameters
/// and headers described by `content`, cookie parameters, and `null` as a keyword's value.
@Suite("Media types, content parameters, cookies and null keywords")
struct MediaTypeReadingTests {
    static let spec = """
        paths:
          /a:
            post:
              operationId: a
              parameters:
                - {name: session, in: cookie, required: true, schema: {type: string}}
                - name: filter
                  in: query
                  content: {application/json: {schema: {type: object, properties: {tag: {type: string}}}}}
              requestBody:
                content:
                  text/plain: {schema: {type: string, maxLength: 5}}
                  application/xml: {}
                  application/x-www-form-urlencoded: {schema: {type: object}}
                  text/json: {}
              responses:
                '200':
                  description: ok
                  headers:
                    X-Meta: {content: {application/json: {schema: {type: object}}}}
                  content: {image/png: {}}

        """

    @Test func bodiesOfAnyMediaTypeAreReadWithTheirKind() throws {
        let result = ReaderFixture.read(Self.spec)
        #expect(result.diagnostics.errors.isEmpty, "\(result.diagnostics.errors)")
        let body = try #require(result.document?.operations.first?.requestBody)
        #expect(body.content.map(\.kind) == [.text, .other, .urlEncodedForm, .json])
        #expect(body.content.first?.schema?.object?.maxLength == 5)
    }

    @Test func cookieAndContentParametersAreRead() throws {
        let operation = try #require(ReaderFixture.read(Self.spec).document?.operations.first)
        let session = try #require(operation.parameters.first)
        #expect(session.location == .cookie && session.required && session.style == .form && session.contentType == nil)
        let filter = try #require(operation.parameters.last)
        #expect(filter.contentType == "application/json")
        #expect(filter.schema.object?.properties.names == ["tag"])
    }

    @Test func responseHeadersDescribedByContentKeepTheirMediaType() throws {
        let response = try #require(ReaderFixture.read(Self.spec).document?.operations.first?.responses.first)
        #expect(response.headers["X-Meta"]?.contentType == "application/json")
        #expect(response.headers["X-Meta"]?.schema.object?.types == [.object])
    }

    @Test func schemaAndContentTogetherAreRefusedAtTheSchema() {
        let result = ReaderFixture.read(
            "paths:\n  /a:\n    get:\n      operationId: a\n      parameters: [{name: f, in: query, schema: {type: string}, content: {text/plain: {}}}]\n      responses: {'200': {description: ok}}\n"
        )
        #expect(result.diagnostics.errorPaths == ["#/paths/~1a/get/parameters/0/schema"])
    }

    @Test func nullAsAKeywordValueIsKeptNotDropped() throws {
        let (schema, diagnostics) = ReaderFixture.schema(
            "S",
            """
                S:
                  properties:
                    c: {const: null}
                    d: {type: [string, 'null'], default: null}
                    e: {enum: [null, 1]}

            """)
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors)")
        let properties = try #require(schema?.properties)
        #expect(properties["c"]?.object?.constValue == .some(.null))
        #expect(properties["d"]?.object?.defaultValue == .some(.null))
        #expect(properties["e"]?.object?.enumValues == [.null, .number(SpecNumber("1")!)])
    }

    @Test func constNullIsGeneratedAsTheNullValueNotAsNoConstant() throws {
        let result = GeneratorPipeline.generate(
            bytes: Array(
                ReaderFixture.document(
                    "paths: {}\ncomponents:\n  schemas:\n    S: {type: object, properties: {v: {const: null}}}\n").utf8))
        let schemas = try #require(result.files.first { $0.name == "Schemas.swift" })
        #expect(schemas.text.contains("JSONSchemaRules(const: .null)"), "\(schemas.text)")
    }
}
