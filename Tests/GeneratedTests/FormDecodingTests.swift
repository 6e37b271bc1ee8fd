import Testing

@testable import Generated
@testable import SpecGenRuntime

@Suite("Form bodies validated like JSON bodies")
struct FormDecodingTests {
    /// Shaped like the spec's RegisterUserRequest: text, a JSON object part, arrays of JSON objects, files.
    let register = RequestRules(
        body: .object(
            properties: [
                "email": .string(maxLength: 100, format: .email),
                "name": .string(minLength: 2, nullable: true),
                "age": .integer(minimum: 18),
                "newsletter": .boolean(),
                "schedule": .object(properties: ["label": .string(minLength: 1)], required: ["label"]),
                "skills": .array(items: .object(properties: ["label": .string(maxLength: 5)]), maxItems: 3),
                "job": .array(items: .integer(minimum: 1)),
                "ava": .string(),
                "docs": .array(items: .string(), maxItems: 2),
            ],
            required: ["email", "ava"], additionalProperties: .never),
        isBodyRequired: true,
        form: FormRules(jsonFields: ["schedule", "skills"], fileFields: ["ava", "docs"]))

    func sources(_ contentType: String? = "multipart/form-data; boundary=XyZ") -> ParameterSources {
        ParameterSources(headers: contentType.map { ["Content-Type": $0] } ?? [:])
    }

    static func text(_ name: String, _ value: String) -> (headers: [String], body: String) {
        (["Content-Disposition: form-data; name=\"\(name)\""], value)
    }

    static func file(_ name: String, _ filename: String, _ content: String, type: String? = "image/png")
        -> (headers: [String], body: String)
    {
        (
            ["Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\""]
                + (type.map { ["Content-Type: \($0)"] } ?? []), content
        )
    }

    func decode(_ parts: [(headers: [String], body: String)]) throws(RequestRejection) -> DecodedRequest {
        try register.decode(sources(), body: multipartBody(parts))
    }

    func errors(_ parts: [(headers: [String], body: String)]) -> [String: [String]] {
        do {
            _ = try decode(parts)
            return [:]
        } catch {
            guard case .invalid(let errors) = error else { return ["<not 422>": [error.responseBody.jsonText]] }
            return Dictionary(uniqueKeysWithValues: errors.fields.map { ($0.key, $0.messages) })
        }
    }

    @Test func textJSONAndFilePartsBecomeOneTypedObject() throws {
        let request = try decode([
            Self.text("email", "anna@example.com"),
            Self.text("age", "30"),
            Self.text("newsletter", "1"),
            (["Content-Disposition: form-data; name=\"schedule\""], #"{"label": "Consultations"}"#),
            Self.text("skills", #"[{"label": "Tax"}, {"label": "Law"}]"#),
            Self.text("job[]", "4"),
            Self.text("job[]", "5"),
            Self.file("ava", "me.png", "PNG"),
        ])
        #expect(
            request.body
                == json(
                    #"{"email": "anna@example.com", "age": 30, "newsletter": true, "schedule": {"label": "Consultations"}, "skills": [{"label": "Tax"}, {"label": "Law"}], "job": [4, 5], "ava": "me.png"}"#
                ))
        #expect(request.files.all.count == 1)
        let avatar = try #require(request.files.first("ava"))
        #expect(avatar.filename == "me.png" && avatar.contentType == "image/png" && avatar.bytes == Array("PNG".utf8))
    }

    @Test func repeatedFilePartsWithOrWithoutBracketsMakeAnArray() throws {
        for name in ["docs", "docs[]"] {
            let request = try decode([
                Self.text("email", "a@example.com"), Self.file("ava", "a.png", "A"),
                Self.file(name, "cv.pdf", "1", type: nil), Self.file(name, "diploma.pdf", "2", type: nil),
            ])
            #expect(request.body?["docs"] == ["cv.pdf", "diploma.pdf"], "\(name)")
            #expect(request.files["docs"].map(\.filename) == ["cv.pdf", "diploma.pdf"])
            #expect(request.files["docs"].first?.contentType == "application/octet-stream", "RFC 7578's default")
            #expect(request.files["docs"].first?.partName == name)
        }
    }

    @Test func aSingleFileFieldSentTwiceKeepsTheLastFileInBodyAndFiles() throws {
        let request = try decode([
            Self.text("email", "a@example.com"), Self.file("ava", "old.png", "1"), Self.file("ava", "new.png", "2"),
        ])
        #expect(request.body?["ava"] == "new.png")
        #expect(request.files.all.map(\.filename) == ["new.png"])
    }

    @Test func anEmptyTextPartIsNullAndAnEmptyFileInputIsNoFile() throws {
        let request = try decode([
            Self.text("email", "a@example.com"), Self.text("name", ""), Self.file("ava", "a.png", "A"),
            Self.file("docs[]", "", "", type: "application/octet-stream"),
        ])
        #expect(request.body?["name"] == .null)
        #expect(request.body?["docs"] == nil)
        #expect(request.files["docs"].isEmpty)
    }

    @Test func everyFieldsProblemsComeBackInOne422() {
        let found = errors([
            Self.text("email", "not an email"),
            Self.text("age", "twelve"),
            Self.text("newsletter", "maybe"),
            Self.text("schedule", "{not json"),
            Self.text("skills", #"[{"label": "Too long"}, {"label": 5}]"#),
            Self.text("job[]", "0"),
            Self.text("ava", "text where a file belongs"),
            Self.text("unknown", "x"),
        ])
        #expect(found["email"] == ["The email field must be a valid email address."])
        #expect(found["age"] == ["The age field must be an integer."])
        #expect(found["newsletter"] == ["The newsletter field must be true or false."])
        #expect(found["schedule"]?.first?.hasPrefix("The schedule field must be a valid JSON string") == true)
        #expect(found["skills.0.label"] == ["The skills.0.label field must not be greater than 5 characters."])
        #expect(found["skills.1.label"] == ["The skills.1.label field must be a string."])
        #expect(found["job.0"] == ["The job.0 field must be at least 1."])
        #expect(found["ava"] == ["The ava field must be a file."], "no second 'required' for the same field")
        #expect(found["unknown"] == ["The unknown field is prohibited."])
        #expect(found.count == 9, "\(found)")
    }

    @Test func requiredFilesAndTooManyFilesAreReportedLikeAnyField() {
        let found = errors([
            Self.text("email", "a@example.com"),
            Self.file("docs", "1.pdf", "1"), Self.file("docs", "2.pdf", "2"), Self.file("docs", "3.pdf", "3"),
        ])
        #expect(found["ava"] == ["The ava field is required."])
        #expect(found["docs"] == ["The docs field must not have more than 2 items."])
    }

    @Test func anEmptyRequiredFormListsTheRequiredFields() {
        #expect(errors([]) == ["email": ["The email field is required."], "ava": ["The ava field is required."]])
        #expect(throws: RequestRejection.self) { try register.decode(sources(nil), body: []) }
    }

    @Test func jsonSentToAFormOperationIs415AndAFormWithoutBoundaryIs400() {
        #expect(throws: RequestRejection.malformedForm(.unsupportedMediaType("application/json"))) {
            try register.decode(sources("application/json"), body: Array(#"{"email": "a@example.com"}"#.utf8))
        }
        #expect(throws: RequestRejection.malformedForm(.unsupportedMediaType(nil))) {
            try register.decode(sources(nil), body: Array("email=a".utf8))
        }
        #expect(throws: RequestRejection.malformedForm(.missingBoundary)) {
            try register.decode(sources("multipart/form-data"), body: Array("--x--".utf8))
        }
    }

    @Test func urlEncodedFormsAreReadTheSameWay() throws {
        let rules = RequestRules(
            body: .object(
                properties: [
                    "email": .string(), "age": .integer(), "note": .string(nullable: true),
                    "schedule": .object(properties: ["label": .string()]), "job": .array(items: .integer()),
                ]),
            form: FormRules(jsonFields: ["schedule"]))
        let request = try rules.decode(
            sources("application/x-www-form-urlencoded"),
            body: Array("email=a%40example.com&note=&age=21&schedule=%7B%22label%22%3A%22x%22%7D&job[]=3".utf8))
        #expect(
            request.body
                == json(#"{"email": "a@example.com", "note": null, "age": 21, "schedule": {"label": "x"}, "job": [3]}"#)
        )
    }

    @Test func aPartDeclaredJSONByItsContentTypeIsParsed() throws {
        let rules = RequestRules(
            body: .object(properties: ["meta": .object(properties: ["n": .integer()])]), form: FormRules())
        let request = try rules.decode(
            sources(),
            body: multipartBody([
                (["Content-Disposition: form-data; name=\"meta\"", "Content-Type: application/json"], #"{"n": 1}"#)
            ]))
        #expect(request.body == json(#"{"meta": {"n": 1}}"#))
    }

    @Test func nestedBracketNamesBuildObjectsInArrays() throws {
        let rules = RequestRules(
            body: .object(properties: [
                "links": .array(items: .object(properties: ["url": .string(), "rank": .integer()]))
            ]),
            form: FormRules())
        let request = try rules.decode(
            sources(),
            body: multipartBody([
                Self.text("links[0][url]", "https://a.example"), Self.text("links[0][rank]", "1"),
                Self.text("links[1][url]", "https://b.example"),
            ]))
        #expect(
            request.body == json(#"{"links": [{"url": "https://a.example", "rank": 1}, {"url": "https://b.example"}]}"#)
        )
    }
}
