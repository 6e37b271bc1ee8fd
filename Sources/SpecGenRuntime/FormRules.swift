/// How an operation's `multipart/form-data` body maps onto its schema, so that it is validated by the same
/// ``JSONSchemaRules`` as a JSON body and answers the same 422.
///
/// The generator prints one per form operation, from the schema and the media type's `encoding`:
///
/// ```swift
/// RequestRules(
///     body: Schemas.registerUserRequest, isBodyRequired: true,
///     form: FormRules(jsonFields: ["schedule", "skills", "languages"], fileFields: ["ava", "docs"]))
/// ```
///
/// The parts become one JSON object (see ``FormDecoding``):
/// - a part named in ``jsonFields`` (or sent as `Content-Type: application/json`) holds JSON, parsed as is;
/// - a part named in ``fileFields`` is a file: its file name stands in the JSON (so `required` and `maxItems`
///   work), its bytes go to ``DecodedRequest/files``;
/// - any other part is text, converted to the property's type as query parameters are (`"3"` → 3 for an
///   integer, `"1"`/`"0"`/`"true"`/`"false"` for a boolean); text that does not convert stays a string, so the
///   validator reports "The age field must be an integer.";
/// - an empty text or JSON part is `null`; a file input left empty (no file name, no bytes) is `null` too;
/// - repeated names and `[]` build arrays (`docs`, `docs`, or `docs[]`, `docs[]`), brackets build nesting
///   (`links[0][url]`).
///
/// `application/x-www-form-urlencoded` bodies are read the same way (no files).
public struct FormRules: Sendable, Hashable {
    /// Top-level properties whose parts hold JSON (`encoding: {schedule: {contentType: application/json}}`, and
    /// structured properties, whose default part type OpenAPI says is JSON).
    public let jsonFields: Set<String>
    /// Top-level properties that take files (`type: string, format: binary` or `contentMediaType`, or arrays of
    /// them).
    public let fileFields: Set<String>
    /// Part count and header size limits.
    public let limits: MultipartLimits

    public init(jsonFields: Set<String> = [], fileFields: Set<String> = [], limits: MultipartLimits = MultipartLimits())
    {
        self.jsonFields = jsonFields
        self.fileFields = fileFields
        self.limits = limits
    }
}
