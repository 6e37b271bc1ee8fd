import Foundation

/// What time it is, asked of one place so that tests can say. Time tracking turns elapsed time into money, so its
/// tests set the clock and expect exact minutes; everything else may keep reading `Date()`.
public struct WallClock: Sendable {
    private let read: @Sendable () -> Date

    /// A clock that answers `read()`.
    public init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
    }

    /// The machine's clock.
    public static let system = WallClock { Date() }

    /// The current instant.
    public var now: Date { read() }
}
