import Foundation

/// A JSON or JSONB value carried as its text, so that nothing is lost or reordered on the way through the
/// database; `decode(_:)` and `init(encoding:)` bridge to Codable types.
public struct PostgresJSON: Hashable, Sendable, PostgresEncodable, PostgresDecodable, CustomStringConvertible {
    /// The JSON document's text.
    public var text: String

    public init(text: String) {
        self.text = text
    }

    /// The JSON encoding of a Codable value.
    public init<Value: Encodable>(encoding value: Value) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        self.text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes the document into a Codable value.
    public func decode<Value: Decodable>(_ type: Value.Type = Value.self) throws -> Value {
        try JSONDecoder().decode(Value.self, from: Data(text.utf8))
    }

    public var description: String { text }

    public func encodePostgresText(into buffer: inout [UInt8]) -> Bool {
        buffer.append(contentsOf: text.utf8)
        return true
    }

    public static func decodePostgresText(
        _ text: UnsafeRawBufferPointer, column: String
    ) throws(PostgresError) -> PostgresJSON {
        PostgresJSON(text: String(decoding: text, as: UTF8.self))
    }
}
