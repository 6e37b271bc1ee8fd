/// An operation's `requestBody`, reference resolved.
struct RequestBody: Sendable {
    /// The `description`.
    var description: String?
    /// Whether a body must be sent (`required`, default false).
    var required: Bool
    /// The accepted media types, in document order (any media type; ``ContentType/Kind`` says how each is read).
    var content: [MediaType]
    /// The reference it was reached through; nil when inline.
    var reference: Reference?
    /// Where the request body is.
    var source: SpecLocation
}
