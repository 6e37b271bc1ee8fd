/// A JSON value written in the spec: an `enum` member, a `const`, a `default`, an `example`, an extension.
///
/// It is JSON's data model with exact numbers (``SpecNumber``) and objects in document order, so the
/// generator can print a default the way the author wrote it and a validator can compare values exactly.
/// Equality follows JSON Schema: `1 == 1.0`, and object members compare regardless of order.
indirect enum SpecValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(SpecNumber)
    case string(String)
    case array([SpecValue])
    /// Members in document order; names are unique (the YAML parser refuses duplicates).
    case object([Member])

    /// One `name: value` member of an object value.
    struct Member: Sendable, Hashable {
        var name: String
        var value: SpecValue
    }

    /// The JSON type of the value, as JSON Schema's `type` keyword names it. Whole numbers are `integer`.
    var jsonType: JSONType {
        switch self {
        case .null: .null
        case .bool: .boolean
        case .number(let number): number.isIntegral ? .integer : .number
        case .string: .string
        case .array: .array
        case .object: .object
        }
    }

    /// The value as compact JSON, for diagnostics and for printing literals.
    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let number): number.literal
        case .string(let string): Self.jsonQuoted(string)
        case .array(let items): "[" + items.map(\.description).joined(separator: ",") + "]"
        case .object(let members):
            "{" + members.map { Self.jsonQuoted($0.name) + ":" + $0.value.description }.joined(separator: ",") + "}"
        }
    }

    static func == (lhs: SpecValue, rhs: SpecValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let left), .bool(let right)): left == right
        case (.number(let left), .number(let right)): left == right
        case (.string(let left), .string(let right)): left == right
        case (.array(let left), .array(let right)): left == right
        case (.object(let left), .object(let right)):
            left.count == right.count
                && left.allSatisfy { member in right.contains { $0.name == member.name && $0.value == member.value } }
        default: false
        }
    }

    func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .number(let number): hasher.combine(number)
        case .string(let string): hasher.combine(string)
        case .array(let items): hasher.combine(items)
        case .object(let members):
            // Order-independent, to agree with ==.
            hasher.combine(members.count)
            hasher.combine(Set(members.map(\.name)))
        }
    }

    /// The string, if the value is one.
    var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// `string` as a JSON string literal: `"`, `\` and control characters escaped (and DEL, harmless to escape).
    /// The one JSON quoting of the generator: values, schemas and the document as JSON all print through it.
    static func jsonQuoted(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// JSON Schema's type names (`type: string`, `type: [string, "null"]`).
enum JSONType: String, Sendable, Hashable, CaseIterable, Comparable {
    case null
    case boolean
    case object
    case array
    case number
    case integer
    case string

    static func < (lhs: JSONType, rhs: JSONType) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Whether a value of type `valueType` is an instance of this type (`integer` values are `number`s).
    func admits(_ valueType: JSONType) -> Bool {
        self == valueType || (self == .number && valueType == .integer)
    }
}
