import Foundation
import Testing

@testable import Generated
@testable import SpecGenRuntime

@Suite("Typed decoding and encoding for generated code")
struct JSONCodingTests {
    /// What a generated request type looks like.
    struct RegisterAgent: JSONDecodable, Equatable {
        var name: String
        var skills: [String]?
        var budget: Decimal?
        var limit: Int64
        var avatar: JSONField<String>

        init(json: JSONValue) throws(JSONDecodingError) {
            let object = try json.decodeObject()
            name = try object.decode("name")
            skills = try object.decodeIfPresent("skills")
            budget = try object.decodeIfPresent("budget")
            limit = try object.decode("limit")
            avatar = try object.decodeField("avatar")
        }
    }

    @Test("A validated object decodes into a typed value, absent and null told apart")
    func decodesTypedValues() throws {
        let value = try RegisterAgent(json: json(#"{"name": "Bot", "skills": ["a"], "budget": "19.99", "limit": 3.0, "avatar": null}"#))
        #expect(value.name == "Bot")
        #expect(value.skills == ["a"])
        #expect(value.budget == Decimal(string: "19.99"))
        #expect(value.limit == 3)
        #expect(value.avatar == .null)
        let absent = try RegisterAgent(json: json(#"{"name": "Bot", "limit": 1}"#))
        #expect(absent.avatar == .absent)
        #expect(absent.skills == nil)
    }

    @Test("A shape mismatch names its path")
    func mismatchPath() {
        #expect(throws: JSONDecodingError.self) { try RegisterAgent(json: json(#"{"name": "Bot", "limit": 1, "skills": ["a", 2]}"#)) }
        do {
            _ = try RegisterAgent(json: json(#"{"name": "Bot", "limit": 1, "skills": ["a", 2]}"#))
        } catch {
            #expect(error.description == "skills.1: expected a string, found an integer")
        }
        do {
            _ = try RegisterAgent(json: json(#"{"name": "Bot", "limit": 9223372036854775808}"#))
        } catch {
            #expect(error.description == "limit: expected an integer in Int64 range, found an integer")
        }
    }

    @Test("Encoding writes exact numbers and null for nil")
    func encodes() {
        let budget = Decimal(string: "1234567890.123456789")!
        let object: JSONValue = [
            "id": Int64.max.json, "budget": budget.json, "tags": ["a", "b"].json, "missing": (nil as String?).json,
            "ratio": 0.1.json, "count": 3.0.json,
        ]
        #expect(object.jsonText == #"{"id":9223372036854775807,"budget":1234567890.123456789,"tags":["a","b"],"missing":null,"ratio":0.1,"count":3}"#)
        #expect(Double.nan.json == .null)
    }
}

@Suite("Validator robustness")
struct ValidatorRobustnessTests {
    static let loop: JSONSchemaRules = .reference("Loop") { ValidatorRobustnessTests.loop }
    static let anyLoop: JSONSchemaRules = .anyOf([.reference("AnyLoop") { ValidatorRobustnessTests.anyLoop }])

    @Test("A $ref cycle that never descends fails instead of overflowing the stack")
    func referenceCycle() {
        #expect(!Self.loop.accepts(1))
        #expect(!Self.anyLoop.accepts(1))
        #expect(Self.loop.validate(1).issues.first?.failure == .invalid)
    }

    static let nested: JSONSchemaRules = .array(items: .reference("Nested") { ValidatorRobustnessTests.nested }, maxItems: 1)

    @Test("The deepest body the parser accepts validates on a task's stack")
    func deepestBodyValidates() async throws {
        let depth = JSONParser().maximumDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let value = try JSONParser().parse(text)
        #expect(Self.nested.validate(value).isEmpty)
        let tooWide = String(repeating: "[", count: depth - 1) + "[1, 2]" + String(repeating: "]", count: depth - 1)
        let key = (0..<(depth - 1)).map { _ in "0" }.joined(separator: ".")
        #expect(Self.nested.validate(try JSONParser().parse(tooWide)).fields.map(\.key) == [key, key + ".0", key + ".1"])
    }

    @Test("Strings are scanned right whatever falls on the 8-byte boundaries")
    func stringScanningBoundaries() throws {
        for length in 0..<24 {
            for special in ["\\\"", "\\\\", "é", "\\n", "😀"] {
                let prefix = String(repeating: "a", count: length)
                let text = "\"" + prefix + special + prefix + "\""
                let decoded = try JSONParser().parse(text)
                let expectedSpecial = ["\\\"": "\"", "\\\\": "\\", "é": "é", "\\n": "\n", "😀": "😀"][special]!
                #expect(decoded == .string(prefix + expectedSpecial + prefix))
            }
            let control = Array(("\"" + String(repeating: "a", count: length)).utf8) + [0x1F] + Array("\"".utf8)
            #expect(throws: JSONParseError.self) { try JSONParser().parse(control) }
        }
    }

    @Test("Random strings survive encode → parse")
    func randomStringRoundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "\"", "\\", "\n", "\u{01}", "é", "😀", " ", "/", "\u{7F}", "\u{2028}"]
        for _ in 0..<200 {
            let length = Int.random(in: 0..<40, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let value: JSONValue = ["k": .string(text), "list": [.string(text)]]
            #expect(try JSONParser().parse(value.encoded()) == value)
        }
    }

    @Test("Foundation agrees with the parser on what Foundation can read")
    func agreesWithFoundation() throws {
        let text = #"{"a": [1, -2, 3.25, true, null, "x\u00e9\n"], "b": {"c": "d"}}"#
        let ours = try JSONParser().parse(text)
        let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        #expect((theirs["b"] as! [String: String])["c"] == ours["b"]?["c"]?.stringValue)
        #expect((theirs["a"] as! [Any])[5] as? String == ours["a"]?[5]?.stringValue)
    }
}
