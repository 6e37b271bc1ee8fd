/// Enums backed by a string or an integer (the generated `Types.CryptoCurrency`, `Types.AgentStatus`) bind and
/// decode as their raw value, the way postgres-nio's `RawRepresentable` support does: a type opts in with an empty
/// `extension Types.CryptoCurrency: PostgresCodable {}`.
///
/// A column holding a value the enum does not know is a ``PostgresError/decoding(column:type:value:)`` (a 500
/// naming the column), never a crash.
public typealias PostgresCodable = PostgresEncodable & PostgresDecodable

extension PostgresEncodable where Self: RawRepresentable, RawValue: PostgresEncodable {
    public func encodePostgresText(into buffer: inout [UInt8]) -> Bool {
        rawValue.encodePostgresText(into: &buffer)
    }
}

extension PostgresDecodable where Self: RawRepresentable, RawValue: PostgresDecodable {
    public static func decodePostgresText(_ text: UnsafeRawBufferPointer, column: String) throws(PostgresError) -> Self {
        let raw = try RawValue.decodePostgresText(text, column: column)
        guard let value = Self(rawValue: raw) else { throw decodingError(text, column: column) }
        return value
    }
}
