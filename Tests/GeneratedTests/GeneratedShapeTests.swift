import Foundation
import Testing

@testable import Generated
@testable import SpecGenRuntime

// What SpecGen is expected to print for one operation, written by hand: a schema literal, a typed body, the
// operation's request rules. The tests below run it end to end, so a change to the runtime's API that would
// break generated code breaks here first.

/// `components.schemas` as SpecGen prints them.
private enum ExampleSchemas {
    static let link: JSONSchemaRules = .object(
        properties: ["title": .string(maxLength: 100), "url": .string(maxLength: 500, format: .uri)],
        required: ["url"])

    static let registerAgentBody: JSONSchemaRules = .object(
        properties: [
            "name": .string(maxLength: 255),
            "email": .string(format: .email),
            "currency": .string(enum: ["BTC", "ETH", "USDT", "USDC"], nullable: true),
            "last_updated_at": .string(format: .dateTime, nullable: true),
            "skills": .array(items: .string(maxLength: 100), maxItems: 100, nullable: true),
            "links": .array(items: .reference("Link") { ExampleSchemas.link }, maxItems: 20, nullable: true),
            "budget": .string(pattern: "^[0-9]+(\\.[0-9]{1,2})?$", nullable: true),
        ],
        required: ["name", "email"])
}

/// A typed body as SpecGen prints it.
private struct ExampleRegisterAgentBody: JSONCodable, Equatable {
    struct Link: JSONCodable, Equatable {
        var title: String?
        var url: String

        init(json: JSONValue) throws(JSONDecodingError) {
            let object = try json.decodeObject()
            title = try object.decodeIfPresent("title")
            url = try object.decode("url")
        }

        var json: JSONValue {
            var object = JSONObject()
            object["title"] = title?.json
            object["url"] = url.json
            return .object(object)
        }
    }

    var name: String
    var email: String
    var currency: String?
    var lastUpdatedAt: Date?
    var skills: [String]?
    var links: [Link]?
    var budget: Decimal?

    init(json: JSONValue) throws(JSONDecodingError) {
        let object = try json.decodeObject()
        name = try object.decode("name")
        email = try object.decode("email")
        currency = try object.decodeIfPresent("currency")
        lastUpdatedAt = try object.decodeIfPresent("last_updated_at")
        skills = try object.decodeIfPresent("skills")
        links = try object.decodeIfPresent("links")
        budget = try object.decodeIfPresent("budget")
    }

    var json: JSONValue {
        var object = JSONObject()
        object["name"] = name.json
        object["email"] = email.json
        object["currency"] = currency?.json
        object["last_updated_at"] = lastUpdatedAt?.json
        object["skills"] = skills?.json
        object["links"] = links?.json
        object["budget"] = budget.map { .string("\($0)") }
        return .object(object)
    }
}

/// The operation table entries as SpecGen prints them.
private enum ExampleOperations {
    static let registerAgent = RequestRules(body: ExampleSchemas.registerAgentBody, isBodyRequired: true)
    static let getAgentUser = RequestRules(parameters: [.path("id", .integer(minimum: 1))])
}

@Suite("Generated code shape, end to end")
struct GeneratedShapeTests {
    @Test("Bytes in, typed body out")
    func bytesToTypedBody() throws {
        let bytes = Array(
            #"{"name": "Bot", "email": "bot@example.com", "currency": "USDT", "last_updated_at": "2024-05-01T14:30:00+02:00", "links": [{"url": "https://bot.example"}], "budget": "20.00"}"#
                .utf8)
        let request = try ExampleOperations.registerAgent.decode(ParameterSources(), body: bytes)
        let body = try ExampleRegisterAgentBody(json: request.body!)
        #expect(body.name == "Bot")
        #expect(body.lastUpdatedAt == RFC3339.date(from: "2024-05-01T12:30:00Z"))
        #expect(body.links == [try .init(json: ["url": "https://bot.example"])])
        #expect(body.budget == Decimal(string: "20"))
        #expect(try ExampleRegisterAgentBody(json: body.json) == body)
    }

    @Test("Every problem comes back in one Laravel-shaped 422")
    func invalidBody() {
        let bytes = Array(#"{"email": "bot", "links": [{"title": "x"}, {"url": "not a url"}], "budget": "20.001"}"#.utf8)
        do {
            _ = try ExampleOperations.registerAgent.decode(ParameterSources(), body: bytes)
            Issue.record("expected a rejection")
        } catch {
            #expect(error.status == 422)
            #expect(
                error.responseBody.jsonText
                    == #"{"message":"The name field is required. (and 4 more errors)","errors":{"name":["The name field is required."],"email":["The email field must be a valid email address."],"links.0.url":["The links.0.url field is required."],"links.1.url":["The links.1.url field must be a valid URL."],"budget":["The budget field format is invalid."]}}"#
            )
        }
    }

    @Test("A path parameter that is not an integer is a 422 naming it")
    func pathParameter() {
        do {
            _ = try ExampleOperations.getAgentUser.decode(ParameterSources(path: ["id": "abc"]))
            Issue.record("expected a rejection")
        } catch {
            #expect(error.responseBody["errors"]?["id"] == ["The id field must be an integer."])
        }
    }
}
