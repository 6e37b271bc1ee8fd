/// The keywords that apply to numbers: `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`.
///
/// Every comparison is exact (``JSONNumber``): `9223372036854775808` is above an `int64` maximum, `0.3` is a
/// multiple of `0.1`, and `1e400` is a very large number rather than infinity.
public final class NumberRules: Sendable {
    /// `minimum` (inclusive).
    public let minimum: JSONNumber?
    /// `maximum` (inclusive).
    public let maximum: JSONNumber?
    /// `exclusiveMinimum` (JSON Schema 2020-12's number form).
    public let exclusiveMinimum: JSONNumber?
    /// `exclusiveMaximum` (JSON Schema 2020-12's number form).
    public let exclusiveMaximum: JSONNumber?
    /// `multipleOf`, positive.
    public let multipleOf: JSONNumber?

    public init(
        minimum: JSONNumber? = nil, maximum: JSONNumber? = nil, exclusiveMinimum: JSONNumber? = nil,
        exclusiveMaximum: JSONNumber? = nil, multipleOf: JSONNumber? = nil
    ) {
        self.minimum = minimum
        self.maximum = maximum
        self.exclusiveMinimum = exclusiveMinimum
        self.exclusiveMaximum = exclusiveMaximum
        self.multipleOf = multipleOf
    }

    /// Whether no keyword is set.
    var isEmpty: Bool {
        minimum == nil && maximum == nil && exclusiveMinimum == nil && exclusiveMaximum == nil && multipleOf == nil
    }
}

extension SchemaValidator {
    mutating func checkNumber(_ number: JSONNumber, against rules: NumberRules) {
        if let minimum = rules.minimum, number < minimum {
            fail(.minimum(minimum))
            if isDone { return }
        }
        if let maximum = rules.maximum, maximum < number {
            fail(.maximum(maximum))
            if isDone { return }
        }
        if let bound = rules.exclusiveMinimum, !(bound < number) {
            fail(.exclusiveMinimum(bound))
            if isDone { return }
        }
        if let bound = rules.exclusiveMaximum, !(number < bound) {
            fail(.exclusiveMaximum(bound))
            if isDone { return }
        }
        if let step = rules.multipleOf, !number.isMultiple(of: step) {
            fail(.multipleOf(step))
        }
    }
}
