import COpenSSL
import Foundation

/// A received file waiting in the incoming folder until its upload is checked and stored: where it is, what the
/// client called it, how large it was, and its first bytes (what its type is decided from).
///
/// A file over its field's limit is cut at the limit while it arrives (the rest is counted, not kept), so a
/// client cannot fill the disk through a field that takes 5 MB.
public struct StagedFile: Sendable, Hashable {
    /// The form field it came in (`images`), and its place in errors (`images.0`, or `image` for a single file).
    public let field: FileField
    public var key: String
    /// The name the client gave; never used for storage.
    public let filename: String
    /// In the incoming folder.
    public let path: String
    /// Every byte the client sent for it, kept or not.
    public let size: Int
    public let sha256: String
    /// Up to ``SniffedType/headLength`` leading bytes.
    public let head: [UInt8]

    public var isOverLimit: Bool { size > field.maximumBytes }

    /// Stages a file the caller already holds in memory (a form decoded whole, as `registerUser`'s is).
    public static func write(
        _ bytes: [UInt8], field: FileField, key: String, filename: String, into directory: String
    ) throws -> StagedFile {
        let writer = try StagedFileWriter(field: field, key: key, filename: filename, directory: directory)
        do {
            try bytes.withUnsafeBytes { try writer.write($0) }
            return try writer.finish()
        } catch {
            writer.discard()
            throw error
        }
    }
}

/// Writes one file into the incoming folder as its bytes arrive, hashing as it goes, keeping at most the field's
/// limit plus one byte (enough to know it was over). Used by one task at a time.
public final class StagedFileWriter {
    public let field: FileField
    public let key: String
    public let filename: String
    public let path: String
    private var descriptor: Int32
    private var received = 0
    private var head: [UInt8] = []
    private let digest: OpaquePointer

    /// Opens a new file with a random name in `directory` (made when missing), readable by the server only.
    public init(field: FileField, key: String, filename: String, directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.field = field
        self.key = key
        self.filename = filename
        self.path = directory + "/" + Secrets.hex(Secrets.randomBytes(16)) + ".part"
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StagingError(path: path, errno: errno) }
        guard let context = EVP_MD_CTX_new() else {
            close(descriptor)
            throw StagingError(path: path, errno: ENOMEM)
        }
        digest = context
        EVP_DigestInit_ex(digest, EVP_sha256(), nil)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        EVP_MD_CTX_free(digest)
    }

    /// Appends the next bytes (only up to the limit are written; all are counted).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0 else { return }
        if head.count < SniffedType.headLength {
            head.append(contentsOf: bytes.prefix(SniffedType.headLength - head.count))
        }
        let room = max(0, field.maximumBytes + 1 - received)
        received += bytes.count
        guard room > 0 else { return }
        let kept = UnsafeRawBufferPointer(rebasing: bytes.prefix(room))
        EVP_DigestUpdate(digest, kept.baseAddress, kept.count)
        var offset = 0
        while offset < kept.count {
            let written = Foundation.write(descriptor, kept.baseAddress! + offset, kept.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw StagingError(path: path, errno: errno)
            }
            offset += written
        }
    }

    /// Closes the file and describes it.
    public func finish() throws -> StagedFile {
        var hash = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(digest, &hash, &length)
        let status = close(descriptor)
        descriptor = -1
        guard status == 0 else { throw StagingError(path: path, errno: errno) }
        return StagedFile(
            field: field, key: key, filename: filename, path: path, size: received,
            sha256: Secrets.hex(Array(hash.prefix(Int(length)))), head: head)
    }

    /// Closes and removes the file (an upload given up half-way).
    public func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        unlink(path)
    }
}

/// The incoming folder could not take a file: a server fault (full disk, no permission), answered 503.
public struct StagingError: Error, CustomStringConvertible {
    public let path: String
    public let errno: Int32
    public var description: String { "Could not write \(path): \(String(cString: strerror(errno)))" }
}
