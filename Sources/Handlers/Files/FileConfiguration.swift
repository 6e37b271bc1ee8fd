/// Where uploads are kept and how images are shrunk (`FILES_ROOT`, `FILES_MAX_PIXELS`, `FILES_IMAGE_SIZE`,
/// `FILES_THUMBNAIL_SIZE`; docs/files.md).
public struct FileConfiguration: Sendable, Hashable {
    /// The folder of the disk store, and of uploads still arriving (its `incoming` folder).
    public var root: String
    /// The largest image taken, in pixels: a decompression bomb's header is refused against it.
    public var maximumPixels: Int
    /// The longest side of a stored image, and of its thumbnail.
    public var imageSide: Int
    public var thumbnailSide: Int

    public init(
        root: String = ".data/files", maximumPixels: Int = 50_000_000, imageSide: Int = 2048, thumbnailSide: Int = 320
    ) {
        self.root = root
        self.maximumPixels = maximumPixels
        self.imageSide = imageSide
        self.thumbnailSide = thumbnailSide
    }
}
