import Testing

@testable import Generated
@testable import SpecGenRuntime

@Suite("items, prefixItems, minItems, maxItems, uniqueItems, contains")
struct ArrayRulesTests {
    @Test("Item failures are keyed by index, like Laravel's skills.3")
    func itemKeys() {
        let schema = JSONSchemaRules.object(properties: [
            "skills": .array(items: .string(maxLength: 5), maxItems: 10)
        ])
        #expect(
            errors(schema, #"{"skills": ["ok", "ok", 7, "too long"]}"#) == [
                "skills.2": ["The skills.2 field must be a string."],
                "skills.3": ["The skills.3 field must not be greater than 5 characters."],
            ])
    }

    @Test("Item counts use Laravel's messages")
    func counts() {
        let schema = JSONSchemaRules.object(properties: [
            "skills": .array(minItems: 1, maxItems: 3), "pair": .array(minItems: 2, maxItems: 2),
        ])
        #expect(errors(schema, #"{"skills": []}"#) == ["skills": ["The skills field must have at least 1 items."]])
        #expect(errors(schema, #"{"skills": [1,2,3,4]}"#) == ["skills": ["The skills field must not have more than 3 items."]])
        #expect(errors(schema, #"{"pair": [1]}"#) == ["pair": ["The pair field must contain 2 items."]])
        #expect(errors(schema, #"{"skills": [1], "pair": [1, 2]}"#).isEmpty)
    }

    @Test("uniqueItems compares deeply and flags the later copy")
    func uniqueness() {
        let schema = JSONSchemaRules.object(properties: ["tags": .array(uniqueItems: true)])
        #expect(errors(schema, #"{"tags": ["a", "b", "a"]}"#) == ["tags.2": ["The tags.2 field has a duplicate value."]])
        #expect(errors(schema, #"{"tags": [1, 1.0]}"#) == ["tags.1": ["The tags.1 field has a duplicate value."]])
        #expect(errors(schema, #"{"tags": [{"a": 1, "b": 2}, {"b": 2, "a": 1}]}"#).keys.contains("tags.1"))
        #expect(errors(schema, #"{"tags": [1, "1", true, [1], {"1": 1}, null]}"#).isEmpty)
        #expect(errors(schema, #"{"tags": [[1, 2], [2, 1]]}"#).isEmpty)
    }

    @Test("prefixItems checks positions; items: false closes the tuple")
    func tuples() {
        let point = JSONSchemaRules.array(items: .never, prefixItems: [.number(), .number()])
        #expect(point.accepts(json("[1, 2]")))
        #expect(point.accepts(json("[1]")))
        #expect(!point.accepts(json("[1, 2, 3]")))
        #expect(!point.accepts(json(#"[1, "2"]"#)))
        let schema = JSONSchemaRules.object(properties: ["point": point])
        #expect(errors(schema, #"{"point": [1, 2, 3]}"#) == ["point": ["The point field must not have more than 2 items."]])
        #expect(errors(schema, #"{"point": ["x", 2]}"#) == ["point.0": ["The point.0 field must be a number."]])
        let open = JSONSchemaRules.array(items: .string(), prefixItems: [.integer()])
        #expect(open.accepts(json(#"[1, "a", "b"]"#)))
        #expect(!open.accepts(json(#"[1, "a", 2]"#)))
    }

    @Test("contains with minContains and maxContains")
    func containsCounts() {
        let one = JSONSchemaRules.array(contains: .const("admin"))
        #expect(one.accepts(json(#"["user", "admin"]"#)))
        #expect(!one.accepts(json(#"["user"]"#)))
        let schema = JSONSchemaRules.object(properties: [
            "roles": .array(contains: .integer(), minContains: 2, maxContains: 3)
        ])
        #expect(errors(schema, #"{"roles": [1, "a"]}"#) == ["roles": ["The roles field must contain at least 2 matching items."]])
        #expect(errors(schema, #"{"roles": [1, 2, 3, 4]}"#) == ["roles": ["The roles field must not contain more than 3 matching items."]])
        #expect(errors(schema, #"{"roles": [1, 2, "x"]}"#).isEmpty)
        #expect(JSONSchemaRules.array(contains: .integer(), minContains: 0).accepts(json("[]")))
    }
}
