extension GeneratedCodeCompileTests {
    /// A client of `kals.yaml` against a handler through the generated router in process: query arrays and
    /// `deepObject`, JSON bodies, a multipart form with files and a JSON part, response headers, the 429 with
    /// `Retry-After`, credentials only where `security` asks, a 422 refused before sending, an undocumented 501
    /// and a body that breaks its schema as errors naming them.
    static let kalsClientProgram = #"""
        import Foundation

        var failures = 0
        @MainActor func check(_ condition: Bool, _ what: String) {
            if !condition {
                print("FAILED: \(what)")
                failures += 1
            }
        }

        /// Counts requests and remembers the `Authorization` each came with.
        final class Log: @unchecked Sendable {
            private let lock = NSLock()
            private var entries: [String] = []
            func add(_ entry: String) { lock.withLock { entries.append(entry) } }
            var all: [String] { lock.withLock { entries } }
        }
        let log = Log()

        struct Server: APIHandler {
            func listKals(_ input: Operations.ListKals.Input) async throws -> Operations.ListKals.Output {
                let name = (input.tags ?? []).joined(separator: "+") + "|" + (input.dates?.from ?? "-")
                let kal = Types.Kal(id: input.page ?? 1, name: name, visibility: .teamOnly, createdAt: Date(timeIntervalSince1970: 0))
                return .ok([kal], xTotalCount: 12, link: "<next>")
            }
            func createKal(_ input: Operations.CreateKal.Input) async throws -> Operations.CreateKal.Output {
                if input.body.name == "busy" { return .tooManyRequests(Types.Error(message: "Slow down."), retryAfter: 30) }
                return .created(Types.Kal(id: 1, name: input.body.name, visibility: input.body.visibility ?? .public_, createdAt: Date(timeIntervalSince1970: 60)))
            }
            func getDefaultKal(_ input: Operations.GetDefaultKal.Input) async throws -> Operations.GetDefaultKal.Output {
                .ok(Types.Kal(id: 2, name: "Default", visibility: .public_, createdAt: Date(timeIntervalSince1970: 0)))
            }
            func getKal(_ input: Operations.GetKal.Input) async throws -> Operations.GetKal.Output {
                .ok(Types.Kal(id: input.kal, name: "Bad", visibility: .public_, createdAt: Date(timeIntervalSince1970: 0), owner: .init(id: 1, email: "not-an-email")))
            }
            func uploadKalImage(_ input: Operations.UploadKalImage.Input) async throws -> Operations.UploadKalImage.Output {
                let fine = input.kal == 3 && input.files.first("image")?.bytes == Array("PNG\r\n--x".utf8)
                    && input.files["gallery"].map(\.filename) == ["b.png"] && input.body.rank == 2 && input.body.crop?.y == 2
                    && input.body.caption == nil && input.body.image == "a.png"
                return fine ? .noContent : .undocumented(status: 500, body: ["message": .string("\(input)")])
            }
        }

        let transport = Server().inProcessTransport { request, row in
            log.add("\(row.id.rawValue) \(request.header("Authorization") ?? "-")")
            return request.header("Authorization") == "Bearer t" ? Principal(scheme: "userToken", id: 1) : nil
        }
        let client = APIClient(transport: transport, credentials: ["userToken": "t"])

        let listed = try await client.listKals(.init(tags: ["a", "b c&d"], dates: .init(from: "2024-01-01"), page: 2))
        if case .ok(let kals, let total, let link) = listed {
            check(kals.map(\.id) == [2] && kals.first?.name == "a+b c&d|2024-01-01", "tags[] and deepObject arrive: \(kals)")
            check(total == 12 && link == "<next>", "response headers typed")
            check(kals.first?.visibility == .teamOnly, "enum in the response")
        } else { check(false, "listKals: \(listed)") }

        let created = try await client.createKal(.init(body: .init(name: "Work", slug: "work", visibility: .private_)))
        if case .created(let kal) = created {
            check(kal.name == "Work" && kal.visibility == .private_ && kal.createdAt == Date(timeIntervalSince1970: 60), "201 typed")
        } else { check(false, "createKal: \(created)") }

        let busy = try await client.createKal(.init(body: .init(name: "busy", slug: "busy")))
        if case .tooManyRequests(let error, let retryAfter) = busy {
            check(error.message == "Slow down." && retryAfter == 30, "429 with Retry-After typed")
        } else { check(false, "429: \(busy)") }

        let before = log.all.count
        do {
            _ = try await client.createKal(.init(body: .init(name: "", slug: "No Spaces")))
            check(false, "an invalid body is refused")
        } catch {
            check(Set(error.validationErrors?.fields.map(\.key) ?? []) == ["name", "slug"], "422 fields named: \(error)")
        }
        check(log.all.count == before, "nothing sent for an invalid body")

        let uploaded = try await client.uploadKalImage(
            .init(
                kal: 3, body: .init(image: "a.png", rank: 2, crop: .init(x: 1, y: 2)),
                files: [
                    UploadedFile(field: "image", filename: "a.png", contentType: "image/png", bytes: Array("PNG\r\n--x".utf8)),
                    UploadedFile(field: "gallery", filename: "b.png", contentType: "image/png", bytes: [1]),
                ]))
        check({ if case .noContent = uploaded { true } else { false } }(), "multipart with files and a JSON part: \(uploaded)")

        do {
            _ = try await client.deleteKal(.init(kal: 3))
            check(false, "501 is not documented for deleteKal")
        } catch {
            check(error.status == 501 && "\(error)".contains("status 501 is not documented"), "undocumented status named: \(error)")
        }

        do {
            _ = try await client.getKal(.init(kal: 9))
            check(false, "a response breaking its schema is an error")
        } catch {
            check(error.mismatches.map(\.description) == ["body owner.email: The owner.email field must be a valid email address."], "failing response field named: \(error)")
        }

        _ = try await client.getDefaultKal(.init())
        check(log.all.last == "getDefaultKal -", "security: [] sends no credentials: \(log.all)")
        check(log.all.first == "listKals Bearer t", "the token goes where security asks")

        do {
            _ = try await APIClient(transport: transport).createKal(.init(body: .init(name: "Work", slug: "work")))
            check(false, "createKal documents no 401")
        } catch {
            check(error.status == 401, "without credentials the server's 401, undocumented here, is named: \(error)")
        }

        if failures == 0 { print("all checks passed") }
        exit(failures == 0 ? 0 : 1)
        """#

    /// A client of `media-types.yaml` through its generated handler in process: the body sent in the media type
    /// its `Content` case names (JSON, urlencoded, text, bytes), a JSON query parameter and a cookie, text and
    /// binary responses, a JSON response header, and refusals by `maxLength` before sending.
    static let mediaTypesClientProgram = #"""
        import Foundation

        var failures = 0
        @MainActor func check(_ condition: Bool, _ what: String) {
            if !condition {
                print("FAILED: \(what)")
                failures += 1
            }
        }

        struct Server: APIHandler {
            func createNote(_ input: Operations.CreateNote.Input) async throws -> Operations.CreateNote.Output {
                let said: String
                switch input.body {
                case .applicationJson(let note): said = "json:\(note.title)"
                case .applicationXWwwFormUrlencoded(let note): said = "form:\(note.title):\(note.pinned ?? false)"
                case .textPlain(let text): said = "text:\(text)"
                case .applicationOctetStream(let raw): said = "bytes:\(raw.bytes.count)"
                }
                return .created(Types.Note(title: String(said.prefix(10))), xMeta: .init(page: input.filter?.limit ?? (input.session == "a b;c" ? 7 : 0)))
            }
            func putNoteText(_ input: Operations.PutNoteText.Input) async throws -> Operations.PutNoteText.Output { .ok(input.body + "!") }
            func putNoteXML(_ input: Operations.PutNoteXML.Input) async throws -> Operations.PutNoteXML.Output {
                .ok(RawBody(contentType: "application/xml", text: input.body.map { String(decoding: $0.bytes, as: UTF8.self) } ?? "<none/>"))
            }
            func postNoteForm(_ input: Operations.PostNoteForm.Input) async throws -> Operations.PostNoteForm.Output {
                input.body.title == "T & U" ? .noContent : .undocumented(status: 500, body: nil)
            }
            func putAvatar(_ input: Operations.PutAvatar.Input) async throws -> Operations.PutAvatar.Output {
                .ok(RawBody(contentType: "image/png", bytes: input.body.bytes.reversed()))
            }
        }
        let client = APIClient(transport: Server().inProcessTransport())

        func title(_ body: Operations.CreateNote.Input.Content, filter: Operations.CreateNote.Input.Filter? = nil) async throws -> (String, Int?) {
            let output = try await client.createNote(.init(filter: filter, session: "a b;c", body: body))
            guard case .created(let note, let meta) = output else { return ("\(output)", nil) }
            return (note.title, meta?.page)
        }
        let json = try await title(.applicationJson(Types.Note(title: "Hi")))
        check(json.0 == "json:Hi" && json.1 == 7, "JSON body, cookie percent-encoded, JSON response header: \(json)")
        check(try await title(.applicationXWwwFormUrlencoded(Types.Note(title: "F", pinned: true))).0 == "form:F:tru", "urlencoded body")
        check(try await title(.textPlain("just")).0 == "text:just", "text body")
        check(try await title(.applicationOctetStream(RawBody(contentType: "application/octet-stream", bytes: [0, 1, 255]))).0 == "bytes:3", "bytes body")
        check(try await title(.textPlain("x"), filter: .init(tag: "a", limit: 3)).1 == 3, "JSON query parameter")

        func refusal(_ body: Operations.CreateNote.Input.Content, filter: Operations.CreateNote.Input.Filter? = nil) async -> [String] {
            do {
                _ = try await client.createNote(.init(filter: filter, session: "abc", body: body))
                return []
            } catch {
                return error.validationErrors?.fields.map(\.key) ?? ["not a validation error: \(error)"]
            }
        }
        check(await refusal(.textPlain(String(repeating: "a", count: 21))) == ["body"], "text maxLength refused")
        check(await refusal(.applicationOctetStream(RawBody(contentType: "application/octet-stream", bytes: Array(repeating: 1, count: 9)))) == ["body"], "bytes maxLength refused")
        check(await refusal(.applicationJson(Types.Note(title: "far too long a title"))) == ["title"], "JSON schema refused")
        check(await refusal(.textPlain("x"), filter: .init(tag: "12345678901", limit: 0)) == ["filter.tag", "filter.limit"], "JSON query parameter refused")

        let text = try await client.putNoteText(.init(body: "hey"))
        check({ if case .ok("hey!") = text { true } else { false } }(), "text response is a String: \(text)")
        let xml = try await client.putNoteXML(.init(body: RawBody(contentType: "application/xml", text: "<a/>")))
        check({ if case .ok(let raw) = xml { raw.bytes == Array("<a/>".utf8) && raw.contentType == "application/xml" } else { false } }(), "XML both ways")
        let none = try await client.putNoteXML(.init())
        check({ if case .ok(let raw) = none { raw.bytes == Array("<none/>".utf8) } else { false } }(), "optional raw body left out")
        let avatar = try await client.putAvatar(.init(body: RawBody(contentType: "image/png", bytes: [1, 2])))
        check({ if case .ok(let raw) = avatar { raw.bytes == [2, 1] && raw.contentType == "image/png" } else { false } }(), "image/* request, image/png response")
        let form = try await client.postNoteForm(.init(body: Types.Note(title: "T & U")))
        check({ if case .noContent = form { true } else { false } }(), "urlencoded-only form: \(form)")

        if failures == 0 { print("all checks passed") }
        exit(failures == 0 ? 0 : 1)
        """#
}
