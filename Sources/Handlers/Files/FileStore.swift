import Foundation

/// Where stored files live, by key. The disk is the one store today; an S3-compatible store can take its place
/// behind this protocol (put an object from a local file, read it back as a local file or a stream, delete it).
///
/// Keys are made by Ceki (random, with the sniffed type's extension), never taken from a client, so they are safe
/// as paths: ``FileKey`` checks that.
public protocol FileStore: Sendable {
    /// Moves the finished local file at `path` into the store under `key`.
    func put(_ key: FileKey, movingFrom path: String) throws
    /// A local path to read `key` from; nil when the store has no such object.
    func localPath(of key: FileKey) -> String?
    /// Removes `key` (nothing when it is not there).
    func remove(_ key: FileKey)
    /// The folder where uploads are staged while they arrive (on the same disk, so `put` is a rename).
    var incomingDirectory: String { get }
}

/// A stored object's name: 32 random hex digits, an optional `_thumb`, and an extension of letters and digits.
public struct FileKey: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    /// A key as it comes back from a URL, refused unless it has exactly the shape Ceki makes.
    public init?(_ value: String) {
        let pattern = /^[0-9a-f]{32}(_thumb)?\.[a-z0-9]{2,5}$/
        guard value.wholeMatch(of: pattern) != nil else { return nil }
        self.value = value
    }

    /// A new random key for a file of `fileExtension`, and its thumbnail's key.
    public static func random(fileExtension: String) -> (file: FileKey, thumbnail: FileKey) {
        let name = Secrets.hex(Secrets.randomBytes(16))
        return (FileKey(name + "." + fileExtension)!, FileKey(name + "_thumb." + fileExtension)!)
    }

    public var description: String { value }
}

/// Files under a root folder: `ab/cd/<key>` (two levels of the key's first digits, so no folder holds millions).
public struct DiskFileStore: FileStore {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public var incomingDirectory: String { root + "/incoming" }

    func path(of key: FileKey) -> String {
        let name = key.value
        return "\(root)/\(name.prefix(2))/\(name.dropFirst(2).prefix(2))/\(name)"
    }

    public func put(_ key: FileKey, movingFrom source: String) throws {
        let target = path(of: key)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard rename(source, target) == 0 else { throw StagingError(path: target, errno: errno) }
    }

    public func localPath(of key: FileKey) -> String? {
        let target = path(of: key)
        return FileManager.default.fileExists(atPath: target) ? target : nil
    }

    public func remove(_ key: FileKey) {
        unlink(path(of: key))
    }
}
