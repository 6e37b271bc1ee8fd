/// How an operation reads one media type of its request body: what ``RequestRules/content`` lists when the body is
/// not a single JSON or form media type (several media types, text, or raw bytes).
///
/// ```swift
/// RequestRules(content: [
///     .json("application/json", Schemas.note),
///     .form("application/x-www-form-urlencoded", Schemas.note, FormRules()),
///     .text("text/plain", .string(maxLength: 200)),
///     .bytes("application/octet-stream", maxLength: 1024),
/// ])
/// ```
///
/// The request's `Content-Type` picks the entry: an exact match first, then a range (`image/*`, `*/*`) in the
/// spec's order. One that matches none is a 415 that lists the accepted types.
public struct MediaRules: Sendable {
    /// How the bytes become a value.
    public enum Reading: Sendable {
        /// Parsed as JSON, validated by ``MediaRules/schema``.
        case json
        /// Read as a form (multipart or urlencoded) by ``FormDecoding``, validated by ``MediaRules/schema``.
        case form(FormRules)
        /// UTF-8 text, validated as a JSON string by ``MediaRules/schema`` (`maxLength`, `pattern`…).
        case text
        /// Kept as bytes (``RawBody``); at most `maximumBytes` when given (a binary string's `maxLength`).
        case bytes(maximumBytes: Int?)
    }

    /// The media type as the spec writes it: `application/json`, `text/plain`, `image/*`.
    public let contentType: String
    /// How the body is read.
    public let reading: Reading
    /// The rules the decoded value must satisfy; nil for bytes, or a media type without schema.
    public let schema: JSONSchemaRules?

    public init(contentType: String, reading: Reading, schema: JSONSchemaRules? = nil) {
        self.contentType = contentType
        self.reading = reading
        self.schema = schema
    }

    /// A JSON media type (`application/json`, `+json`, `text/json`).
    public static func json(_ contentType: String, _ schema: JSONSchemaRules = .any) -> MediaRules {
        MediaRules(contentType: contentType, reading: .json, schema: schema)
    }

    /// A form media type (`multipart/form-data`, `application/x-www-form-urlencoded`).
    public static func form(_ contentType: String, _ schema: JSONSchemaRules = .any, _ rules: FormRules) -> MediaRules {
        MediaRules(contentType: contentType, reading: .form(rules), schema: schema)
    }

    /// A `text/*` media type, read as a string.
    public static func text(_ contentType: String, _ schema: JSONSchemaRules? = nil) -> MediaRules {
        MediaRules(contentType: contentType, reading: .text, schema: schema)
    }

    /// Any other media type, kept as bytes.
    public static func bytes(_ contentType: String, maxLength: Int? = nil) -> MediaRules {
        MediaRules(contentType: contentType, reading: .bytes(maximumBytes: maxLength))
    }

    /// Whether a request's `Content-Type` is this media type: the same essence, or inside its range (`image/*`,
    /// `*/*`).
    func accepts(_ essence: String) -> Bool {
        let declared = MediaTypeHeader(contentType).essence
        if declared == essence || declared == "*/*" { return true }
        guard declared.hasSuffix("/*") else { return false }
        return essence.hasPrefix(declared.dropLast())
    }

    /// Whether it names one media type rather than a range.
    var isExact: Bool { !MediaTypeHeader(contentType).essence.hasSuffix("/*") }
}
