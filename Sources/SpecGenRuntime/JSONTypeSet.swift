/// The `type` keyword: which JSON types a schema accepts, as a set (`["string", "null"]` is `[.string, .null]`).
///
/// `integer` is a subset of `number`: a set holding `.number` accepts every number, one holding only `.integer`
/// accepts numbers whose value is whole (`1.0` included).
public struct JSONTypeSet: OptionSet, Sendable, Hashable {
    /// One bit per type.
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `"null"`.
    public static let null = JSONTypeSet(rawValue: 1 << 0)
    /// `"boolean"`.
    public static let boolean = JSONTypeSet(rawValue: 1 << 1)
    /// `"object"`.
    public static let object = JSONTypeSet(rawValue: 1 << 2)
    /// `"array"`.
    public static let array = JSONTypeSet(rawValue: 1 << 3)
    /// `"number"`: every number, whole or not.
    public static let number = JSONTypeSet(rawValue: 1 << 4)
    /// `"integer"`: numbers whose value is whole (`1.0` included).
    public static let integer = JSONTypeSet(rawValue: 1 << 5)
    /// `"string"`.
    public static let string = JSONTypeSet(rawValue: 1 << 6)

    /// Every type: the same as having no `type` keyword.
    public static let all: JSONTypeSet = [.null, .boolean, .object, .array, .number, .integer, .string]

    /// The set holding one type.
    public init(_ type: JSONType) {
        switch type {
        case .null: self = .null
        case .boolean: self = .boolean
        case .object: self = .object
        case .array: self = .array
        case .number: self = .number
        case .integer: self = .integer
        case .string: self = .string
        }
    }

    /// Whether a value is of one of the types.
    @inline(__always) public func accepts(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return contains(.null)
        case .bool: return contains(.boolean)
        case .string: return contains(.string)
        case .array: return contains(.array)
        case .object: return contains(.object)
        case .number(let number):
            return contains(.number) || (contains(.integer) && number.isInteger)
        }
    }

    /// The types in JSON Schema's order of mention, for messages and for choosing how to read a parameter.
    public var members: [JSONType] {
        let order: [(JSONTypeSet, JSONType)] = [
            (.string, .string), (.integer, .integer), (.number, .number), (.boolean, .boolean),
            (.array, .array), (.object, .object), (.null, .null),
        ]
        return order.filter { contains($0.0) }.map(\.1)
    }

    /// How a message names the set: "a string", "an integer or a string", "true or false". `null` is left out
    /// when other types are allowed (a nullable field's message speaks of what it should be, as Laravel's does),
    /// and `integer` when `number` covers it.
    var phrase: String {
        var types = members
        if types.count > 1 { types.removeAll { $0 == .null } }
        if types.contains(.number) { types.removeAll { $0 == .integer } }
        let words = types.map { type -> String in
            switch type {
            case .string: "a string"
            case .integer: "an integer"
            case .number: "a number"
            case .boolean: "true or false"
            case .array: "an array"
            case .object: "an object"
            case .null: "null"
            }
        }
        return words.joined(separator: " or ")
    }
}
