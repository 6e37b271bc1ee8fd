import Testing

@testable import Generated
@testable import SpecGenRuntime

@Suite("Path and query parameter decoding")
struct ParameterDecodingTests {
    func decode(_ parameters: [ParameterRules], query: String = "", path: [String: String] = [:], headers: [String: String] = [:])
        -> (values: JSONObject, errors: [String: [String]])
    {
        var errors = ValidationErrors()
        let values = ParameterDecoding.decode(
            parameters, from: ParameterSources(path: path, query: QueryString(query), headers: headers), into: &errors)
        var byKey: [String: [String]] = [:]
        for field in errors.fields { byKey[field.key] = field.messages }
        return (values, byKey)
    }

    @Test("Query strings are form-decoded: + is a space, %XX a byte, bad % kept")
    func queryStringDecoding() {
        let query = QueryString("q=a+b%20c&name=%C3%A9t%C3%A9&bad=100%&flag&&tags%5B%5D=x")
        #expect(query.items.map(\.name) == ["q", "name", "bad", "flag", "tags[]"])
        #expect(query.items.map(\.value) == ["a b c", "été", "100%", "", "x"])
    }

    @Test("Integers are exact, and text that is not one is reported as not an integer")
    func integers() {
        let parameters: [ParameterRules] = [.query("page", .integer(minimum: 1)), .query("id", .integer())]
        let ok = decode(parameters, query: "page=2&id=9223372036854775807")
        #expect(ok.values["page"] == 2)
        #expect(ok.values["id"]?.int64Value == Int64.max)
        #expect(ok.errors.isEmpty)
        let bad = decode(parameters, query: "page=0&id=abc")
        #expect(bad.errors == ["page": ["The page field must be at least 1."], "id": ["The id field must be an integer."]])
        #expect(decode(parameters, query: "page=1.5").errors == ["page": ["The page field must be an integer."]])
        #expect(decode(parameters, query: "page=").errors == ["page": ["The page field must be an integer."]])
    }

    @Test("Booleans read true/false/1/0; anything else is reported", arguments: [
        ("true", true), ("false", false), ("1", true), ("0", false),
    ])
    func booleans(_ text: String, _ expected: Bool) {
        let result = decode([.query("archived", .boolean())], query: "archived=\(text)")
        #expect(result.values["archived"] == .bool(expected))
        #expect(result.errors.isEmpty)
    }

    @Test("A boolean given as yes is not guessed")
    func badBoolean() {
        #expect(decode([.query("archived", .boolean())], query: "archived=yes").errors == [
            "archived": ["The archived field must be true or false."]
        ])
    }

    @Test("Arrays from tags[]=, repeated tags= and tags[0]=, item errors keyed tags.1")
    func arrays() {
        let tags = ParameterRules.query("tags", .array(items: .string(maxLength: 3), maxItems: 3))
        #expect(decode([tags], query: "tags[]=a&tags[]=bb").values["tags"] == ["a", "bb"])
        #expect(decode([tags], query: "tags=a&tags=bb").values["tags"] == ["a", "bb"])
        #expect(decode([tags], query: "tags[1]=b&tags[0]=a").values["tags"] == ["a", "b"])
        #expect(decode([tags], query: "tags=a").values["tags"] == ["a"])
        #expect(decode([tags], query: "tags[]=a&tags[]=toolong").errors == [
            "tags.1": ["The tags.1 field must not be greater than 3 characters."]
        ])
        #expect(decode([tags], query: "tags[]=a&tags[]=b&tags[]=c&tags[]=d").errors == [
            "tags": ["The tags field must not have more than 3 items."]
        ])
        let ids = ParameterRules.query("ids", .array(items: .integer()))
        #expect(decode([ids], query: "ids[]=1&ids[]=x").values["ids"] == [1, "x"])
        #expect(decode([ids], query: "ids[]=1&ids[]=x").errors == ["ids.1": ["The ids.1 field must be an integer."]])
    }

    @Test("explode: false and the delimited styles split one value")
    func delimitedArrays() {
        let comma = ParameterRules.query("ids", .array(items: .integer()), explode: false)
        #expect(decode([comma], query: "ids=1,2,3").values["ids"] == [1, 2, 3])
        let pipe = ParameterRules.query("ids", .array(items: .integer()), style: .pipeDelimited)
        #expect(decode([pipe], query: "ids=1|2").values["ids"] == [1, 2])
        let space = ParameterRules.query("ids", .array(items: .integer()), style: .spaceDelimited)
        #expect(decode([space], query: "ids=1%202").values["ids"] == [1, 2])
    }

    @Test("Deep objects from dates[from]=…, errors keyed dates.from")
    func deepObjects() {
        let dates = ParameterRules.query(
            "dates",
            .object(properties: ["from": .string(format: .date), "to": .string(format: .date)], required: ["from"]),
            style: .deepObject)
        let ok = decode([dates], query: "dates[from]=2024-01-01&dates[to]=2024-01-31")
        #expect(ok.values["dates"] == ["from": "2024-01-01", "to": "2024-01-31"])
        #expect(ok.errors.isEmpty)
        #expect(decode([dates], query: "dates[from]=2024-02-30").errors == ["dates.from": ["The dates.from field must be a valid date."]])
        #expect(decode([dates], query: "dates[to]=2024-01-31").errors == ["dates.from": ["The dates.from field is required."]])
    }

    @Test("Nested brackets build arrays of objects: links[0][url]")
    func nestedBrackets() {
        let links = ParameterRules.query(
            "links", .array(items: .object(properties: ["url": .string(format: .uri), "rank": .integer()])))
        let result = decode([links], query: "links[0][url]=https://a.example&links[0][rank]=2&links[1][url]=nope")
        #expect(result.values["links"] == [["url": "https://a.example", "rank": 2], ["url": "nope"]])
        #expect(result.errors == ["links.1.url": ["The links.1.url field must be a valid URL."]])
    }

    @Test("Exploded form objects read each property as its own pair")
    func formObjects() {
        let range = ParameterRules.query("range", .object(properties: ["min": .integer(), "max": .integer()]))
        #expect(decode([range], query: "min=1&max=5&other=x").values["range"] == ["min": 1, "max": 5])
        let packed = ParameterRules.query("range", .object(properties: ["min": .integer(), "max": .integer()]), explode: false)
        #expect(decode([packed], query: "range=min,1,max,5").values["range"] == ["min": 1, "max": 5])
    }

    @Test("Required query parameters are reported when missing; optional ones are left out")
    func requiredAndOptional() {
        let parameters: [ParameterRules] = [.query("q", .string(minLength: 2), required: true), .query("page", .integer())]
        let result = decode(parameters)
        #expect(result.errors == ["q": ["The q field is required."]])
        #expect(result.values["page"] == nil)
    }

    @Test("A repeated scalar takes its last value, as PHP does")
    func repeatedScalar() {
        #expect(decode([.query("sort", .string())], query: "sort=a&sort=b").values["sort"] == "b")
    }

    @Test("Path parameters convert by schema, arrays split on commas")
    func pathParameters() {
        let parameters: [ParameterRules] = [.path("contract", .integer(minimum: 1)), .path("ids", .array(items: .integer()))]
        let ok = decode(parameters, path: ["contract": "42", "ids": "1,2"])
        #expect(ok.values["contract"] == 42)
        #expect(ok.values["ids"] == [1, 2])
        let bad = decode(parameters, path: ["contract": "abc", "ids": "1,x"])
        #expect(bad.errors == ["contract": ["The contract field must be an integer."], "ids.1": ["The ids.1 field must be an integer."]])
        #expect(decode(parameters, path: [:]).errors.keys.sorted() == ["contract", "ids"])
    }

    @Test("Label and matrix path styles")
    func labelAndMatrix() {
        let label = ParameterRules.path("ids", .array(items: .integer()), style: .label)
        #expect(decode([label], path: ["ids": ".1,2"]).values["ids"] == [1, 2])
        let matrix = ParameterRules.path("id", .integer(), style: .matrix)
        #expect(decode([matrix], path: ["id": ";id=5"]).values["id"] == 5)
    }

    @Test("Headers match without regard to case")
    func headers() {
        let result = decode([.header("X-Request-Id", .string(format: .uuid), required: true)], headers: ["x-request-id": "nope"])
        #expect(result.errors == ["X-Request-Id": ["The x-request-id field must be a valid UUID."]])
    }

    @Test("Nullable parameters read an empty value as null")
    func nullableEmpty() {
        let result = decode([.query("parent", .integer(nullable: true))], query: "parent=")
        #expect(result.values["parent"] == .null)
        #expect(result.errors.isEmpty)
    }

    @Test("A $ref parameter schema is looked through to find items")
    func referencedArraySchema() {
        let schema = JSONSchemaRules.reference("Ids") { .array(items: .integer(maximum: 9)) }
        let result = decode([.query("ids", schema)], query: "ids[]=1&ids[]=10")
        #expect(result.values["ids"] == [1, 10])
        #expect(result.errors == ["ids.1": ["The ids.1 field must not be greater than 9."]])
    }
}
