import Foundation
import Synchronization

/// The progress of a long command (`ceki migrate`, the benchmark seeders, `ceki wallet import`), drawn on one line
/// of standard error and rewritten in place — `migrating  3/12  25%  m0003_contracts  1.2 s` — then cleared when
/// it ends. When standard error is not a terminal (a pipe, a file, CI, a service's journal) it writes nothing at
/// all, so logs and scripts see only what the command prints itself.
///
/// ```swift
/// let progress = TerminalProgress("migrating")
/// for (index, migration) in pending.enumerated() { progress.update(index, of: pending.count, migration.name) }
/// progress.finish()
/// ```
public final class TerminalProgress: Sendable {
    /// What is being done: the line's first word or words.
    public let title: String
    /// Whether the line is drawn: the file descriptor is a terminal.
    public let isShown: Bool
    private let descriptor: Int32
    private let started = ContinuousClock.now
    /// When the line was last drawn (nil: never), and whether `finish` was called; updates come from any thread.
    private let state = Mutex<(lastDrawn: ContinuousClock.Instant?, finished: Bool)>((nil, false))

    /// A progress line for `title` on `descriptor` (standard error by default), shown only if that is a terminal.
    public init(_ title: String, descriptor: Int32 = STDERR_FILENO) {
        self.title = title
        self.descriptor = descriptor
        self.isShown = isatty(descriptor) == 1
    }

    /// `done` of `total` steps are done; `item` names the one under way. Redrawn at most ten times a second,
    /// and always for the first and the last step.
    public func update(_ done: Int, of total: Int, _ item: String = "") {
        guard isShown else { return }
        state.withLock { state in
            let now = ContinuousClock.now
            if state.finished { return }
            if let last = state.lastDrawn, done > 0, done < total, now - last < .milliseconds(100) { return }
            state.lastDrawn = now
            var line = "\(title)  \(done)/\(total)"
            if total > 0 { line += "  \(done * 100 / total)%" }
            if !item.isEmpty { line += "  \(item)" }
            line += "  " + Self.format(now - started)
            draw("\r\u{1B}[2K" + line)
        }
    }

    /// Ends the progress: the line is cleared, so that what the command prints next starts on a clean line.
    public func finish() {
        guard isShown else { return }
        state.withLock { state in
            if state.finished { return }
            state.finished = true
            if state.lastDrawn != nil { draw("\r\u{1B}[2K") }
        }
    }

    /// `0.4 s`, `12.0 s`, `3 min 05 s`.
    static func format(_ elapsed: Duration) -> String {
        let (seconds, attoseconds) = elapsed.components
        if seconds < 60 {
            let tenths = Int(seconds) * 10 + Int(attoseconds / 100_000_000_000_000_000)
            return "\(tenths / 10).\(tenths % 10) s"
        }
        let remainder = Int(seconds % 60)
        return "\(seconds / 60) min \(remainder < 10 ? "0" : "")\(remainder) s"
    }

    private func draw(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written <= 0 { return }
            offset += written
        }
    }
}
