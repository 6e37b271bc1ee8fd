import Foundation
import Testing

@testable import SpecGen

/// The reference page (`GET /docs`) and the JSON document (`GET /openapi.json`) SpecGen renders from a spec.
@Suite("Reference page")
struct ReferencePageTests {
    static let spec = """
        openapi: 3.1.0
        info:
          title: Pets <&> Co
          version: '2.0'
          description: |
            Intro with `code` and <script>alert(1)</script>.
        tags:
          - name: Pets
            description: Pets and their owners.
        components:
          securitySchemes:
            userToken: {type: http, scheme: bearer}
            agentKey: {type: apiKey, in: header, name: X-Agent-Key}
          responses:
            Unauthorized:
              description: Invalid or missing token.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Error'}
                  example: {message: Unauthenticated.}
          schemas:
            Error:
              type: object
              required: [message]
              properties:
                message: {type: string}
            Pet:
              type: object
              required: [name, status_id]
              additionalProperties: false
              properties:
                name: {type: string, minLength: 1, maxLength: 255, pattern: '^[a-z<>]+$', description: 'The <b>name</b>.'}
                age: {type: integer, minimum: 0, maximum: 40}
                status_id:
                  type: integer
                  enum: [100, 200]
                  description: 100 pending, 200 confirmed.
                kind: {type: string, enum: [cat, dog]}
                mood:
                  type: [integer, 'null']
                  enum: [100, 400, null]
                  description: Reopen (100) or decline (400).
                tags:
                  type: array
                  maxItems: 5
                  uniqueItems: true
                  items:
                    type: object
                    properties:
                      label: {type: string, maxLength: 20}
        security:
          - userToken: []
        paths:
          /api/pets/{pet}:
            parameters:
              - name: pet
                in: path
                required: true
                schema: {type: integer, format: int64, minimum: 1}
            get:
              operationId: showPet
              tags: [Pets]
              summary: Shows a pet
              responses:
                '200':
                  description: The pet.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Pet'}
                '401': {$ref: '#/components/responses/Unauthorized'}
            put:
              operationId: updatePet
              tags: [Pets]
              security:
                - agentKey: []
                - {}
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Pet'}
                    example: {name: "tom", status_id: 100}
              responses:
                '204': {description: Updated.}
          /health:
            get:
              operationId: health
              security: []
              responses:
                '200': {description: Up.}
        """

    static func page() throws -> String {
        let read = OpenAPIReader.read(spec)
        let document = try #require(read.document)
        #expect(!read.diagnostics.hasErrors, "\(read.diagnostics.errors)")
        return ReferencePage.render(document)
    }

    @Test func everyOperationHasItsOperationIDAsAnchorInItsTagsSection() throws {
        let html = try Self.page()
        for id in ["showPet", "updatePet", "health"] {
            #expect(html.contains(#"<section id="\#(id)" class="op""#), "\(id)")
            #expect(html.contains(##"href="#\##(id)""##), "\(id) is linked from the navigation")
        }
        #expect(html.contains(#"<section id="tag-Pets" class="tag">"#))
        #expect(html.contains(#"<section id="tag-Other" class="tag">"#), "untagged operations go under Other")
        #expect(html.contains("Pets and their owners."))
    }

    @Test func constraintsOfParametersAndBodiesAreWrittenOut() throws {
        let html = try Self.page()
        #expect(html.contains("1–255 characters"))
        #expect(html.contains("matches <code>^[a-z&lt;&gt;]+$</code>"))
        #expect(html.contains("minimum <code>0</code>"))
        #expect(html.contains("maximum <code>40</code>"))
        #expect(html.contains("minimum <code>1</code>"), "the path parameter's minimum")
        #expect(html.contains("integer (int64)"))
        #expect(html.contains("at most 5 items"))
        #expect(html.contains("no repeated items"))
        #expect(html.contains("no other properties"))
        #expect(html.contains(#"<code class="nested">tags[].label</code>"#), "inline item fields are unfolded")
        #expect(html.contains("at most 20 characters"))
        #expect(html.contains("<strong>required</strong>"))
    }

    @Test func enumsShowTheirMeaningsWhenTheDescriptionGivesThem() throws {
        let html = try Self.page()
        #expect(html.contains(#"<ul class="enum"><li><code>100</code> pending</li>"#))
        #expect(html.contains("<li><code>200</code> confirmed</li>"))
        #expect(html.contains("one of <code>cat</code>, <code>dog</code>"), "an enum without meanings is listed")
        #expect(html.contains("<li><code>100</code> Reopen</li>"), "meanings before values in parentheses")
        #expect(html.contains("<li><code>400</code> decline</li>"))
        #expect(html.contains("<li><code>null</code> no value</li>"))
    }

    @Test func securityIsStatedPerOperation() throws {
        let html = try Self.page()
        #expect(html.contains(##"<a href="#security-userToken"><code>userToken</code></a> (HTTP bearer)"##))
        #expect(html.contains("API key in header X-Agent-Key"))
        #expect(html.contains("no credentials (anonymous)"))
        #expect(html.contains("None: anyone may call it."))
    }

    @Test func responsesErrorsAndExamplesAppear() throws {
        let html = try Self.page()
        #expect(html.contains(#"<span class="status s2">200</span>"#))
        #expect(html.contains(##"Shared response <a href="#response-Unauthorized"><code>Unauthorized</code></a>"##))
        #expect(html.contains(#"<div id="response-Unauthorized" class="component">"#))
        #expect(html.contains(#"<div id="schema-Pet" class="component">"#))
        #expect(html.contains("&quot;message&quot;: &quot;Unauthenticated.&quot;"), "the error's example")
        #expect(html.contains("&quot;name&quot;: &quot;tom&quot;"), "the request body's example")
    }

    @Test func everythingFromTheSpecIsEscaped() throws {
        let html = try Self.page()
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("The &lt;b&gt;name&lt;/b&gt;."))
        #expect(html.contains("<title>Pets &lt;&amp;&gt; Co 2.0 reference</title>"))
        #expect(html.contains("<code>code</code>"), "code spans of descriptions are rendered")
        #expect(html.components(separatedBy: "<script>").count == 2, "one script: the page's own")
    }

    @Test func thePageFetchesNothing() throws {
        let html = try Self.page()
        for external in ["http://", "https://", "<link", "src=", "@import", "url("] {
            #expect(!html.contains(external), "\(external)")
        }
        #expect(html.contains(#"<input type="search" id="search""#) && html.contains(" hidden>"), "shown by the script")
    }

    @Test func theJSONDocumentKeepsEveryValueTypedAsTheReaderTypesIt() throws {
        let yaml = """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                Code:
                  type: string
                  enum: [100, yes, 'no']
                  default: 100
                Count: {type: integer, maximum: 9223372036854775807, x-note: "a\\u0001b"}
            """
        let json = try #require(DocumentJSON.text(bytes: Array(yaml.utf8)))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let schemas = try #require((parsed["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let code = try #require(schemas["Code"] as? [String: Any])
        #expect(code["enum"] as? [String] == ["100", "yes", "no"])
        #expect(code["default"] as? String == "100")
        #expect(json.contains(#""maximum": 9223372036854775807"#), "numbers as written")
        #expect(json.contains(#""x-note": "a\u0001b""#), "control characters escaped")
        #expect(json.hasPrefix("{\n  \"openapi\": \"3.1.0\",\n  \"info\": {"), "document order")
    }

    @Test func theProjectSpecAsJSONGeneratesTheSameCode() throws {
        let bytes = Array(try Data(contentsOf: ProjectSpecGenerationTests.spec))
        let json = try #require(DocumentJSON.text(bytes: bytes))
        let fromYAML = GeneratorPipeline.generate(bytes: bytes)
        let fromJSON = GeneratorPipeline.generate(bytes: Array(json.utf8))
        #expect(!fromJSON.diagnostics.hasErrors, "\(fromJSON.diagnostics.errors)")
        for (yamlFile, jsonFile) in zip(fromYAML.files, fromJSON.files) where yamlFile.name != "Reference.swift" {
            #expect(yamlFile.text == jsonFile.text, "\(yamlFile.name)")
        }
        #expect(fromYAML.files.count == fromJSON.files.count)
    }

    @Test func theGeneratedFileHoldsBothTextsInRawLiteralsThatNoContentCanEnd() throws {
        let tricky = "a \"\"\"# b \\# c \\(x) \r d\u{1}"
        let literal = SwiftLiteral.multilineRaw(tricky)
        #expect(literal.hasPrefix("##\"\"\"\n"))
        #expect(literal.hasSuffix("\n\"\"\"##"))
        #expect(literal.contains("\\##u{d}") && literal.contains("\\##u{1}"))
        #expect(!literal.contains("\r"))
        let result = GeneratorPipeline.generate(bytes: Array(Self.spec.utf8))
        let file = try #require(result.files.first { $0.name == "Reference.swift" }).text
        #expect(file.contains("public enum Reference {"))
        #expect(file.contains("public static let html: String = #\"\"\"\n<!DOCTYPE html>"))
        #expect(file.contains("public static let openAPIJSON: String = #\"\"\"\n{\n"))
    }
}
