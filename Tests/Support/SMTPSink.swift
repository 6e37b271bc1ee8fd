import Foundation

/// A real SMTP server for tests: aiosmtpd (from PyPI; `scripts/setup` installs it into `.data/python` and exports
/// `CEKI_PYTHON`) in a child process, which appends every accepted mail as a JSON line to a file.
///
/// `failFirst` answers the first DATA commands with a temporary failure (451). With `tls`, the sink offers
/// STARTTLS with a self-signed certificate made for the run (`certificatePath` is its CA file for the client)
/// and refuses mail before it. The sink exits with the test process, even one that never releases it.
public final class SMTPSink: @unchecked Sendable {
    /// One mail the sink accepted.
    public struct Received: Decodable, Sendable {
        public let from: String
        public let to: [String]
        /// The AUTH PLAIN user and password, when the client logged in.
        public let auth: [String]?
        /// The message as received: headers, a blank line, the body (CRLF line ends).
        public let data: String
        /// Whether the mail came over TLS (after STARTTLS).
        public let tls: Bool

        /// The `Subject` header's value.
        public var subject: String? {
            data.components(separatedBy: "\r\n\r\n").first?.components(separatedBy: "\r\n")
                .first { $0.lowercased().hasPrefix("subject:") }
                .map { String($0.dropFirst("subject:".count)).trimmingCharacters(in: .whitespaces) }
        }

        /// The message body (after the headers).
        public var body: String { data.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n") }
    }

    /// The port the sink listens on (127.0.0.1).
    public let port: Int
    /// The sink's certificate (PEM), when it offers STARTTLS.
    public let certificatePath: String?
    private let process: Process
    private let directory: URL

    public init(failFirst: Int = 0, tls: Bool = false) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ceki-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var arguments = [
            directory.appendingPathComponent("sink.py").path, directory.appendingPathComponent("port").path,
            directory.appendingPathComponent("mails.jsonl").path, String(failFirst),
        ]
        if tls {
            let certificate = directory.appendingPathComponent("cert.pem").path
            let key = directory.appendingPathComponent("key.pem").path
            try Self.run(
                "/usr/bin/env",
                [
                    "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", certificate,
                ])
            arguments += [certificate, key]
            certificatePath = certificate
        } else {
            certificatePath = nil
        }
        try Self.program.write(to: directory.appendingPathComponent("sink.py"), atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = arguments
        // Nothing inherited: a test runner reading this process's output would wait for the sink to close it.
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let portFile = directory.appendingPathComponent("port")
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: portFile.path) {
            guard Date() < deadline, process.isRunning else {
                throw SinkFailed(reason: "the aiosmtpd sink did not start (python: \(Self.python); run scripts/setup)")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        port = Int(try String(contentsOf: portFile, encoding: .utf8))!
    }

    /// Why the sink could not be started.
    public struct SinkFailed: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// The Python with aiosmtpd: `CEKI_PYTHON` from `scripts/setup --env`, else `python3` on the PATH.
    static var python: String {
        if let python = ProcessInfo.processInfo.environment["CEKI_PYTHON"], !python.isEmpty { return python }
        return "/usr/bin/python3"
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        // Nothing inherited: a test runner reading this process's output would wait for the sink to close it.
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SinkFailed(reason: "\(arguments.prefix(2).joined(separator: " ")) failed")
        }
    }

    /// The mails accepted so far, in order.
    public func received() throws -> [Received] {
        let file = directory.appendingPathComponent("mails.jsonl")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        // The sink may be halfway through writing a line: only the lines it has ended are mails yet.
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()
        return try lines.filter { !$0.isEmpty }.map { try JSONDecoder().decode(Received.self, from: Data($0.utf8)) }
    }

    /// Waits until at least `count` mails arrived (the server's delivery worker sends in the background).
    public func waitForMails(_ count: Int, timeout: TimeInterval = 20) async throws -> [Received] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let mails = try received()
            if mails.count >= count || Date() > deadline { return mails }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The `SMTP_URL` of this sink, with credentials when given.
    public func url(username: String? = nil, password: String? = nil) -> String {
        username.map { "smtp://\($0):\(password ?? "")@127.0.0.1:\(port)" } ?? "smtp://127.0.0.1:\(port)"
    }

    deinit {
        // SIGKILL: the test runner's children may inherit a blocked SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    private static let program = #"""
        import json, os, socket, ssl, sys, threading, time
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        port_file, out_file, fail_first = sys.argv[1], sys.argv[2], int(sys.argv[3])
        cert, key = (sys.argv[4], sys.argv[5]) if len(sys.argv) > 5 else (None, None)
        lock = threading.Lock()
        state = {"fail": fail_first}

        class Sink:
            async def handle_DATA(self, server, session, envelope):
                with lock:
                    if state["fail"] > 0:
                        state["fail"] -= 1
                        return "451 4.3.0 Try again later"
                    login = session.auth_data
                    record = {
                        "from": envelope.mail_from,
                        "to": envelope.rcpt_tos,
                        "auth": [login.login.decode(), login.password.decode()] if login else None,
                        "data": envelope.original_content.decode("utf-8", "replace"),
                        "tls": session.ssl is not None,
                    }
                    with open(out_file, "a") as f:
                        f.write(json.dumps(record) + "\n")
                return "250 OK queued"

        def accept_any(server, session, envelope, mechanism, auth_data):
            return AuthResult(success=True, auth_data=auth_data)

        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()

        context = None
        if cert:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert, key)
        controller = Controller(
            Sink(), hostname="127.0.0.1", port=port, authenticator=accept_any, auth_require_tls=False,
            tls_context=context, require_starttls=context is not None, decode_data=False)
        controller.start()
        with open(port_file + ".tmp", "w") as f:
            f.write(str(port))
        os.rename(port_file + ".tmp", port_file)
        # A sink outlives no test process: shared sinks are never deinitialised, so watch the parent instead.
        parent = os.getppid()
        while os.getppid() == parent:
            time.sleep(0.5)
        """#
}
