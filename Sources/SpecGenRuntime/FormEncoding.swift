/// A form body's object and files → `multipart/form-data` or `application/x-www-form-urlencoded` bytes: the
/// inverse of ``FormDecoding``, by the same ``FormRules``, so the server reads back the object that was sent.
///
/// Each member of the object becomes parts, in order:
/// - a field in ``FormRules/jsonFields`` is one part holding its JSON (`Content-Type: application/json` in a
///   multipart body);
/// - a field in ``FormRules/fileFields`` is its files from ``UploadedFiles`` (its value in the object, the file's
///   name, is what the server derives from them); files of fields the object does not mention come last;
/// - an array of scalars is one part per item under the field's name, an object one part per leaf under
///   `field[key]` (`links[0][url]`);
/// - a scalar is its text (`true`, `42`, the string), and `null` an empty part, which the server reads as `null`.
///
/// A form cannot say "empty array" (no part is no field) or tell the empty string from `null`; a JSON field can.
public enum FormEncoding {
    /// `application/x-www-form-urlencoded` text: `title=Hi&tags=a&tags=b`, names and values percent-encoded.
    /// Files have no place in it and are left out.
    public static func urlencoded(_ body: JSONValue, rules: FormRules) -> [UInt8] {
        let pairs = parts(body, rules: rules).compactMap { part -> String? in
            switch part.content {
            case .text(let text), .json(let text):
                PercentEncoding.encode(part.name) + "=" + PercentEncoding.encode(text)
            case .files: nil
            }
        }
        return Array(pairs.joined(separator: "&").utf8)
    }

    /// A `multipart/form-data` body with `boundary` (RFC 7578): text and JSON parts from the object, file parts
    /// from `files` with their file names and content types.
    public static func multipart(_ body: JSONValue, files: UploadedFiles, rules: FormRules, boundary: String) -> [UInt8]
    {
        var output: [UInt8] = []
        func write(_ disposition: String, contentType: String?, _ bytes: [UInt8]) {
            output += Array("--\(boundary)\r\nContent-Disposition: form-data; \(disposition)\r\n".utf8)
            if let contentType { output += Array("Content-Type: \(contentType)\r\n".utf8) }
            output += Array("\r\n".utf8) + bytes + Array("\r\n".utf8)
        }
        func write(_ file: UploadedFile) {
            write(
                "name=\(quoted(file.partName)); filename=\(quoted(file.filename))", contentType: file.contentType,
                file.bytes)
        }
        var fieldsWritten: Set<String> = []
        for part in parts(body, rules: rules) {
            switch part.content {
            case .text(let text): write("name=\(quoted(part.name))", contentType: nil, Array(text.utf8))
            case .json(let text): write("name=\(quoted(part.name))", contentType: "application/json", Array(text.utf8))
            case .files:
                fieldsWritten.insert(part.name)
                for file in files[part.name] { write(file) }
            }
        }
        for file in files.all where !fieldsWritten.contains(file.field) { write(file) }
        output += Array("--\(boundary)--\r\n".utf8)
        return output
    }

    /// A random boundary that occurs in none of the bytes to send.
    public static func boundary(avoiding body: JSONValue, files: UploadedFiles) -> String {
        let text = Array(body.jsonText.utf8)
        while true {
            let candidate = "specgen-" + String(UInt64.random(in: .min ... .max), radix: 36)
            let bytes = Array(candidate.utf8)
            if !contains(text, bytes) && !files.all.contains(where: { contains($0.bytes, bytes) }) { return candidate }
        }
    }

    // MARK: Parts

    /// One part to write, or the place of a file field's files.
    struct Part: Equatable {
        enum Content: Equatable {
            case text(String)
            case json(String)
            /// The files sent for the field ``Part/name``.
            case files
        }

        var name: String
        var content: Content
    }

    /// The object's parts in order.
    static func parts(_ body: JSONValue, rules: FormRules) -> [Part] {
        guard case .object(let object) = body else { return [] }
        var parts: [Part] = []
        for member in object {
            let field = member.key
            if rules.fileFields.contains(field) {
                parts.append(Part(name: field, content: .files))
            } else if rules.jsonFields.contains(field) {
                parts.append(Part(name: field, content: .json(member.value.isNull ? "" : member.value.jsonText)))
            } else if case .array(let items) = member.value, items.allSatisfy(isScalar) {
                parts += items.map { Part(name: field, content: .text(ParameterEncoding.text($0))) }
            } else {
                parts += leaves(field, member.value)
            }
        }
        return parts
    }

    /// `field[key][0]=…` for every scalar inside a structured value sent as text parts.
    private static func leaves(_ name: String, _ value: JSONValue) -> [Part] {
        switch value {
        case .object(let object): object.flatMap { leaves(name + "[" + $0.key + "]", $0.value) }
        case .array(let items): items.enumerated().flatMap { leaves(name + "[\($0.offset)]", $0.element) }
        default: [Part(name: name, content: .text(ParameterEncoding.text(value)))]
        }
    }

    private static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .array, .object: false
        default: true
        }
    }

    /// A `Content-Disposition` parameter value in quotes, `"` and `\` escaped as the server's parser reads them
    /// (a line break, which would end the header, becomes a space).
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"", "\\": result += "\\" + String(character)
            case "\r", "\n", "\r\n": result += " "
            default: result.append(character)
            }
        }
        return result + "\""
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        var start = 0
        while let found = haystack[start...].firstIndex(of: first), found + needle.count <= haystack.count {
            if haystack[found..<(found + needle.count)].elementsEqual(needle) { return true }
            start = found + 1
        }
        return false
    }
}
