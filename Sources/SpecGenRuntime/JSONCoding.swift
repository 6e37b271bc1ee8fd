import Foundation

/// A type that generated code reads out of a validated ``JSONValue``.
///
/// Decoding runs after validation, so for request types it cannot meet a wrong type; an error here means the value
/// was not validated against the matching schema (a handler decoding stored JSON, say) and names the path.
public protocol JSONDecodable: Sendable {
    /// Reads the value, or throws naming what was expected where.
    init(json: JSONValue) throws(JSONDecodingError)
}

/// A type that writes itself as a ``JSONValue`` (response bodies).
public protocol JSONEncodable {
    /// The value as JSON.
    var json: JSONValue { get }
}

/// Both directions.
public typealias JSONCodable = JSONDecodable & JSONEncodable

/// A value that was not of the expected shape: "links.0.url: expected a string, found a number".
public struct JSONDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where, from the value being decoded down.
    public var path: FieldPath
    /// What was wanted: "a string", "an integer in Int64 range", "member \"name\"".
    public var expected: String
    /// What was there: "a number", "nothing".
    public var found: String

    public init(path: FieldPath = .root, expected: String, found: String) {
        self.path = path
        self.expected = expected
        self.found = found
    }

    /// The error for a value of the wrong type.
    public static func mismatch(expected: String, found value: JSONValue) -> JSONDecodingError {
        JSONDecodingError(expected: expected, found: JSONTypeSet(value.type).phrase)
    }

    /// The same error one step further up: the path gains the component in front.
    func nested(under component: FieldPath.Component) -> JSONDecodingError {
        var copy = self
        copy.path = FieldPath([component] + path.components)
        return copy
    }

    public var description: String {
        (path.isRoot ? "" : "\(path.key): ") + "expected \(expected), found \(found)"
    }
}

/// A property that may be absent, `null`, or a value: what a PATCH handler needs to tell "leave it" from
/// "clear it".
public enum JSONField<Wrapped: Sendable>: Sendable {
    /// The member was not sent.
    case absent
    /// The member was sent as `null`.
    case null
    /// The member was sent with a value.
    case value(Wrapped)

    /// The value, if one was sent.
    public var value: Wrapped? {
        if case .value(let wrapped) = self { return wrapped }
        return nil
    }

    /// Whether the member was sent at all.
    public var isPresent: Bool {
        if case .absent = self { return false }
        return true
    }
}

extension JSONField: Equatable where Wrapped: Equatable {}

extension JSONObject {
    /// The member `key` as `T`; throws if it is missing or of another shape.
    public func decode<T: JSONDecodable>(_ key: String, as type: T.Type = T.self) throws(JSONDecodingError) -> T {
        guard let value = self[key] else {
            throw JSONDecodingError(path: FieldPath([.key(key)]), expected: "a value", found: "nothing")
        }
        do {
            return try T(json: value)
        } catch {
            throw error.nested(under: .key(key))
        }
    }

    /// The member `key` as `T`, or nil when it is absent or `null`.
    public func decodeIfPresent<T: JSONDecodable>(_ key: String, as type: T.Type = T.self) throws(JSONDecodingError)
        -> T?
    {
        guard let value = self[key], !value.isNull else { return nil }
        do {
            return try T(json: value)
        } catch {
            throw error.nested(under: .key(key))
        }
    }

    /// The member `key` as absent, `null` or a `T`.
    public func decodeField<T: JSONDecodable>(_ key: String, as type: T.Type = T.self) throws(JSONDecodingError)
        -> JSONField<T>
    {
        guard let value = self[key] else { return .absent }
        if value.isNull { return .null }
        do {
            return .value(try T(json: value))
        } catch {
            throw error.nested(under: .key(key))
        }
    }
}

extension JSONValue {
    /// The value as an object, or a decoding error.
    public func decodeObject() throws(JSONDecodingError) -> JSONObject {
        guard case .object(let object) = self else { throw .mismatch(expected: "an object", found: self) }
        return object
    }
}

// MARK: - Conformances

extension JSONValue: JSONCodable {
    public init(json: JSONValue) { self = json }
    /// The value as JSON.
    public var json: JSONValue { self }
}

extension JSONObject: JSONCodable {
    public init(json: JSONValue) throws(JSONDecodingError) { self = try json.decodeObject() }
    /// The value as JSON.
    public var json: JSONValue { .object(self) }
}

extension String: JSONCodable {
    public init(json: JSONValue) throws(JSONDecodingError) {
        guard case .string(let string) = json else { throw .mismatch(expected: "a string", found: json) }
        self = string
    }

    /// The value as JSON.
    public var json: JSONValue { .string(self) }
}

extension Bool: JSONCodable {
    public init(json: JSONValue) throws(JSONDecodingError) {
        guard case .bool(let bool) = json else { throw .mismatch(expected: "true or false", found: json) }
        self = bool
    }

    /// The value as JSON.
    public var json: JSONValue { .bool(self) }
}

extension JSONNumber: JSONCodable {
    public init(json: JSONValue) throws(JSONDecodingError) {
        guard case .number(let number) = json else { throw .mismatch(expected: "a number", found: json) }
        self = number
    }

    /// The value as JSON.
    public var json: JSONValue { .number(self) }
}

extension Int64: JSONCodable {
    /// Whole numbers in range, whatever their syntax (`3.0` reads as 3).
    public init(json: JSONValue) throws(JSONDecodingError) {
        guard case .number(let number) = json, let value = number.int64Value else {
            throw .mismatch(expected: "an integer in Int64 range", found: json)
        }
        self = value
    }

    /// The value as JSON.
    public var json: JSONValue { .number(JSONNumber(self)) }
}

extension Int: JSONCodable {
    public init(json: JSONValue) throws(JSONDecodingError) {
        guard case .number(let number) = json, let value = number.intValue else {
            throw .mismatch(expected: "an integer in Int range", found: json)
        }
        self = value
    }

    /// The value as JSON.
    public var json: JSONValue { .number(JSONNumber(self)) }
}

extension Int32: JSONCodable {
    public init(json: JSONValue) throws(JSONDecodingError) {
        guard case .number(let number) = json, let wide = number.int64Value, let value = Int32(exactly: wide) else {
            throw .mismatch(expected: "an integer in Int32 range", found: json)
        }
        self = value
    }

    /// The value as JSON.
    public var json: JSONValue { .number(JSONNumber(Int64(self))) }
}

extension Double: JSONCodable {
    /// The nearest `Double`; for money use `Decimal` or ``JSONNumber``.
    public init(json: JSONValue) throws(JSONDecodingError) {
        guard case .number(let number) = json else { throw .mismatch(expected: "a number", found: json) }
        self = number.doubleValue
    }

    /// Finite values in the shortest form that reads back equal; NaN and infinities (no JSON form) as `null`.
    public var json: JSONValue {
        guard isFinite else { return .null }
        if self == rounded(), abs(self) < 1e15 { return .number(JSONNumber(Int64(self))) }
        return JSONNumber(literal: description).map(JSONValue.number) ?? .null
    }
}

extension Decimal: JSONCodable {
    /// Exact: a number that does not fit a `Decimal` (more than 38 digits) is an error, not a rounding. A decimal
    /// string (`"19.99"`, how money travels in this API) reads too.
    public init(json: JSONValue) throws(JSONDecodingError) {
        switch json {
        case .number(let number):
            guard let decimal = number.decimalValue else {
                throw JSONDecodingError(expected: "a number of at most 38 digits", found: number.literal)
            }
            self = decimal
        case .string(let text):
            guard let number = JSONNumber(literal: text), let decimal = number.decimalValue else {
                throw JSONDecodingError(expected: "a decimal number", found: "\"\(text)\"")
            }
            self = decimal
        default:
            throw .mismatch(expected: "a number", found: json)
        }
    }

    /// As a JSON number with the decimal's own digits.
    public var json: JSONValue { JSONNumber(self).map(JSONValue.number) ?? .null }
}

extension Array: JSONDecodable where Element: JSONDecodable {
    public init(json: JSONValue) throws(JSONDecodingError) {
        guard case .array(let elements) = json else { throw .mismatch(expected: "an array", found: json) }
        var result: [Element] = []
        result.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            do {
                result.append(try Element(json: element))
            } catch {
                throw error.nested(under: .index(index))
            }
        }
        self = result
    }
}

extension Array: JSONEncodable where Element: JSONEncodable {
    /// The value as JSON.
    public var json: JSONValue { .array(map(\.json)) }
}

extension Optional: JSONDecodable where Wrapped: JSONDecodable {
    /// `null` reads as nil.
    public init(json: JSONValue) throws(JSONDecodingError) {
        self = json.isNull ? nil : try Wrapped(json: json)
    }
}

extension Optional: JSONEncodable where Wrapped: JSONEncodable {
    /// nil writes `null`.
    public var json: JSONValue { map(\.json) ?? .null }
}
