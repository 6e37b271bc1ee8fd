/// What a file is, decided from its first bytes (never from its name or the type the client claimed): its media
/// type, the kind of upload it can be, and the extension its stored name gets.
public struct SniffedType: Sendable, Hashable {
    public let mime: String
    public let kind: Kind
    /// Without the dot: `jpg`, `pdf`.
    public let fileExtension: String
    /// A word a person recognises in an error message: "a PNG image".
    public let description: String

    /// The spec's `UploadedFile.kind`.
    public enum Kind: String, Sendable, Hashable {
        case image, video, document
    }

    /// How many leading bytes ``sniff(_:)`` needs at most (office documents name their parts early in the zip).
    public static let headLength = 4096

    /// The type of a file whose content starts with `head`; nil for a type Ceki does not take (an executable, an
    /// archive, an SVG with its scripts, random bytes).
    public static func sniff(_ head: [UInt8]) -> SniffedType? {
        func starts(_ signature: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + signature.count && head[offset..<(offset + signature.count)].elementsEqual(signature)
        }
        func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts(ascii("GIF87a")) || starts(ascii("GIF89a")) { return .gif }
        if starts(ascii("RIFF")), starts(ascii("WEBP"), at: 8) { return .webp }
        if starts(ascii("RIFF")), starts(ascii("AVI "), at: 8) { return .avi }
        if starts(ascii("ftyp"), at: 4) {
            // ISO base media: the major brand says which. `qt  ` is QuickTime; HEIC/AVIF images are not videos.
            let brand = head.count >= 12 ? String(decoding: head[8..<12], as: UTF8.self) : ""
            if ["heic", "heix", "mif1", "msf1", "avif"].contains(brand) { return nil }
            return brand == "qt  " ? .quicktime : .mp4
        }
        if starts([0x1A, 0x45, 0xDF, 0xA3]) { return .webm }
        if starts(ascii("%PDF-")) { return .pdf }
        if starts(ascii("{\\rtf")) { return .rtf }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return officeDocument(head) }
        if isText(head) { return .plainText }
        return nil
    }

    /// A zip that is an office document: OpenDocument stores its `mimetype` first and uncompressed; Office Open
    /// XML names its `word/`, `xl/` or `ppt/` parts in the local headers near the start. Any other zip is refused.
    private static func officeDocument(_ head: [UInt8]) -> SniffedType? {
        let text = String(decoding: head, as: UTF8.self)
        if text.contains("mimetypeapplication/vnd.oasis.opendocument.text") { return .odt }
        if text.contains("mimetypeapplication/vnd.oasis.opendocument.spreadsheet") { return .ods }
        guard text.contains("[Content_Types].xml") || text.contains("_rels/") else { return nil }
        if text.contains("word/") { return .docx }
        if text.contains("xl/") { return .xlsx }
        if text.contains("ppt/") { return .pptx }
        return nil
    }

    /// UTF-8 without NUL or other control characters than tab and line breaks: a plain-text document. The head may
    /// end inside a character, so up to three trailing bytes of an unfinished sequence are forgiven.
    private static func isText(_ head: [UInt8]) -> Bool {
        guard !head.isEmpty else { return false }
        for byte in head where byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return false }
        for cut in 0...min(3, head.count - 1) where String(validating: head.dropLast(cut), as: UTF8.self) != nil {
            return true
        }
        return false
    }

    public static let jpeg = SniffedType(mime: "image/jpeg", kind: .image, fileExtension: "jpg", description: "a JPEG image")
    public static let png = SniffedType(mime: "image/png", kind: .image, fileExtension: "png", description: "a PNG image")
    public static let gif = SniffedType(mime: "image/gif", kind: .image, fileExtension: "gif", description: "a GIF image")
    public static let webp = SniffedType(mime: "image/webp", kind: .image, fileExtension: "webp", description: "a WebP image")
    public static let mp4 = SniffedType(mime: "video/mp4", kind: .video, fileExtension: "mp4", description: "an MP4 video")
    public static let quicktime = SniffedType(
        mime: "video/quicktime", kind: .video, fileExtension: "mov", description: "a QuickTime video")
    public static let webm = SniffedType(mime: "video/webm", kind: .video, fileExtension: "webm", description: "a WebM video")
    public static let avi = SniffedType(mime: "video/x-msvideo", kind: .video, fileExtension: "avi", description: "an AVI video")
    public static let pdf = SniffedType(mime: "application/pdf", kind: .document, fileExtension: "pdf", description: "a PDF document")
    public static let rtf = SniffedType(mime: "application/rtf", kind: .document, fileExtension: "rtf", description: "an RTF document")
    public static let plainText = SniffedType(
        mime: "text/plain; charset=utf-8", kind: .document, fileExtension: "txt", description: "a text document")
    public static let odt = SniffedType(
        mime: "application/vnd.oasis.opendocument.text", kind: .document, fileExtension: "odt",
        description: "an OpenDocument text")
    public static let ods = SniffedType(
        mime: "application/vnd.oasis.opendocument.spreadsheet", kind: .document, fileExtension: "ods",
        description: "an OpenDocument spreadsheet")
    public static let docx = SniffedType(
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", kind: .document,
        fileExtension: "docx", description: "a Word document")
    public static let xlsx = SniffedType(
        mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", kind: .document,
        fileExtension: "xlsx", description: "an Excel workbook")
    public static let pptx = SniffedType(
        mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", kind: .document,
        fileExtension: "pptx", description: "a PowerPoint presentation")
}
