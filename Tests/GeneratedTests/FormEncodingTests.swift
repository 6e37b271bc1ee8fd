import Testing

@testable import SpecGenRuntime

/// Form bodies a client writes, read back by the server's own form decoding into the object that was sent.
@Suite("Form encoding")
struct FormEncodingTests {
    static let schema = JSONSchemaRules.object(
        properties: [
            "title": .string(), "pinned": .boolean(), "rank": .integer(), "tags": .array(items: .string()),
            "crop": .object(properties: ["x": .integer(), "y": .integer()]), "ava": .string(),
            "docs": .array(items: .string()), "note": .string(nullable: true),
        ])
    static let rules = FormRules(jsonFields: ["crop"], fileFields: ["ava", "docs"])

    /// What the server's form decoding makes of `bytes` sent with `contentType`.
    static func decoded(_ bytes: [UInt8], contentType: String) throws -> (body: JSONValue, files: [UploadedFile]) {
        let parts = try FormDecoding.parts(contentType: contentType, body: bytes)
        var errors = ValidationErrors()
        var failedKeys: Set<String> = []
        let result = FormDecoding.decode(parts, schema: schema, rules: rules, into: &errors, failedKeys: &failedKeys)
        #expect(errors.isEmpty, "\(errors)")
        return result
    }

    @Test func aURLEncodedFormIsItsFieldsInOrderAndReadsBack() throws {
        let body: JSONValue = [
            "title": "Hi there & co", "pinned": true, "rank": 2, "tags": ["a", "b"], "crop": ["x": 1, "y": 2],
        ]
        let bytes = FormEncoding.urlencoded(body, rules: Self.rules)
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == "title=Hi%20there%20%26%20co&pinned=true&rank=2&tags=a&tags=b&crop=%7B%22x%22%3A1%2C%22y%22%3A2%7D")
        #expect(try Self.decoded(bytes, contentType: "application/x-www-form-urlencoded").body == body)
    }

    @Test func aMultipartFormCarriesTextJSONAndFileParts() throws {
        let body: JSONValue = ["title": "Hi", "crop": ["x": 1, "y": 2], "ava": "me.png", "note": nil]
        let files = UploadedFiles([
            UploadedFile(field: "ava", filename: "me.png", contentType: "image/png", bytes: [0x89, 0x50, 0x0D, 0x0A]),
            UploadedFile(field: "docs", partName: "docs[]", filename: "c\"v.pdf", bytes: Array("CV".utf8)),
        ])
        let boundary = FormEncoding.boundary(avoiding: body, files: files)
        let bytes = FormEncoding.multipart(body, files: files, rules: Self.rules, boundary: boundary)
        let parts = try MultipartParser(boundary: boundary).parse(bytes)
        #expect(parts.map(\.name) == ["title", "crop", "ava", "note", "docs[]"])
        #expect(parts[1].contentType == "application/json")
        #expect(
            parts[2].filename == "me.png" && parts[2].contentType == "image/png"
                && parts[2].body == [0x89, 0x50, 0x0D, 0x0A])
        #expect(parts[4].filename == "c\"v.pdf")
        let (decoded, received) = try Self.decoded(bytes, contentType: "multipart/form-data; boundary=\(boundary)")
        #expect(
            decoded == ["title": "Hi", "crop": ["x": 1, "y": 2], "ava": "me.png", "note": nil, "docs": ["c\"v.pdf"]])
        #expect(received.map(\.bytes) == files.all.map(\.bytes))
    }

    @Test func theBoundaryOccursNowhereInTheBody() {
        let files = UploadedFiles([UploadedFile(field: "ava", filename: "a", bytes: Array("--specgen-".utf8))])
        for _ in 0..<20 {
            let boundary = FormEncoding.boundary(avoiding: ["title": "specgen-"], files: files)
            #expect(boundary.hasPrefix("specgen-") && boundary.count > "specgen-".count)
        }
    }
}
