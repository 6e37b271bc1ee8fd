import Handlers

/// The identity part of the environment: `APP_SECRET`, `SMTP_URL`, `MAIL_FROM` and the `RATE_LIMIT_*` settings
/// (README, "Configuration").
struct IdentitySettings {
    /// The server secret; nil when `APP_SECRET` is unset.
    var secret: ServerSecret?
    /// The SMTP server; nil when `SMTP_URL` is unset.
    var smtp: SMTPConfiguration?
    /// The limits, defaults overridden by `RATE_LIMIT_<NAME>=<hits>/<seconds>`.
    var limits = IdentityLimits()

    /// Each limit's environment name and where it goes.
    static var limitSettings: [(name: String, path: WritableKeyPath<IdentityLimits, RateLimit>)] {
        [
            ("RATE_LIMIT_CODE_EMAIL", \.codePerEmail),
            ("RATE_LIMIT_CODE_CLIENT", \.codePerClient),
            ("RATE_LIMIT_CHECK", \.checkPerEmailAndClient),
            ("RATE_LIMIT_CHECK_CLIENT", \.checkPerClient),
            ("RATE_LIMIT_EMAIL_CHANGE", \.emailChangePerUser),
            ("RATE_LIMIT_PASSWORD_EMAIL", \.passwordPerEmail),
            ("RATE_LIMIT_REGISTER_CLIENT", \.registrationPerClient),
        ]
    }

    init(_ environment: [String: String]) throws {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        if let text = value("APP_SECRET") {
            do {
                secret = try ServerSecret(text: text)
            } catch {
                throw ServerConfiguration.InvalidSetting(
                    name: "APP_SECRET", value: "(\(text.utf8.count) bytes)",
                    expected: "at least 32 bytes, e.g. the output of `openssl rand -hex 32`")
            }
        }
        if let url = value("SMTP_URL") {
            let from = value("MAIL_FROM") ?? "no-reply@ceki.local"
            guard let smtp = SMTPConfiguration(url: url, from: from) else {
                throw ServerConfiguration.InvalidSetting(
                    name: "SMTP_URL", value: url, expected: "smtp://[user[:password]@]host[:port]")
            }
            self.smtp = smtp
        }
        for (name, path) in Self.limitSettings {
            guard let text = value(name) else { continue }
            let parts = text.split(separator: "/")
            guard parts.count == 2, let hits = Int(parts[0]), let seconds = Int(parts[1]), hits >= 1, seconds >= 1
            else {
                throw ServerConfiguration.InvalidSetting(
                    name: name, value: text, expected: "<hits>/<seconds> with both at least 1, e.g. 20/3600")
            }
            limits[keyPath: path].limit = hits
            limits[keyPath: path].window = seconds
        }
    }
}
