import CekiTestSupport
import Foundation
import Handlers
import Testing

/// The `ceki` executable as the README runs it: `ceki migrate` applies every migration to an empty database, and
/// `ceki serve` starts listening. The tests' shared server builds the application in-process, so only this proves
/// the command line itself runs its asynchronous subcommands.
@Suite("The ceki executable", .serialized)
struct CekiExecutableTests {
    /// `ceki`, built beside the test bundle by `swift build --build-tests`.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ceki")
    }

    /// An empty database of its own, and the URL naming it.
    static func scratchDatabase() async throws -> (url: String, drop: @Sendable () async -> Void) {
        let base = try TestEnvironment.databaseURL()
        let admin = PostgresPool(configuration: PostgresConfiguration(url: base, poolSize: 1))
        let name = "ceki_test_cli_\(UUID().uuidString.prefix(8).lowercased())"
        try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        var components = try #require(URLComponents(string: base))
        components.path = "/" + name
        let url = try #require(components.string)
        return (url, { _ = try? await admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(name) WITH (FORCE)")) })
    }

    static func process(_ arguments: [String], databaseURL: String) -> (Process, Pipe) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        environment["PORT"] = "0"
        environment["SMTP_URL"] = nil
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        return (process, pipe)
    }

    @Test func migrateAppliesEveryMigrationAndServeListens() async throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.executable.path),
            "\(Self.executable.path) is missing: build with swift build --build-tests")
        let (url, drop) = try await Self.scratchDatabase()
        defer { Task { await drop() } }

        let (migrate, migrateOutput) = Self.process(["migrate"], databaseURL: url)
        try migrate.run()
        let migrated = String(decoding: migrateOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        migrate.waitUntilExit()
        #expect(migrate.terminationStatus == 0, "\(migrated)")
        let last = Migration.all.last.map { "\($0.version) \($0.name)" } ?? ""
        #expect(migrated.contains("applied 1 foundation") && migrated.contains(last), "\(migrated)")

        // `serve` (the default) finds nothing to apply and listens, until asked to stop.
        let (serve, serveOutput) = Self.process([], databaseURL: url)
        try serve.run()
        let output = Output()
        serveOutput.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        let deadline = Date().addingTimeInterval(60)
        while !output.text.contains("listening"), Date() < deadline, serve.isRunning {
            try await Task.sleep(for: .milliseconds(100))
        }
        let seen = output.text
        #expect(seen.contains("listening"), "\(seen)")
        serve.terminate()
        serve.waitUntilExit()
        serveOutput.fileHandleForReading.readabilityHandler = nil
        #expect(!seen.contains("availability annotation"), "\(seen)")
    }
}

/// What a child process has written so far, collected from its pipe's handler.
final class Output: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) {
        lock.lock()
        data.append(chunk)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}
