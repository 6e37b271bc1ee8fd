/// An OpenAPI 3.0 or 3.1 document, read and checked: what the translator turns into Swift.
///
/// References between parameters, request bodies, responses, headers and examples are already resolved
/// (each resolved value remembers the ``Reference`` it came through); schema references stay references,
/// because a named schema becomes a named Swift type.
struct OpenAPIDocument: Sendable {
    /// The `openapi` version.
    var version: OpenAPIVersion
    /// The `info` object.
    var info: Info
    /// The `servers` list.
    var servers: [Server]
    /// The `paths`, in document order.
    var paths: [PathItem]
    /// The 3.1 `webhooks`, in document order (read, not generated).
    var webhooks: OrderedMap<PathItem>
    /// The `components`.
    var components: Components
    /// The document-wide `security` requirements; empty when none is declared.
    var security: [SecurityRequirement]
    /// The `tags`, in document order.
    var tags: [Tag]
    /// `x-` extensions on the root.
    var extensions: OrderedMap<SpecValue>

    /// Every operation of every path, in document order.
    var operations: [Operation] { paths.flatMap(\.operations) }

    /// The component schema a reference names, or nil (non-component targets are refused by the reader).
    func schema(for reference: Reference) -> Schema? {
        guard let (kind, name) = reference.component, kind == .schemas else { return nil }
        return components.schemas[name]
    }

    /// Follows `$ref`s until a schema that is not a bare reference; nil if a reference dangles.
    /// The reader refuses reference cycles, so this always ends.
    func resolved(_ schema: Schema) -> Schema? {
        var current = schema
        var seen: Set<SpecPath> = []
        while case .object(let object) = current, let reference = object.reference, object.isBareReference {
            guard seen.insert(reference.target).inserted, let next = self.schema(for: reference) else { return nil }
            current = next
        }
        return current
    }
}

/// The OpenAPI version a document declares; decides 3.0 or 3.1 rules (`nullable` vs type arrays…).
struct OpenAPIVersion: Sendable, Hashable, CustomStringConvertible {
    /// The minor version line, which is what changes the rules.
    enum Line: Sendable, Hashable {
        case v3_0
        case v3_1
    }

    /// `3.0` or `3.1`.
    var line: Line
    /// The version as written, e.g. `3.1.0`.
    var text: String

    var description: String { text }
}

/// The `info` object.
struct Info: Sendable {
    /// The API's title, e.g. `Ceki API`.
    var title: String
    /// The API's version (a string, even when written `1.0`).
    var version: String
    /// The 3.1 short `summary`.
    var summary: String?
    /// The long `description` (CommonMark).
    var description: String?
}

/// One `servers` entry.
struct Server: Sendable {
    /// The URL, possibly with `{variables}`.
    var url: String
    /// What the server is.
    var description: String?
}

/// One `tags` entry.
struct Tag: Sendable {
    /// The tag's name as operations use it, e.g. `AgentAuth`.
    var name: String
    /// What the tag groups.
    var description: String?
}

/// The `components` object: named, reusable parts, each section in document order.
struct Components: Sendable {
    var schemas = OrderedMap<Schema>()
    var responses = OrderedMap<Response>()
    var parameters = OrderedMap<Parameter>()
    var examples = OrderedMap<Example>()
    var requestBodies = OrderedMap<RequestBody>()
    var headers = OrderedMap<Header>()
    var securitySchemes = OrderedMap<SecurityScheme>()
    var links = OrderedMap<Link>()
    var callbacks = OrderedMap<Callback>()
    var pathItems = OrderedMap<PathItem>()
}
