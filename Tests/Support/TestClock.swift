import Foundation
import Handlers
import Synchronization

/// The clock a test server reads (``TestServer/clock``): the machine's time until a test sets it, then the time
/// it was set to, moved only by the test. Suites that set it run their tests one at a time (`.serialized`), since
/// every test of the suite shares the server.
public final class TestClock: Sendable {
    private let fixed = Mutex<Date?>(nil)

    public init() {}

    /// The clock the server is built with.
    public var wallClock: WallClock {
        WallClock { [self] in self.now }
    }

    /// What the server reads now.
    public var now: Date {
        fixed.withLock { $0 } ?? Date()
    }

    /// Stops the clock at `date`.
    public func set(_ date: Date) {
        fixed.withLock { $0 = date }
    }

    /// Moves the stopped clock on by `seconds` (from the real time when it was not stopped).
    public func advance(by seconds: TimeInterval) {
        fixed.withLock { $0 = ($0 ?? Date()).addingTimeInterval(seconds) }
    }

    /// Back to the machine's time.
    public func reset() {
        fixed.withLock { $0 = nil }
    }
}
