import Testing

@testable import Generated
@testable import SpecGenRuntime

@Suite("allOf, anyOf, oneOf, not, if/then/else, $ref")
struct CompositionTests {
    static let address: JSONSchemaRules = .object(
        properties: ["city": .string(maxLength: 20), "zip": .string(pattern: "^[0-9]{5}$")], required: ["city"])

    @Test("allOf reports every failing part")
    func allOf() {
        let schema = JSONSchemaRules.object(properties: [
            "code": .allOf([.string(minLength: 3), .string(pattern: "^[A-Z]+$")])
        ])
        #expect(errors(schema, #"{"code": "a"}"#) == [
            "code": ["The code field must be at least 3 characters.", "The code field format is invalid."]
        ])
        #expect(errors(schema, #"{"code": "ABC"}"#).isEmpty)
    }

    @Test("anyOf [$ref, null] reports the referenced schema's own field errors")
    func anyOfNullableReference() {
        let schema = JSONSchemaRules.object(properties: [
            "address": .anyOf([.reference("Address") { CompositionTests.address }, .null])
        ])
        #expect(errors(schema, #"{"address": null}"#).isEmpty)
        #expect(errors(schema, #"{"address": {"city": "Oslo"}}"#).isEmpty)
        #expect(errors(schema, #"{"address": {"zip": "12"}}"#) == [
            "address.city": ["The address.city field is required."],
            "address.zip": ["The address.zip field format is invalid."],
        ])
        #expect(errors(schema, #"{"address": "Oslo"}"#) == ["address": ["The address field must be an object."]])
    }

    @Test("anyOf of types names them all when the value fits none")
    func anyOfTypes() {
        let schema = JSONSchemaRules.object(properties: ["id": .anyOf([.string(), .integer()])])
        #expect(errors(schema, #"{"id": 1.5}"#) == ["id": ["The id field must be a string or an integer."]])
        #expect(errors(schema, #"{"id": "abc"}"#).isEmpty)
        #expect(errors(schema, #"{"id": 7}"#).isEmpty)
    }

    @Test("oneOf fails on none and on more than one")
    func oneOf() {
        let schema = JSONSchemaRules.object(properties: [
            "n": .oneOf([.integer(multipleOf: 3), .integer(multipleOf: 5)])
        ])
        #expect(errors(schema, #"{"n": 9}"#).isEmpty)
        #expect(errors(schema, #"{"n": 15}"#) == ["n": ["The n field matches more than one allowed form."]])
        #expect(errors(schema, #"{"n": 7}"#) == ["n": ["The n field must be a multiple of 3."]])
    }

    @Test("not rejects what its schema accepts")
    func not() {
        let schema = JSONSchemaRules.object(properties: ["name": JSONSchemaRules(type: .string, not: .const("admin"))])
        #expect(errors(schema, #"{"name": "admin"}"#) == ["name": ["The name field is invalid."]])
        #expect(errors(schema, #"{"name": "ann"}"#).isEmpty)
    }

    @Test("if/then/else picks the branch by the condition")
    func conditional() {
        let schema = JSONSchemaRules(
            if: .object(properties: ["kind": .const("company")], required: ["kind"]),
            then: .object(required: ["vat"]),
            else: .object(required: ["birthdate"]))
        #expect(errors(schema, #"{"kind": "company"}"#) == ["vat": ["The vat field is required."]])
        #expect(errors(schema, #"{"kind": "person"}"#) == ["birthdate": ["The birthdate field is required."]])
        #expect(errors(schema, #"{"kind": "company", "vat": "X"}"#).isEmpty)
    }

    static let tree: JSONSchemaRules = .object(
        properties: ["name": .string(), "children": .array(items: .reference("Node") { CompositionTests.tree })],
        required: ["name"])

    @Test("A recursive $ref validates to any depth")
    func recursiveReference() {
        #expect(errors(Self.tree, #"{"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]}"#).isEmpty)
        #expect(errors(Self.tree, #"{"name": "a", "children": [{"name": "b", "children": [{}]}]}"#) == [
            "children.0.children.0.name": ["The children.0.children.0.name field is required."]
        ])
    }

    @Test("unevaluatedProperties: false closes an allOf composition, naming each extra member")
    func unevaluatedProperties() {
        let base = JSONSchemaRules.object(properties: ["name": .string()], required: ["name"])
        let agent = JSONSchemaRules(
            object: ObjectRules(properties: ["wallet": .string()], unevaluatedProperties: .never), allOf: [base])
        #expect(errors(agent, #"{"name": "a", "wallet": "w"}"#).isEmpty)
        #expect(errors(agent, #"{"name": "a", "extra": 1, "more": 2}"#) == [
            "extra": ["The extra field is prohibited."], "more": ["The more field is prohibited."],
        ])
        // Members seen only by a failing anyOf branch are not evaluated.
        let branches = JSONSchemaRules(
            object: ObjectRules(unevaluatedProperties: .never),
            anyOf: [.object(properties: ["a": .integer()]), .object(properties: ["b": .integer()])])
        #expect(branches.accepts(json(#"{"a": 1}"#)))
        #expect(!branches.accepts(json(#"{"a": 1, "c": 1}"#)))
        #expect(!branches.accepts(json(#"{"a": "x", "b": 1}"#)))
    }

    @Test("unevaluatedItems sees prefixItems of subschemas")
    func unevaluatedItems() {
        let tuple = JSONSchemaRules(
            array: ArrayRules(unevaluatedItems: .never), allOf: [.array(prefixItems: [.string()])])
        #expect(tuple.accepts(json(#"["a"]"#)))
        #expect(!tuple.accepts(json(#"["a", "b"]"#)))
        #expect(errors(.object(properties: ["pair": tuple]), #"{"pair": ["a", 2]}"#) == ["pair.1": ["The pair.1 field is prohibited."]])
    }
}
