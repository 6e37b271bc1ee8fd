/// One broken rule, as a value: which rule and its bound. The text comes from ``message(at:)``, in Laravel's words.
///
/// Kept typed so tests assert on the rule rather than on wording, and so handlers add their own domain failures
/// (``custom(_:)``) into the same 422 body.
public enum ValidationFailure: Sendable, Hashable {
    /// A required property is missing: "The name field is required."
    case required
    /// A required property is missing because another is present: "The x field is required when y is present."
    case requiredWith(String)
    /// The value has the wrong JSON type: "The name field must be a string."
    case type(expected: JSONTypeSet)
    /// The value is not in `enum` (or not `const`): "The selected status is invalid."
    case notInEnumeration
    /// The property may not be sent at all (a `false` schema, `additionalProperties: false`):
    /// "The foo field is prohibited."
    case prohibited
    /// Too short: "The name field must be at least 3 characters."
    case minLength(Int)
    /// Too long: "The name field must not be greater than 255 characters."
    case maxLength(Int)
    /// Not the one allowed length (`minLength == maxLength`): "The code field must be 6 characters."
    case exactLength(Int)
    /// `pattern` does not match: "The slug field format is invalid."
    case pattern
    /// `format` does not hold: "The email field must be a valid email address."
    case format(StringFormat)
    /// Below `minimum`: "The count field must be at least 1."
    case minimum(JSONNumber)
    /// Above `maximum`: "The count field must not be greater than 10."
    case maximum(JSONNumber)
    /// Not above `exclusiveMinimum`: "The price field must be greater than 0."
    case exclusiveMinimum(JSONNumber)
    /// Not below `exclusiveMaximum`: "The ratio field must be less than 1."
    case exclusiveMaximum(JSONNumber)
    /// Not a `multipleOf`: "The amount field must be a multiple of 0.01."
    case multipleOf(JSONNumber)
    /// Too few items: "The skills field must have at least 1 items."
    case minItems(Int)
    /// Too many items: "The skills field must not have more than 10 items."
    case maxItems(Int)
    /// Not the one allowed count (`minItems == maxItems`): "The pair field must contain 2 items."
    case exactItems(Int)
    /// A repeat under `uniqueItems`, filed at the repeat: "The skills.3 field has a duplicate value."
    case duplicate
    /// Fewer items than `contains`/`minContains` wants: "The tags field must contain at least 1 matching items."
    case minContains(Int)
    /// More items than `maxContains` allows: "The tags field must not contain more than 2 matching items."
    case maxContains(Int)
    /// Too few properties: "The meta field must have at least 1 fields."
    case minProperties(Int)
    /// Too many properties: "The meta field must not have more than 20 fields."
    case maxProperties(Int)
    /// A key rejected by `propertyNames`: "The meta.Bad Key field name is invalid."
    case propertyName
    /// Fails `not`, or fits none of `anyOf`/`oneOf` in a way worth detailing: "The x field is invalid."
    case invalid
    /// Fits more than one `oneOf` alternative: "The x field matches more than one allowed form."
    case ambiguous
    /// A handler's own message, used as given: "The email has already been taken."
    case custom(String)

    /// The sentence for the field at `path`, Laravel's wording with the attribute filled in.
    public func message(at path: FieldPath) -> String {
        let attribute = path.attribute
        let field = path.isRoot ? "The request body" : "The \(attribute) field"
        switch self {
        case .required: return "\(field) is required."
        case .requiredWith(let other):
            return "\(field) is required when \(FieldPath(dotted: other).attribute) is present."
        case .type(let expected): return "\(field) must be \(expected.phrase)."
        case .notInEnumeration: return path.isRoot ? "The request body is invalid." : "The selected \(attribute) is invalid."
        case .prohibited: return "\(field) is prohibited."
        case .minLength(let count): return "\(field) must be at least \(count) characters."
        case .maxLength(let count): return "\(field) must not be greater than \(count) characters."
        case .exactLength(let count): return "\(field) must be \(count) characters."
        case .pattern: return "\(field) format is invalid."
        case .format(let format): return "\(field) must be \(format.phrase)."
        case .minimum(let bound): return "\(field) must be at least \(bound)."
        case .maximum(let bound): return "\(field) must not be greater than \(bound)."
        case .exclusiveMinimum(let bound): return "\(field) must be greater than \(bound)."
        case .exclusiveMaximum(let bound): return "\(field) must be less than \(bound)."
        case .multipleOf(let step): return "\(field) must be a multiple of \(step)."
        case .minItems(let count): return "\(field) must have at least \(count) items."
        case .maxItems(let count): return "\(field) must not have more than \(count) items."
        case .exactItems(let count): return "\(field) must contain \(count) items."
        case .duplicate: return "\(field) has a duplicate value."
        case .minContains(let count): return "\(field) must contain at least \(count) matching items."
        case .maxContains(let count): return "\(field) must not contain more than \(count) matching items."
        case .minProperties(let count): return "\(field) must have at least \(count) fields."
        case .maxProperties(let count): return "\(field) must not have more than \(count) fields."
        case .propertyName: return "\(field) name is invalid."
        case .invalid: return "\(field) is invalid."
        case .ambiguous: return "\(field) matches more than one allowed form."
        case .custom(let message): return message
        }
    }
}

/// One failure at one place.
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
    /// Where: the Laravel key is `path.key`.
    public let path: FieldPath
    /// What.
    public let failure: ValidationFailure

    public init(path: FieldPath, failure: ValidationFailure) {
        self.path = path
        self.failure = failure
    }

    /// The sentence for this issue.
    public var message: String { failure.message(at: path) }

    public var description: String { "\(path.key): \(message)" }
}
