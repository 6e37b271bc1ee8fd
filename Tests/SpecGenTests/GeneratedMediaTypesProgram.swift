extension GeneratedCodeCompileTests {
    /// Checks on `media-types.yaml`: one operation taking JSON, a urlencoded form, text and bytes, chosen by
    /// `Content-Type` (415 for another, 422 past `maxLength`); single text, XML and `image/*` bodies; a JSON-encoded
    /// query parameter and a cookie; text and bytes responses through `rawBody`; a JSON response header; and
    /// `const: null`, which only `null` passes.
    static let mediaTypesProgram = #"""
        import Foundation

        var failures = 0
        @MainActor func check(_ condition: Bool, _ what: String) {
            if !condition {
                print("FAILED: \(what)")
                failures += 1
            }
        }
        func rejection(_ rules: RequestRules, _ sources: ParameterSources, _ body: String) -> RequestRejection? {
            do {
                _ = try rules.decode(sources, body: Array(body.utf8))
                return nil
            } catch {
                return error
            }
        }

        let rules = Operations.CreateNote.rules
        let cookie = ["Cookie": "theme=dark; session=\"abc123\""]
        func sources(_ contentType: String?, query: String = "") -> ParameterSources {
            var headers = cookie
            if let contentType { headers["Content-Type"] = contentType }
            return ParameterSources(query: QueryString(query), headers: headers)
        }

        // Several media types on one operation, chosen by Content-Type.
        let json = try Operations.CreateNote.Input(
            request: rules.decode(sources("application/json; charset=utf-8"), body: Array(#"{"title": "Hi"}"#.utf8)),
            principal: nil)
        if case .applicationJson(let note) = json.body { check(note.title == "Hi", "JSON body typed") } else { check(false, "JSON case") }
        check(json.session == "abc123", "cookie read from the Cookie header, quotes dropped")
        let encoded = try Operations.CreateNote.Input(
            request: rules.decode(
                ParameterSources(headers: ["Content-Type": "application/json", "Cookie": "session=a%20b%2Cc+d"]),
                body: Array(#"{"title": "Hi"}"#.utf8)),
            principal: nil)
        check(encoded.session == "a b,c+d", "a form-style cookie value is percent-decoded, + kept")
        let form = try Operations.CreateNote.Input(
            request: rules.decode(sources("application/x-www-form-urlencoded"), body: Array("title=Hey&pinned=1".utf8)),
            principal: nil)
        if case .applicationXWwwFormUrlencoded(let note) = form.body {
            check(note.title == "Hey" && note.pinned == true, "urlencoded body typed by the form rules")
        } else { check(false, "urlencoded case") }
        let text = try Operations.CreateNote.Input(
            request: rules.decode(sources("text/plain"), body: Array("just text".utf8)), principal: nil)
        check({ if case .textPlain("just text") = text.body { true } else { false } }(), "text/plain is a String")
        let bytes = try Operations.CreateNote.Input(
            request: rules.decode(sources("application/octet-stream"), body: [0, 1, 2, 255]), principal: nil)
        if case .applicationOctetStream(let raw) = bytes.body {
            check(raw.bytes == [0, 1, 2, 255] && raw.contentType == "application/octet-stream", "octet-stream kept as bytes")
        } else { check(false, "octet-stream case") }

        // 415: a media type the operation does not list; 422: maxLength on bytes and text, bad form field.
        let unsupported = rejection(rules, sources("image/png"), "PNG")
        check(unsupported?.status == 415, "undeclared media type is 415")
        check(unsupported?.responseBody["message"]?.stringValue?.contains("text/plain") == true, "415 lists the accepted types")
        check(rejection(rules, sources(nil), "x")?.status == 415, "no Content-Type is 415")
        let tooLong = rejection(rules, sources("application/octet-stream"), "123456789")
        check(tooLong?.status == 422 && tooLong?.responseBody["errors"]?["body"] != nil, "bytes past maxLength is 422 on the body")
        check(rejection(rules, sources("text/plain"), String(repeating: "a", count: 21))?.status == 422, "text maxLength")
        check(rejection(rules, sources("application/json"), #"{"title": 5}"#)?.status == 422, "JSON schema still applies")
        check(rejection(rules, sources("application/json"), "")?.status == 422, "required body absent is 422")

        // A JSON-encoded query parameter: parsed, then validated.
        let filtered = try Operations.CreateNote.Input(
            request: rules.decode(
                sources("text/plain", query: "filter=%7B%22tag%22%3A%22a%22%2C%22limit%22%3A3%7D"), body: Array("x".utf8)),
            principal: nil)
        check(filtered.filter?.tag == "a" && filtered.filter?.limit == 3, "JSON query parameter typed")
        let badFilter = rejection(rules, sources("text/plain", query: "filter=%7B%22limit%22%3A0%7D"), "x")
        check(badFilter?.responseBody["errors"]?["filter.tag"] != nil, "JSON query parameter validated: \(String(describing: badFilter))")
        check(badFilter?.responseBody["errors"]?["filter.limit"] != nil, "JSON query parameter minimum")
        let notJSON = rejection(rules, sources("text/plain", query: "filter=nope"), "x")
        check(notJSON?.responseBody["errors"]?["filter"] != nil, "a query parameter that is not JSON is a 422 on it")
        let noCookie = rejection(rules, ParameterSources(headers: ["Content-Type": "text/plain"]), "x")
        check(noCookie?.responseBody["errors"]?["session"] != nil, "missing required cookie is 422")

        // One text media type, one XML, one image range, a urlencoded-only form.
        let put = try Operations.PutNoteText.Input(
            request: Operations.PutNoteText.rules.decode(
                ParameterSources(headers: ["Content-Type": "text/plain; charset=utf-8"]), body: Array("hello".utf8)),
            principal: nil)
        check(put.body == "hello", "single text body is a String")
        let xml = try Operations.PutNoteXML.Input(
            request: Operations.PutNoteXML.rules.decode(
                ParameterSources(headers: ["Content-Type": "application/xml"]), body: Array("<a/>".utf8)),
            principal: nil)
        check(xml.body?.bytes == Array("<a/>".utf8), "XML kept as bytes")
        let noXML = try Operations.PutNoteXML.Input(request: Operations.PutNoteXML.rules.decode(ParameterSources()), principal: nil)
        check(noXML.body == nil, "optional raw body absent")
        let avatar = try Operations.PutAvatar.Input(
            request: Operations.PutAvatar.rules.decode(ParameterSources(headers: ["Content-Type": "image/png"]), body: [137, 80]),
            principal: nil)
        check(avatar.body.contentType == "image/png" && avatar.body.bytes == [137, 80], "image/* range accepts image/png")
        check(
            rejection(Operations.PutAvatar.rules, ParameterSources(headers: ["Content-Type": "text/plain"]), "x")?.status == 415,
            "outside the range is 415")
        let postedForm = try Operations.PostNoteForm.Input(
            request: Operations.PostNoteForm.rules.decode(
                ParameterSources(headers: ["Content-Type": "application/x-www-form-urlencoded"]), body: Array("title=T".utf8)),
            principal: nil)
        check(postedForm.body.title == "T", "urlencoded-only body")

        // Responses: text and bytes answer through rawBody; a JSON content header is written as JSON.
        check(Operations.PutNoteText.Output.ok("back").rawBody == RawBody(contentType: "text/plain", text: "back"), "text response")
        check(Operations.PutNoteText.Output.ok("back").body == nil, "no JSON body for text")
        let png = RawBody(contentType: "image/png", bytes: [1])
        check(Operations.PutAvatar.Output.ok(png).rawBody == png, "bytes response")
        let created = Operations.CreateNote.Output.created(Types.Note(title: "a"), xMeta: .init(page: 2))
        check(created.headers == [ResponseHeader(name: "X-Meta", value: #"{"page":2}"#)], "JSON header as JSON text: \(created.headers)")
        struct Echo: APIHandler {
            func putNoteText(_ input: Operations.PutNoteText.Input) async throws -> Operations.PutNoteText.Output { .ok(input.body) }
        }
        let echoed = try await Echo().handle(
            .putNoteText, sources: ParameterSources(headers: ["Content-Type": "text/plain"]), body: Array("hey".utf8),
            principal: nil)
        check(echoed.rawBody == RawBody(contentType: "text/plain", text: "hey") && echoed.body == nil, "handle passes rawBody")
        check(Operations.CreateNote.responses.check(
            status: 201, headers: ["Content-Type": "application/json", "X-Meta": #"{"page": 1}"#], body: Array(#"{"title": "a"}"#.utf8)).isEmpty,
            "JSON response header checked as JSON")
        check(!Operations.CreateNote.responses.check(
            status: 201, headers: ["Content-Type": "application/json", "X-Meta": #"{"page": "x"}"#], body: Array(#"{"title": "a"}"#.utf8)).isEmpty,
            "JSON response header validated")

        // const: null is kept: only null passes.
        check(rejection(Operations.PostNothing.rules, ParameterSources(), #"{"v": 0}"#)?.status == 422, "const null refuses 0")
        check(rejection(Operations.PostNothing.rules, ParameterSources(), #"{"v": null}"#) == nil, "const null accepts null")

        if failures == 0 { print("all checks passed") }
        exit(failures == 0 ? 0 : 1)
        """#
}
