import CekiTestSupport
import Foundation
import Testing
import TerminalProgress

/// Long commands draw their progress only on a terminal: `ceki migrate` with standard error on a pipe (as in CI,
/// a script or a service's journal) writes no progress line, and under a pseudo-terminal it draws one and clears
/// it. `TerminalProgress` itself writes nothing to what is not a terminal.
@Suite("Command progress", .serialized)
struct CommandProgressTests {
    @Test func migrateOffATerminalDrawsNoProgress() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: CekiExecutableTests.executable.path))
        let (url, drop) = try await CekiExecutableTests.scratchDatabase()
        defer { Task { await drop() } }
        let (migrate, output) = CekiExecutableTests.process(["migrate"], databaseURL: url)
        try migrate.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        migrate.waitUntilExit()
        #expect(migrate.terminationStatus == 0, "\(text)")
        #expect(text.contains("applied 1 foundation"), "\(text)")
        #expect(!text.contains("\r") && !text.contains("\u{1B}[") && !text.contains("migrating  "), "\(text)")
    }

    @Test func migrateOnATerminalDrawsProgressAndClearsIt() async throws {
        let script = "/usr/bin/script"  // util-linux: runs a command on a pseudo-terminal
        try #require(FileManager.default.isExecutableFile(atPath: script), "util-linux's script is missing")
        try #require(FileManager.default.isExecutableFile(atPath: CekiExecutableTests.executable.path))
        let (url, drop) = try await CekiExecutableTests.scratchDatabase()
        defer { Task { await drop() } }
        let (migrate, output) = CekiExecutableTests.process(
            ["-qec", "'\(CekiExecutableTests.executable.path)' migrate", "/dev/null"], databaseURL: url)
        migrate.executableURL = URL(fileURLWithPath: script)
        try migrate.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        migrate.waitUntilExit()
        #expect(migrate.terminationStatus == 0, "\(text)")
        #expect(text.contains("\r\u{1B}[2Kmigrating  0/"), "\(text)")
        #expect(text.contains("1 foundation"), "\(text)")
        // The line is cleared before the summary, and the per-migration log lines give way to it.
        #expect(text.contains("\r\u{1B}[2Kapplied 1 foundation"), "\(text)")
        #expect(!text.contains("applying migration"), "\(text)")
    }

    @Test func progressOnAPipeWritesNothing() throws {
        let pipe = Pipe()
        let progress = TerminalProgress("seeding", descriptor: pipe.fileHandleForWriting.fileDescriptor)
        #expect(!progress.isShown)
        for step in 0...10 { progress.update(step, of: 10, "step \(step)") }
        progress.finish()
        try pipe.fileHandleForWriting.close()
        #expect(pipe.fileHandleForReading.readDataToEndOfFile().isEmpty)
    }
}
