import Foundation

/// A real SMTP server for tests: a small Python program (standard library only, so nothing to install) that
/// speaks enough SMTP for the client (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT) and appends every accepted mail
/// as a JSON line to a file. `failFirst` answers the first DATA commands with a temporary failure (451).
final class SMTPSink: @unchecked Sendable {
    /// One mail the sink accepted.
    struct Received: Decodable {
        let from: String
        let to: [String]
        let auth: [String]?
        let data: String
    }

    let port: Int
    private let process: Process
    private let directory: URL

    init(failFirst: Int = 0) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ceki-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = directory.appendingPathComponent("sink.py")
        try Self.program.write(to: script, atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", script.path, directory.appendingPathComponent("port").path,
            directory.appendingPathComponent("mails.jsonl").path, String(failFirst),
        ]
        try process.run()
        let portFile = directory.appendingPathComponent("port")
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: portFile.path) {
            guard Date() < deadline, process.isRunning else { throw SinkFailed() }
            Thread.sleep(forTimeInterval: 0.02)
        }
        port = Int(try String(contentsOf: portFile, encoding: .utf8))!
    }

    struct SinkFailed: Error {}

    /// The mails accepted so far, in order.
    func received() throws -> [Received] {
        let file = directory.appendingPathComponent("mails.jsonl")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Received.self, from: Data($0.utf8)) }
    }

    /// The `SMTP_URL` of this sink, with credentials when given.
    func url(username: String? = nil, password: String? = nil) -> String {
        username.map { "smtp://\($0):\(password ?? "")@127.0.0.1:\(port)" } ?? "smtp://127.0.0.1:\(port)"
    }

    deinit {
        // SIGKILL: the test runner's children may inherit a blocked SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    private static let program = #"""
        import base64, json, os, socketserver, sys, threading

        port_file, out_file, fail_first = sys.argv[1], sys.argv[2], int(sys.argv[3])
        lock = threading.Lock()
        state = {"fail": fail_first}

        class Session(socketserver.StreamRequestHandler):
            def reply(self, text):
                self.wfile.write((text + "\r\n").encode())
                self.wfile.flush()

            def handle(self):
                self.reply("220 ceki test sink")
                auth = None
                envelope = {"from": None, "to": []}
                while True:
                    raw = self.rfile.readline()
                    if not raw:
                        return
                    line = raw.decode("utf-8", "replace").rstrip("\r\n")
                    upper = line.upper()
                    if upper.startswith("EHLO"):
                        self.reply("250-ceki test sink")
                        self.reply("250-AUTH PLAIN")
                        self.reply("250 8BITMIME")
                    elif upper.startswith("AUTH PLAIN "):
                        parts = base64.b64decode(line[11:]).split(b"\0")
                        auth = [parts[1].decode(), parts[2].decode()]
                        self.reply("235 2.7.0 Authentication successful")
                    elif upper.startswith("MAIL FROM:"):
                        envelope = {"from": line[10:].strip().strip("<>"), "to": []}
                        self.reply("250 OK")
                    elif upper.startswith("RCPT TO:"):
                        envelope["to"].append(line[8:].strip().strip("<>"))
                        self.reply("250 OK")
                    elif upper == "DATA":
                        self.reply("354 End data with <CR><LF>.<CR><LF>")
                        lines = []
                        while True:
                            data = self.rfile.readline()
                            if not data or data == b".\r\n":
                                break
                            if data.startswith(b".."):
                                data = data[1:]
                            lines.append(data.decode("utf-8", "replace"))
                        with lock:
                            refuse = state["fail"] > 0
                            if refuse:
                                state["fail"] -= 1
                            else:
                                record = dict(envelope, auth=auth, data="".join(lines))
                                with open(out_file, "a") as f:
                                    f.write(json.dumps(record) + "\n")
                        self.reply("451 4.3.0 Try again later" if refuse else "250 OK queued")
                    elif upper == "QUIT":
                        self.reply("221 Bye")
                        return
                    elif upper in ("RSET", "NOOP"):
                        self.reply("250 OK")
                    else:
                        self.reply("502 Command not implemented")

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        socketserver.ThreadingTCPServer.daemon_threads = True
        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Session)
        with open(port_file + ".tmp", "w") as f:
            f.write(str(server.server_address[1]))
        os.rename(port_file + ".tmp", port_file)
        server.serve_forever()
        """#
}
