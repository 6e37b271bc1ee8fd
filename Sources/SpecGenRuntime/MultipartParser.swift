/// Splits a `multipart/form-data` body (RFC 7578 over RFC 2046) into its parts.
///
/// Lines end in CRLF as the RFCs say; a bare LF is accepted too (some hand-written clients send it), both between
/// headers and before a boundary, and the line break before a boundary belongs to the boundary, never to the
/// part. Text before the first boundary (the preamble) and after the last (the epilogue) is ignored. Header names
/// are case-insensitive; `name` and `filename` may be quoted (with backslash escapes) or bare tokens, and
/// `filename*=UTF-8''…` is percent-decoded.
///
/// ```swift
/// let boundary = try MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=XyZ")
/// let parts = try MultipartParser(boundary: boundary).parse(bytes)
/// ```
public struct MultipartParser: Sendable {
    /// The boundary, without the leading `--`.
    public let boundary: [UInt8]
    /// Part count and header size limits.
    public let limits: MultipartLimits

    public init(boundary: String, limits: MultipartLimits = MultipartLimits()) {
        self.boundary = Array(boundary.utf8)
        self.limits = limits
    }

    /// The `boundary` parameter of a `multipart/form-data` content type.
    public static func boundary(fromContentType contentType: String) throws(MultipartError) -> String {
        let type = MediaTypeHeader(contentType)
        guard type.essence == "multipart/form-data" else { throw .unsupportedMediaType(contentType) }
        guard let boundary = type.parameters["boundary"], !boundary.isEmpty, boundary.utf8.count <= 200 else {
            throw .missingBoundary
        }
        return boundary
    }

    /// The parts in the order sent.
    public func parse(_ bytes: [UInt8]) throws(MultipartError) -> [MultipartPart] {
        let delimiter: [UInt8] = [UInt8(ascii: "-"), UInt8(ascii: "-")] + boundary
        // The first boundary may open the body or follow a preamble line.
        var cursor: Int
        if bytes.starts(with: delimiter) {
            cursor = delimiter.count
        } else if let found = nextDelimiter(in: bytes, from: 0, delimiter: delimiter) {
            cursor = found.end
        } else {
            throw .missingOpeningBoundary
        }
        var parts: [MultipartPart] = []
        while true {
            // After a boundary: `--` closes the body; otherwise optional padding and a line break open a part.
            if cursor + 1 < bytes.count, bytes[cursor] == UInt8(ascii: "-"), bytes[cursor + 1] == UInt8(ascii: "-") {
                return parts
            }
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t") {
                cursor += 1
            }
            guard let afterLine = lineBreakEnd(in: bytes, at: cursor) else { throw .unterminated }
            cursor = afterLine
            guard parts.count < limits.maximumParts else { throw .tooManyParts(limit: limits.maximumParts) }
            let number = parts.count + 1
            let (headers, bodyStart) = try readHeaders(bytes, from: cursor, part: number)
            guard let next = nextDelimiter(in: bytes, from: bodyStart, delimiter: delimiter) else {
                throw .unterminated
            }
            parts.append(try part(headers: headers, body: Array(bytes[bodyStart..<next.start]), number: number))
            cursor = next.end
        }
    }

    /// Where the next `(CR)LF--boundary` starts (its line break included) and where the boundary ends.
    private func nextDelimiter(in bytes: [UInt8], from start: Int, delimiter: [UInt8]) -> (start: Int, end: Int)? {
        var index = start
        let newline = UInt8(ascii: "\n")
        while index < bytes.count {
            guard let lf = bytes[index...].firstIndex(of: newline) else { return nil }
            let after = lf + 1
            if bytes.count - after >= delimiter.count,
                bytes[after..<(after + delimiter.count)].elementsEqual(delimiter),
                Self.endsDelimiter(bytes, at: after + delimiter.count)
            {
                let begin = lf > start && bytes[lf - 1] == UInt8(ascii: "\r") ? lf - 1 : lf
                return (begin, after + delimiter.count)
            }
            index = after
        }
        return nil
    }

    /// Whether a boundary match really ends there (`--`, padding or a line break follow), rather than being the
    /// start of a longer line.
    private static func endsDelimiter(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index < bytes.count else { return true }
        switch bytes[index] {
        case UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
            return true
        default: return false
        }
    }

    /// The index after a CRLF or LF at `index`, nil if there is none.
    private func lineBreakEnd(in bytes: [UInt8], at index: Int) -> Int? {
        if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { return index + 1 }
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\r"), bytes[index + 1] == UInt8(ascii: "\n") {
            return index + 2
        }
        return nil
    }

    /// Reads `Name: value` lines up to the empty line; returns them (names lower-cased) and where the body starts.
    func readHeaders(_ bytes: [UInt8], from start: Int, part: Int) throws(MultipartError)
        -> ([(name: String, value: String)], Int)
    {
        var headers: [(name: String, value: String)] = []
        var cursor = start
        while true {
            guard cursor - start <= limits.maximumHeaderBytes else {
                throw .headersTooLarge(part: part, limit: limits.maximumHeaderBytes)
            }
            guard let lf = bytes[cursor...].firstIndex(of: UInt8(ascii: "\n")) else { throw .unterminated }
            guard lf - start <= limits.maximumHeaderBytes else {
                throw .headersTooLarge(part: part, limit: limits.maximumHeaderBytes)
            }
            let lineEnd = lf > cursor && bytes[lf - 1] == UInt8(ascii: "\r") ? lf - 1 : lf
            let line = bytes[cursor..<lineEnd]
            cursor = lf + 1
            if line.isEmpty { return (headers, cursor) }
            guard let text = String(validating: line, as: UTF8.self) else { throw .malformedHeaders(part: part) }
            if text.first == " " || text.first == "\t" {
                // An obsolete folded line continues the previous header.
                guard !headers.isEmpty else { throw .malformedHeaders(part: part) }
                headers[headers.count - 1].value += " " + text.trimmingHTTPSpaces()
                continue
            }
            guard let colon = text.firstIndex(of: ":") else { throw .malformedHeaders(part: part) }
            let name = text[..<colon].lowercased()
            guard !name.isEmpty, !name.contains(" ") else { throw .malformedHeaders(part: part) }
            headers.append((name, String(text[text.index(after: colon)...]).trimmingHTTPSpaces()))
        }
    }

    func part(headers: [(name: String, value: String)], body: [UInt8], number: Int) throws(MultipartError)
        -> MultipartPart
    {
        guard let disposition = headers.last(where: { $0.name == "content-disposition" }) else {
            throw .missingName(part: number)
        }
        let header = MediaTypeHeader(disposition.value)
        guard header.essence == "form-data", let name = header.parameters["name"] else {
            throw .missingName(part: number)
        }
        let filename = header.parameters["filename*"].flatMap(Self.extendedValue) ?? header.parameters["filename"]
        let contentType = headers.last(where: { $0.name == "content-type" })?.value
        return MultipartPart(name: name, filename: filename, contentType: contentType, body: body)
    }

    /// RFC 8187's `UTF-8''caf%C3%A9.txt` → `café.txt`; nil for another charset or a broken escape.
    private static func extendedValue(_ text: String) -> String? {
        let pieces = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].lowercased() == "utf-8" else { return nil }
        var bytes: [UInt8] = []
        var iterator = pieces[2].utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(Self.hexValue),
                    let low = iterator.next().flatMap(Self.hexValue)
                else { return nil }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// A header value of the form `type/subtype; name=value; name="quoted value"` (`Content-Type`, and
/// `Content-Disposition`, whose "essence" is `form-data`): the part before the first `;` lower-cased, and the
/// parameters by lower-cased name, quotes and backslash escapes removed.
struct MediaTypeHeader {
    var essence: String
    var parameters: [String: String] = [:]

    /// Whether it is JSON: `application/json`, any `application/…+json`, or `text/json`.
    var isJSON: Bool {
        essence == "application/json" || essence == "text/json"
            || (essence.hasPrefix("application/") && essence.hasSuffix("+json"))
    }

    init(_ value: String) {
        let scalars = Array(value.unicodeScalars)
        var index = 0
        func skipSpaces() {
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        }
        var essence = ""
        while index < scalars.count, scalars[index] != ";" {
            essence.unicodeScalars.append(scalars[index])
            index += 1
        }
        self.essence = essence.trimmingHTTPSpaces().lowercased()
        while index < scalars.count {
            index += 1  // the `;`
            skipSpaces()
            var name = ""
            while index < scalars.count, scalars[index] != "=", scalars[index] != ";" {
                name.unicodeScalars.append(scalars[index])
                index += 1
            }
            name = name.trimmingHTTPSpaces().lowercased()
            guard index < scalars.count, scalars[index] == "=" else { continue }
            index += 1
            skipSpaces()
            var parameterValue = ""
            if index < scalars.count, scalars[index] == "\"" {
                index += 1
                while index < scalars.count, scalars[index] != "\"" {
                    if scalars[index] == "\\", index + 1 < scalars.count { index += 1 }
                    parameterValue.unicodeScalars.append(scalars[index])
                    index += 1
                }
                index += 1  // the closing quote
                while index < scalars.count, scalars[index] != ";" { index += 1 }
            } else {
                while index < scalars.count, scalars[index] != ";" {
                    parameterValue.unicodeScalars.append(scalars[index])
                    index += 1
                }
                parameterValue = parameterValue.trimmingHTTPSpaces()
            }
            if !name.isEmpty, parameters[name] == nil { parameters[name] = parameterValue }
        }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    func trimmingHTTPSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
