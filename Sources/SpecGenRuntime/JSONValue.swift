/// A JSON value exactly as the client sent it: numbers keep their literal, objects keep their key order.
///
/// Request bodies are parsed into this first and validated against the spec's schema before any typed decoding,
/// so a wrong JSON type is a validation error naming the field, never a decoding crash. Equality is JSON Schema's
/// (`enum`, `const`, `uniqueItems`): numbers by value (`1 == 1.0`), objects regardless of key order, arrays in order.
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, exact, with its literal.
    case number(JSONNumber)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, members in order.
    case object(JSONObject)

    /// The JSON Schema type of the value; a whole number is ``JSONType/integer``.
    public var type: JSONType {
        switch self {
        case .null: .null
        case .bool: .boolean
        case .number(let number): number.isInteger ? .integer : .number
        case .string: .string
        case .array: .array
        case .object: .object
        }
    }

    /// The string, if the value is one.
    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// The boolean, if the value is one.
    public var boolValue: Bool? {
        if case .bool(let bool) = self { return bool }
        return nil
    }

    /// The number, if the value is one.
    public var numberValue: JSONNumber? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// The number as `Int64`, if the value is a whole number in range (`3.0` included).
    public var int64Value: Int64? { numberValue?.int64Value }

    /// The elements, if the value is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    /// The object, if the value is one.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// Whether the value is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member named `key` when the value is an object that has it.
    public subscript(key: String) -> JSONValue? { objectValue?[key] }

    /// The element at `index` when the value is an array that long.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let array) = self, array.indices.contains(index) else { return nil }
        return array[index]
    }
}

/// The seven JSON Schema type names.
public enum JSONType: String, Sendable, Hashable, CaseIterable {
    case null, boolean, object, array, number, integer, string
}

// MARK: - Literals (tests, `enum` and `const` in generated code)

extension JSONValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: StaticBigInt) { self = .number(JSONNumber(integerLiteral: value)) }
}

extension JSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// An object in the literal's key order. A repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var object = JSONObject()
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}
