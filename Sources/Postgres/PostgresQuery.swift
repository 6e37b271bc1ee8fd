/// A statement and its bound parameters, written as an interpolated string that binds and never splices:
///
///     let query: PostgresQuery = "SELECT name FROM agents WHERE id = \(id) AND status = \(status)"
///     // sql: "SELECT name FROM agents WHERE id = $1 AND status = $2", two bound parameters
///
/// There is no way to put a value into the SQL text itself, so a query built this way cannot be injected into.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation {
    /// The SQL text with `$1`, `$2`, … in place of the values.
    public private(set) var sql: String
    /// The values, in placeholder order.
    public private(set) var bindings: PostgresBindings

    /// A query from SQL text and already-collected bindings (the text must use `$n` placeholders).
    public init(unsafeSQL sql: String, bindings: PostgresBindings = PostgresBindings()) {
        self.sql = sql
        self.bindings = bindings
    }

    public init(stringLiteral value: String) {
        self.sql = value
        self.bindings = PostgresBindings()
    }

    public init(stringInterpolation: StringInterpolation) {
        self.sql = stringInterpolation.sql
        self.bindings = stringInterpolation.bindings
    }

    /// Collects literal SQL and bound values while a query literal is being read.
    public struct StringInterpolation: StringInterpolationProtocol {
        var sql: String
        var bindings: PostgresBindings

        public init(literalCapacity: Int, interpolationCount: Int) {
            self.sql = ""
            self.sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            self.bindings = PostgresBindings(capacity: interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// Binds a value: the SQL gets `$n`, the value travels separately.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            bindings.append(value)
            sql += "$\(bindings.count)"
        }

        /// Splices a fixed piece of SQL (made from a literal, never from a value).
        public mutating func appendInterpolation(_ fragment: SQLFragment) {
            sql += fragment.sql
        }

        /// Binds an optional value; `nil` is sent as SQL NULL.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            if let value { bindings.append(value) } else { bindings.appendNull() }
            sql += "$\(bindings.count)"
        }
    }
}

/// The parameter values of a statement in PostgreSQL's text format, stored in one buffer (each value
/// NUL-terminated) so that sending them takes no per-value allocation.
public struct PostgresBindings: Sendable {
    /// The NUL-terminated text of every non-NULL value, back to back.
    var storage: [UInt8] = []
    /// For each value, its offset in `storage`, or nil for NULL.
    var offsets: [Int?] = []
    /// The 1-based number of the first value whose text holds a NUL byte: libpq sends C strings, so such a value
    /// would arrive cut at the NUL. The statement is refused instead (``PostgresError/unsendableParameter(_:)``).
    public private(set) var firstParameterWithNUL: Int?

    public init() {}

    public init(capacity: Int) {
        offsets.reserveCapacity(capacity)
        storage.reserveCapacity(capacity * 16)
    }

    /// The number of parameters.
    public var count: Int { offsets.count }

    /// Appends one value.
    public mutating func append<Value: PostgresEncodable>(_ value: Value) {
        let start = storage.count
        if value.encodePostgresText(into: &storage) {
            if firstParameterWithNUL == nil, storage[start...].contains(0) { firstParameterWithNUL = offsets.count + 1 }
            storage.append(0)
            offsets.append(start)
        } else {
            storage.removeSubrange(start...)
            offsets.append(nil)
        }
    }

    /// Appends SQL NULL.
    public mutating func appendNull() {
        offsets.append(nil)
    }

    /// Calls `body` with one C-string pointer per parameter (nil for NULL), valid only inside the call.
    func withParameterPointers<Result>(
        _ body: ([UnsafePointer<CChar>?]) throws -> Result
    ) rethrows -> Result {
        try storage.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            let pointers: [UnsafePointer<CChar>?] = offsets.map { offset in
                guard let offset, let base else { return nil }
                return base + offset
            }
            return try body(pointers)
        }
    }
}
