import Foundation

/// A page as Debian's `chromium` renders it headless, for tests that need a real browser (the reference page):
/// the DOM after its scripts ran (`--dump-dom`), the console messages it logged, and a screenshot.
///
/// Chromium is installed by `scripts/setup`; when it is missing the test fails saying so rather than skipping.
/// It runs with `--no-sandbox` (the tests run as root in containers, where Chromium's sandbox cannot start) and a
/// fresh profile per run, so parallel runs do not share a lock.
public struct HeadlessChromium: Sendable {
    /// The executable: `CHROMIUM` when set, else the first of the usual names on the `PATH`.
    public let executable: String

    public init() throws {
        let environment = ProcessInfo.processInfo.environment
        if let given = environment["CHROMIUM"], !given.isEmpty {
            executable = given
            return
        }
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: directory + "/" + name) {
                executable = directory + "/" + name
                return
            }
        }
        throw Failure(
            "chromium is not installed (looked for chromium, chromium-browser, google-chrome on the PATH): "
                + "scripts/setup installs Debian's chromium package, or set CHROMIUM to a Chromium executable")
    }

    /// What one load of a page gave.
    public struct Rendering: Sendable {
        /// The DOM after the page's scripts ran, as HTML.
        public let dom: String
        /// The console messages the page logged (errors, uncaught exceptions, refused resources), one per line.
        public let consoleMessages: [String]
    }

    /// Loads `url`, returns the DOM and the console messages.
    public func render(_ url: String, timeout: TimeInterval = 120) async throws -> Rendering {
        let run = try await self.run(["--enable-logging=stderr", "--v=0", "--dump-dom", url], timeout: timeout)
        // Chromium writes every console message of the page to its log as `INFO:CONSOLE…] "message", source: …`.
        let console = run.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
        return Rendering(dom: run.stdout, consoleMessages: console.map(String.init))
    }

    /// Saves a PNG screenshot of `url` at `path`, the window `width` × `height` pixels.
    public func screenshot(
        _ url: String, to path: String, width: Int = 1280, height: Int = 2000, timeout: TimeInterval = 120
    )
        async throws
    {
        try? FileManager.default.removeItem(atPath: path)
        _ = try await run(
            ["--screenshot=\(path)", "--window-size=\(width),\(height)", "--hide-scrollbars", url], timeout: timeout)
        guard FileManager.default.fileExists(atPath: path) else {
            throw Failure("chromium wrote no screenshot at \(path)")
        }
    }

    private func run(_ arguments: [String], timeout: TimeInterval) async throws -> (stdout: String, stderr: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Output to files, not pipes: a page's DOM is larger than a pipe holds before someone reads it.
        let stdoutPath = directory.appendingPathComponent("stdout").path
        let stderrPath = directory.appendingPathComponent("stderr").path
        FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--user-data-dir=" + directory.appendingPathComponent("profile").path,
            ] + arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw Failure("chromium did not finish within \(Int(timeout)) s: \(arguments.joined(separator: " "))")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let stdout = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw Failure("chromium exited with \(process.terminationStatus): \(stderr.suffix(2000))")
        }
        return (stdout, stderr)
    }

    /// Why the browser could not render.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
