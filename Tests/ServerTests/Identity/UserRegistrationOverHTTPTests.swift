import CekiTestSupport
import Generated
import Handlers
import HummingbirdTesting
import Testing

@testable import CekiServer

/// `registerUser` over HTTP with the multipart form the spec gives it, then logging in with the mailed code or
/// the password the form set.
@Suite("User registration over HTTP")
struct UserRegistrationOverHTTPTests {
    private func form(email: String, password: String? = nil) -> MultipartForm {
        var form = MultipartForm()
        form.field("email", email)
        form.field("name", "Anna K.")
        form.field("phone", "+49 30 1234567")
        form.field("terms", "1")
        form.field("tovarisch", "1")
        if let password { form.field("password", password) }
        form.field("skills", #"[{"label": "Tax law"}, {"label": "tax LAW"}, {"label": "Accounting"}]"#, contentType: "application/json")
        form.field("languages", #"[{"code": "de", "level": "native"}, {"code": "en", "level": "C1"}]"#, contentType: "application/json")
        return form
    }

    @Test func aRegisteredPersonLogsInWithTheMailedCodeAndSeesTheirProfile() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let email = TestServer.uniqueEmail("signup")
            let registered = try await client.post("/api/register", form: form(email: email))
            #expect(registered.status == 201, "\(registered.json)")
            #expect(registered.json == ["message": "Registered. Check your email for the login code.", "countdown": 60])
            let code = try await server.code(sentTo: email)
            let login = try await client.call(.post, "/api/login", json: ["email": .string(email), "password": .string(code)])
            #expect(login.status == 200)
            let user = try #require(login["user"])
            #expect(user["name"] == "Anna K." && user["phone"] == "+49 30 1234567")
            // One skill per label whatever its case, from the shared catalogue.
            #expect(user["skills"]?.arrayValue?.compactMap { $0["label"]?.stringValue } == ["Tax law", "Accounting"])
            #expect(user["skills"]?[0]?["id"]?.int64Value != nil)
            #expect(user["languages"] == [["code": "de", "level": "native"], ["code": "en", "level": "C1"]])
            let stored = try await server.pool.query("SELECT tovarisch, terms_accepted_at IS NOT NULL AS terms FROM users WHERE email = \(email)")
            #expect(try stored[0].decode(Bool.self, "tovarisch") && stored[0].decode(Bool.self, "terms"))
        }
    }

    @Test func aSecondAccountForTheSameAddressIs422() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let email = TestServer.uniqueEmail("twice")
            #expect(try await client.post("/api/register", form: form(email: email)).status == 201)
            let again = try await client.post("/api/register", form: form(email: email.uppercased()))
            #expect(again.status == 422)
            #expect(again["errors"]?["email"] == ["The email has already been taken."])
        }
    }

    @Test func aFormBreakingSeveralRulesNamesEveryField() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            var bad = MultipartForm()
            bad.field("email", "not-an-email")
            bad.field("name", "A")
            bad.field("terms", "no")
            bad.field("languages", #"[{"code": "d"}]"#, contentType: "application/json")
            let response = try await client.post("/api/register", form: bad)
            #expect(response.status == 422)
            let fields = Set(response["errors"]?.objectValue?.keys.map { $0 } ?? [])
            #expect(fields.isSuperset(of: ["email", "name", "terms", "languages.0.code"]), "\(response.json)")
        }
    }

    @Test func aJSONBodyIs415() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let response = try await client.call(
                .post, "/api/register", json: ["email": "a@example.com", "terms": "1"])
            #expect(response.status == 415)
        }
    }

    @Test func anUnreadableAvatarRefusesTheSignUpWhole() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let email = TestServer.uniqueEmail("avatar")
            var withFile = form(email: email)
            withFile.file("ava", filename: "me.png", contents: [0x89, 0x50, 0x4E, 0x47])
            // Four bytes of a PNG signature are no image: the file is checked before any account is made.
            let response = try await client.post("/api/register", form: withFile)
            #expect(response.status == 422 && response["errors"]?["ava"] != nil, "\(response.json)")
            let rows = try await server.pool.query("SELECT count(*) AS n FROM users WHERE email = \(email)")
            #expect(try rows[0].decode(Int.self, "n") == 0, "a refused registration left an account")
        }
    }

    @Test func aPasswordSetAtRegistrationLogsInAndAWrongOneIsRefused() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let email = TestServer.uniqueEmail("password")
            #expect(try await client.post("/api/register", form: form(email: email, password: "correct horse")).status == 201)
            let wrong = try await client.call(
                .post, "/api/login", json: ["email": .string(email), "password": "wrong horse"])
            #expect(wrong.status == 422)
            #expect(wrong["errors"]?["password"] == ["These credentials do not match our records."])
            let right = try await client.call(
                .post, "/api/login", json: ["email": .string(email), "password": "correct horse"])
            #expect(right.status == 200, "\(right.json)")
            #expect(right["user"]?["email"] == .string(email))
            let stored = try await server.pool.query("SELECT password_hash FROM users WHERE email = \(email)")
            let hash = try stored[0].decode(String.self, "password_hash")
            #expect(hash.hasPrefix("pbkdf2_sha256$310000$") && !hash.contains("correct horse"))
        }
    }

    @Test func anAccountWithoutPasswordRefusesAnyPassword() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let email = TestServer.uniqueEmail("nopassword")
            #expect(try await client.post("/api/register", form: form(email: email)).status == 201)
            let response = try await client.call(
                .post, "/api/login", json: ["email": .string(email), "password": "anything at all"])
            #expect(response.status == 422)
            #expect(response["errors"]?["password"] == ["These credentials do not match our records."])
        }
    }

    @Test func aSkillLabelHoldingNULIs422NotA500() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            var form = MultipartForm()
            form.field("email", TestServer.uniqueEmail("nul"))
            form.field("terms", "1")
            form.field("skills", #"[{"label": "Tax\u0000law"}]"#, contentType: "application/json")
            let registered = try await client.post("/api/register", form: form)
            #expect(registered.status == 422, "\(registered.json)")
            #expect(registered["errors"] == ["skills.0.label": ["The field must not contain the NUL character (U+0000)."]])
        }
    }
}
