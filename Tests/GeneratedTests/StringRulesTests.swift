import Testing

@testable import Generated
@testable import SpecGenRuntime

@Suite("minLength, maxLength, pattern")
struct StringRulesTests {
    let schema = JSONSchemaRules.object(properties: [
        "name": .string(maxLength: 255),
        "code": .string(minLength: 6, maxLength: 6),
        "nickname": .string(minLength: 3),
        "slug": .string(pattern: "^[a-z0-9]+(-[a-z0-9]+)*$"),
    ])

    @Test("Too long and too short use Laravel's messages")
    func lengthMessages() {
        let long = String(repeating: "a", count: 256)
        #expect(errors(schema, "{\"name\": \"\(long)\"}") == ["name": ["The name field must not be greater than 255 characters."]])
        #expect(errors(schema, #"{"nickname": "ab"}"#) == ["nickname": ["The nickname field must be at least 3 characters."]])
        #expect(errors(schema, #"{"code": "12345"}"#) == ["code": ["The code field must be 6 characters."]])
        #expect(errors(schema, #"{"code": "1234567"}"#) == ["code": ["The code field must be 6 characters."]])
        #expect(errors(schema, "{\"name\": \"\(String(repeating: "a", count: 255))\", \"code\": \"123456\", \"nickname\": \"abc\"}").isEmpty)
    }

    @Test("Lengths count code points: accents and emoji are not bytes")
    func lengthsInCodePoints() {
        let rules = JSONSchemaRules.string(minLength: 2, maxLength: 3)
        #expect(rules.accepts("éé"))  // 4 bytes, 2 code points
        #expect(rules.accepts("日本語"))  // 9 bytes, 3 code points
        #expect(!rules.accepts("日本語だ"))
        #expect(!rules.accepts("é"))
        #expect(rules.accepts("👍🏽"))  // one grapheme, two code points
        #expect(JSONSchemaRules.string(maxLength: 1).accepts("😀"))
        #expect(!JSONSchemaRules.string(minLength: 2).accepts("😀"))
    }

    @Test("pattern searches unanchored with ECMA-262 meaning")
    func pattern() {
        #expect(errors(schema, #"{"slug": "my-agent-2"}"#).isEmpty)
        #expect(errors(schema, #"{"slug": "My Agent"}"#) == ["slug": ["The slug field format is invalid."]])
        let unanchored = JSONSchemaRules.string(pattern: "[0-9]{3}")
        #expect(unanchored.accepts("abc123def"))
        #expect(!unanchored.accepts("ab12"))
    }

    @Test("Keywords for strings ignore other types")
    func ignoresOtherTypes() {
        let untyped = JSONSchemaRules(string: StringRules(maxLength: 2, pattern: "^a"))
        #expect(untyped.accepts(12345))
        #expect(untyped.accepts(["long", "array"]))
        #expect(!untyped.accepts("bcd"))
    }
}
