import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What can go wrong making an HTTP request (the answer itself, whatever its status, is not an error here).
public enum HTTP1Error: Error, Sendable, CustomStringConvertible {
    /// The URL is not `http://` or `https://` with a host.
    case unsupportedURL(String)
    /// The host could not be reached.
    case connectionFailed(String)
    /// The TLS handshake failed or the certificate does not check out.
    case tlsFailed(String)
    /// The connection broke, timed out, or the answer is not HTTP/1.x.
    case badResponse(String)

    public var description: String {
        switch self {
        case .unsupportedURL(let url): return "not an http(s) URL: \(url)"
        case .connectionFailed(let reason): return "cannot connect: \(reason)"
        case .tlsFailed(let reason): return "TLS failed: \(reason)"
        case .badResponse(let reason): return "bad HTTP response: \(reason)"
        }
    }
}

/// An HTTP answer read whole.
public struct HTTP1Response: Sendable {
    public let status: Int
    /// Header names lower-cased; a repeated header keeps its last value.
    public let headers: [String: String]
    public let body: [UInt8]

    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// A small HTTP/1.1 client on the pieces the SMTP client is built from: a blocking socket off the cooperative
/// thread pool, and for `https://` OpenSSL's TLS with the certificate checked against the system's authorities
/// and the host name (``TLSChannel``). One connection per request (`Connection: close`); bodies by
/// `Content-Length`, chunked or until the end of the stream. Enough for Google's OAuth and Calendar JSON APIs
/// and the tests' local stub, so the server needs no HTTP client package (docs/google-calendar.md).
public struct HTTP1Client: Sendable {
    /// Seconds a connect, a write or a read may take.
    public var timeout: Int
    /// A PEM file of the authorities to trust instead of the system's (tests of TLS).
    public var certificateAuthorities: String?
    /// The largest answer read (bytes); a longer one is a ``HTTP1Error/badResponse(_:)``.
    public var maximumResponseSize = 32 << 20

    public init(timeout: Int = 30, certificateAuthorities: String? = nil) {
        self.timeout = timeout
        self.certificateAuthorities = certificateAuthorities
    }

    /// Sends one request and reads the whole answer.
    public func send(
        _ method: String, _ url: URL, headers: [(String, String)] = [], body: [UInt8]? = nil
    ) async throws -> HTTP1Response {
        let client = self
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    continuation.resume(returning: try client.sendBlocking(method, url, headers: headers, body: body))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private func sendBlocking(_ method: String, _ url: URL, headers: [(String, String)], body: [UInt8]?) throws
        -> HTTP1Response
    {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else { throw HTTP1Error.unsupportedURL(url.absoluteString) }
        let secure = scheme == "https"
        let port = url.port ?? (secure ? 443 : 80)
        let connection = try Connection(host: host, port: port, timeout: timeout)
        if secure {
            do {
                connection.tls = try TLSChannel(
                    socket: connection.socket, host: host, certificateAuthorities: certificateAuthorities)
            } catch let error as SMTPError {
                if case .tlsFailed(let reason) = error { throw HTTP1Error.tlsFailed(reason) }
                throw HTTP1Error.tlsFailed("\(error)")
            }
        }
        var target = url.path.isEmpty ? "/" : url.path
        if let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let query = components.percentEncodedQuery
        {
            target = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
            target += "?" + query
        }
        let hostHeader = url.port.map { "\(host):\($0)" } ?? host
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(hostHeader)\r\nConnection: close\r\n"
        head += "User-Agent: ceki\r\nAccept-Encoding: identity\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try connection.write(Array(head.utf8) + (body ?? []))
        return try read(connection, method: method)
    }

    private func read(_ connection: Connection, method: String) throws -> HTTP1Response {
        var buffer: [UInt8] = []
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headerEnd: Int?
        while headerEnd == nil {
            guard try connection.receive(into: &buffer) else {
                throw HTTP1Error.badResponse("closed before the headers")
            }
            headerEnd = buffer.firstRange(of: separator)?.lowerBound
            guard buffer.count < 1 << 20 || headerEnd != nil else { throw HTTP1Error.badResponse("headers too long") }
        }
        let head = String(decoding: buffer[..<headerEnd!], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
            throw HTTP1Error.badResponse("not an HTTP/1.x status line")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        var body = Array(buffer[(headerEnd! + separator.count)...])
        if method == "HEAD" || status == 204 || status == 304 || (100..<200).contains(status) {
            return HTTP1Response(status: status, headers: headers, body: [])
        }
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            while true {
                if let decoded = try Self.dechunk(body) {
                    return HTTP1Response(status: status, headers: headers, body: decoded)
                }
                guard body.count < maximumResponseSize else { throw HTTP1Error.badResponse("answer too long") }
                guard try connection.receive(into: &body) else {
                    throw HTTP1Error.badResponse("chunked body cut short")
                }
            }
        }
        if let lengthText = headers["content-length"] {
            guard let length = Int(lengthText), length >= 0, length <= maximumResponseSize else {
                throw HTTP1Error.badResponse("Content-Length \(lengthText)")
            }
            while body.count < length {
                guard try connection.receive(into: &body) else { throw HTTP1Error.badResponse("body cut short") }
            }
            return HTTP1Response(status: status, headers: headers, body: Array(body.prefix(length)))
        }
        while try connection.receive(into: &body) {
            guard body.count < maximumResponseSize else { throw HTTP1Error.badResponse("answer too long") }
        }
        return HTTP1Response(status: status, headers: headers, body: body)
    }

    /// The body of a complete chunked encoding, or nil while more is needed.
    static func dechunk(_ bytes: [UInt8]) throws -> [UInt8]? {
        var out: [UInt8] = []
        var index = 0
        let crlf: [UInt8] = [13, 10]
        while true {
            guard let lineEnd = bytes[index...].firstRange(of: crlf)?.lowerBound else { return nil }
            let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0 else {
                throw HTTP1Error.badResponse("bad chunk size")
            }
            let start = lineEnd + 2
            if size == 0 { return out }  // trailers, if any, are not needed
            guard bytes.count >= start + size + 2 else { return nil }
            out += bytes[start..<(start + size)]
            index = start + size + 2
        }
    }
}

/// One TCP connection, with TLS once ``tls`` is set.
private final class Connection {
    let socket: Int32
    var tls: TLSChannel?

    init(host: String, port: Int, timeout: Int) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw HTTP1Error.connectionFailed("\(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var address: UnsafeMutablePointer<addrinfo>? = first
        var lastError = ""
        while let candidate = address {
            let fd = Glibc.socket(
                candidate.pointee.ai_family, candidate.pointee.ai_socktype, candidate.pointee.ai_protocol)
            if fd >= 0 {
                var limit = timeval(tv_sec: timeout, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                if connect(fd, candidate.pointee.ai_addr, candidate.pointee.ai_addrlen) == 0 {
                    socket = fd
                    return
                }
                lastError = String(cString: strerror(errno))
                close(fd)
            }
            address = candidate.pointee.ai_next
        }
        throw HTTP1Error.connectionFailed("\(host):\(port): \(lastError)")
    }

    deinit {
        tls = nil
        close(socket)
    }

    func write(_ bytes: [UInt8]) throws {
        var rest = bytes[...]
        while !rest.isEmpty {
            let sent = rest.withUnsafeBytes { raw in
                tls.map { $0.send(raw) } ?? Glibc.send(socket, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw HTTP1Error.badResponse("the connection broke while sending") }
            rest = rest.dropFirst(sent)
        }
    }

    /// Appends what arrives to `buffer`; false at the end of the stream.
    func receive(into buffer: inout [UInt8]) throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16384)
        let count = chunk.withUnsafeMutableBytes { raw in
            tls.map { $0.receive(into: raw) } ?? recv(socket, raw.baseAddress, raw.count, 0)
        }
        if count < 0 { throw HTTP1Error.badResponse("the connection broke or timed out") }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }
}
