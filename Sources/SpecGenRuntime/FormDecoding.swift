/// Turns a form body into the JSON object its schema validates, and the files it carried: the rules are
/// ``FormRules``'s. Failures that belong to one field (a JSON part that is not JSON, text where a file belongs,
/// text that is not UTF-8) are collected as validation failures under that field, not thrown.
public enum FormDecoding {
    /// The parts of a form body by its `Content-Type`: `multipart/form-data` (RFC 7578) or
    /// `application/x-www-form-urlencoded` (each pair a text part). Anything else is a 415.
    public static func parts(
        contentType: String?, body: [UInt8], limits: MultipartLimits = MultipartLimits()
    ) throws(MultipartError) -> [MultipartPart] {
        guard let contentType else { throw .unsupportedMediaType(nil) }
        switch MediaTypeHeader(contentType).essence {
        case "multipart/form-data":
            let boundary = try MultipartParser.boundary(fromContentType: contentType)
            return try MultipartParser(boundary: boundary, limits: limits).parse(body)
        case "application/x-www-form-urlencoded":
            let items = QueryString(String(decoding: body, as: UTF8.self)).items
            guard items.count <= limits.maximumParts else { throw .tooManyParts(limit: limits.maximumParts) }
            return items.map { MultipartPart(name: $0.name, body: Array($0.value.utf8)) }
        default:
            throw .unsupportedMediaType(contentType)
        }
    }

    /// The object the parts make, by `schema` (the body's rules) and `rules`; the files in the order sent.
    /// Failures go to `errors`, and the keys they were filed under to `failedKeys`, so that the schema's own check
    /// of the same field (a `required` on a JSON part that did not parse) does not repeat them.
    public static func decode(
        _ parts: [MultipartPart], schema: JSONSchemaRules?, rules: FormRules,
        into errors: inout ValidationErrors, failedKeys: inout Set<String>
    ) -> (body: JSONValue, files: [UploadedFile]) {
        var root = RawParameter.map([])
        var files: [UploadedFile] = []
        for part in parts {
            let (field, brackets) = split(part.name)
            let path = FieldPath(dotted: ([field] + brackets.filter { !$0.isEmpty }).joined(separator: "."))
            let property = ParameterDecoding.propertySchema(schema, named: field)
            let wantsArray: Bool = {
                guard let types = property?.admittedTypes else { return false }
                return types.contains(.array) && !types.contains(.string)
            }()
            func fail(_ sentence: String) {
                errors.add(.custom("The \(path.attribute) field \(sentence)."), at: path)
                failedKeys.insert(path.key)
            }
            let leaf: RawParameter
            var appends = brackets.isEmpty && wantsArray
            if rules.fileFields.contains(field) {
                if let filename = part.filename, !(filename.isEmpty && part.body.isEmpty) {
                    // A single-file field sent twice keeps the last file, as its value in the body does.
                    if !appends && brackets.isEmpty { files.removeAll { $0.field == field } }
                    files.append(
                        UploadedFile(
                            field: field, partName: part.name, filename: filename, contentType: part.contentType,
                            bytes: part.body))
                    leaf = .value(.string(filename))
                } else if part.filename != nil || part.body.isEmpty {
                    // A file input left empty: no file. Among repeated files it is skipped; alone it is null.
                    if appends || brackets.last == "" { continue }
                    leaf = .value(.null)
                } else {
                    fail("must be a file")
                    continue
                }
            } else if rules.jsonFields.contains(field) || isJSON(part.contentType) {
                if part.body.allSatisfy(isJSONSpace) {
                    leaf = .value(.null)
                    appends = false
                } else {
                    do {
                        let value = try JSONParser().parse(part.body)
                        // A whole array in one part fills the field; single items in repeated parts are appended.
                        if case .array = value { appends = false }
                        leaf = .value(value)
                    } catch {
                        fail("must be a valid JSON string (\(error.detail))")
                        continue
                    }
                }
            } else {
                guard let text = part.text else {
                    fail("must be UTF-8 text")
                    continue
                }
                if text.isEmpty {
                    leaf = .value(.null)
                    appends = false
                } else {
                    leaf = .text(text)
                }
            }
            root.insert(leaf: leaf, at: ArraySlice([field] + (appends ? [""] : brackets)))
        }
        return (ParameterDecoding.convert(root, schema: schema), files)
    }

    /// `links[0][url]` → (`links`, `["0", "url"]`); a name with stray brackets is kept whole.
    static func split(_ name: String) -> (field: String, brackets: [String]) {
        guard let open = name.firstIndex(of: "["), open != name.startIndex,
            let segments = ParameterDecoding.bracketSegments(name[open...])
        else { return (name, []) }
        return (String(name[..<open]), segments)
    }

    private static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        return MediaTypeHeader(contentType).isJSON
    }

    private static func isJSONSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
