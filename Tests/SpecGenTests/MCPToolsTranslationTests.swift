import Foundation
import Testing

@testable import SpecGen

/// `MCPTools.swift` from a small spec: which operations become tools, how parameters and body merge into one
/// argument object, when the body stays whole, how outputs that are not objects are wrapped, and that component
/// references become `$defs` the schema carries with it.
@Suite("MCP tool translation")
struct MCPToolsTranslationTests {
    static let spec = ReaderFixture.document(
        """
        paths:
          /pets/{id}:
            patch:
              operationId: updatePet
              x-mcp: true
              summary: Update a pet
              parameters:
                - {name: id, in: path, required: true, schema: {type: integer, minimum: 1}, description: The pet.}
                - {name: Idempotency-Key, in: header, schema: {type: string, maxLength: 255}}
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/PetChange'}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Pet'}
          /pets:
            get:
              operationId: listPets
              x-mcp: true
              x-mcp-name: findPets
              parameters:
                - {name: 'tags[]', in: query, schema: {type: array, items: {type: string}}}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
            post:
              operationId: replacePets
              x-mcp: true
              requestBody:
                content:
                  application/json:
                    schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
              responses:
                '204': {description: done}
            put:
              operationId: notATool
              responses:
                '204': {description: done}
          /photos:
            post:
              operationId: uploadPhoto
              x-mcp: true
              requestBody:
                content:
                  multipart/form-data:
                    schema: {type: object, properties: {file: {type: string, contentMediaType: image/png}}}
              responses:
                '204': {description: done}
        components:
          schemas:
            Pet:
              type: object
              required: [id, name]
              properties:
                id: {type: integer}
                name: {type: string, minLength: 1, maxLength: 50, pattern: '^[A-Z]'}
                parent: {$ref: '#/components/schemas/Pet'}
                kind: {enum: [cat, dog, null]}
            PetChange:
              type: object
              required: [name]
              additionalProperties: false
              properties:
                name: {type: string, maxLength: 50}
                price: {const: null}
        """)

    static func translated() throws -> (MCPToolsTranslator, [String: SpecGen.Operation]) {
        let read = OpenAPIReader.read(spec)
        let document = try #require(read.document, "\(read.diagnostics)")
        let operations = Dictionary(uniqueKeysWithValues: document.operations.map { ($0.operationID ?? "", $0) })
        return (MCPToolsTranslator(document: document), operations)
    }

    static func json(_ value: SpecValue) throws -> NSDictionary {
        try #require(JSONSerialization.jsonObject(with: Data(value.description.utf8)) as? NSDictionary)
    }

    @Test func onlyMarkedOperationsWithJSONOrNoBodiesAreTools() throws {
        let (_, operations) = try Self.translated()
        #expect(MCPToolsTranslator.isTool(try #require(operations["updatePet"])))
        #expect(MCPToolsTranslator.isTool(try #require(operations["listPets"])))
        #expect(MCPToolsTranslator.isTool(try #require(operations["replacePets"])))
        #expect(!MCPToolsTranslator.isTool(try #require(operations["notATool"])))
        #expect(!MCPToolsTranslator.isTool(try #require(operations["uploadPhoto"])), "a form has no JSON arguments")

        let result = GeneratorPipeline.generate(bytes: Array(Self.spec.utf8))
        let file = try #require(result.files.first { $0.name == "MCPTools.swift" }?.text)
        #expect(file.contains(#"name: "findPets""#) && file.contains("operation: .listPets"))
        #expect(file.contains("rules: Operations.UpdatePet.rules") && file.contains("body: .merged"))
        #expect(!file.contains("notATool") && !file.contains("uploadPhoto"))
    }

    @Test func parametersAndAnObjectBodyMergeIntoOneArgumentObject() throws {
        let (translator, operations) = try Self.translated()
        let (schema, body) = translator.inputSchema(try #require(operations["updatePet"]))
        #expect(body == SwiftExpression.member(nil, "merged"))
        let input = try Self.json(schema)
        #expect(input["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(input["type"] as? String == "object")
        let properties = try #require(input["properties"] as? NSDictionary)
        #expect(Set(properties.allKeys.compactMap { $0 as? String }) == ["id", "Idempotency-Key", "name", "price"])
        #expect((properties["id"] as? NSDictionary) == ["type": "integer", "minimum": 1, "description": "The pet."])
        #expect((properties["name"] as? NSDictionary) == ["type": "string", "maxLength": 50])
        // `const: null` is a keyword, not a missing one.
        #expect((properties["price"] as? NSDictionary)?["const"] is NSNull)
        #expect(input["required"] as? [String] == ["id", "name"])
        #expect(input["additionalProperties"] as? Bool == false)
        #expect(input["$defs"] == nil)
    }

    @Test func aBodyThatIsNotAPlainObjectIsTheArgumentBody() throws {
        let (translator, operations) = try Self.translated()
        let (schema, body) = translator.inputSchema(try #require(operations["replacePets"]))
        #expect(body == SwiftExpression.call(.member(nil, "named"), [SwiftArgument(nil, .string("body"))]))
        let input = try Self.json(schema)
        let items = try #require((input["properties"] as? NSDictionary)?["body"] as? NSDictionary)
        #expect((items["items"] as? NSDictionary)?["$ref"] as? String == "#/$defs/Pet")
        #expect(input["required"] == nil, "the body is optional")
        // The component, and the components it reaches, travel with the schema.
        let pet = try #require((input["$defs"] as? NSDictionary)?["Pet"] as? NSDictionary)
        #expect(((pet["properties"] as? NSDictionary)?["parent"] as? NSDictionary)?["$ref"] as? String == "#/$defs/Pet")
        #expect(((pet["properties"] as? NSDictionary)?["name"] as? NSDictionary)?["pattern"] as? String == "^[A-Z]")
    }

    @Test func anObjectResponseIsTheOutputSchemaAndAnythingElseIsWrappedAsResult() throws {
        let (translator, operations) = try Self.translated()
        let update = try #require(operations["updatePet"])
        let object = try #require(translator.outputSchema(update))
        #expect(!object.wraps)
        let output = try Self.json(object.schema)
        #expect(output["type"] as? String == "object" && output["required"] as? [String] == ["id", "name"])
        #expect((output["$defs"] as? NSDictionary)?["Pet"] != nil, "the recursive reference needs its definition")

        let listPets = try #require(operations["listPets"])
        let list = try #require(translator.outputSchema(listPets))
        #expect(list.wraps)
        let wrapped = try Self.json(list.schema)
        #expect(wrapped["type"] as? String == "object" && wrapped["required"] as? [String] == ["result"])
        #expect(((wrapped["properties"] as? NSDictionary)?["result"] as? NSDictionary)?["type"] as? String == "array")

        #expect(translator.outputSchema(try #require(operations["replacePets"])) == nil, "a 204 has no output")
    }
}
