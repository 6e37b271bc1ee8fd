import Foundation

/// A strict RFC 8259 parser from bytes to ``JSONValue``, built for request bodies.
///
/// Byte-level and single-pass: strings without escapes are sliced straight out of the buffer, plain integers are
/// read without building digit arrays, and numbers keep their literal so nothing is rounded. It refuses what
/// RFC 8259 refuses (trailing commas, comments, single quotes, leading zeros, raw control characters, invalid
/// UTF-8, lone surrogates) and also a repeated key in one object, and it caps nesting so a hostile body cannot
/// exhaust the stack. Every error says what and where (``JSONParseError``). A leading UTF-8 byte order mark is
/// skipped, as RFC 8259 allows.
public struct JSONParser: Sendable {
    /// The deepest nesting of arrays and objects accepted.
    public var maximumDepth: Int

    /// A parser that accepts nesting up to `maximumDepth` (512 is far past any real request body).
    public init(maximumDepth: Int = 512) {
        self.maximumDepth = maximumDepth
    }

    /// Parses one JSON value filling the whole input.
    public func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer, maximumDepth: maximumDepth)
            return Result { () throws(JSONParseError) in try reader.parseDocument() }
        }
        return try result.get()
    }

    /// Parses one JSON value filling the whole input.
    public func parse(_ data: Data) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = data.withUnsafeBytes { raw in
            Result { () throws(JSONParseError) in try parse(raw) }
        }
        return try result.get()
    }

    /// Parses one JSON value filling the whole buffer, without copying it: a server hands over its request
    /// buffer's bytes (`try buffer.withUnsafeReadableBytes { try parser.parse($0) }`).
    public func parse(_ raw: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
        var reader = Reader(bytes: raw.assumingMemoryBound(to: UInt8.self), maximumDepth: maximumDepth)
        return try reader.parseDocument()
    }

    /// Parses one JSON value filling the whole text.
    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

/// The cursor over the input; one per parse.
private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var position = 0
    var depth = 0
    /// Members of the objects being read, innermost last; reused so an object costs one exact-size allocation.
    var memberStack: [JSONObject.Member] = []
    /// Elements of the arrays being read, innermost last.
    var elementStack: [JSONValue] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        skipWhitespace()
        guard position < bytes.count else { throw error(.empty) }
        let value = try parseValue()
        skipWhitespace()
        if position < bytes.count { throw error(.trailingContent(describeCharacter(at: position))) }
        return value
    }

    // MARK: Values

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard position < bytes.count else { throw error(.unexpectedEnd(expected: "a value")) }
        switch bytes[position] {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        default: throw unexpected(expected: "a value")
        }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1  // {
        let base = memberStack.count
        var seenKeys: Set<String>?
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(JSONObject())
        }
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw error(.unexpectedEnd(expected: "a string key")) }
            guard bytes[position] == UInt8(ascii: "\"") else { throw unexpected(expected: "a string key") }
            let keyStart = position
            let key = try parseString()
            // Repeats: a scan while small, a set once the object grows.
            let count = memberStack.count - base
            if count >= JSONObject.indexThreshold {
                if seenKeys == nil { seenKeys = Set(memberStack[base...].map(\.key)) }
                if !seenKeys!.insert(key).inserted { throw error(.duplicateKey(key), at: keyStart) }
            } else if memberStack[base...].contains(where: { $0.key == key }) {
                throw error(.duplicateKey(key), at: keyStart)
            }
            skipWhitespace()
            guard position < bytes.count else { throw error(.unexpectedEnd(expected: "':'")) }
            guard bytes[position] == UInt8(ascii: ":") else { throw unexpected(expected: "':'") }
            position += 1
            skipWhitespace()
            let value = try parseValue()
            memberStack.append(JSONObject.Member(key: key, value: value))
            skipWhitespace()
            guard position < bytes.count else { throw error(.unexpectedEnd(expected: "',' or '}'")) }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "}"):
                position += 1
                depth -= 1
                let members = Array(memberStack[base...])
                memberStack.removeSubrange(base...)
                return .object(JSONObject(distinctMembers: members))
            default:
                throw unexpected(expected: "',' or '}'")
            }
        }
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1  // [
        let base = elementStack.count
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array([])
        }
        while true {
            skipWhitespace()
            elementStack.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw error(.unexpectedEnd(expected: "',' or ']'")) }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "]"):
                position += 1
                depth -= 1
                let elements = Array(elementStack[base...])
                elementStack.removeSubrange(base...)
                return .array(elements)
            default:
                throw unexpected(expected: "',' or ']'")
            }
        }
    }

    mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > maximumDepth { throw error(.tooDeep(limit: maximumDepth)) }
    }

    mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let length = word.utf8CodeUnitCount
        let start = word.utf8Start
        for offset in 0..<length {
            guard position + offset < bytes.count else {
                throw error(.unexpectedEnd(expected: "'\(word)'"), at: position + offset)
            }
            guard bytes[position + offset] == start[offset] else {
                throw error(
                    .unexpectedCharacter(describeCharacter(at: position + offset), expected: "'\(word)'"),
                    at: position + offset)
            }
        }
        position += length
    }

    // MARK: Numbers

    mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = position
        // Fast path: an optional minus and up to 18 digits, not followed by any other number character.
        var index = position
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var magnitude: Int64 = 0
        let digitsStart = index
        while index < bytes.count, bytes[index].isASCIIDigit, index - digitsStart < 18 {
            magnitude = magnitude * 10 + Int64(bytes[index] &- UInt8(ascii: "0"))
            index += 1
        }
        let digitCount = index - digitsStart
        if digitCount > 0, index == bytes.count || !bytes[index].isNumberCharacter,
            digitCount == 1 || bytes[digitsStart] != UInt8(ascii: "0")
        {
            position = index
            let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            return JSONNumber(checkedLiteral: literal, value: .integer(negative ? -magnitude : magnitude))
        }
        // General path: take the whole run of number characters and check it against the grammar.
        index = position
        while index < bytes.count, bytes[index].isNumberCharacter { index += 1 }
        let span = UnsafeBufferPointer(rebasing: bytes[start..<index])
        let literal = String(decoding: span, as: UTF8.self)
        guard let value = JSONNumber.exactValue(ofJSONLiteral: span) else {
            throw error(.invalidNumber(literal))
        }
        position = index
        return JSONNumber(checkedLiteral: literal, value: value)
    }

    // MARK: Strings

    mutating func parseString() throws(JSONParseError) -> String {
        position += 1  // opening quote
        let start = position
        var index = position
        var isASCII = true
        // Fast path: no escapes. Skip eight plain ASCII bytes at a time while no quote, backslash, control
        // character or non-ASCII byte is among them.
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if Self.needsAttention(word) { break }
                index += 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let span = UnsafeBufferPointer(rebasing: bytes[start..<index])
                position = index + 1
                if isASCII { return String(decoding: span, as: UTF8.self) }
                guard let string = String(validating: span, as: UTF8.self) else {
                    throw error(.invalidUTF8, at: firstInvalidUTF8(from: start, to: index))
                }
                return string
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error(.controlCharacterInString(byte), at: index) }
            if byte >= 0x80 { isASCII = false }
            index += 1
        }
        guard index < bytes.count else { throw error(.unexpectedEnd(expected: "'\"' closing the string"), at: index) }
        return try parseEscapedString(start: start, resumeAt: index)
    }

    /// The slow path once a backslash appears: decode into a byte buffer.
    mutating func parseEscapedString(start: Int, resumeAt: Int) throws(JSONParseError) -> String {
        var buffer: [UInt8] = Array(bytes[start..<resumeAt])
        var index = resumeAt
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                position = index + 1
                guard let string = String(validating: buffer, as: UTF8.self) else {
                    throw error(.invalidUTF8, at: firstInvalidUTF8(from: start, to: index))
                }
                return string
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else {
                    throw error(.unexpectedEnd(expected: "an escape character"), at: index + 1)
                }
                let escape = bytes[index + 1]
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    let (scalar, length) = try parseUnicodeEscape(at: index)
                    buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
                    index += length
                    continue
                default:
                    throw error(.invalidEscape("\\" + describeRaw(at: index + 1)), at: index)
                }
                index += 2
            default:
                if byte < 0x20 { throw error(.controlCharacterInString(byte), at: index) }
                buffer.append(byte)
                index += 1
            }
        }
        throw error(.unexpectedEnd(expected: "'\"' closing the string"), at: index)
    }

    /// Reads `\uXXXX` (and its low surrogate when it is a high one) at `index`; returns the scalar and the bytes used.
    func parseUnicodeEscape(at index: Int) throws(JSONParseError) -> (Unicode.Scalar, Int) {
        let first = try hexQuad(at: index)
        if (0xD800...0xDBFF).contains(first) {
            guard index + 11 < bytes.count, bytes[index + 6] == UInt8(ascii: "\\"),
                bytes[index + 7] == UInt8(ascii: "u"),
                let second = try? hexQuad(at: index + 6), (0xDC00...0xDFFF).contains(second)
            else {
                throw error(.invalidUnicodeEscape(escapeText(at: index) + " (a high surrogate without its low half)"), at: index)
            }
            let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            return (Unicode.Scalar(value)!, 12)
        }
        guard let scalar = Unicode.Scalar(first) else {
            throw error(.invalidUnicodeEscape(escapeText(at: index) + " (a low surrogate without its high half)"), at: index)
        }
        return (scalar, 6)
    }

    func hexQuad(at index: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for offset in 2..<6 {
            guard index + offset < bytes.count else {
                throw error(.unexpectedEnd(expected: "four hex digits after \\u"), at: index + offset)
            }
            let byte = bytes[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error(.invalidUnicodeEscape(escapeText(at: index)), at: index)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    func escapeText(at index: Int) -> String {
        let end = min(index + 6, bytes.count)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
    }

    /// Whether any of eight bytes is a quote, a backslash, below 0x20 or non-ASCII (false positives allowed).
    @inline(__always) static func needsAttention(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        let quote = hasZeroByte(word ^ (ones &* 0x22))
        let backslash = hasZeroByte(word ^ (ones &* 0x5C))
        let control = (word &- ones &* 0x20) & ~word & highs
        return (quote | backslash | control | (word & highs)) != 0
    }

    // MARK: Whitespace and errors

    @inline(__always) mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): position += 1
            default: return
            }
        }
    }

    func unexpected(expected: String) -> JSONParseError {
        error(.unexpectedCharacter(describeCharacter(at: position), expected: expected))
    }

    func error(_ reason: JSONParseError.Reason, at offset: Int? = nil) -> JSONParseError {
        let offset = min(offset ?? position, bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        // Columns count scalars: skip UTF-8 continuation bytes.
        var column = 1
        for index in lineStart..<offset where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return JSONParseError(reason: reason, line: line, column: column, offset: offset)
    }

    /// How a character reads in a message: `'}'`, `'é'`, or `U+0007` for invisible ones.
    func describeCharacter(at index: Int) -> String {
        guard index < bytes.count else { return "end of input" }
        let byte = bytes[index]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte < 0x80 { return "U+" + hex4(UInt32(byte)) }
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        let end = min(index + length, bytes.count)
        if let text = String(validating: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self),
            let scalar = text.unicodeScalars.first
        {
            return scalar.properties.isWhitespace || scalar.properties.generalCategory == .format
                ? "U+" + hex4(scalar.value) : "'\(text)'"
        }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    func describeRaw(at index: Int) -> String {
        guard index < bytes.count else { return "" }
        let byte = bytes[index]
        return byte >= 0x20 && byte < 0x7F ? String(Character(Unicode.Scalar(byte))) : describeCharacter(at: index)
    }

    func hex4(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The offset of the first byte that breaks UTF-8 in `start..<end`, for the error's column.
    func firstInvalidUTF8(from start: Int, to end: Int) -> Int {
        var index = start
        while index < end {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00..<0x80: length = 1
            case 0xC2..<0xE0: length = 2
            case 0xE0..<0xF0: length = 3
            case 0xF0..<0xF5: length = 4
            default: return index
            }
            let sliceEnd = index + length
            if sliceEnd > end { return index }
            if String(validating: UnsafeBufferPointer(rebasing: bytes[index..<sliceEnd]), as: UTF8.self) == nil {
                return index
            }
            index = sliceEnd
        }
        return start
    }
}

extension UInt8 {
    /// Bytes that can appear in a JSON number: digits, sign, point and exponent mark.
    @inline(__always) var isNumberCharacter: Bool {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
            UInt8(ascii: "e"), UInt8(ascii: "E"):
            true
        default: false
        }
    }
}
