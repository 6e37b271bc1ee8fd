import Foundation
import Handlers
import Testing

/// The server's own HTTP/1.1 client (what talks to Google): HTTPS with the certificate checked, against a local
/// Python HTTPS server with a certificate made for the run; chunked bodies.
@Suite("HTTP/1.1 client")
struct HTTP1ClientTests {
    /// A one-file HTTPS server answering `{"ok": true}` chunked, with a self-signed certificate for 127.0.0.1.
    final class LocalHTTPS: @unchecked Sendable {
        let port: Int
        let certificate: String
        private let process: Process
        private let directory: URL

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("ceki-https-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            certificate = directory.appendingPathComponent("cert.pem").path
            let key = directory.appendingPathComponent("key.pem").path
            let openssl = Process()
            openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            openssl.arguments = [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", certificate,
            ]
            openssl.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            openssl.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try openssl.run()
            openssl.waitUntilExit()
            let script = directory.appendingPathComponent("server.py")
            let portFile = directory.appendingPathComponent("port").path
            try Self.program.write(to: script, atomically: true, encoding: .utf8)
            process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script.path, portFile, certificate, key]
            process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            process.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try process.run()
            let deadline = Date().addingTimeInterval(20)
            while !FileManager.default.fileExists(atPath: portFile) {
                guard Date() < deadline, process.isRunning else { throw CocoaError(.fileNoSuchFile) }
                Thread.sleep(forTimeInterval: 0.02)
            }
            port = Int(try String(contentsOfFile: portFile, encoding: .utf8))!
        }

        deinit {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: directory)
        }

        private static let program = #"""
            import os, ssl, sys
            from http.server import BaseHTTPRequestHandler, HTTPServer
            port_file, cert, key = sys.argv[1], sys.argv[2], sys.argv[3]
            class Handler(BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                def log_message(self, *args): pass
                def do_GET(self):
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for part in (b'{"ok":', b' true, "path": "' + self.path.encode() + b'"}'):
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                    self.wfile.write(b"0\r\n\r\n")
                    self.close_connection = True
            server = HTTPServer(("127.0.0.1", 0), Handler)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert, key)
            server.socket = context.wrap_socket(server.socket, server_side=True)
            with open(port_file + ".tmp", "w") as f:
                f.write(str(server.server_address[1]))
            os.rename(port_file + ".tmp", port_file)
            server.serve_forever()
            """#
    }

    @Test func httpsChecksTheCertificateAndReadsChunkedBodies() async throws {
        let server = try LocalHTTPS()
        let url = URL(string: "https://127.0.0.1:\(server.port)/calendars/a%40b/events?x=1")!
        let trusted = HTTP1Client(timeout: 10, certificateAuthorities: server.certificate)
        let answer = try await trusted.send("GET", url)
        #expect(answer.status == 200 && answer.headers["content-type"] == "application/json")
        #expect(answer.text == #"{"ok": true, "path": "/calendars/a%40b/events?x=1"}"#)

        // The system's authorities do not know the certificate: no request is sent.
        await #expect(throws: HTTP1Error.self) {
            _ = try await HTTP1Client(timeout: 10).send("GET", url)
        }
    }
}
