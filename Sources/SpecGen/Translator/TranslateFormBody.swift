/// A `multipart/form-data` request body → its runtime `FormRules`: which top-level properties are JSON parts and
/// which take files, so the runtime can turn the parts into the object the body's schema validates.
///
/// ```swift
/// FormRules(jsonFields: ["schedule", "skills", "languages"], fileFields: ["ava", "docs"])
/// ```
///
/// - A property is a **file field** when its schema (or its array's items) is `type: string` with
///   `format: binary` (or `base64`) or a `contentMediaType`.
/// - A property is a **JSON field** when its `encoding` entry says `contentType: application/json` (or `+json`),
///   or, with no `contentType` given, when it is structured (an object, or an array of objects), whose default
///   part type OpenAPI 3.1 says is `application/json`.
struct FormBodyTranslator {
    var document: OpenAPIDocument
    var names: SchemaNames

    /// The form media type of a request body read by `RequestRules(body:form:)`: its only media type, when that is
    /// a form (multipart or urlencoded).
    static func formMedia(_ body: RequestBody) -> MediaType? {
        guard case .single(let media) = RequestBodyTranslator.layout(body), media.isForm else { return nil }
        return media
    }

    /// The top-level properties of a form's schema, through `$ref`s and `allOf`.
    func properties(_ schema: Schema?) -> OrderedMap<Schema> {
        guard let schema, let resolved = document.resolved(schema) else { return OrderedMap() }
        if let merged = TypeTranslator(document: document, names: names).mergedAllOf(resolved) {
            return merged.properties
        }
        return resolved.object?.properties ?? OrderedMap()
    }

    /// Property names that take files, in schema order.
    func fileFields(_ media: MediaType) -> [String] {
        properties(media.schema).compactMap { element in
            isFile(element.value) || itemsAreFiles(element.value) ? element.name : nil
        }
    }

    /// Property names whose parts hold JSON, in schema order.
    func jsonFields(_ media: MediaType) -> [String] {
        properties(media.schema).compactMap { element in
            if let declared = media.encoding[element.name]?.contentType {
                let isJSON = declared.split(separator: ",").contains {
                    ContentType.kind(of: String($0)) == .json
                }
                return isJSON ? element.name : nil
            }
            return isStructured(element.value) ? element.name : nil
        }
    }

    /// `FormRules(jsonFields: […], fileFields: […])`, arguments left out when empty.
    func rules(_ media: MediaType) -> SwiftExpression {
        var arguments: [SwiftArgument] = []
        let json = jsonFields(media)
        let files = fileFields(media)
        if !json.isEmpty { arguments.append(SwiftArgument("jsonFields", .array(json.map { .string($0) }))) }
        if !files.isEmpty { arguments.append(SwiftArgument("fileFields", .array(files.map { .string($0) }))) }
        return .call(.identifier("FormRules"), arguments)
    }

    private func isFile(_ schema: Schema) -> Bool {
        guard let object = document.resolved(schema)?.object else { return false }
        guard object.nonNullTypes.map({ $0 == [.string] }) ?? true else { return false }
        return object.format == "binary" || object.format == "base64" || object.contentMediaType != nil
    }

    private func itemsAreFiles(_ schema: Schema) -> Bool {
        guard let object = document.resolved(schema)?.object, object.nonNullTypes == [.array],
            let items = object.items
        else { return false }
        return isFile(items)
    }

    private func isStructured(_ schema: Schema) -> Bool {
        guard let resolved = document.resolved(schema), let object = resolved.object else { return false }
        if TypeTranslator(document: document, names: names).mergedAllOf(resolved) != nil { return true }
        guard let types = object.nonNullTypes else { return false }
        if types == [.object] { return true }
        if types == [.array], let items = object.items, let itemTypes = document.resolved(items)?.object {
            return itemTypes.nonNullTypes == [.object] || itemTypes.allOf != nil
        }
        return false
    }
}
