import Foundation

/// A Swift type that a column's value (PostgreSQL's text format) decodes into.
public protocol PostgresDecodable: Sendable {
    /// Decodes a non-NULL value from its text. `column` names the column for error messages.
    static func decodePostgresText(_ text: UnsafeRawBufferPointer, column: String) throws(PostgresError) -> Self
    /// The value for SQL NULL: an error for every type except `Optional`.
    static func decodePostgresNull(column: String) throws(PostgresError) -> Self
}

extension PostgresDecodable {
    public static func decodePostgresNull(column: String) throws(PostgresError) -> Self {
        throw PostgresError.decoding(column: column, type: "\(Self.self)", value: nil)
    }

    /// The error for a text that does not read as `Self`.
    static func decodingError(_ text: UnsafeRawBufferPointer, column: String) -> PostgresError {
        .decoding(column: column, type: "\(Self.self)", value: String(decoding: text, as: UTF8.self))
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decodePostgresText(
        _ text: UnsafeRawBufferPointer, column: String
    ) throws(PostgresError) -> Wrapped? {
        try Wrapped.decodePostgresText(text, column: column)
    }

    public static func decodePostgresNull(column: String) throws(PostgresError) -> Wrapped? {
        nil
    }
}

extension String: PostgresDecodable {
    public static func decodePostgresText(_ text: UnsafeRawBufferPointer, column: String) throws(PostgresError) -> String {
        String(decoding: text, as: UTF8.self)
    }
}

extension Bool: PostgresDecodable {
    public static func decodePostgresText(_ text: UnsafeRawBufferPointer, column: String) throws(PostgresError) -> Bool {
        if text.count == 1 {
            if text[0] == UInt8(ascii: "t") { return true }
            if text[0] == UInt8(ascii: "f") { return false }
        }
        throw decodingError(text, column: column)
    }
}

/// Integers read straight from the digits, without an intermediate String.
private func parseInteger(_ text: UnsafeRawBufferPointer) -> Int64? {
    guard !text.isEmpty else { return nil }
    var index = 0
    var negative = false
    if text[0] == UInt8(ascii: "-") {
        negative = true
        index = 1
    } else if text[0] == UInt8(ascii: "+") {
        index = 1
    }
    guard index < text.count else { return nil }
    var value: Int64 = 0
    while index < text.count {
        let digit = Int64(text[index]) - 48
        guard digit >= 0, digit <= 9 else { return nil }
        let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
        let (next, overflow2) =
            negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
        guard !overflow1, !overflow2 else { return nil }
        value = next
        index += 1
    }
    return value
}

extension Int: PostgresDecodable {
    public static func decodePostgresText(_ text: UnsafeRawBufferPointer, column: String) throws(PostgresError) -> Int {
        guard let value = parseInteger(text) else { throw decodingError(text, column: column) }
        return Int(value)
    }
}

extension Int64: PostgresDecodable {
    public static func decodePostgresText(_ text: UnsafeRawBufferPointer, column: String) throws(PostgresError) -> Int64 {
        guard let value = parseInteger(text) else { throw decodingError(text, column: column) }
        return value
    }
}

extension Int32: PostgresDecodable {
    public static func decodePostgresText(_ text: UnsafeRawBufferPointer, column: String) throws(PostgresError) -> Int32 {
        guard let value = parseInteger(text), let narrow = Int32(exactly: value) else {
            throw decodingError(text, column: column)
        }
        return narrow
    }
}

extension Double: PostgresDecodable {
    public static func decodePostgresText(_ text: UnsafeRawBufferPointer, column: String) throws(PostgresError) -> Double {
        guard let value = Double(String(decoding: text, as: UTF8.self)) else { throw decodingError(text, column: column) }
        return value
    }
}

extension Decimal: PostgresDecodable {
    /// Exact for NUMERIC values of up to 38 significant digits; more than that is a decoding error rather than
    /// a silent rounding (decode into `String` to carry such values).
    public static func decodePostgresText(_ text: UnsafeRawBufferPointer, column: String) throws(PostgresError) -> Decimal {
        let string = String(decoding: text, as: UTF8.self)
        var significant = 0
        var leading = true
        for byte in string.utf8 where byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
            if leading && byte == UInt8(ascii: "0") { continue }
            leading = false
            significant += 1
        }
        // Trailing zeros after the point are not significant for the value.
        if string.contains(".") {
            significant -= string.reversed().prefix { $0 == "0" }.count
        }
        guard significant <= 38, let value = Decimal(string: string, locale: nil), !value.isNaN else {
            throw decodingError(text, column: column)
        }
        return value
    }
}

extension UUID: PostgresDecodable {
    public static func decodePostgresText(_ text: UnsafeRawBufferPointer, column: String) throws(PostgresError) -> UUID {
        guard let value = UUID(uuidString: String(decoding: text, as: UTF8.self)) else {
            throw decodingError(text, column: column)
        }
        return value
    }
}

extension Date: PostgresDecodable {
    /// Reads TIMESTAMPTZ as the session sends it (ISO style; the pool sets the session time zone to UTC, but
    /// any numeric offset is honoured).
    public static func decodePostgresText(_ text: UnsafeRawBufferPointer, column: String) throws(PostgresError) -> Date {
        guard let value = PostgresTimestamp.parse(text) else { throw decodingError(text, column: column) }
        return value
    }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    public static func decodePostgresText(_ text: UnsafeRawBufferPointer, column: String) throws(PostgresError) -> [Element] {
        guard let items = PostgresArrayLiteral.parse(text) else { throw decodingError(text, column: column) }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for item in items {
            if let item {
                let element: Result<Element, PostgresError> = item.withUnsafeBytes { bytes in
                    do throws(PostgresError) {
                        return .success(try Element.decodePostgresText(bytes, column: column))
                    } catch {
                        return .failure(error)
                    }
                }
                result.append(try element.get())
            } else {
                result.append(try Element.decodePostgresNull(column: column))
            }
        }
        return result
    }
}

/// A type that can be an element of a one-dimensional PostgreSQL array parameter or column.
public protocol PostgresArrayElement: PostgresEncodable, PostgresDecodable {}

extension String: PostgresArrayElement {}
extension Int: PostgresArrayElement {}
extension Int32: PostgresArrayElement {}
extension Int64: PostgresArrayElement {}
extension Bool: PostgresArrayElement {}
extension Double: PostgresArrayElement {}
extension Decimal: PostgresArrayElement {}
extension UUID: PostgresArrayElement {}
extension Date: PostgresArrayElement {}
extension Optional: PostgresArrayElement where Wrapped: PostgresArrayElement {}
