/// A `format` value, asserted as JSON Schema's format-assertion vocabulary defines it.
///
/// Unknown formats (``other(_:)``, e.g. `password` or `binary`) are annotations only and accept everything, as the
/// JSON Schema specification requires. Each known one is checked against its RFC; see `Formats.swift`.
public enum StringFormat: Sendable, Hashable, CustomStringConvertible {
    /// RFC 5321 mailbox (ASCII): `user@example.com`, `"a b"@example.com`, `x@[127.0.0.1]`.
    case email
    /// RFC 6531 mailbox: `email` that also allows non-ASCII letters.
    case idnEmail
    /// RFC 1123 host name: labels of letters, digits and inner hyphens, at most 63 each, 253 in all.
    case hostname
    /// `hostname` that also allows non-ASCII letters.
    case idnHostname
    /// Dotted-quad IPv4, no leading zeros.
    case ipv4
    /// RFC 4291 IPv6 text form, with `::` and an embedded IPv4 tail.
    case ipv6
    /// RFC 3986 absolute URI: `https://example.com/x`, `mailto:a@b.c`, `urn:isbn:0451450523`.
    case uri
    /// RFC 3986 URI or relative reference: `/path?q`, `../x`.
    case uriReference
    /// RFC 3987 IRI: `uri` that also allows non-ASCII characters.
    case iri
    /// RFC 3987 IRI or relative reference.
    case iriReference
    /// RFC 4122 UUID in hyphenated hex, any case.
    case uuid
    /// RFC 3339 `date-time`: `2024-05-01T14:30:00Z`, `2024-05-01T14:30:00.5+02:00`; real calendar days and
    /// leap seconds only at 23:59:60 UTC.
    case dateTime
    /// RFC 3339 `full-date`: `2024-02-29`.
    case date
    /// RFC 3339 `full-time`: `14:30:00Z`, `14:30:00.250+02:00` (the offset is required).
    case time
    /// RFC 3339 appendix A duration: `P3D`, `PT1H30M`, `P2W`.
    case duration
    /// RFC 6901 JSON Pointer: `/a/b~1c`.
    case jsonPointer
    /// Relative JSON Pointer: `0/a`, `1#`.
    case relativeJSONPointer
    /// An ECMA-262 regular expression this server can run.
    case regex
    /// Any other format name: an annotation, never a failure.
    case other(String)

    /// The format for a spec's `format:` value: `"date-time"` gives ``dateTime``.
    public init(name: String) {
        switch name {
        case "email": self = .email
        case "idn-email": self = .idnEmail
        case "hostname": self = .hostname
        case "idn-hostname": self = .idnHostname
        case "ipv4": self = .ipv4
        case "ipv6": self = .ipv6
        case "uri": self = .uri
        case "uri-reference": self = .uriReference
        case "iri": self = .iri
        case "iri-reference": self = .iriReference
        case "uuid": self = .uuid
        case "date-time": self = .dateTime
        case "date": self = .date
        case "time": self = .time
        case "duration": self = .duration
        case "json-pointer": self = .jsonPointer
        case "relative-json-pointer": self = .relativeJSONPointer
        case "regex": self = .regex
        default: self = .other(name)
        }
    }

    /// The spec's name for the format: `date-time`.
    public var name: String {
        switch self {
        case .email: "email"
        case .idnEmail: "idn-email"
        case .hostname: "hostname"
        case .idnHostname: "idn-hostname"
        case .ipv4: "ipv4"
        case .ipv6: "ipv6"
        case .uri: "uri"
        case .uriReference: "uri-reference"
        case .iri: "iri"
        case .iriReference: "iri-reference"
        case .uuid: "uuid"
        case .dateTime: "date-time"
        case .date: "date"
        case .time: "time"
        case .duration: "duration"
        case .jsonPointer: "json-pointer"
        case .relativeJSONPointer: "relative-json-pointer"
        case .regex: "regex"
        case .other(let name): name
        }
    }

    public var description: String { name }

    /// How a message names what was expected, in Laravel's words where Laravel has a rule for it: "a valid email
    /// address", "a valid URL", "a valid date".
    var phrase: String {
        switch self {
        case .email, .idnEmail: "a valid email address"
        case .hostname, .idnHostname: "a valid host name"
        case .ipv4: "a valid IPv4 address"
        case .ipv6: "a valid IPv6 address"
        case .uri, .iri: "a valid URL"
        case .uriReference, .iriReference: "a valid URL or relative reference"
        case .uuid: "a valid UUID"
        case .dateTime, .date: "a valid date"
        case .time: "a valid time"
        case .duration: "a valid ISO 8601 duration"
        case .jsonPointer, .relativeJSONPointer: "a valid JSON pointer"
        case .regex: "a valid regular expression"
        case .other(let name): "a valid \(name)"
        }
    }

    /// Whether the string is in this format.
    public func accepts(_ string: String) -> Bool {
        var text = string
        return text.withUTF8 { buffer in
            let bytes = buffer[...]
            return switch self {
            case .email: Formats.isEmail(bytes, allowsUnicode: false)
            case .idnEmail: Formats.isEmail(bytes, allowsUnicode: true)
            case .hostname: Formats.isHostname(bytes, allowsUnicode: false)
            case .idnHostname: Formats.isHostname(bytes, allowsUnicode: true)
            case .ipv4: Formats.isIPv4(bytes)
            case .ipv6: Formats.isIPv6(bytes)
            case .uri: Formats.isURI(bytes, allowsRelative: false, allowsUnicode: false)
            case .uriReference: Formats.isURI(bytes, allowsRelative: true, allowsUnicode: false)
            case .iri: Formats.isURI(bytes, allowsRelative: false, allowsUnicode: true)
            case .iriReference: Formats.isURI(bytes, allowsRelative: true, allowsUnicode: true)
            case .uuid: Formats.isUUID(bytes)
            case .dateTime: Formats.isDateTime(bytes)
            case .date: Formats.isDate(bytes)
            case .time: Formats.isTime(bytes)
            case .duration: Formats.isDuration(bytes)
            case .jsonPointer: Formats.isJSONPointer(bytes)
            case .relativeJSONPointer: Formats.isRelativeJSONPointer(bytes)
            case .regex: (try? ECMARegex(string, caching: false)) != nil
            case .other: true
            }
        }
    }
}
