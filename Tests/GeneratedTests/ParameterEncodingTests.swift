import Testing

@testable import SpecGenRuntime

/// What a client writes for each parameter style, and that the server's decoder reads back the value that was
/// written (every check decodes the text with ``ParameterDecoding``).
@Suite("Parameter encoding")
struct ParameterEncodingTests {
    /// The value the server reads from `pairs` (a query) for `parameter`.
    static func decodedQuery(_ parameter: ParameterRules, _ pairs: [String]) -> JSONValue? {
        ParameterDecoding.value(of: parameter, in: ParameterSources(query: QueryString(pairs.joined(separator: "&"))))
    }

    @Test func queryArraysFollowFormExplodeAndTheDelimitedStyles() {
        let tags: JSONValue = ["a", "b c"]
        let exploded = ParameterRules.query("tags", .array(items: .string()))
        #expect(ParameterEncoding.query(exploded, tags) == ["tags=a", "tags=b%20c"])
        let joined = ParameterRules.query("tags", .array(items: .string()), explode: false)
        #expect(ParameterEncoding.query(joined, tags) == ["tags=a,b%20c"])
        let spaced = ParameterRules.query("tags", .array(items: .string()), style: .spaceDelimited, explode: false)
        #expect(ParameterEncoding.query(spaced, ["a", "b"]) == ["tags=a%20b"])
        let piped = ParameterRules.query("tags", .array(items: .string()), style: .pipeDelimited, explode: false)
        #expect(ParameterEncoding.query(piped, ["a", "b"]) == ["tags=a%7Cb"])
        for parameter in [exploded, joined, piped] {
            #expect(Self.decodedQuery(parameter, ParameterEncoding.query(parameter, ["a", "b"])) == ["a", "b"])
        }
        #expect(Self.decodedQuery(exploded, ParameterEncoding.query(exploded, tags)) == tags)
    }

    @Test func reservedCharactersInAQueryValueArePercentEncodedAndReadBack() {
        let parameter = ParameterRules.query("q", .string())
        let value: JSONValue = "a&b=c+d/é?#%"
        let pairs = ParameterEncoding.query(parameter, value)
        #expect(pairs == ["q=a%26b%3Dc%2Bd%2F%C3%A9%3F%23%25"])
        #expect(Self.decodedQuery(parameter, pairs) == value)
    }

    @Test func deepObjectsNestByBracketsAndFormObjectsSpreadOrJoin() {
        let dates: JSONValue = ["from": "2024-01-01", "to": "2024-02-01"]
        let schema = JSONSchemaRules.object(properties: ["from": .string(), "to": .string()])
        let deep = ParameterRules.query("dates", schema, style: .deepObject)
        let pairs = ParameterEncoding.query(deep, dates)
        #expect(pairs == ["dates%5Bfrom%5D=2024-01-01", "dates%5Bto%5D=2024-02-01"])
        #expect(Self.decodedQuery(deep, pairs) == dates)
        let spread = ParameterRules.query("dates", schema)
        #expect(ParameterEncoding.query(spread, dates) == ["from=2024-01-01", "to=2024-02-01"])
        #expect(Self.decodedQuery(spread, ParameterEncoding.query(spread, dates)) == dates)
        let joined = ParameterRules.query("dates", schema, explode: false)
        #expect(ParameterEncoding.query(joined, dates) == ["dates=from,2024-01-01,to,2024-02-01"])
        #expect(Self.decodedQuery(joined, ParameterEncoding.query(joined, dates)) == dates)
    }

    @Test func scalarsAreTheirTextAndAContentParameterIsItsJSON() {
        #expect(
            ParameterEncoding.query(.query("page", .integer()), 9_223_372_036_854_775_807) == [
                "page=9223372036854775807"
            ])
        #expect(ParameterEncoding.query(.query("on", .boolean()), true) == ["on=true"])
        let filter = ParameterRules.query(
            "filter", .object(properties: ["tag": .string()]), content: "application/json")
        let pairs = ParameterEncoding.query(filter, ["tag": "a b"])
        #expect(pairs == ["filter=%7B%22tag%22%3A%22a%20b%22%7D"])
        #expect(Self.decodedQuery(filter, pairs) == ["tag": "a b"])
    }

    @Test func pathValuesCannotLeaveTheirSegmentAndFollowTheirStyle() {
        let id = ParameterRules.path("id", .string())
        #expect(ParameterEncoding.path(id, "a/b c") == "a%2Fb%20c")
        let list = JSONValue.array([1, 2])
        #expect(ParameterEncoding.path(.path("ids", .array(items: .integer())), list) == "1,2")
        #expect(ParameterEncoding.path(.path("ids", .array(items: .integer()), style: .label), list) == ".1,2")
        #expect(
            ParameterEncoding.path(.path("ids", .array(items: .integer()), style: .label, explode: true), list)
                == ".1.2")
        #expect(ParameterEncoding.path(.path("ids", .array(items: .integer()), style: .matrix), list) == ";ids=1,2")
        #expect(
            ParameterEncoding.path(.path("ids", .array(items: .integer()), style: .matrix, explode: true), list)
                == ";ids=1;ids=2")
        let point = JSONValue.object(["x": 1, "y": 2])
        let schema = JSONSchemaRules.object(properties: ["x": .integer(), "y": .integer()])
        #expect(ParameterEncoding.path(.path("p", schema), point) == "x,1,y,2")
        #expect(ParameterEncoding.path(.path("p", schema, explode: true), point) == "x=1,y=2")
        for parameter in [
            ParameterRules.path("ids", .array(items: .integer())),
            .path("ids", .array(items: .integer()), style: .label),
            .path("ids", .array(items: .integer()), style: .label, explode: true),
            .path("ids", .array(items: .integer()), style: .matrix),
            .path("ids", .array(items: .integer()), style: .matrix, explode: true),
        ] {
            let text = PercentDecoding.decode(ParameterEncoding.path(parameter, list), plusIsSpace: false)
            #expect(ParameterDecoding.value(of: parameter, in: ParameterSources(path: ["ids": text])) == list)
        }
    }

    @Test func headersAreSimpleTextAndCookiesArePercentEncoded() {
        #expect(ParameterEncoding.header(.header("X-Ids", .array(items: .integer())), [1, 2]) == "1,2")
        #expect(ParameterEncoding.header(.header("X-Note", .string()), "a b/c") == "a b/c")
        let session = ParameterRules.cookie("session", .string())
        let pair = ParameterEncoding.cookie(session, "a b;c")
        #expect(pair == "session=a%20b%3Bc")
        #expect(ParameterDecoding.value(of: session, in: ParameterSources(headers: ["Cookie": pair])) == "a b;c")
    }
}
