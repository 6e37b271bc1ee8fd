import Testing

@testable import Generated
@testable import SpecGenRuntime

@Suite("The 422 body")
struct ValidationErrorsTests {
    @Test("The summary is the first message plus Laravel's '(and N more errors)'")
    func summary() {
        var errors = ValidationErrors()
        #expect(errors.message == "The given data was invalid.")
        errors.add(.required, at: "name")
        #expect(errors.message == "The name field is required.")
        errors.add(.format(.email), at: "email")
        #expect(errors.message == "The name field is required. (and 1 more error)")
        errors.add(.maxLength(5), at: "email")
        #expect(errors.message == "The name field is required. (and 2 more errors)")
    }

    @Test("The body is {message, errors} with keys in order and repeats dropped")
    func body() {
        var errors = ValidationErrors()
        errors.add(.required, at: "name")
        errors.add(.type(expected: .string), at: "skills.3")
        errors.add(.required, at: "name")
        errors.add(.custom("The email has already been taken."), at: "email")
        #expect(errors.count == 3)
        #expect(
            errors.responseBody.jsonText
                == #"{"message":"The name field is required. (and 2 more errors)","errors":{"name":["The name field is required."],"skills.3":["The skills.3 field must be a string."],"email":["The email has already been taken."]}}"#
        )
        #expect(ValidationErrors.status == 422)
    }

    @Test("Parameter and body errors merge into one answer")
    func merging() {
        var parameters = ValidationErrors()
        parameters.add(.minimum(1), at: "page")
        var body = ValidationErrors()
        body.add(.required, at: "name")
        parameters.merge(body)
        #expect(parameters.fields.map(\.key) == ["page", "name"])
    }

    @Test("A flood of errors is capped instead of answered in full")
    func cap() {
        let schema = JSONSchemaRules.array(items: .string())
        let value = JSONValue.array(Array(repeating: 1, count: 5000))
        let errors = schema.validate(value)
        #expect(errors.count == ValidationErrors.maximumIssues)
        #expect(errors.isTruncated)
    }

    @Test("Dotted keys read back into paths with indexes")
    func paths() {
        let path: FieldPath = "links.0.url"
        #expect(path.components == [.key("links"), .index(0), .key("url")])
        #expect(path.key == "links.0.url")
        #expect(path.attribute == "links.0.url")
        #expect(FieldPath("owner_email").attribute == "owner email")
        #expect(FieldPath.root.key == "body")
    }
}

@Suite("Decoding and validating a whole request body")
struct RequestBodyTests {
    /// The registerAgent body as SpecGen will print it (the benchmark's copy).
    let schema = JSONSchemaRules.object(
        properties: [
            "name": .string(maxLength: 255),
            "email": .string(format: .email),
            "currency": .string(enum: ["BTC", "ETH", "USDT", "USDC"], nullable: true),
            "avatar": .string(maxLength: 500, format: .uri, nullable: true),
            "owner_email": .string(maxLength: 255, format: .email, nullable: true),
            "last_updated_at": .string(format: .dateTime, nullable: true),
            "skills": .array(items: .string(maxLength: 100), maxItems: 100, nullable: true),
            "languages": .array(items: .string(maxLength: 10), maxItems: 50, nullable: true),
            "links": .array(
                items: .object(properties: ["title": .string(maxLength: 100), "url": .string(format: .uri)], required: ["url"]),
                maxItems: 20, nullable: true),
        ],
        required: ["name", "email"])

    func rejection(_ text: String) -> RequestRejection? {
        do {
            _ = try schema.decodeBody(Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test("Many errors in one body are all reported at once, in the spec's order")
    func manyErrorsAtOnce() {
        let body = """
            {"email": "not-an-email", "currency": "DOGE", "avatar": "no url", "owner_email": 42,
             "last_updated_at": "2024-13-01T00:00:00Z", "skills": ["ok", 3, "\(String(repeating: "s", count: 101))"],
             "languages": "en", "links": [{"url": "https://ok.example"}, {"title": "x"}, {"url": "bad url"}]}
            """
        guard case .invalid(let errors) = rejection(body) else {
            Issue.record("expected a 422")
            return
        }
        #expect(errors.fields.map(\.key) == [
            "name", "email", "currency", "avatar", "owner_email", "last_updated_at", "skills.1", "skills.2",
            "languages", "links.1.url", "links.2.url",
        ])
        #expect(errors.messages(for: "name") == ["The name field is required."])
        #expect(errors.messages(for: "email") == ["The email field must be a valid email address."])
        #expect(errors.messages(for: "currency") == ["The selected currency is invalid."])
        #expect(errors.messages(for: "avatar") == ["The avatar field must be a valid URL."])
        #expect(errors.messages(for: "owner_email") == ["The owner email field must be a string."])
        #expect(errors.messages(for: "last_updated_at") == ["The last updated at field must be a valid date."])
        #expect(errors.messages(for: "skills.1") == ["The skills.1 field must be a string."])
        #expect(errors.messages(for: "skills.2") == ["The skills.2 field must not be greater than 100 characters."])
        #expect(errors.messages(for: "languages") == ["The languages field must be an array."])
        #expect(errors.messages(for: "links.1.url") == ["The links.1.url field is required."])
        #expect(errors.messages(for: "links.2.url") == ["The links.2.url field must be a valid URL."])
        #expect(errors.message == "The name field is required. (and 10 more errors)")
        #expect(RequestRejection.invalid(errors).status == 422)
    }

    @Test("A valid body comes back parsed")
    func validBody() throws {
        let value = try schema.decodeBody(Array(#"{"name": "Bot", "email": "bot@example.com", "skills": null}"#.utf8))
        #expect(value["name"] == "Bot")
    }

    @Test("Malformed JSON is a 400 with the place of the problem")
    func malformed() {
        let result = rejection(#"{"name": "Bot",}"#)
        #expect(result?.status == 400)
        #expect(result?.responseBody["message"] == "The request body is not valid JSON: unexpected '}' at line 1, column 16 (expected a string key).")
    }

    @Test("An empty body is read as {} so the client learns what is required")
    func emptyBody() {
        guard case .invalid(let errors) = rejection("  ") else {
            Issue.record("expected a 422")
            return
        }
        #expect(errors.fields.map(\.key) == ["name", "email"])
    }

    @Test("A body of the wrong JSON type is a 422, not a crash")
    func wrongType() {
        #expect(rejection(#""just a string""#)?.responseBody.jsonText
            == #"{"message":"The request body must be an object.","errors":{"body":["The request body must be an object."]}}"#)
    }
}

@Suite("Sharing schemas across threads")
struct ConcurrentValidationTests {
    static let schema: JSONSchemaRules = .object(
        properties: [
            "slug": .string(pattern: "^[a-z0-9]+(-[a-z0-9]+)*$"),
            "email": .string(format: .email),
            "tags": .array(items: .string(pattern: "^#[a-z]+$"), uniqueItems: true),
        ],
        required: ["slug"])

    @Test("One schema validates from many tasks at once with the same answers")
    func concurrentValidation() async {
        let valid = json(##"{"slug": "my-agent", "email": "a@b.co", "tags": ["#a", "#b"]}"##)
        let invalid = json(##"{"slug": "My Agent", "email": "x", "tags": ["#a", "#a", "b"]}"##)
        let expected = Self.schema.validate(invalid)
        #expect(expected.count == 4)
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var wrong = 0
                    for _ in 0..<200 {
                        if !Self.schema.validate(valid).isEmpty { wrong += 1 }
                        if Self.schema.validate(invalid) != expected { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }
}
