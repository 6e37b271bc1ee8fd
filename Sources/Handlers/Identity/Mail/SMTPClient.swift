import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What can go wrong talking to the SMTP server; every case leaves the mail in the outbox for a later attempt.
public enum SMTPError: Error, Sendable, CustomStringConvertible {
    /// The server could not be reached.
    case connectionFailed(String)
    /// The server answered a command with something other than success.
    case rejected(command: String, reply: String)
    /// The connection broke or timed out mid-conversation.
    case connectionLost
    /// STARTTLS failed: no TLS offered where it is required, a failed handshake, or a certificate that does not
    /// check out.
    case tlsFailed(String)

    public var description: String {
        switch self {
        case .connectionFailed(let reason): return "cannot connect to the SMTP server: \(reason)"
        case .rejected(let command, let reply): return "SMTP server refused \(command): \(reply)"
        case .connectionLost: return "the SMTP connection was lost or timed out"
        case .tlsFailed(let reason): return "STARTTLS failed: \(reason)"
        }
    }
}

/// Something that delivers a mail or throws; the delivery worker marks the mail sent only when this returns.
public protocol MailTransport: Sendable {
    func send(_ mail: OutgoingMail) async throws
}

/// Sends mail over SMTP (RFC 5321): EHLO, STARTTLS when offered (RFC 3207; see
/// ``SMTPConfiguration/STARTTLSPolicy``), AUTH PLAIN when a user is configured, MAIL/RCPT/DATA, QUIT. One
/// connection per mail, on a blocking socket off the cooperative thread pool.
public struct SMTPClient: MailTransport {
    public let configuration: SMTPConfiguration

    public init(configuration: SMTPConfiguration) {
        self.configuration = configuration
    }

    /// Sends `mail`; returns once the server accepted the message (the 250 after DATA).
    public func send(_ mail: OutgoingMail) async throws {
        let configuration = self.configuration
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            DispatchQueue.global().async {
                do {
                    let session = try SMTPSession(configuration: configuration)
                    try session.deliver(mail)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}

/// One SMTP conversation over a blocking socket.
final class SMTPSession {
    private let socket: Int32
    private let configuration: SMTPConfiguration
    private var buffer: [UInt8] = []
    /// The TLS session once STARTTLS succeeded; all traffic goes through it from then on.
    private var tls: TLSChannel?

    init(configuration: SMTPConfiguration) throws {
        self.configuration = configuration
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(configuration.host, String(configuration.port), &hints, &list)
        guard status == 0, let first = list else {
            throw SMTPError.connectionFailed(String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        var address: UnsafeMutablePointer<addrinfo>? = first
        var connected: Int32 = -1
        var lastError = ""
        while let candidate = address {
            let fd = Glibc.socket(
                candidate.pointee.ai_family, candidate.pointee.ai_socktype, candidate.pointee.ai_protocol)
            if fd >= 0 {
                var timeout = timeval(tv_sec: configuration.timeout, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                if connect(fd, candidate.pointee.ai_addr, candidate.pointee.ai_addrlen) == 0 {
                    connected = fd
                    break
                }
                lastError = String(cString: strerror(errno))
                close(fd)
            }
            address = candidate.pointee.ai_next
        }
        guard connected >= 0 else { throw SMTPError.connectionFailed(lastError) }
        self.socket = connected
    }

    deinit {
        close(socket)
    }

    /// The whole conversation for one mail.
    func deliver(_ mail: OutgoingMail) throws {
        try expect(readReply(), [220], "the greeting")
        let capabilities = try command("EHLO ceki", expect: [250])
        let offersTLS = capabilities.uppercased().split(separator: "|").contains {
            $0.trimmingCharacters(in: .whitespaces).dropFirst(4).hasPrefix("STARTTLS")
        }
        switch (configuration.starttls, offersTLS) {
        case (.required, false):
            throw SMTPError.tlsFailed("the server does not offer STARTTLS, and SMTP_URL requires it")
        case (.required, true), (.whenOffered, true):
            try command("STARTTLS", expect: [220])
            buffer.removeAll()  // nothing sent before the handshake may be read as if it came over TLS
            tls = try TLSChannel(
                socket: socket, host: configuration.host, certificateAuthorities: configuration.certificateAuthorities)
            try command("EHLO ceki", expect: [250])
        case (.never, _), (.whenOffered, false):
            break
        }
        if let user = configuration.username {
            let credentials = Data(([0] + Array(user.utf8) + [0] + Array((configuration.password ?? "").utf8)))
            try command("AUTH PLAIN \(credentials.base64EncodedString())", expect: [235], shown: "AUTH PLAIN")
        }
        try command("MAIL FROM:<\(configuration.from)>", expect: [250])
        try command("RCPT TO:<\(mail.recipient)>", expect: [250, 251])
        try command("DATA", expect: [354])
        try write(Self.message(mail, from: configuration.from) + ".\r\n")
        try expect(readReply(), [250], "the message")
        _ = try? command("QUIT", expect: [221])
    }

    /// The message text: headers, a blank line, the body with CRLF line ends and leading dots doubled.
    static func message(_ mail: OutgoingMail, from: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let domain = from.split(separator: "@").last.map(String.init) ?? "ceki.local"
        var text = "From: \(from)\r\nTo: \(mail.recipient)\r\nSubject: \(mail.subject)\r\n"
        text += "Date: \(formatter.string(from: Date()))\r\n"
        text += "Message-ID: <\(Secrets.hex(Secrets.randomBytes(12)))@\(domain)>\r\n"
        text +=
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        let lines = mail.body.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index == lines.count - 1 && line.isEmpty { break }
            text += (line.hasPrefix(".") ? "." : "") + line + "\r\n"
        }
        return text
    }

    @discardableResult
    private func command(_ line: String, expect codes: Set<Int>, shown: String? = nil) throws -> String {
        try write(line + "\r\n")
        return try expect(readReply(), codes, shown ?? line)
    }

    @discardableResult
    private func expect(_ reply: (code: Int, text: String), _ codes: Set<Int>, _ what: String) throws -> String {
        guard codes.contains(reply.code) else { throw SMTPError.rejected(command: what, reply: reply.text) }
        return reply.text
    }

    private func write(_ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let sent = bytes.withUnsafeBytes { raw in
                tls.map { $0.send(raw) } ?? Glibc.send(socket, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw SMTPError.connectionLost }
            bytes = bytes.dropFirst(sent)
        }
    }

    /// One reply, possibly multi-line (`250-…` lines ending with `250 …`).
    private func readReply() throws -> (code: Int, text: String) {
        var lines: [String] = []
        while true {
            let line = try readLine()
            lines.append(line)
            let bytes = Array(line.utf8)
            if bytes.count < 4 || bytes[3] != UInt8(ascii: "-") {
                return (Int(line.prefix(3)) ?? 0, lines.joined(separator: " | "))
            }
        }
    }

    private func readLine() throws -> String {
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard buffer.count < 64 * 1024 else { throw SMTPError.connectionLost }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { raw in
                tls.map { $0.receive(into: raw) } ?? recv(socket, raw.baseAddress, raw.count, 0)
            }
            guard count > 0 else { throw SMTPError.connectionLost }
            buffer.append(contentsOf: chunk[..<count])
        }
    }
}
