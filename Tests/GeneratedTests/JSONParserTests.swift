import Foundation
import Testing

@testable import Generated
@testable import SpecGenRuntime

@Suite("JSON parser")
struct JSONParserTests {
    func parseError(_ text: String) -> JSONParseError? {
        do {
            _ = try JSONParser().parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test("Every JSON type parses, keys in order, numbers as written")
    func parsesEveryType() throws {
        let value = try JSONParser().parse(#"{"b": [1, 2.50, -3e2, true, false, null], "a": "x\"y", "c": {}}"#)
        #expect(value.objectValue?.keys == ["b", "a", "c"])
        #expect(value["b"]?[1]?.numberValue?.literal == "2.50")
        #expect(value["b"]?[2]?.int64Value == -300)
        #expect(value["b"]?[3] == true)
        #expect(value["b"]?[5] == .null)
        #expect(value["a"] == "x\"y")
        #expect(value["c"] == .object(JSONObject()))
    }

    @Test("Escapes, including surrogate pairs, decode to the right characters")
    func escapes() throws {
        let value = try JSONParser().parse(#""\n\t\\\/\b\f\r\u00e9\uD83D\uDE00""#)
        #expect(value == .string("\n\t\\/\u{08}\u{0C}\r\u{e9}\u{1F600}"))
        #expect(try JSONParser().parse("\"héllo 👍🏽\"") == .string("héllo 👍🏽"))
    }

    @Test("The error names the character, line and column")
    func errorLocation() {
        let error = parseError(#"{"name": "x", }"#)
        #expect(error?.message == "The request body is not valid JSON: unexpected '}' at line 1, column 15 (expected a string key).")
        let second = parseError("{\n  \"a\": 1,\n  \"b\": tru\n}")
        #expect(second?.line == 3)
        #expect(second?.column == 11)
        #expect(second?.message.contains("expected 'true'") == true)
    }

    @Test("Columns count characters, not bytes")
    func columnsInCharacters() {
        let error = parseError(#"{"é": x}"#)
        #expect(error?.column == 7)
    }

    @Test(
        "Malformed JSON is refused with a reason",
        arguments: [
            ("", "the body is empty"),
            ("[1, 2", "unexpected end of input"),
            ("[1,]", "unexpected ']'"),
            ("{'a': 1}", "unexpected '''"),
            ("01", "invalid number 01"),
            ("1.", "invalid number 1."),
            ("-", "invalid number -"),
            ("\"a\u{01}b\"", "unescaped control character U+0001"),
            (#""\x""#, "invalid escape \\x"),
            (#""\uD800""#, "invalid Unicode escape"),
            (#""\uDC00x""#, "a low surrogate without its high half"),
            (#""\u12G4""#, "invalid Unicode escape"),
            ("[1] [2]", "after the end of the JSON value"),
            ("nul", "unexpected end of input"),
            ("{\"a\":1,\"a\":2}", "the key \"a\" appears twice"),
            ("// comment\n{}", "unexpected '/'"),
            ("1e99999999999", "invalid number"),
        ])
    func refusesMalformed(_ text: String, _ expected: String) {
        let error = parseError(text)
        #expect(error != nil)
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "parsed")")
    }

    @Test("Invalid UTF-8 is refused, with its position")
    func invalidUTF8() {
        let bytes: [UInt8] = Array("{\"a\": \"x".utf8) + [0xFF] + Array("\"}".utf8)
        #expect(throws: JSONParseError.self) { try JSONParser().parse(bytes) }
        do {
            _ = try JSONParser().parse(bytes)
        } catch {
            #expect(error.reason == .invalidUTF8)
            #expect(error.offset == 8)
        }
    }

    @Test("Nesting past the limit is refused rather than overflowing the stack")
    func depthCap() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(parseError(deep)?.reason == .tooDeep(limit: 512))
        let fine = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(parseError(fine) == nil)
        #expect((try? JSONParser(maximumDepth: 3).parse("[[[[1]]]]")) == nil)
    }

    @Test("Repeated keys are found in large objects too")
    func duplicateKeysInLargeObjects() {
        let members = (0..<100).map { "\"k\($0)\": \($0)" }.joined(separator: ",")
        #expect(parseError("{\(members)}") == nil)
        #expect(parseError("{\(members), \"k50\": 1}")?.reason == .duplicateKey("k50"))
    }

    @Test("A byte order mark and surrounding whitespace are allowed")
    func bomAndWhitespace() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(" \n\t{\"a\": 1}\r\n".utf8)
        #expect(try JSONParser().parse(bytes)["a"]?.int64Value == 1)
        #expect(try JSONParser().parse(Data("[]".utf8)) == .array([]))
    }

    @Test("Large objects look members up through an index")
    func largeObjectLookup() throws {
        let members = (0..<50).map { "\"k\($0)\": \($0)" }.joined(separator: ",")
        let value = try JSONParser().parse("{\(members)}")
        #expect(value["k37"]?.int64Value == 37)
        #expect(value["missing"] == nil)
    }
}

@Suite("JSON encoding and equality")
struct JSONEncodingTests {
    @Test("Encoding keeps order, exact numbers and escapes only what it must")
    func encodes() {
        let value = json(#"{"z": 1.50, "a": [1e400, "é\n\"\u0001"], "n": null, "t": true}"#)
        #expect(value.jsonText == #"{"z":1.50,"a":[1e400,"é\n\"\u0001"],"n":null,"t":true}"#)
    }

    @Test("Parse → encode → parse is the identity")
    func roundTrip() throws {
        let text = #"{"b":[1,2.5,-3e2,{"x":"\ud83d\ude00\t"}],"a":{"c":[]}}"#
        let once = json(text)
        let twice = try JSONParser().parse(once.encoded())
        #expect(once == twice)
        #expect(once.jsonText == twice.jsonText)
    }

    @Test("Equality is JSON Schema's: numbers by value, objects in any order")
    func deepEquality() {
        #expect(json(#"{"a": 1, "b": [1.0, {"c": 2}]}"#) == json(#"{"b": [1, {"c": 2.00}], "a": 1e0}"#))
        #expect(json("[1, 2]") != json("[2, 1]"))
        #expect(json(#"{"a": 1}"#) != json(#"{"a": 1, "b": 2}"#))
        #expect(json("1") != json("true"))
        #expect(json("0") != json("false"))
        #expect(Set([json(#"{"a":1,"b":2}"#), json(#"{"b":2,"a":1.0}"#)]).count == 1)
    }
}
