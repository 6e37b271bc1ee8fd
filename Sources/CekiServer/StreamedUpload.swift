import Generated
import Handlers
import Hummingbird

/// `uploadFiles` read as it arrives: the multipart body is split while it streams in (``MultipartStreamParser``)
/// and each file goes straight to the incoming folder, so a 50 MB video never sits whole in memory. The form is
/// then checked by the operation's generated rules exactly as a collected one would be, with each file's bytes
/// replaced by its number among the staged files (so the rules see a file where one was sent, and the handler
/// knows which staged file each checked one is).
///
/// A body longer than the largest upload the form allows (``FileField/largestUpload``) is refused with 413
/// before or as soon as it passes the limit; text fields together may take 64 KB.
struct StreamedUpload {
    let uploads: Uploads

    static let textLimit = 64 * 1024

    func receive(_ request: Request, sources: ParameterSources, principal: Principal?) async throws
        -> (input: Operations.UploadFiles.Input, files: [StagedFile])
    {
        let rules = Operations.UploadFiles.rules
        let contentType = request.headers[.contentType]
        let boundary: String
        do {
            guard let contentType else { throw MultipartError.unsupportedMediaType(nil) }
            boundary = try MultipartParser.boundary(fromContentType: contentType)
        } catch let error as MultipartError {
            throw RequestRejection.malformedForm(error)
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > FileField.largestUpload {
            throw Self.tooLarge
        }
        var parser = MultipartStreamParser(boundary: boundary, limits: rules.form?.limits ?? MultipartLimits())
        var parts: [MultipartPart] = []
        var staged: [StagedFile] = []
        var writer: StagedFileWriter?
        var received = 0
        var textBytes = 0
        do {
            for try await chunk in request.body {
                received += chunk.readableBytes
                guard received <= FileField.largestUpload else { throw Self.tooLarge }
                let events: [MultipartStreamParser.Event]
                do {
                    events = try parser.feed(chunk.readableBytesView)
                } catch {
                    throw RequestRejection.malformedForm(error)
                }
                for event in events {
                    switch event {
                    case .partStart(let part):
                        parts.append(part)
                        let field = part.name.prefix { $0 != "[" }
                        if part.filename != nil, let fileField = FileField.named(String(field)) {
                            writer = try StagedFileWriter(
                                field: fileField, key: fileField.name, filename: part.filename ?? "",
                                directory: uploads.incomingDirectory)
                        }
                    case .bodyChunk(let bytes):
                        if let writer {
                            try bytes.withUnsafeBytes { try writer.write($0) }
                        } else {
                            textBytes += bytes.count
                            guard textBytes <= Self.textLimit else { throw Self.textTooLarge }
                            parts[parts.count - 1].body += bytes
                        }
                    case .partEnd:
                        if let finished = writer {
                            writer = nil
                            let file = try finished.finish()
                            // The staging number stands in for the bytes; an empty file stays empty, as the rules
                            // read an empty file input as no file.
                            parts[parts.count - 1].body = file.size == 0 ? [] : Array(String(staged.count).utf8)
                            staged.append(file)
                        }
                    }
                }
                if parser.isClosed { break }
            }
            do {
                try parser.finish()
            } catch {
                throw RequestRejection.malformedForm(error)
            }
            let decoded = try rules.decode(sources, parts: parts)
            let input = try Operations.UploadFiles.Input(request: decoded, principal: principal)
            // The files the rules kept (a single-file field sent twice keeps its last), with their keys in errors.
            var kept: [StagedFile] = []
            var used = Set<Int>()
            var counts: [String: Int] = [:]
            for file in input.files.all {
                guard let number = Int(String(decoding: file.bytes, as: UTF8.self)), staged.indices.contains(number)
                else { continue }
                let index = counts[file.field, default: 0]
                counts[file.field] = index + 1
                var chosen = staged[number]
                chosen.key = chosen.field.key(at: index)
                kept.append(chosen)
                used.insert(number)
            }
            Uploads.discard(staged.enumerated().filter { !used.contains($0.offset) }.map(\.element))
            return (input, kept)
        } catch {
            writer?.discard()
            Uploads.discard(staged)
            throw error
        }
    }

    static let tooLarge = Problem.tooLarge(
        "The upload is larger than the largest form uploadFiles takes (\(FileField.largestUpload / 1_048_576) MB).")
    static let textTooLarge = Problem.tooLarge(
        "The form's text fields are larger than \(textLimit / 1024) KB together; only files may be large.")
}
