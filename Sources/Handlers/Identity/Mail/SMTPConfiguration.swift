import Foundation

/// Where and how to send mail: from `SMTP_URL` (`smtp://[user[:password]@]host[:port]`, port 25 by default) and
/// `MAIL_FROM`.
public struct SMTPConfiguration: Sendable, Equatable {
    /// The server's host name or address.
    public var host: String
    /// The server's port.
    public var port: Int
    /// The user for AUTH PLAIN, if the server wants one.
    public var username: String?
    /// The password for AUTH PLAIN.
    public var password: String?
    /// The envelope and header sender.
    public var from: String
    /// Seconds to wait for the server at each step before giving up (the mail is retried later).
    public var timeout: Int
    /// When to switch the connection to TLS with STARTTLS.
    public var starttls: STARTTLSPolicy = .whenOffered
    /// A PEM file of the certificate authorities the server's certificate must chain to; nil for the system's.
    public var certificateAuthorities: String?

    /// When the client upgrades the connection to TLS. Whenever it does, the server's certificate must be valid
    /// for the host (chain and name checked); a failed check is a failed delivery, never a fallback to clear text.
    public enum STARTTLSPolicy: String, Sendable, Equatable {
        /// Upgrade when the server offers STARTTLS; send in clear text to a server that does not.
        case whenOffered = "offered"
        /// Refuse to send unless the server offers STARTTLS.
        case required
        /// Never upgrade (a relay on a trusted link whose certificate cannot be checked).
        case never
    }

    public init(
        host: String, port: Int = 25, username: String? = nil, password: String? = nil,
        from: String = "no-reply@ceki.local", timeout: Int = 30
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.from = from
        self.timeout = timeout
    }

    /// The configuration an `SMTP_URL` describes, or nil when it is not an `smtp://` URL with a host and known
    /// options. Options are query items: `starttls=offered|required|never`, `ca=/path/to/ca.pem`.
    public init?(url: String, from: String = "no-reply@ceki.local") {
        guard let components = URLComponents(string: url), components.scheme?.lowercased() == "smtp",
            let host = components.host, !host.isEmpty
        else { return nil }
        self.init(
            host: host, port: components.port ?? 25,
            username: components.user?.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 },
            password: components.password?.removingPercentEncoding, from: from)
        for item in components.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("starttls", let value?):
                guard let policy = STARTTLSPolicy(rawValue: value) else { return nil }
                starttls = policy
            case ("ca", let path?) where !path.isEmpty:
                certificateAuthorities = path
            default:
                return nil
            }
        }
    }
}
