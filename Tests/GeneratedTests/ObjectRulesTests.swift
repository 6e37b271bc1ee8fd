import Testing

@testable import Generated
@testable import SpecGenRuntime

@Suite("properties, required, additionalProperties and the other object keywords")
struct ObjectRulesTests {
    @Test("Missing required fields are reported each under its own key")
    func required() {
        let schema = JSONSchemaRules.object(
            properties: ["name": .string(), "email": .string(format: .email), "owner_email": .string()],
            required: ["name", "email", "owner_email", "undescribed"])
        #expect(
            errors(schema, "{}") == [
                "name": ["The name field is required."],
                "email": ["The email field is required."],
                "owner_email": ["The owner email field is required."],
                "undescribed": ["The undescribed field is required."],
            ])
        #expect(errors(schema, #"{"name": "a", "email": "a@b.co", "owner_email": "x", "undescribed": 1}"#).isEmpty)
    }

    @Test("A present null is not missing: it is the wrong type")
    func nullIsNotMissing() {
        let schema = JSONSchemaRules.object(properties: ["name": .string()], required: ["name"])
        #expect(errors(schema, #"{"name": null}"#) == ["name": ["The name field must be a string."]])
    }

    @Test("Nested objects in arrays are keyed links.0.url")
    func nestedKeys() {
        let schema = JSONSchemaRules.object(properties: [
            "links": .array(items: .object(properties: ["url": .string(format: .uri)], required: ["url"]))
        ])
        #expect(
            errors(schema, #"{"links": [{"url": "nope"}, {}, {"url": "https://ok.example"}]}"#) == [
                "links.0.url": ["The links.0.url field must be a valid URL."],
                "links.1.url": ["The links.1.url field is required."],
            ])
    }

    @Test("additionalProperties: false prohibits each unknown member; a schema checks them")
    func additionalProperties() {
        let closed = JSONSchemaRules.object(properties: ["a": .integer()], additionalProperties: .never)
        #expect(errors(closed, #"{"a": 1, "b": 2, "c": 3}"#) == [
            "b": ["The b field is prohibited."], "c": ["The c field is prohibited."],
        ])
        let typed = JSONSchemaRules.object(additionalProperties: .integer())
        #expect(errors(typed, #"{"x": 1, "y": "2"}"#) == ["y": ["The y field must be an integer."]])
    }

    @Test("patternProperties match keys and exempt them from additionalProperties")
    func patternProperties() {
        let schema = JSONSchemaRules.object(
            additionalProperties: .never, patternProperties: [PatternProperty("^x-", .string())])
        #expect(errors(schema, #"{"x-trace": "abc"}"#).isEmpty)
        #expect(errors(schema, #"{"x-trace": 1}"#) == ["x-trace": ["The x-trace field must be a string."]])
        #expect(errors(schema, #"{"trace": "abc"}"#) == ["trace": ["The trace field is prohibited."]])
    }

    @Test("propertyNames, minProperties and maxProperties")
    func propertyNamesAndCounts() {
        let schema = JSONSchemaRules.object(properties: [
            "meta": .object(propertyNames: .string(maxLength: 3), minProperties: 1, maxProperties: 2)
        ])
        #expect(errors(schema, #"{"meta": {}}"#) == ["meta": ["The meta field must have at least 1 fields."]])
        #expect(errors(schema, #"{"meta": {"a": 1, "b": 2, "c": 3}}"#) == ["meta": ["The meta field must not have more than 2 fields."]])
        #expect(errors(schema, #"{"meta": {"long": 1}}"#) == ["meta.long": ["The meta.long field name is invalid."]])
    }

    @Test("dependentRequired and dependentSchemas apply when their key is present")
    func dependencies() {
        let schema = JSONSchemaRules.object(
            properties: ["card": .string(), "cvc": .string(), "billing": .string()],
            dependentRequired: ["card": ["cvc"]],
            dependentSchemas: ["billing": .object(required: ["card"])])
        #expect(errors(schema, #"{"card": "4242"}"#) == ["cvc": ["The cvc field is required when card is present."]])
        #expect(errors(schema, #"{"billing": "x"}"#) == ["card": ["The card field is required."]])
        #expect(errors(schema, #"{"cvc": "1"}"#).isEmpty)
    }

    @Test("Property names that are not Swift identifiers are just keys")
    func oddPropertyNames() {
        let schema = JSONSchemaRules.object(
            properties: ["default": .string(), "2fa": .boolean(), "a.b": .integer(), "with space": .string()],
            required: ["default", "2fa"])
        #expect(errors(schema, #"{"default": "x", "2fa": true, "a.b": 1, "with space": "ok"}"#).isEmpty)
        #expect(errors(schema, #"{"a.b": "x"}"#)["a.b"] == ["The a.b field must be an integer."])
    }

    @Test("camelCase and snake_case attributes read as words")
    func attributeNames() {
        let schema = JSONSchemaRules.object(properties: ["websiteUrl": .string(format: .uri), "last_updated_at": .string(format: .dateTime)])
        #expect(errors(schema, #"{"websiteUrl": "x"}"#) == ["websiteUrl": ["The website url field must be a valid URL."]])
        #expect(errors(schema, #"{"last_updated_at": "yesterday"}"#) == ["last_updated_at": ["The last updated at field must be a valid date."]])
    }
}
