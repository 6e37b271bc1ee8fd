import Generated

extension SchedulingTimeZones {
    /// A 422 on `field` for a name that is not an IANA zone; nil for nil or a known zone. Every request field that
    /// names a zone (`timezone`, `viewer_timezone`) is checked here, so all answer the same words.
    static func problem(_ identifier: String?, at field: String) -> ValidationErrors? {
        guard let identifier, zone(named: identifier) == nil else { return nil }
        return ValidationErrors(
            "\"\(identifier)\" is not a known time zone; use an IANA name such as \"Europe/Berlin\".", at: field)
    }
}
