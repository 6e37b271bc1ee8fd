import Testing

@testable import Generated
@testable import SpecGenRuntime

@Suite("type, enum, const, nullable and boolean schemas")
struct TypeAndEnumTests {
    @Test(
        "Each type accepts its values and reports others in Laravel's words",
        arguments: [
            (JSONSchemaRules.string(), "\"x\"", "5", "The value field must be a string."),
            (.integer(), "5", "\"5\"", "The value field must be an integer."),
            (.integer(), "5.0", "5.5", "The value field must be an integer."),
            (.number(), "5.5", "true", "The value field must be a number."),
            (.boolean(), "false", "0", "The value field must be true or false."),
            (.array(), "[]", "{}", "The value field must be an array."),
            (.object(), "{}", "[]", "The value field must be an object."),
            (.null, "null", "0", "The value field must be null."),
        ])
    func typeCheck(_ rules: JSONSchemaRules, _ valid: String, _ invalid: String, _ message: String) {
        let schema = JSONSchemaRules.object(properties: ["value": rules])
        #expect(errors(schema, "{\"value\": \(valid)}").isEmpty)
        #expect(errors(schema, "{\"value\": \(invalid)}") == ["value": [message]])
    }

    @Test("1.0 is an integer, and an integer is a number")
    func integerSemantics() {
        #expect(JSONSchemaRules.integer().accepts(json("1.0")))
        #expect(JSONSchemaRules.integer().accepts(json("1e3")))
        #expect(!JSONSchemaRules.integer().accepts(json("1.5")))
        #expect(JSONSchemaRules.number().accepts(json("7")))
        #expect(JSONSchemaRules.integer().accepts(json("123456789012345678901234567890")))
    }

    @Test("nullable admits null; a non-nullable field does not")
    func nullable() {
        #expect(JSONSchemaRules.string(nullable: true).accepts(.null))
        #expect(!JSONSchemaRules.string().accepts(.null))
        let schema = JSONSchemaRules.object(properties: ["avatar": .string(format: .uri)])
        #expect(errors(schema, #"{"avatar": null}"#) == ["avatar": ["The avatar field must be a string."]])
    }

    @Test("Several types are named together, null left out of the message")
    func typeUnions() {
        let schema = JSONSchemaRules.object(properties: ["id": JSONSchemaRules(type: [.string, .integer, .null])])
        #expect(errors(schema, #"{"id": true}"#) == ["id": ["The id field must be a string or an integer."]])
        #expect(errors(schema, #"{"id": null}"#).isEmpty)
    }

    @Test("enum compares deeply and reports Laravel's 'selected' message")
    func enumeration() {
        let schema = JSONSchemaRules.object(properties: [
            "currency": .string(enum: ["BTC", "ETH", "USDT", "USDC"], nullable: true),
            "shape": .enum([[1, 2], ["a": 1], 3]),
        ])
        #expect(errors(schema, #"{"currency": "DOGE"}"#) == ["currency": ["The selected currency is invalid."]])
        #expect(errors(schema, #"{"currency": null}"#).isEmpty)
        #expect(errors(schema, #"{"shape": [1.0, 2]}"#).isEmpty)
        #expect(errors(schema, #"{"shape": {"a": 1.0}}"#).isEmpty)
        #expect(errors(schema, #"{"shape": 3.0}"#).isEmpty)
        #expect(errors(schema, #"{"shape": [2, 1]}"#) == ["shape": ["The selected shape is invalid."]])
        #expect(errors(schema, #"{"shape": "3"}"#) == ["shape": ["The selected shape is invalid."]])
    }

    @Test("A long enum is looked up through a set with the same answers")
    func longEnumeration() {
        let values: [JSONValue] = (0..<50).map { .string("v\($0)") } + [1, ["k": [1, 2]]]
        let schema = JSONSchemaRules.enum(values)
        #expect(schema.accepts("v49"))
        #expect(schema.accepts(json("1.0")))
        #expect(schema.accepts(json(#"{"k": [1.0, 2]}"#)))
        #expect(!schema.accepts("v50"))
    }

    @Test("const requires exactly one value, null included")
    func constant() {
        #expect(JSONSchemaRules.const("agent").accepts("agent"))
        #expect(!JSONSchemaRules.const("agent").accepts("user"))
        #expect(JSONSchemaRules.const(.null).accepts(.null))
        #expect(!JSONSchemaRules.const(.null).accepts(0))
        #expect(JSONSchemaRules.const(json(#"{"a": [1]}"#)).accepts(json(#"{"a": [1.0]}"#)))
        let schema = JSONSchemaRules.object(properties: ["kind": .const("agent")])
        #expect(errors(schema, #"{"kind": "user"}"#) == ["kind": ["The selected kind is invalid."]])
    }

    @Test("true accepts everything, false nothing; a false property is prohibited")
    func booleanSchemas() {
        for text in ["null", "1", "\"x\"", "[]", "{}", "true"] {
            #expect(JSONSchemaRules.any.accepts(json(text)))
            #expect(!JSONSchemaRules.never.accepts(json(text)))
        }
        let schema = JSONSchemaRules.object(properties: ["legacy_id": .never])
        #expect(errors(schema, #"{"legacy_id": 1}"#) == ["legacy_id": ["The legacy id field is prohibited."]])
        #expect(errors(schema, #"{}"#).isEmpty)
    }

    @Test("A body of the wrong type is reported under 'body'")
    func wrongBodyType() {
        let schema = JSONSchemaRules.object(properties: ["name": .string()], required: ["name"])
        #expect(errors(schema, "[1, 2]") == ["body": ["The request body must be an object."]])
    }
}
