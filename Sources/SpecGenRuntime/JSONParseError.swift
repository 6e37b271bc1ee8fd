/// Why a request body is not JSON, with where: a client fixes its payload from the message alone.
///
/// `message` reads "The request body is not valid JSON: unexpected '}' at line 1, column 14 (expected a value)."
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        /// The body is empty or only whitespace.
        case empty
        /// A character that cannot stand here; `expected` says what could.
        case unexpectedCharacter(String, expected: String)
        /// The text stops in the middle of a value; `expected` says what was still needed.
        case unexpectedEnd(expected: String)
        /// A number that breaks the JSON grammar (`01`, `1.`, `-`) or whose exponent is out of range.
        case invalidNumber(String)
        /// A backslash escape JSON does not have (`\x`, `\'`).
        case invalidEscape(String)
        /// A `\u` escape that is not four hex digits, or a lone UTF-16 surrogate.
        case invalidUnicodeEscape(String)
        /// A raw control character (U+0000…U+001F) inside a string; it must be escaped.
        case controlCharacterInString(UInt8)
        /// Bytes that are not UTF-8.
        case invalidUTF8
        /// Arrays and objects nested deeper than the limit.
        case tooDeep(limit: Int)
        /// The same key twice in one object. RFC 8259 leaves the meaning open, so it is refused rather than guessed.
        case duplicateKey(String)
        /// More text after the value ends.
        case trailingContent(String)
    }

    /// What went wrong.
    public let reason: Reason
    /// 1-based line of the problem.
    public let line: Int
    /// 1-based column of the problem, counted in Unicode scalars.
    public let column: Int
    /// 0-based byte offset of the problem.
    public let offset: Int

    public init(reason: Reason, line: Int, column: Int, offset: Int) {
        self.reason = reason
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The problem and its place, e.g. "unexpected '}' at line 1, column 14 (expected a value)".
    public var detail: String {
        let place = "at line \(line), column \(column)"
        switch reason {
        case .empty:
            return "the body is empty"
        case .unexpectedCharacter(let character, let expected):
            return "unexpected \(character) \(place) (expected \(expected))"
        case .unexpectedEnd(let expected):
            return "unexpected end of input \(place) (expected \(expected))"
        case .invalidNumber(let text):
            return "invalid number \(text) \(place)"
        case .invalidEscape(let escape):
            return "invalid escape \(escape) \(place)"
        case .invalidUnicodeEscape(let escape):
            return "invalid Unicode escape \(escape) \(place)"
        case .controlCharacterInString(let byte):
            let hex = String(byte, radix: 16, uppercase: true)
            return "unescaped control character U+\(String(repeating: "0", count: 4 - hex.count))\(hex) in a string \(place)"
        case .invalidUTF8:
            return "invalid UTF-8 \(place)"
        case .tooDeep(let limit):
            return "arrays and objects nested more than \(limit) deep \(place)"
        case .duplicateKey(let key):
            return "the key \"\(key)\" appears twice in one object \(place)"
        case .trailingContent(let character):
            return "unexpected \(character) after the end of the JSON value \(place)"
        }
    }

    /// The sentence for the response body: "The request body is not valid JSON: … ."
    public var message: String { "The request body is not valid JSON: \(detail)." }

    public var description: String { message }

    /// The response body `{"message": …}` a server sends with status 400.
    public var responseBody: JSONValue { ["message": .string(message)] }
}
