/// A path, query, header or cookie parameter, reference resolved.
struct Parameter: Sendable {
    /// The name as sent, e.g. `id`, `filter`, `X-Request-Id`.
    var name: String
    /// Where the parameter is sent.
    var location: ParameterLocation
    /// Whether the request must carry it (always true for path parameters; the reader insists).
    var required: Bool
    /// The `description`.
    var description: String?
    /// Whether the parameter is `deprecated`.
    var deprecated: Bool
    /// How the value is serialized; defaults applied (`form` for query and cookie, `simple` for path and header).
    var style: ParameterStyle
    /// Whether arrays and objects are exploded; default applied (true for `form`, else false).
    var explode: Bool
    /// `allowEmptyValue` (query only): whether `?name=` counts as present.
    var allowEmptyValue: Bool
    /// The value's schema (for a `content` parameter, its one media type's schema; `{}` when it gives none).
    var schema: Schema
    /// The media type of a parameter described by `content` rather than `schema`, e.g. `application/json`: the
    /// value is sent in that media type (JSON text in the query), not in a `style`. Nil for a `schema` parameter.
    var contentType: String?
    /// Examples, typed by the schema (`example` and the values of `examples`).
    var examples: [SpecValue]
    /// The reference the parameter was reached through, e.g. `#/components/parameters/Page`; nil when inline.
    var reference: Reference?
    /// Where the parameter's own definition is (the component's place when it was referenced).
    var source: SpecLocation
}

/// The `in` of a parameter.
enum ParameterLocation: String, Sendable, Hashable, CaseIterable {
    case path
    case query
    case header
    case cookie
}

/// The serialization `style` of a parameter; only the ones SpecGen can decode are read.
enum ParameterStyle: String, Sendable, Hashable {
    /// `simple`: path and header values, arrays as `a,b,c`.
    case simple
    /// `form`: query values, arrays as `?x=a&x=b` (exploded) or `?x=a,b`.
    case form
    /// `deepObject`: query objects as `?filter[status]=open&filter[tag]=x`.
    case deepObject
}

/// A response or encoding header: a parameter without name and location.
struct Header: Sendable {
    /// The `description`.
    var description: String?
    /// Whether the header must be present.
    var required: Bool
    /// Whether the header is `deprecated`.
    var deprecated: Bool
    /// The value's schema (for a `content` header, its one media type's schema; `{}` when it gives none).
    var schema: Schema
    /// The media type of a header described by `content`, e.g. `application/json`; nil for a `schema` header.
    var contentType: String?
    /// Examples, typed by the schema.
    var examples: [SpecValue]
    /// The reference it was reached through; nil when inline.
    var reference: Reference?
    /// Where the header is.
    var source: SpecLocation
}
