/// Reads a body described by ``RequestRules/content``: the request's `Content-Type` picks the media type, which
/// says whether the bytes are JSON, a form, text or kept as they are. Parameter and body failures come back
/// together in one 422, as for a JSON body.
extension RequestRules {
    /// Decodes and validates a request whose body the operation describes by media type.
    ///
    /// An empty body is absent (a 422 "The request body is required." when the spec requires one); a body with no
    /// `Content-Type`, or one the operation does not list, is a 415.
    func decodeContent(
        _ sources: ParameterSources, body raw: UnsafeRawBufferPointer, parser: JSONParser
    ) throws(RequestRejection) -> DecodedRequest {
        var errors = ValidationErrors()
        var failedKeys: Set<String> = []
        var body: JSONValue?
        var files: [UploadedFile] = []
        var bytes: RawBody?
        var matched: MediaRules?
        let contentType = sources.headers["content-type"]
        if !raw.isEmpty {
            guard let contentType, let media = media(for: contentType) else {
                throw .unsupportedMediaType(sent: contentType, accepted: content.map(\.contentType))
            }
            matched = media
            switch media.reading {
            case .json:
                do {
                    body = try parser.parse(raw)
                } catch {
                    guard case .empty = error.reason else { throw .malformedBody(error) }
                    if isBodyRequired { errors.add(.required, at: .root) }
                }
            case .form(let form):
                let parts: [MultipartPart]
                do {
                    parts = try FormDecoding.parts(contentType: contentType, body: Array(raw), limits: form.limits)
                } catch {
                    throw .malformedForm(error)
                }
                (body, files) = FormDecoding.decode(
                    parts, schema: media.schema, rules: form, into: &errors, failedKeys: &failedKeys)
            case .text:
                if let text = String(validating: raw, as: UTF8.self) {
                    body = .string(text)
                } else {
                    errors.add(.custom("The request body must be UTF-8 text."), at: .root)
                }
            case .bytes(let maximumBytes):
                bytes = RawBody(contentType: contentType, bytes: Array(raw))
                if let maximumBytes, raw.count > maximumBytes {
                    errors.add(.custom("The request body must not be greater than \(maximumBytes) bytes."), at: .root)
                }
            }
        } else if isBodyRequired {
            errors.add(.required, at: .root)
        }
        let parameterValues = ParameterDecoding.decode(parameters, from: sources, into: &errors)
        if let schema = matched?.schema, let value = body {
            var bodyErrors = ValidationErrors()
            schema.validate(value, at: .root, into: &bodyErrors)
            for issue in bodyErrors.issues
            where !failedKeys.contains(where: { issue.path.key == $0 || issue.path.key.hasPrefix($0 + ".") }) {
                errors.add(issue.failure, at: issue.path)
            }
        }
        NULCharacters.check(parameterValues, into: &errors)
        if let body, case .form = matched?.reading { NULCharacters.check(body, at: .root, into: &errors) }
        if let body, case .json = matched?.reading { NULCharacters.check(body, at: .root, into: &errors) }
        if !errors.isEmpty { throw .invalid(errors) }
        return DecodedRequest(
            parameters: parameterValues, body: body, files: UploadedFiles(files), mediaType: matched?.contentType,
            raw: bytes)
    }

    /// The listed media type a `Content-Type` is: the exact one first, then the first range that holds it.
    func media(for contentType: String) -> MediaRules? {
        let essence = MediaTypeHeader(contentType).essence
        return content.first { $0.isExact && $0.accepts(essence) } ?? content.first { $0.accepts(essence) }
    }
}
