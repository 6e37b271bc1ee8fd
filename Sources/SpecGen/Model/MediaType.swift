/// One entry of a `content` map: a media type with its schema.
struct MediaType: Sendable {
    /// The media type key as written, e.g. `application/json; charset=utf-8`.
    var contentType: String
    /// The body's schema; nil when the spec gives none (any body).
    var schema: Schema?
    /// Examples, typed by the schema (`example` and the values of `examples`).
    var examples: [SpecValue]
    /// Per-property `encoding` (multipart/form-data), by property name.
    var encoding: OrderedMap<Encoding>
    /// Where the media type is.
    var source: SpecLocation

    /// The type without parameters, lowercased: `application/json`.
    var essence: String { ContentType.essence(of: contentType) }

    /// What SpecGen does with this media type.
    var kind: ContentType.Kind { ContentType.kind(of: contentType) }

    /// Whether it is a form (multipart or urlencoded), read by the form rules.
    var isForm: Bool { kind == .multipartForm || kind == .urlEncodedForm }
}

/// Classifies media types the way the generator handles them.
enum ContentType {
    /// How a body of a media type is read and written.
    enum Kind: Sendable, Hashable {
        /// `application/json`, `application/problem+json`, `text/json`: decoded as JSON.
        case json
        /// `multipart/form-data`: parts by property.
        case multipartForm
        /// `application/x-www-form-urlencoded`.
        case urlEncodedForm
        /// `text/plain`, `text/csv`, `text/*`: a string.
        case text
        /// Anything else (`application/octet-stream`, `application/xml`, `image/*`, `*/*`): raw bytes.
        case other
    }

    /// The type without parameters, lowercased and trimmed.
    static func essence(of contentType: String) -> String {
        let base = contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? contentType
        return base.trimmingSpaces().lowercased()
    }

    /// The handling kind of a media type.
    static func kind(of contentType: String) -> Kind {
        let essence = essence(of: contentType)
        if essence == "application/json" || essence == "text/json"
            || (essence.hasPrefix("application/") && essence.hasSuffix("+json"))
        {
            return .json
        }
        if essence == "multipart/form-data" { return .multipartForm }
        if essence == "application/x-www-form-urlencoded" { return .urlEncodedForm }
        if essence.hasPrefix("text/") { return .text }
        return .other
    }
}

/// The `encoding` of one multipart property.
struct Encoding: Sendable {
    /// The part's `contentType`, e.g. `image/png, image/jpeg`.
    var contentType: String?
    /// The part's headers.
    var headers: OrderedMap<Header>
    /// Where the encoding is.
    var source: SpecLocation
}

/// A named `examples` entry (components or media types).
struct Example: Sendable {
    /// The `summary`.
    var summary: String?
    /// The `description`.
    var description: String?
    /// The literal `value`, typed by core YAML rules (an `examples` component has no schema).
    var value: SpecValue?
    /// The `externalValue` URL.
    var externalValue: String?
    /// Where the example is.
    var source: SpecLocation
}

/// A response `link` (read for completeness; the generator does not use links).
struct Link: Sendable {
    /// The target `operationId`.
    var operationID: String?
    /// The target `operationRef`.
    var operationRef: String?
    /// The `parameters` map: name → value or runtime expression.
    var parameters: OrderedMap<SpecValue>
    /// The `description`.
    var description: String?
    /// Where the link is.
    var source: SpecLocation
}

/// A `callbacks` entry: runtime expression → path item (read, not generated).
struct Callback: Sendable {
    /// The expressions, e.g. `{$request.body#/callbackUrl}`, with their path items.
    var expressions: OrderedMap<PathItem>
    /// Where the callback is.
    var source: SpecLocation
}

extension String {
    /// The string without leading or trailing spaces and tabs (Foundation-free, so SpecGen builds fast).
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
