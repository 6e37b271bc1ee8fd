import Testing

@testable import Generated
@testable import SpecGenRuntime

/// A multipart body from parts written as text; `lineBreak` lets a test send bare LFs.
func multipartBody(_ parts: [(headers: [String], body: String)], boundary: String = "XyZ", lineBreak: String = "\r\n")
    -> [UInt8]
{
    var text = ""
    for part in parts {
        text += "--\(boundary)\(lineBreak)"
        for header in part.headers { text += header + lineBreak }
        text += lineBreak + part.body + lineBreak
    }
    text += "--\(boundary)--\(lineBreak)"
    return Array(text.utf8)
}

@Suite("Splitting multipart/form-data bodies")
struct MultipartParserTests {
    let parser = MultipartParser(boundary: "XyZ")

    @Test func wellFormedPartsKeepNameFileNameTypeAndBytes() throws {
        let body = multipartBody([
            (["Content-Disposition: form-data; name=\"email\""], "anna@example.com"),
            (
                ["content-disposition: form-data; name=\"ava\"; filename=\"me.png\"", "Content-Type: image/png"],
                "\u{1}PNG"
            ),
        ])
        let parts = try parser.parse(body)
        #expect(parts.count == 2)
        #expect(parts[0] == MultipartPart(name: "email", body: Array("anna@example.com".utf8)))
        #expect(parts[1].name == "ava" && parts[1].filename == "me.png" && parts[1].contentType == "image/png")
        #expect(parts[1].body == [1] + Array("PNG".utf8))
    }

    @Test func theLineBreakBeforeABoundaryBelongsToTheBoundaryNotThePart() throws {
        // A part whose content itself ends in CRLF keeps that CRLF; only the delimiter's own is dropped.
        let body = multipartBody([(["Content-Disposition: form-data; name=\"note\""], "line one\r\nline two\r\n")])
        let parts = try parser.parse(body)
        #expect(parts.first?.text == "line one\r\nline two\r\n")
    }

    @Test func bareLineFeedsAreAccepted() throws {
        let body = multipartBody(
            [
                (["Content-Disposition: form-data; name=\"a\""], "1"),
                (["Content-Disposition: form-data; name=\"b\""], ""),
            ], lineBreak: "\n")
        let parts = try parser.parse(body)
        #expect(parts.map(\.name) == ["a", "b"])
        #expect(parts.map(\.text) == ["1", ""])
    }

    @Test func preambleAndEpilogueAreIgnored() throws {
        let text =
            "This is a preamble.\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--XyZ--\r\nepilogue"
        let parts = try parser.parse(Array(text.utf8))
        #expect(parts.map(\.text) == ["value"])
    }

    @Test func aBoundaryPrefixInsideContentIsContent() throws {
        let body = multipartBody([(["Content-Disposition: form-data; name=\"a\""], "x\r\n--XyZW not a boundary")])
        #expect(try parser.parse(body).first?.text == "x\r\n--XyZW not a boundary")
    }

    @Test func quotedNamesWithEscapesAndExtendedFileNames() throws {
        let body = multipartBody([
            ([#"Content-Disposition: form-data; name="a\"b"; filename*=UTF-8''caf%C3%A9.txt"#], "x"),
            (["Content-Disposition: form-data; name=plain; filename=\"semi;colon.txt\""], "y"),
        ])
        let parts = try parser.parse(body)
        #expect(parts[0].name == "a\"b" && parts[0].filename == "café.txt")
        #expect(parts[1].name == "plain" && parts[1].filename == "semi;colon.txt")
    }

    @Test func theBoundaryComesFromTheContentType() throws {
        #expect(try MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=XyZ") == "XyZ")
        #expect(
            try MultipartParser.boundary(fromContentType: "Multipart/Form-Data; charset=utf-8; boundary=\"a b\"")
                == "a b")
        #expect(throws: MultipartError.missingBoundary) {
            try MultipartParser.boundary(fromContentType: "multipart/form-data")
        }
        #expect(throws: MultipartError.unsupportedMediaType("application/json")) {
            try MultipartParser.boundary(fromContentType: "application/json")
        }
    }

    @Test func malformedBodiesSayWhatIsWrong() {
        #expect(throws: MultipartError.missingOpeningBoundary) { try parser.parse(Array("no boundary here".utf8)) }
        #expect(throws: MultipartError.unterminated) {
            try parser.parse(Array("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue".utf8))
        }
        #expect(throws: MultipartError.malformedHeaders(part: 1)) {
            try parser.parse(multipartBody([(["Content-Disposition form-data"], "x")]))
        }
        #expect(throws: MultipartError.missingName(part: 2)) {
            try parser.parse(
                multipartBody([
                    (["Content-Disposition: form-data; name=\"a\""], "x"), (["Content-Type: text/plain"], "y"),
                ]))
        }
        #expect(throws: MultipartError.missingName(part: 1)) {
            try parser.parse(multipartBody([(["Content-Disposition: attachment; name=\"a\""], "x")]))
        }
    }

    @Test func limitsOnPartsAndHeadersHold() {
        let small = MultipartParser(boundary: "XyZ", limits: MultipartLimits(maximumParts: 2, maximumHeaderBytes: 100))
        let three = multipartBody(
            (1...3).map { (["Content-Disposition: form-data; name=\"f\($0)\""], "x") })
        #expect(throws: MultipartError.tooManyParts(limit: 2)) { try small.parse(three) }
        let longHeader = multipartBody([
            (["Content-Disposition: form-data; name=\"a\"", "X-Pad: " + String(repeating: "p", count: 200)], "x")
        ])
        #expect(throws: MultipartError.headersTooLarge(part: 1, limit: 100)) { try small.parse(longHeader) }
    }

    @Test func errorsAnswer400Or415WithAMessage() {
        #expect(MultipartError.unterminated.status == 400)
        #expect(MultipartError.unsupportedMediaType("application/json").status == 415)
        #expect(
            RequestRejection.malformedForm(.missingBoundary).responseBody
                == ["message": "The multipart/form-data Content-Type has no boundary parameter."])
    }
}
