// CivilCalendar is a module in the package and part of this module in the compile tests (see RFC3339.swift).
#if canImport(CivilCalendar)
import CivilCalendar
#endif

/// The format checks behind ``StringFormat``, each a direct reading of its RFC's grammar over UTF-8 bytes.
///
/// Hand-written rather than regular expressions: they run on every string with a `format`, need calendar logic
/// (days per month, leap seconds) and must say no to near misses (`2024-02-30`, `256.1.1.1`, `http://a b`).
enum Formats {
    typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    // MARK: Email (RFC 5321 §4.1.2)

    static func isEmail(_ bytes: Bytes, allowsUnicode: Bool) -> Bool {
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = bytes[bytes.startIndex..<at]
        let domain = bytes[(at + 1)...]
        guard !local.isEmpty, local.count <= 64, !domain.isEmpty, domain.count <= 255 else { return false }
        guard isDotAtom(local, allowsUnicode: allowsUnicode) || isQuotedString(local, allowsUnicode: allowsUnicode)
        else { return false }
        if domain.first == UInt8(ascii: "["), domain.last == UInt8(ascii: "]") {
            let literal = domain.dropFirst().dropLast()
            let prefix = Array("IPv6:".utf8)
            if literal.count > prefix.count, Array(literal.prefix(prefix.count)) == prefix {
                return isIPv6(literal.dropFirst(prefix.count))
            }
            return isIPv4(literal)
        }
        return isHostname(domain, allowsUnicode: allowsUnicode)
    }

    /// RFC 5322 `atext` plus non-ASCII where allowed.
    private static func isAtomText(_ byte: UInt8, allowsUnicode: Bool) -> Bool {
        if byte >= 0x80 { return allowsUnicode }
        if byte.isASCIILetter || byte.isASCIIDigit { return true }
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"),
            UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
            UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func isDotAtom(_ bytes: Bytes, allowsUnicode: Bool) -> Bool {
        var previousWasDot = true  // no leading dot
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if previousWasDot { return false }
                previousWasDot = true
            } else {
                guard isAtomText(byte, allowsUnicode: allowsUnicode) else { return false }
                previousWasDot = false
            }
        }
        return !previousWasDot
    }

    private static func isQuotedString(_ bytes: Bytes, allowsUnicode: Bool) -> Bool {
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") else {
            return false
        }
        var escaped = false
        for byte in bytes.dropFirst().dropLast() {
            if escaped {
                guard (0x20...0x7E).contains(byte) || (allowsUnicode && byte >= 0x80) else { return false }
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else {
                guard (0x20...0x7E).contains(byte) && byte != UInt8(ascii: "\"") || (allowsUnicode && byte >= 0x80)
                else { return false }
            }
        }
        return !escaped
    }

    // MARK: Host names and IP addresses

    /// RFC 1123 host name; non-ASCII bytes count as letters when `allowsUnicode`.
    static func isHostname(_ bytes: Bytes, allowsUnicode: Bool) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        var labelLength = 0
        var previous: UInt8 = UInt8(ascii: ".")
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard labelLength > 0, previous != UInt8(ascii: "-") else { return false }
                labelLength = 0
            } else {
                let allowed =
                    byte.isASCIILetter || byte.isASCIIDigit || (allowsUnicode && byte >= 0x80)
                    || (byte == UInt8(ascii: "-") && labelLength > 0)
                guard allowed else { return false }
                labelLength += 1
                guard labelLength <= 63 else { return false }
            }
            previous = byte
        }
        return labelLength > 0 && previous != UInt8(ascii: "-")
    }

    /// Dotted quad: four decimal octets 0–255, no leading zeros.
    static func isIPv4(_ bytes: Bytes) -> Bool {
        var octets = 0
        var value = 0
        var digits = 0
        var firstDigit: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, octets < 3 else { return false }
                octets += 1
                value = 0
                digits = 0
            } else if byte.isASCIIDigit {
                if digits == 0 { firstDigit = byte }
                digits += 1
                guard digits <= 3, !(digits > 1 && firstDigit == UInt8(ascii: "0")) else { return false }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                guard value <= 255 else { return false }
            } else {
                return false
            }
        }
        return octets == 3 && digits > 0
    }

    /// RFC 4291 §2.2: eight groups of 1–4 hex digits, one `::` standing for one or more zero groups, and an
    /// optional IPv4 tail counting as two groups.
    static func isIPv6(_ bytes: Bytes) -> Bool {
        guard bytes.count >= 2, bytes.count <= 45 else { return false }
        let text = Array(bytes)
        var groups = 0
        var sawDoubleColon = false
        var index = 0
        if text.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            sawDoubleColon = true
            index = 2
            if index == text.count { return true }
        } else if text[0] == UInt8(ascii: ":") {
            return false
        }
        while index < text.count {
            // One group, or the IPv4 tail.
            var end = index
            while end < text.count, text[end] != UInt8(ascii: ":") { end += 1 }
            let group = text[index..<end]
            if group.contains(UInt8(ascii: ".")) {
                guard end == text.count else { return false }
                let tail = group.withUnsafeBufferPointer { $0[...] }
                guard isIPv4(tail) else { return false }
                groups += 2
                break
            }
            guard !group.isEmpty, group.count <= 4, group.allSatisfy(\.isASCIIHexDigit) else { return false }
            groups += 1
            if end == text.count { break }
            // At a colon: `::` once, else a single separator that must be followed by a group.
            if end + 1 < text.count, text[end + 1] == UInt8(ascii: ":") {
                guard !sawDoubleColon else { return false }
                sawDoubleColon = true
                index = end + 2
                if index == text.count { break }
            } else {
                index = end + 1
                guard index < text.count else { return false }
            }
        }
        return sawDoubleColon ? groups <= 7 : groups == 8
    }

    // MARK: URI and IRI (RFC 3986, RFC 3987)

    static func isURI(_ bytes: Bytes, allowsRelative: Bool, allowsUnicode: Bool) -> Bool {
        var rest = bytes
        if let hash = rest.firstIndex(of: UInt8(ascii: "#")) {
            guard isURIText(rest[(hash + 1)...], extra: "/?:@", allowsUnicode: allowsUnicode) else { return false }
            rest = rest[rest.startIndex..<hash]
        }
        if let question = rest.firstIndex(of: UInt8(ascii: "?")) {
            guard isURIText(rest[(question + 1)...], extra: "/?:@", allowsUnicode: allowsUnicode) else { return false }
            rest = rest[rest.startIndex..<question]
        }
        // Scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
        var hasScheme = false
        if let colon = rest.firstIndex(of: UInt8(ascii: ":")) {
            let scheme = rest[rest.startIndex..<colon]
            if let first = scheme.first, first.isASCIILetter,
                scheme.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || "+-.".utf8.contains($0) })
            {
                hasScheme = true
                rest = rest[(colon + 1)...]
            }
        }
        if !hasScheme {
            guard allowsRelative else { return false }
            // path-noscheme: the first segment may not hold a colon.
            let firstSegmentEnd = rest.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
            if rest[rest.startIndex..<firstSegmentEnd].contains(UInt8(ascii: ":")) { return false }
        }
        if rest.starts(with: "//".utf8) {
            let authorityStart = rest.startIndex + 2
            let authorityEnd = rest[authorityStart...].firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
            guard isAuthority(rest[authorityStart..<authorityEnd], allowsUnicode: allowsUnicode) else { return false }
            rest = rest[authorityEnd...]
        }
        return isURIText(rest, extra: "/:@", allowsUnicode: allowsUnicode)
    }

    /// `[ userinfo "@" ] host [ ":" port ]`
    private static func isAuthority(_ bytes: Bytes, allowsUnicode: Bool) -> Bool {
        var hostPart = bytes
        if let at = bytes.firstIndex(of: UInt8(ascii: "@")) {
            guard isURIText(bytes[bytes.startIndex..<at], extra: ":", allowsUnicode: allowsUnicode) else {
                return false
            }
            hostPart = bytes[(at + 1)...]
        }
        if hostPart.first == UInt8(ascii: "[") {
            guard let close = hostPart.firstIndex(of: UInt8(ascii: "]")) else { return false }
            let literal = hostPart[(hostPart.startIndex + 1)..<close]
            let validLiteral: Bool
            if let first = literal.first, first == UInt8(ascii: "v") || first == UInt8(ascii: "V") {
                // IPvFuture: "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
                guard let dot = literal.firstIndex(of: UInt8(ascii: ".")) else { return false }
                let version = literal[(literal.startIndex + 1)..<dot]
                let body = literal[(dot + 1)...]
                validLiteral =
                    !version.isEmpty && version.allSatisfy(\.isASCIIHexDigit) && !body.isEmpty
                    && body.allSatisfy { isUnreserved($0) || isSubDelimiter($0) || $0 == UInt8(ascii: ":") }
            } else {
                validLiteral = isIPv6(literal)
            }
            guard validLiteral else { return false }
            let afterLiteral = hostPart[(close + 1)...]
            if afterLiteral.isEmpty { return true }
            guard afterLiteral.first == UInt8(ascii: ":") else { return false }
            return afterLiteral.dropFirst().allSatisfy(\.isASCIIDigit)
        }
        var host = hostPart
        if let colon = hostPart.lastIndex(of: UInt8(ascii: ":")) {
            guard hostPart[(colon + 1)...].allSatisfy(\.isASCIIDigit) else { return false }
            host = hostPart[hostPart.startIndex..<colon]
        }
        return isURIText(host, extra: "", allowsUnicode: allowsUnicode)
    }

    /// Unreserved, sub-delimiters, percent-encodings and the `extra` characters (non-ASCII too for IRIs).
    private static func isURIText(_ bytes: Bytes, extra: URIExtra, allowsUnicode: Bool) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, bytes[index + 1].isASCIIHexDigit, bytes[index + 2].isASCIIHexDigit
                else { return false }
                index += 3
                continue
            }
            let allowed =
                isUnreserved(byte) || isSubDelimiter(byte) || (allowsUnicode && byte >= 0x80)
                || extra.contains(byte)
            guard allowed else { return false }
            index += 1
        }
        return true
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: byte.isASCIILetter || byte.isASCIIDigit
        }
    }

    private static func isSubDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="):
            true
        default: false
        }
    }

    // MARK: UUID

    static func isUUID(_ bytes: Bytes) -> Bool {
        guard bytes.count == 36 else { return false }
        for (offset, byte) in bytes.enumerated() {
            if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard byte.isASCIIHexDigit else { return false }
            }
        }
        return true
    }

    // MARK: Dates and times (RFC 3339 §5.6)

    static func isDateTime(_ bytes: Bytes) -> Bool {
        guard bytes.count >= 20 else { return false }
        let separator = bytes[bytes.startIndex + 10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") else { return false }
        guard isDate(bytes[bytes.startIndex..<(bytes.startIndex + 10)]) else { return false }
        return isTime(bytes[(bytes.startIndex + 11)...])
    }

    /// `YYYY-MM-DD` naming a real day.
    static func isDate(_ bytes: Bytes) -> Bool {
        guard bytes.count == 10 else { return false }
        let text = Array(bytes)
        guard text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"),
            let year = number(text, 0, 4), let month = number(text, 5, 2), let day = number(text, 8, 2),
            (1...12).contains(month), day >= 1
        else { return false }
        return day <= Gregorian.daysIn(month: month, year: year)
    }

    /// `HH:MM:SS[.frac](Z|±HH:MM)`. A leap second (`:60`) must fall at 23:59 UTC.
    static func isTime(_ bytes: Bytes) -> Bool {
        let text = Array(bytes)
        guard text.count >= 9, text[2] == UInt8(ascii: ":"), text[5] == UInt8(ascii: ":"),
            let hour = number(text, 0, 2), let minute = number(text, 3, 2), let second = number(text, 6, 2),
            hour <= 23, minute <= 59, second <= 60
        else { return false }
        var index = 8
        if text[index] == UInt8(ascii: ".") {
            index += 1
            let digitsStart = index
            while index < text.count, text[index].isASCIIDigit { index += 1 }
            guard index > digitsStart else { return false }
        }
        guard index < text.count else { return false }
        var offsetMinutes = 0
        switch text[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == text.count else { return false }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard text.count - index == 6, text[index + 3] == UInt8(ascii: ":"),
                let offsetHour = number(text, index + 1, 2), let offsetMinute = number(text, index + 4, 2),
                offsetHour <= 23, offsetMinute <= 59
            else { return false }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (text[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return false
        }
        if second == 60 {
            let utcMinutes = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            guard utcMinutes == 23 * 60 + 59 else { return false }
        }
        return true
    }

    /// The decimal value of `count` ASCII digits at `start`, or nil.
    private static func number(_ text: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= text.count else { return nil }
        var value = 0
        for byte in text[start..<(start + count)] {
            guard byte.isASCIIDigit else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// RFC 3339 appendix A: `P` then weeks alone, or date units in the order Y M D without gaps, then optionally
    /// `T` and time units in the order H M S without gaps.
    static func isDuration(_ bytes: Bytes) -> Bool {
        let text = Array(bytes)
        guard text.first == UInt8(ascii: "P"), text.count > 1 else { return false }
        var index = 1
        func units() -> [UInt8]? {
            var found: [UInt8] = []
            while index < text.count, text[index] != UInt8(ascii: "T") {
                let start = index
                while index < text.count, text[index].isASCIIDigit { index += 1 }
                guard index > start, index < text.count else { return nil }
                found.append(text[index])
                index += 1
            }
            return found
        }
        guard let dateUnits = units() else { return false }
        if dateUnits == [UInt8(ascii: "W")] { return index == text.count }
        guard isContiguous(dateUnits, in: Array("YMD".utf8)) else { return false }
        if index == text.count { return !dateUnits.isEmpty }
        index += 1  // T
        guard let timeUnits = units(), index == text.count, !timeUnits.isEmpty else { return false }
        return isContiguous(timeUnits, in: Array("HMS".utf8))
    }

    private static func isContiguous(_ units: [UInt8], in order: [UInt8]) -> Bool {
        if units.isEmpty { return true }
        guard let start = order.firstIndex(of: units[0]), start + units.count <= order.count else { return false }
        return Array(order[start..<(start + units.count)]) == units
    }

    // MARK: JSON Pointer (RFC 6901)

    static func isJSONPointer(_ bytes: Bytes) -> Bool {
        if bytes.isEmpty { return true }
        guard bytes.first == UInt8(ascii: "/") else { return false }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "~") {
                guard index + 1 < bytes.endIndex, bytes[index + 1] == UInt8(ascii: "0") || bytes[index + 1] == UInt8(ascii: "1")
                else { return false }
                index += 2
            } else {
                index += 1
            }
        }
        return true
    }

    /// A non-negative integer (no leading zeros), then `#` or a JSON Pointer.
    static func isRelativeJSONPointer(_ bytes: Bytes) -> Bool {
        let digitsEnd = bytes.firstIndex { !$0.isASCIIDigit } ?? bytes.endIndex
        let digits = bytes[bytes.startIndex..<digitsEnd]
        guard !digits.isEmpty, digits.count == 1 || digits.first != UInt8(ascii: "0") else { return false }
        let rest = bytes[digitsEnd...]
        return (rest.count == 1 && rest.first == UInt8(ascii: "#")) || isJSONPointer(rest)
    }
}

/// The characters a URI part allows beyond unreserved, sub-delimiters and percent-encodings.
struct URIExtra: ExpressibleByStringLiteral {
    /// Bit n set: ASCII character n allowed.
    let mask: UInt128

    init(stringLiteral characters: StaticString) {
        var mask: UInt128 = 0
        let buffer = UnsafeBufferPointer(start: characters.utf8Start, count: characters.utf8CodeUnitCount)
        for byte in buffer where byte < 128 { mask |= 1 << UInt128(byte) }
        self.mask = mask
    }

    @inline(__always) func contains(_ byte: UInt8) -> Bool { byte < 128 && mask & (1 << UInt128(byte)) != 0 }
}

extension UInt8 {
    /// `A`…`Z` or `a`…`z`.
    @inline(__always) var isASCIILetter: Bool { (self | 0x20) &- UInt8(ascii: "a") < 26 }

    /// `0`…`9`, `a`…`f` or `A`…`F`.
    @inline(__always) var isASCIIHexDigit: Bool { isASCIIDigit || (self | 0x20) &- UInt8(ascii: "a") < 6 }
}
