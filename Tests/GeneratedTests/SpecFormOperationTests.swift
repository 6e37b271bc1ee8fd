import Testing

@testable import Generated
@testable import SpecGenRuntime

/// The spec's own form operations (`registerUser`, `updateCurrentUser`, `uploadFiles`) through the generated
/// rules and inputs: what the server runs for them, checked against the conventions in the spec's description.
@Suite("The spec's multipart operations")
struct SpecFormOperationTests {
    static let contentType = ["content-type": "multipart/form-data; boundary=XyZ"]

    static func text(_ name: String, _ value: String) -> (headers: [String], body: String) {
        (["Content-Disposition: form-data; name=\"\(name)\""], value)
    }

    static func file(_ name: String, _ filename: String, _ content: String) -> (headers: [String], body: String) {
        (
            ["Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"", "Content-Type: image/png"],
            content
        )
    }

    @Test func aRegistrationWithJSONPartsAndFilesIsTyped() throws {
        let body = multipartBody([
            Self.text("email", "anna@example.com"),
            Self.text("name", "Anna K."),
            Self.text("terms", "1"),
            Self.text("tovarisch", ""),
            Self.text("skills", #"[{"label": "Tax law"}]"#),
            Self.text("languages", #"[{"code": "de", "level": "native"}, {"code": "en", "level": "C1"}]"#),
            Self.text(
                "schedule",
                #"{"label": "Consultations", "price": 40, "currency": "EUR", "settings": {"timezone": "Europe/Berlin", "duration": 30, "days": {"2": [{"start": "10:00", "end": "14:00"}]}}}"#
            ),
            Self.file("ava", "me.png", "PNG"),
            Self.file("docs[]", "cv.pdf", "CV"),
        ])
        let request = try Operations.RegisterUser.rules.decode(ParameterSources(headers: Self.contentType), body: body)
        let input = try Operations.RegisterUser.Input(request: request, principal: nil)
        #expect(input.body.email == "anna@example.com")
        #expect(input.body.terms == ._1)
        #expect(input.body.tovarisch == nil, "an empty part is null")
        #expect(input.body.skills?.first?.label == "Tax law")
        #expect(input.body.languages?.count == 2)
        #expect(input.body.schedule?.label == "Consultations")
        #expect(input.body.ava == "me.png" && input.body.docs == ["cv.pdf"])
        #expect(input.files.first("ava")?.bytes == Array("PNG".utf8))
        #expect(input.files["docs"].map(\.filename) == ["cv.pdf"])
    }

    @Test func aBadRegistrationNamesEveryFieldAtOnce() {
        let body = multipartBody([
            Self.text("email", "not-an-email"),
            Self.text("skills", #"[{"label": ""}, {"name": "x"}]"#),
            Self.text("schedule", "{oops"),
            Self.text("ava", "not a file"),
            Self.text("extra", "1"),
        ])
        do {
            _ = try Operations.RegisterUser.rules.decode(ParameterSources(headers: Self.contentType), body: body)
            Issue.record("expected a 422")
        } catch {
            guard case .invalid(let errors) = error else {
                Issue.record("expected a 422, got \(error)")
                return
            }
            let keys = Set(errors.fields.map(\.key))
            #expect(
                keys == [
                    "email", "terms", "skills.0.label", "skills.1.label", "skills.1.name", "schedule", "ava", "extra",
                ],
                "\(errors.fields)")
        }
    }

    @Test func jsonSentToRegistrationIs415() {
        #expect(throws: RequestRejection.malformedForm(.unsupportedMediaType("application/json"))) {
            try Operations.RegisterUser.rules.decode(
                ParameterSources(headers: ["content-type": "application/json"]),
                body: Array(#"{"email": "a@b.c"}"#.utf8))
        }
    }

    @Test func uploadsCountRepeatedFilesAgainstMaxItems() throws {
        let tooMany = multipartBody((1...21).map { Self.file("images", "\($0).png", "x") })
        do {
            _ = try Operations.UploadFiles.rules.decode(ParameterSources(headers: Self.contentType), body: tooMany)
            Issue.record("expected a 422")
        } catch {
            guard case .invalid(let errors) = error else {
                Issue.record("expected a 422, got \(error)")
                return
            }
            #expect(errors.messages(for: "images") == ["The images field must not have more than 20 items."])
        }
        let request = try Operations.UploadFiles.rules.decode(
            ParameterSources(headers: Self.contentType),
            body: multipartBody([Self.file("image", "a.png", "A"), Self.text("schedule[]", "41")]))
        let input = try Operations.UploadFiles.Input(request: request, principal: nil)
        #expect(input.body.schedule == [41] && input.files.first("image")?.filename == "a.png")
    }
}
