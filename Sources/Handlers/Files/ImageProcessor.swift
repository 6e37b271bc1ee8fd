import Dispatch
import VipsShim

/// Images through libvips: their size read from the header alone, and copies shrunk while decoding
/// (`vips_thumbnail`), metadata stripped. Work runs on a queue of its own, one image at a time: it is CPU work that
/// must not hold a Swift concurrency thread, and one at a time bounds the memory several large uploads can take.
///
/// A decompression bomb (a small file that declares a huge canvas) is refused on its header, before anything is
/// decoded: see ``maximumPixels``.
public final class ImageProcessor: Sendable {
    /// The largest image taken, in pixels (width × height).
    public let maximumPixels: Int
    /// The longest side of the stored image and of its thumbnail.
    public let storedSide: Int
    public let thumbnailSide: Int

    private let queue = DispatchQueue(label: "ceki.images")
    private static let started: Bool = ceki_vips_start() == 0

    public init(maximumPixels: Int = 50_000_000, storedSide: Int = 2048, thumbnailSide: Int = 320) {
        self.maximumPixels = maximumPixels
        self.storedSide = storedSide
        self.thumbnailSide = thumbnailSide
    }

    /// Why an image cannot be taken, in words for the uploader.
    public enum Refusal: Error, Equatable {
        case unreadable(String)
        case tooManyPixels(width: Int, height: Int)
    }

    /// What was written: the stored copy and the thumbnail, with their sizes in pixels.
    public struct Resized: Sendable, Hashable {
        public let width: Int
        public let height: Int
        public let thumbnailWidth: Int
        public let thumbnailHeight: Int
    }

    /// Checks the image at `input` and writes its stored copy to `stored` and its thumbnail to `thumbnail` (their
    /// suffixes pick the format).
    public func resize(_ input: String, stored: String, thumbnail: String) async throws -> Resized {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.resizeNow(input, stored: stored, thumbnail: thumbnail) })
            }
        }
    }

    private func resizeNow(_ input: String, stored: String, thumbnail: String) throws -> Resized {
        guard Self.started else { throw Refusal.unreadable("the image library could not start") }
        defer { ceki_vips_error_clear() }
        var width: Int32 = 0
        var height: Int32 = 0
        guard ceki_vips_size(input, &width, &height) == 0 else { throw Refusal.unreadable(Self.lastError()) }
        guard Int(width) * Int(height) <= maximumPixels else {
            throw Refusal.tooManyPixels(width: Int(width), height: Int(height))
        }
        var storedWidth: Int32 = 0
        var storedHeight: Int32 = 0
        guard ceki_vips_resize(input, stored, Int32(storedSide), &storedWidth, &storedHeight) == 0 else {
            throw Refusal.unreadable(Self.lastError())
        }
        var thumbWidth: Int32 = 0
        var thumbHeight: Int32 = 0
        guard ceki_vips_resize(stored, thumbnail, Int32(thumbnailSide), &thumbWidth, &thumbHeight) == 0 else {
            throw Refusal.unreadable(Self.lastError())
        }
        return Resized(
            width: Int(storedWidth), height: Int(storedHeight), thumbnailWidth: Int(thumbWidth),
            thumbnailHeight: Int(thumbHeight))
    }

    /// libvips's message, first line only (the rest names internal operations).
    private static func lastError() -> String {
        let text = String(cString: ceki_vips_error())
        return text.split(separator: "\n").first.map(String.init) ?? "not a readable image"
    }
}
