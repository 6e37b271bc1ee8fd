/// A body kept as the bytes that came, with the media type they came as: what a request or response of a media
/// type that is neither JSON, a form nor text (`application/octet-stream`, `application/xml`, `image/png`) is.
///
/// ```swift
/// case .applicationXml(let xml): parse(xml.bytes)            // a request body
/// return .ok(RawBody(contentType: "image/png", bytes: png))   // a response body
/// ```
public struct RawBody: Sendable, Hashable {
    /// The `Content-Type` as sent (or to send), parameters included: `application/xml; charset=utf-8`.
    public var contentType: String
    /// The body's bytes.
    public var bytes: [UInt8]

    public init(contentType: String, bytes: [UInt8]) {
        self.contentType = contentType
        self.bytes = bytes
    }

    /// A text body as UTF-8 bytes.
    public init(contentType: String, text: String) {
        self.init(contentType: contentType, bytes: Array(text.utf8))
    }
}
