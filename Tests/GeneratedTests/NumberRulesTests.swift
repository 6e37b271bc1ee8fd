import Testing

@testable import Generated
@testable import SpecGenRuntime

@Suite("minimum, maximum, exclusive bounds, multipleOf")
struct NumberRulesTests {
    @Test("Bounds report Laravel's messages with the spec's number")
    func boundMessages() {
        let schema = JSONSchemaRules.object(properties: [
            "count": .integer(minimum: 1, maximum: 10),
            "price": .number(exclusiveMinimum: 0),
            "ratio": .number(exclusiveMaximum: 1),
            "amount": .number(multipleOf: "0.01"),
        ])
        #expect(errors(schema, #"{"count": 0}"#) == ["count": ["The count field must be at least 1."]])
        #expect(errors(schema, #"{"count": 11}"#) == ["count": ["The count field must not be greater than 10."]])
        #expect(errors(schema, #"{"price": 0}"#) == ["price": ["The price field must be greater than 0."]])
        #expect(errors(schema, #"{"ratio": 1.0}"#) == ["ratio": ["The ratio field must be less than 1."]])
        #expect(errors(schema, #"{"amount": 10.005}"#) == ["amount": ["The amount field must be a multiple of 0.01."]])
        #expect(errors(schema, #"{"count": 1, "price": 0.0001, "ratio": 0.9999, "amount": 10.05}"#).isEmpty)
    }

    @Test("An int64 maximum is exact: one past it fails")
    func int64Maximum() {
        let rules = JSONSchemaRules.integer(minimum: -9223372036854775808, maximum: 9223372036854775807)
        #expect(rules.accepts(json("9223372036854775807")))
        #expect(!rules.accepts(json("9223372036854775808")))
        #expect(rules.accepts(json("-9223372036854775808")))
        #expect(!rules.accepts(json("-9223372036854775809")))
        #expect(!rules.accepts(json("1e400")))
        #expect(rules.accepts(json("9.223372036854775807e18")))
    }

    @Test("Bounds beyond Double compare exactly")
    func beyondDouble() {
        #expect(!JSONSchemaRules.number(maximum: "1e308").accepts(json("1e400")))
        #expect(JSONSchemaRules.number(minimum: "1e-400").accepts(json("2e-400")))
        #expect(!JSONSchemaRules.number(minimum: "0.1000000000000000000000000001").accepts(json("0.1")))
    }

    @Test("Keywords for numbers ignore other types")
    func ignoresOtherTypes() {
        let untyped = JSONSchemaRules(number: NumberRules(minimum: 10))
        #expect(untyped.accepts("5"))
        #expect(!untyped.accepts(5))
    }
}
