import Testing

@testable import SpecGenRuntime

/// The streaming parser is held to the batch parser's answers: the same parts (or the same error) for every body,
/// whichever way the body is cut into chunks.
@Suite("Splitting multipart/form-data bodies as they stream in")
struct MultipartStreamParserTests {
    /// The parts the stream parser finds in `body` fed in chunks of `sizes` (cycled), joined back together.
    func streamed(_ body: [UInt8], boundary: String = "XyZ", chunks sizes: [Int]) -> Result<[MultipartPart], MultipartError> {
        var parser = MultipartStreamParser(boundary: boundary)
        var parts: [MultipartPart] = []
        var offset = 0
        var turn = 0
        do {
            while offset < body.count {
                let size = max(1, sizes[turn % sizes.count])
                turn += 1
                let end = min(body.count, offset + size)
                for event in try parser.feed(body[offset..<end]) {
                    switch event {
                    case .partStart(let part): parts.append(part)
                    case .bodyChunk(let bytes): parts[parts.count - 1].body += bytes
                    case .partEnd: break
                    }
                }
                offset = end
            }
            try parser.finish()
            return .success(parts)
        } catch {
            return .failure(error)
        }
    }

    func batch(_ body: [UInt8], boundary: String = "XyZ") -> Result<[MultipartPart], MultipartError> {
        Result { () throws(MultipartError) in try MultipartParser(boundary: boundary).parse(body) }
    }

    static let bodies: [[UInt8]] = [
        multipartBody([
            (["Content-Disposition: form-data; name=\"email\""], "anna@example.com"),
            (["Content-Disposition: form-data; name=\"ava\"; filename=\"me.png\"", "Content-Type: image/png"], "\u{1}PNG\r\n--XyZx\r\n\n--Xy"),
            (["Content-Disposition: form-data; name=\"docs[]\"; filename=\"a.txt\""], "\r\n\r\n"),
            (["Content-Disposition: form-data; name=\"empty\""], ""),
        ]),
        multipartBody([(["Content-Disposition: form-data; name=\"a\""], "one\ntwo")], lineBreak: "\n"),
        Array("preamble line\r\n--XyZ  \r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nvalue\r\n--XyZ--epilogue".utf8),
        Array("--XyZ\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nno closing boundary".utf8),
        Array("no boundary at all".utf8),
        Array("--XyZ\r\nNot a header line\r\n\r\nx\r\n--XyZ--".utf8),
        Array("--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--".utf8),
        Array("--XyZ\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nx\r\n--XyZ".utf8),
        Array("--XyZ\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nx\r\n--XyZz\r\n--XyZ--".utf8),
    ]

    @Test(arguments: bodies.indices)
    func everyChunkingGivesTheBatchParsersAnswer(index: Int) {
        let body = Self.bodies[index]
        let expected = batch(body)
        for sizes in [[1], [2], [3], [5, 1], [7], [13, 2, 1], [64], [body.count]] {
            #expect(streamed(body, chunks: sizes) == expected, "chunks \(sizes)")
        }
    }

    @Test func randomBinaryFilesComeBackByteForByte() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<30 {
            // Bytes rich in CR, LF and dashes, the boundary's own letters, so near-boundaries are common.
            let alphabet: [UInt8] = Array("\r\n-XyZ".utf8) + [0, 255, 65]
            let content = (0..<Int.random(in: 0...3000, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            var body = Array("--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"b\"\r\n\r\n".utf8)
            body += content + Array("\r\n--XyZ--\r\n".utf8)
            let chunk = Int.random(in: 1...700, using: &generator)
            let parts = try? streamed(body, chunks: [chunk, chunk / 3 + 1]).get()
            #expect(parts?.count == 1 && parts?.first?.body == content, "chunk \(chunk)")
        }
    }

    @Test func memoryIsBoundedByTheChunkNotTheBody() throws {
        var parser = MultipartStreamParser(boundary: "XyZ")
        _ = try parser.feed(Array("--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"v\"\r\n\r\n".utf8))
        let chunk = [UInt8](repeating: 0x41, count: 65_536)
        var total = 0
        for _ in 0..<200 {
            for case .bodyChunk(let bytes) in try parser.feed(chunk) { total += bytes.count }
            #expect(parser.bufferedBytes <= 2 * chunk.count)
        }
        for case .bodyChunk(let bytes) in try parser.feed(Array("\r\n--XyZ--".utf8)) { total += bytes.count }
        try parser.finish()
        #expect(total == 200 * chunk.count)
    }

    @Test func tooManyPartsAndHeadersTooLargeAreRefusedAsTheyStream() {
        var parts = ""
        for index in 0..<3 { parts += "--XyZ\r\nContent-Disposition: form-data; name=\"p\(index)\"\r\n\r\nx\r\n" }
        var few = MultipartStreamParser(boundary: "XyZ", limits: MultipartLimits(maximumParts: 2))
        #expect(throws: MultipartError.tooManyParts(limit: 2)) { _ = try few.feed(Array((parts + "--XyZ--").utf8)) }
        var small = MultipartStreamParser(boundary: "XyZ", limits: MultipartLimits(maximumHeaderBytes: 64))
        let long = "--XyZ\r\nContent-Disposition: form-data; name=\"" + String(repeating: "n", count: 200)
        #expect(throws: MultipartError.headersTooLarge(part: 1, limit: 64)) { _ = try small.feed(Array(long.utf8)) }
    }
}
