import Foundation

/// A Swift value that can be sent as a statement parameter, in PostgreSQL's text format.
///
/// Text format keeps every type exact (NUMERIC travels as its digits, never through Double) and lets the server
/// infer parameter types from the statement.
public protocol PostgresEncodable: Sendable {
    /// Appends the value's text (without a terminator) to `buffer`; returns false to send SQL NULL instead.
    func encodePostgresText(into buffer: inout [UInt8]) -> Bool
}

extension String: PostgresEncodable {
    public func encodePostgresText(into buffer: inout [UInt8]) -> Bool {
        buffer.append(contentsOf: utf8)
        return true
    }
}

extension Substring: PostgresEncodable {
    public func encodePostgresText(into buffer: inout [UInt8]) -> Bool {
        buffer.append(contentsOf: utf8)
        return true
    }
}

extension Int: PostgresEncodable {
    public func encodePostgresText(into buffer: inout [UInt8]) -> Bool {
        buffer.append(contentsOf: String(self).utf8)
        return true
    }
}

extension Int32: PostgresEncodable {
    public func encodePostgresText(into buffer: inout [UInt8]) -> Bool {
        buffer.append(contentsOf: String(self).utf8)
        return true
    }
}

extension Int64: PostgresEncodable {
    public func encodePostgresText(into buffer: inout [UInt8]) -> Bool {
        buffer.append(contentsOf: String(self).utf8)
        return true
    }
}

extension Bool: PostgresEncodable {
    public func encodePostgresText(into buffer: inout [UInt8]) -> Bool {
        buffer.append(self ? UInt8(ascii: "t") : UInt8(ascii: "f"))
        return true
    }
}

extension Double: PostgresEncodable {
    /// Sent with the shortest text that reads back as the same Double. Not for money: use `Decimal`.
    public func encodePostgresText(into buffer: inout [UInt8]) -> Bool {
        if isNaN {
            buffer.append(contentsOf: "NaN".utf8)
        } else if isInfinite {
            buffer.append(contentsOf: (self > 0 ? "Infinity" : "-Infinity").utf8)
        } else {
            buffer.append(contentsOf: description.utf8)
        }
        return true
    }
}

extension Decimal: PostgresEncodable {
    /// Sent as its exact decimal digits, for NUMERIC columns.
    public func encodePostgresText(into buffer: inout [UInt8]) -> Bool {
        buffer.append(contentsOf: NSDecimalNumber(decimal: self).description(withLocale: nil).utf8)
        return true
    }
}

extension UUID: PostgresEncodable {
    public func encodePostgresText(into buffer: inout [UInt8]) -> Bool {
        buffer.append(contentsOf: uuidString.utf8)
        return true
    }
}

extension Date: PostgresEncodable {
    /// Sent as a UTC timestamp with microseconds (`2026-11-25 19:44:00.123456+00`), for TIMESTAMPTZ.
    public func encodePostgresText(into buffer: inout [UInt8]) -> Bool {
        buffer.append(contentsOf: PostgresTimestamp.format(self).utf8)
        return true
    }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    /// Sent as a one-dimensional array literal with every element quoted (`{"1","two",NULL}`).
    public func encodePostgresText(into buffer: inout [UInt8]) -> Bool {
        buffer.append(UInt8(ascii: "{"))
        var scratch: [UInt8] = []
        for (index, element) in enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            scratch.removeAll(keepingCapacity: true)
            guard element.encodePostgresText(into: &scratch) else {
                buffer.append(contentsOf: "NULL".utf8)
                continue
            }
            buffer.append(UInt8(ascii: "\""))
            for byte in scratch {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { buffer.append(UInt8(ascii: "\\")) }
                buffer.append(byte)
            }
            buffer.append(UInt8(ascii: "\""))
        }
        buffer.append(UInt8(ascii: "}"))
        return true
    }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public func encodePostgresText(into buffer: inout [UInt8]) -> Bool {
        guard let value = self else { return false }
        return value.encodePostgresText(into: &buffer)
    }
}
