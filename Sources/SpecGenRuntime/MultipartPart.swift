/// One part of a `multipart/form-data` body (RFC 7578), as the parser found it: the field it fills, the file
/// name when it carries a file, its own `Content-Type`, and its bytes untouched.
public struct MultipartPart: Sendable, Equatable {
    /// The `name` of its `Content-Disposition: form-data; name="…"`, e.g. `docs[]` or `links[0][url]`.
    public var name: String
    /// The `filename` parameter, present (possibly empty) when the part is a file.
    public var filename: String?
    /// The part's `Content-Type` as sent, e.g. `application/json` or `image/png`; nil when it sent none (text).
    public var contentType: String?
    /// The part's body, byte for byte.
    public var body: [UInt8]

    public init(name: String, filename: String? = nil, contentType: String? = nil, body: [UInt8]) {
        self.name = name
        self.filename = filename
        self.contentType = contentType
        self.body = body
    }

    /// The part as text: nil when its bytes are not UTF-8.
    public var text: String? { String(validating: body, as: UTF8.self) }
}

/// A file sent in a form: what a handler stores. The validated body holds its file name in the field's place, so
/// `required`, `minItems` and `maxItems` apply to files like any other field; the bytes are here.
///
/// ```swift
/// let avatar = input.files.first("ava")      // UploadedFile?
/// let documents = input.files["docs"]         // [UploadedFile], in the order sent
/// ```
public struct UploadedFile: Sendable, Equatable {
    /// The body property it was sent for, without brackets: `docs` for a part named `docs[]`.
    public var field: String
    /// The part's name as sent, e.g. `docs[]`.
    public var partName: String
    /// The file name the client gave (may be empty).
    public var filename: String
    /// The part's `Content-Type`; RFC 7578 says `application/octet-stream` when none is sent.
    public var contentType: String
    /// The file's content.
    public var bytes: [UInt8]

    public init(field: String, partName: String? = nil, filename: String, contentType: String? = nil, bytes: [UInt8]) {
        self.field = field
        self.partName = partName ?? field
        self.filename = filename
        self.contentType = contentType ?? "application/octet-stream"
        self.bytes = bytes
    }
}

/// The files of one request, in the order sent, looked up by body property.
public struct UploadedFiles: Sendable, Equatable, ExpressibleByArrayLiteral {
    /// Every file, in the order sent.
    public var all: [UploadedFile]

    public init(_ all: [UploadedFile] = []) { self.all = all }

    public init(arrayLiteral elements: UploadedFile...) { self.all = elements }

    /// The files sent for one property (`docs`), in order; empty when none.
    public subscript(_ field: String) -> [UploadedFile] { all.filter { $0.field == field } }

    /// The first file sent for one property (`ava`), for single-file fields.
    public func first(_ field: String) -> UploadedFile? { all.first { $0.field == field } }

    /// Whether no file was sent.
    public var isEmpty: Bool { all.isEmpty }
}
