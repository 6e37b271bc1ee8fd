import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

extension TestServer {
    static let files = Task { try await TestServer(suite: "files") }
}

/// Uploads over HTTP (docs/files.md): type by content, limits per field, images shrunk with libvips, bombs
/// refused on their header, files attached only where the caller may change, served with the sniffed type, and a
/// 50 MB upload streamed to disk without the server's memory growing with it.
@Suite("Files over HTTP", .serialized)
struct FilesOverHTTPTests {
    /// The raw answer of a GET: status, headers and bytes.
    static func fetch(_ client: some TestClientProtocol, _ url: String) async throws -> (
        status: Int, headers: HTTPFields, body: [UInt8]
    ) {
        let path = try #require(URL(string: url)?.path)
        return try await client.execute(uri: path, method: .get) { response in
            (response.status.code, response.headers, Array(buffer: response.body))
        }
    }

    @Test func anImageIsShrunkGivenAThumbnailAndServedWithItsSniffedType() async throws {
        let server = try await TestServer.files.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            var form = MultipartForm()
            form.file("images[]", filename: "wide.png", contents: TestImages.png(width: 2400, height: 1200))
            form.file("images[]", filename: "pixel.gif", contents: TestImages.gif)
            let uploaded = try await client.send(.post, "/api/files", form: form, bearer: anna.token)
            #expect(uploaded.status == 201, "\(uploaded.json)")
            let files = try #require(uploaded.json.arrayValue)
            #expect(files.count == 2)
            let wide = files[0]
            #expect(wide["kind"] == "image" && wide["mime"] == "image/png" && wide["name"] == "wide.png")
            #expect(wide["width"]?.int64Value == 2048 && wide["height"]?.int64Value == 1024, "shrunk to 2048 px")
            #expect(files[1]["mime"] == "image/gif" && files[1]["width"]?.int64Value == 1)

            let served = try await Self.fetch(client, try #require(wide["url"]?.stringValue))
            #expect(served.status == 200)
            #expect(served.headers[.contentType] == "image/png")
            #expect(served.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(served.headers[.contentDisposition] == nil, "an image is shown, not downloaded")
            #expect(Int64(served.body.count) == wide["size"]?.int64Value)
            #expect(served.body.starts(with: [0x89, 0x50, 0x4E, 0x47]))

            let thumbnail = try await Self.fetch(client, try #require(wide["thumbnail_url"]?.stringValue))
            #expect(thumbnail.status == 200 && thumbnail.body.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            // The PNG header's width and height (bytes 16–23): fitted into 320 × 320.
            let width = thumbnail.body[16..<20].reduce(0) { $0 << 8 | Int($1) }
            let height = thumbnail.body[20..<24].reduce(0) { $0 << 8 | Int($1) }
            #expect(width == 320 && height == 160)

            let rows = try await server.pool.query(
                "SELECT user_id, size, sha256 FROM files WHERE id = \(try #require(wide["id"]?.int64Value).asInt)")
            #expect(try rows[0].decode(Int.self, "user_id") == anna.id)
            #expect(try rows[0].decode(String.self, "sha256") == Self.sha256Hex(served.body))

            #expect(try await Self.fetch(client, "http://localhost/files/\(String(repeating: "0", count: 32)).png").status == 404)
            #expect(try await Self.fetch(client, "http://localhost/files/..%2F..%2Fetc%2Fpasswd").status == 404)
        }
    }

    @Test func aPNGNamedPdfIsRefusedAsADocumentAndTakenAsAnImage() async throws {
        let server = try await TestServer.files.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let png = TestImages.png(width: 40, height: 30)
            var asDocument = MultipartForm()
            asDocument.file("docs[]", filename: "contract.pdf", contents: TestImages.pdf)
            asDocument.file("docs[]", filename: "scan.pdf", contents: png)
            let refused = try await client.send(.post, "/api/files", form: asDocument, bearer: anna.token)
            #expect(refused.status == 422, "\(refused.json)")
            let errors = try #require(refused["errors"]?.objectValue)
            #expect(Array(errors.keys) == ["docs.1"], "the real PDF has no problem")
            #expect(errors["docs.1"]?[0]?.stringValue?.contains("a PNG image") == true, "\(errors)")

            var asImage = MultipartForm()
            asImage.file("image", filename: "scan.pdf", contents: png)
            let taken = try await client.send(.post, "/api/files", form: asImage, bearer: anna.token)
            #expect(taken.status == 201, "\(taken.json)")
            #expect(taken.json[0]?["mime"] == "image/png" && taken.json[0]?["name"] == "scan.pdf")
            let stored = try #require(taken.json[0]?["url"]?.stringValue)
            #expect(stored.hasSuffix(".png") && !stored.contains("scan"), "the stored name is random, its type sniffed")

            var document = MultipartForm()
            document.file("docs[]", filename: "../../contract.pdf", contents: TestImages.pdf)
            let pdf = try await client.send(.post, "/api/files", form: document, bearer: anna.token)
            #expect(pdf.status == 201 && pdf.json[0]?["name"] == "contract.pdf" && pdf.json[0]?["thumbnail_url"] == .null)
            let served = try await Self.fetch(client, try #require(pdf.json[0]?["url"]?.stringValue))
            #expect(served.headers[.contentType] == "application/pdf" && served.body == TestImages.pdf)
            #expect(served.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"contract.pdf\"") == true)
        }
    }

    @Test func limitsPerFieldAreExactAndEveryFieldsProblemIsNamedAtOnce() async throws {
        let server = try await TestServer.files.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let limit = 5120 * 1024
            var form = MultipartForm()
            form.file("docs[]", filename: "at-limit.txt", contents: [UInt8](repeating: 0x61, count: limit))
            form.file("docs[]", filename: "over.txt", contents: [UInt8](repeating: 0x61, count: limit + 1))
            form.file("image", filename: "bomb.png", contents: TestImages.bomb(width: 40_000, height: 40_000))
            form.file("video", filename: "clip.mp4", contents: [0x4D, 0x5A, 0x90, 0x00])
            form.field("schedule[]", "987654")
            let refused = try await client.send(.post, "/api/files", form: form, bearer: anna.token)
            #expect(refused.status == 422, "\(refused.json)")
            let errors = try #require(refused["errors"]?.objectValue)
            #expect(Set(errors.keys) == ["docs.1", "image", "video", "schedule.0"], "\(errors)")
            #expect(errors["docs.1"]?[0] == "The docs.1 field must not be greater than 5120 kilobytes.")
            #expect(errors["image"]?[0]?.stringValue?.contains("40000 × 40000 pixels") == true)
            #expect(errors["video"]?[0]?.stringValue?.contains("must be a video") == true)
            let count = try await server.pool.query("SELECT count(*) AS n FROM files WHERE user_id = \(anna.id)")
            #expect(try count[0].decode(Int.self, "n") == 0, "nothing is stored when anything is refused")

            var atLimit = MultipartForm()
            atLimit.file("docs[]", filename: "at-limit.txt", contents: [UInt8](repeating: 0x61, count: limit))
            let taken = try await client.send(.post, "/api/files", form: atLimit, bearer: anna.token)
            #expect(taken.status == 201 && taken.json[0]?["size"]?.int64Value == Int64(limit))
            #expect(taken.json[0]?["mime"] == "text/plain; charset=utf-8")

            var nothing = MultipartForm()
            nothing.field("schedule[]", "1")
            let empty = try await client.send(.post, "/api/files", form: nothing, bearer: anna.token)
            #expect(empty.status == 422 && empty["errors"]?["images"] != nil, "\(empty.json)")
            #expect(try await client.send(.post, "/api/files", form: atLimit).status == 401)
            let json = try await client.call(.post, "/api/files", json: ["images": []], bearer: anna.token)
            #expect(json.status == 415, "\(json.json)")
        }
    }

    @Test func filesAreAttachedOnlyToWhatTheCallerMayChange() async throws {
        let server = try await TestServer.files.value
        try await server.application.test(.live) { client in
            let (olga, schedule) = try await BookingOverHTTPTests.makeSchedule(server, client)
            let ben = try await server.signIn(client, name: "Ben")
            var form = MultipartForm()
            form.file("docs[]", filename: "menu.pdf", contents: TestImages.pdf)
            form.field("schedule[]", String(schedule))
            let stranger = try await client.send(.post, "/api/files", form: form, bearer: ben.token)
            #expect(stranger.status == 403, "\(stranger.json)")
            let theirs = try await client.send(.post, "/api/files", form: form, bearer: olga.token)
            #expect(theirs.status == 201, "\(theirs.json)")
            let id = try #require(theirs.json[0]?["id"]?.int64Value)
            let rows = try await server.pool.query("SELECT files FROM schedules WHERE id = \(Int(schedule))")
            #expect(try rows[0].decode([Int].self, "files") == [Int(id)])
            let files = try await server.pool.query("SELECT count(*) AS n FROM files WHERE user_id = \(ben.id)")
            #expect(try files[0].decode(Int.self, "n") == 0, "the refused upload stored nothing")

            var job = MultipartForm()
            job.file("docs[]", filename: "menu.pdf", contents: TestImages.pdf)
            job.field("job[]", String(schedule))
            let notAPosting = try await client.send(.post, "/api/files", form: job, bearer: olga.token)
            #expect(notAPosting.status == 422 && notAPosting["errors"]?["job.0"] != nil, "\(notAPosting.json)")
        }
    }

    @Test func aSignUpsAvatarAndDocumentsBecomeTheProfilesAvatarAndCV() async throws {
        let server = try await TestServer.files.value
        try await server.application.test(.live) { client in
            let email = TestServer.uniqueEmail("withfiles")
            var form = MultipartForm()
            form.field("email", email)
            form.field("name", "Clara Consultant")
            form.field("terms", "1")
            form.file("ava", filename: "me.png", contents: TestImages.png(width: 600, height: 600))
            form.file("docs[]", filename: "cv.pdf", contents: TestImages.pdf)
            form.file("docs[]", filename: "certificate.txt", contents: Array("Certified.".utf8))
            let registered = try await client.post("/api/register", form: form)
            #expect(registered.status == 201, "\(registered.json)")
            let code = try await server.code(sentTo: email)
            let login = try await client.call(.post, "/api/login", json: ["email": .string(email), "password": .string(code)])
            let token = try #require(login["token"]?.stringValue)
            let me = try await client.call(.get, "/api/profile", bearer: token)
            let user = try #require(me["user"])
            let avatar = try #require(user["ava_url"]?.stringValue)
            #expect(avatar.hasPrefix(TestServer.appURL + "/files/") && avatar.hasSuffix(".png"), "\(user)")
            let served = try await Self.fetch(client, avatar)
            #expect(served.status == 200 && served.headers[.contentType] == "image/png")
            let cv = try #require(user["cv_id"]?.int64Value)
            let rows = try await server.pool.query(
                "SELECT name, mime FROM files WHERE user_id = \(try #require(user["id"]?.int64Value).asInt) ORDER BY id")
            #expect(try rows.map { try $0.decode(String.self, "name") } == ["me.png", "cv.pdf", "certificate.txt"])
            let cvRow = try await server.pool.query("SELECT name FROM files WHERE id = \(cv.asInt)")
            #expect(try cvRow[0].decode(String.self, "name") == "cv.pdf", "the first document is the CV")
            let someone = try await server.signIn(client, name: "Viewer")
            let seen = try await client.call(.get, "/api/users/\(try #require(user["id"]?.int64Value))", bearer: someone.token)
            #expect(seen["user"]?["ava_url"]?.stringValue == avatar || seen["ava_url"]?.stringValue == avatar, "\(seen.json)")

            // A refused file refuses the sign-up whole: no account, no mail.
            let other = TestServer.uniqueEmail("badfile")
            var bad = MultipartForm()
            bad.field("email", other)
            bad.field("name", "Dora")
            bad.field("terms", "1")
            bad.file("ava", filename: "me.png", contents: TestImages.pdf)
            let refused = try await client.post("/api/register", form: bad)
            #expect(refused.status == 422 && refused["errors"]?["ava"] != nil, "\(refused.json)")
            let none = try await server.pool.query("SELECT count(*)::int AS n FROM users WHERE email = \(other)")
            #expect(try none[0].decode(Int.self, "n") == 0)
        }
    }

    @Test func aProfileChangeWithANewAvatarMakesItTheAvatar() async throws {
        let server = try await TestServer.files.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            var form = MultipartForm()
            form.field("city", "Lisbon")
            form.file("ava", filename: "new.gif", contents: TestImages.gif)
            let changed = try await client.send(.patch, "/api/profile", form: form, bearer: anna.token)
            #expect(changed.status == 200, "\(changed.json)")
            #expect(changed["user"]?["city"] == "Lisbon")
            let avatar = try #require(changed["user"]?["ava_url"]?.stringValue)
            #expect(avatar.hasSuffix(".gif") && changed["user"]?["ava_id"]?.int64Value != nil)
            #expect(try await Self.fetch(client, avatar).headers[.contentType] == "image/gif")

            var both = MultipartForm()
            both.file("ava", filename: "new.gif", contents: TestImages.gif)
            both.field("ava_id", String(try #require(changed["user"]?["ava_id"]?.int64Value)))
            both.file("docs[]", filename: "cv.exe", contents: [0x4D, 0x5A, 0x90, 0x00, 0x03])
            let refused = try await client.send(.patch, "/api/profile", form: both, bearer: anna.token)
            #expect(refused.status == 422, "\(refused.json)")
            #expect(Set(refused["errors"]?.objectValue?.keys ?? []) == ["ava_id", "docs.0"], "\(refused.json)")
            let count = try await server.pool.query("SELECT count(*)::int AS n FROM files WHERE user_id = \(anna.id)")
            #expect(try count[0].decode(Int.self, "n") == 1, "the refused change stored nothing")
        }
    }

    /// Bytes in use by this process (the server runs in it), from /proc.
    static func residentBytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }

    @Test func a50MBUploadStreamsToDiskWithoutTheServersMemoryGrowingWithIt() async throws {
        let server = try await TestServer.files.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let port = try #require(client.port)
            let size = 50 * 1024 * 1024
            // Another process sends the body, so the bytes the test sends are not counted as the server's.
            let script = """
                import http.client, sys
                port, token, size = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
                b = b"ceki-stream"
                head = (b"--" + b + b'\\r\\nContent-Disposition: form-data; name="video"; filename="talk.mp4"\\r\\n\\r\\n')
                tail = b"\\r\\n--" + b + b"--\\r\\n"
                box = bytes([0, 0, 0, 24]) + b"ftypisom" + bytes([0, 0, 2, 0]) + b"isomiso2"
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                c.putrequest("POST", "/api/files")
                c.putheader("Authorization", "Bearer " + token)
                c.putheader("Content-Type", "multipart/form-data; boundary=ceki-stream")
                c.putheader("Content-Length", str(len(head) + size + len(tail)))
                c.endheaders()
                c.send(head + box)
                left, block = size - len(box), bytes(1 << 16)
                while left > 0:
                    n = min(left, len(block)); c.send(block[:n]); left -= n
                c.send(tail)
                r = c.getresponse()
                print(r.status); print(r.read().decode())
                """
            let before = Self.residentBytes()
            let sampler = Task {
                var peak = 0
                while !Task.isCancelled {
                    peak = max(peak, Self.residentBytes())
                    try? await Task.sleep(for: .milliseconds(20))
                }
                return peak
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = ["-c", script, String(port), anna.token, String(size)]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let answer = try await Task.detached { output.fileHandleForReading.readDataToEndOfFile() }.value
            process.waitUntilExit()
            sampler.cancel()
            let peak = await sampler.value
            let text = String(decoding: answer, as: UTF8.self)
            #expect(text.hasPrefix("201"), "\(text)")
            #expect(text.contains("\"size\":\(size)") && text.contains("video/mp4"), "\(text)")
            // Holding the body would add 50 MB at least; streaming adds buffers only.
            #expect(peak - before < 20 * 1024 * 1024, "resident grew by \((peak - before) / 1_048_576) MB")
            let stored = try await server.pool.query("SELECT size FROM files WHERE user_id = \(anna.id)")
            #expect(try stored.map { try $0.decode(Int.self, "size") } == [size])
        }
    }

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        Handlers.Secrets.hex(Handlers.Secrets.sha256(bytes))
    }
}

extension Int64 {
    fileprivate var asInt: Int { Int(self) }
}
