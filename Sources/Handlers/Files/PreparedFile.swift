import Foundation

/// A staged file that passed its checks, ready to be stored: its sniffed type, the local files that will be
/// stored (for an image, the resized copy and its thumbnail rather than what was sent) and what its record says.
struct PreparedFile: Sendable {
    let staged: StagedFile
    let type: SniffedType
    let key: FileKey
    let thumbnailKey: FileKey?
    /// The local file stored under ``key``, and the thumbnail's.
    let path: String
    let thumbnailPath: String?
    let size: Int
    let sha256: String
    let width: Int?
    let height: Int?

    /// The name the client gave, as a name only: no folders, no control characters, at most 255 characters; a
    /// name of its own (`file.pdf`) when nothing is left.
    var displayName: String {
        let base = staged.filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(base.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        return clean.isEmpty ? "file.\(type.fileExtension)" : String(clean.prefix(255))
    }
}

/// The files of one request that passed their checks. Whatever happens next, ``discard()`` removes what is left in
/// the incoming folder; once stored, ``unstore(from:)`` takes the stored objects back when the records could not
/// be written.
public struct PreparedUpload: Sendable {
    var files: [PreparedFile]
    /// Every local file made for the request: the staged uploads and their resized copies.
    var localPaths: [String]

    public var isEmpty: Bool { files.isEmpty }

    /// No files: what a request without any prepares.
    public static let none = PreparedUpload(files: [], localPaths: [])

    /// Removes the request's files from the incoming folder.
    public func discard() {
        for path in localPaths { unlink(path) }
    }

    func store(into store: any FileStore) throws {
        var stored: [FileKey] = []
        do {
            for file in files {
                try store.put(file.key, movingFrom: file.path)
                stored.append(file.key)
                if let thumbnailKey = file.thumbnailKey, let thumbnailPath = file.thumbnailPath {
                    try store.put(thumbnailKey, movingFrom: thumbnailPath)
                    stored.append(thumbnailKey)
                }
            }
        } catch {
            for key in stored { store.remove(key) }
            throw error
        }
    }

    func unstore(from store: any FileStore) {
        for file in files {
            store.remove(file.key)
            if let thumbnailKey = file.thumbnailKey { store.remove(thumbnailKey) }
        }
    }
}
