/// What a form's file field takes: which kind of file and how large, as the spec's descriptions give them per
/// field ("One image, at most 5120 KB"). One table for every operation that takes files (`uploadFiles`,
/// `registerUser`, `updateCurrentUser`), so a field means the same wherever it is sent.
public struct FileField: Sendable, Hashable {
    /// The body property, without brackets (`images` for parts named `images[]`).
    public let name: String
    /// The kind of file it takes.
    public let kind: SniffedType.Kind
    /// The largest file it takes, in bytes.
    public let maximumBytes: Int

    public static let kilobyte = 1024

    /// Whether the field takes several files (`images[]`), so that errors name each (`images.0`).
    public var isList: Bool { ["images", "videos", "docs"].contains(name) }

    /// Where the `index`th file of the field is named in errors: `images.0`, or `image` for a single file.
    public func key(at index: Int) -> String { isList ? "\(name).\(index)" : name }

    /// The field named `name`, nil for a field that takes no file.
    public static func named(_ name: String) -> FileField? {
        switch name {
        case "image", "images", "ava": FileField(name: name, kind: .image, maximumBytes: 5120 * kilobyte)
        case "video", "videos": FileField(name: name, kind: .video, maximumBytes: 51200 * kilobyte)
        case "docs": FileField(name: name, kind: .document, maximumBytes: 5120 * kilobyte)
        default: nil
        }
    }

    /// The largest request `uploadFiles` can need: every field full (1 + 10 videos, 1 + 20 + 20 images and
    /// documents) and a megabyte for the rest of the form. Beyond it the body is refused with 413 unread.
    public static let largestUpload = 11 * 51200 * kilobyte + 41 * 5120 * kilobyte + 1024 * kilobyte

    /// The message of a file over ``maximumBytes``, in Laravel's words.
    public func tooLarge(at key: String) -> String {
        "The \(key) field must not be greater than \(maximumBytes / Self.kilobyte) kilobytes."
    }
}
