/// Validation entry points: check a parsed value against a schema and collect every failure.
extension JSONSchemaRules {
    /// Checks `value` against the schema and adds every failure to `errors`, keyed under `path`.
    ///
    /// Generated code calls this once per request body (`path: .root`) and once per parameter
    /// (`path: "limit"`), then answers 422 with `errors.responseBody` when anything was added.
    public func validate(_ value: JSONValue, at path: FieldPath = .root, into errors: inout ValidationErrors) {
        var validator = SchemaValidator(path: path, stopsAtFirstFailure: false)
        validator.errors = errors
        validator.check(value, against: self)
        errors = validator.errors
    }

    /// Every failure of `value` against the schema; empty when it is valid.
    public func validate(_ value: JSONValue) -> ValidationErrors {
        var errors = ValidationErrors()
        validate(value, into: &errors)
        return errors
    }

    /// Whether `value` is valid, stopping at the first failure (what `anyOf`, `not` and `contains` ask).
    public func accepts(_ value: JSONValue) -> Bool {
        var validator = SchemaValidator(path: .root, stopsAtFirstFailure: true)
        validator.check(value, against: self)
        return !validator.failed
    }
}

/// One walk of a value against a schema: the current path, the failures so far, and whether to stop early.
///
/// The path is a stack pushed and popped in place, so a valid body costs no allocation per field. In
/// stop-at-first mode (used inside `anyOf`, `not`, `contains`) nothing is recorded; only ``failed`` matters.
struct SchemaValidator {
    /// Where the value being checked sits.
    var path: FieldPath
    /// What failed so far (collecting mode only).
    var errors = ValidationErrors()
    /// Whether any check failed.
    private(set) var failed = false
    /// Answer only yes or no, as soon as known.
    let stopsAtFirstFailure: Bool
    /// How many schemas deep the walk is; bounded so that a `$ref` cycle that never descends into the value
    /// (`A = $ref A`) fails instead of exhausting the stack.
    private var schemaDepth = 0

    /// The deepest schema nesting followed; far past any real spec (values nest at most 512 deep).
    static let maximumSchemaDepth = 2048

    init(path: FieldPath, stopsAtFirstFailure: Bool) {
        self.path = path
        self.stopsAtFirstFailure = stopsAtFirstFailure
    }

    /// Whether nothing more needs checking.
    @inline(__always) var isDone: Bool { stopsAtFirstFailure && failed }

    /// Whether `value` satisfies `rules`, asked from inside this walk (`anyOf`, `not`, `contains`): a yes/no
    /// walk that inherits the depth, so cycles through applicators are bounded too.
    func holds(_ value: JSONValue, against rules: JSONSchemaRules) -> Bool {
        var probe = SchemaValidator(path: .root, stopsAtFirstFailure: true)
        probe.schemaDepth = schemaDepth
        probe.check(value, against: rules)
        return !probe.failed
    }

    /// A collecting walk over the same value at the same path and depth (for choosing what to report).
    func attempt(_ value: JSONValue, against rules: JSONSchemaRules) -> SchemaValidator {
        var attempt = SchemaValidator(path: path, stopsAtFirstFailure: false)
        attempt.schemaDepth = schemaDepth
        attempt.check(value, against: rules)
        return attempt
    }

    /// Records a failure at the current path.
    mutating func fail(_ failure: ValidationFailure) {
        failed = true
        if !stopsAtFirstFailure { errors.add(failure, at: path) }
    }

    /// Records a failure one step below the current path (a missing required property, a duplicate item).
    mutating func fail(_ failure: ValidationFailure, below component: FieldPath.Component) {
        failed = true
        if !stopsAtFirstFailure { errors.add(failure, at: path.appending(component)) }
    }

    /// Takes in failures found by a nested walk over the same value.
    mutating func absorb(_ other: SchemaValidator) {
        if other.failed { failed = true }
        if !stopsAtFirstFailure { errors.merge(other.errors) }
    }

    /// Checks the value one step below the current path.
    @inline(__always) mutating func check(_ value: JSONValue, at component: FieldPath.Component, against rules: JSONSchemaRules) {
        path.push(component)
        check(value, against: rules)
        path.pop()
    }

    /// Checks `value` against every keyword of `rules`.
    mutating func check(_ value: JSONValue, against rules: JSONSchemaRules) {
        schemaDepth += 1
        defer { schemaDepth -= 1 }
        guard schemaDepth <= Self.maximumSchemaDepth else {
            fail(.invalid)
            return
        }
        if rules.rejectsEverything {
            fail(.prohibited)
            return
        }
        if let reference = rules.reference {
            check(value, against: reference.resolve())
            if isDone { return }
        }
        // A value of the wrong type gets that one message: its other keywords would only repeat it.
        guard rules.types.accepts(value) else {
            fail(.type(expected: rules.types))
            return
        }
        if let constant = rules.constant, constant != value {
            fail(.notInEnumeration)
            if isDone { return }
        }
        if let allowed = rules.allowedValues {
            let found = rules.allowedValueSet.map { $0.contains(value) } ?? allowed.contains(value)
            if !found {
                fail(.notInEnumeration)
                if isDone { return }
            }
        }
        switch value {
        case .string(let string):
            if let stringRules = rules.string { checkString(string, against: stringRules) }
        case .number(let number):
            if let numberRules = rules.number { checkNumber(number, against: numberRules) }
        case .array(let elements):
            if let arrayRules = rules.array { checkArray(elements, against: arrayRules) }
        case .object(let object):
            if let objectRules = rules.object { checkObject(object, against: objectRules) }
        case .null, .bool:
            break
        }
        if isDone { return }
        if let composition = rules.composition {
            checkComposition(value, against: composition)
            if isDone { return }
        }
        // Last, because they depend on what everything above evaluated.
        switch value {
        case .object(let object):
            if let unevaluated = rules.object?.unevaluatedProperties {
                checkUnevaluatedProperties(object, of: rules, against: unevaluated)
            }
        case .array(let elements):
            if let unevaluated = rules.array?.unevaluatedItems {
                checkUnevaluatedItems(elements, of: rules, against: unevaluated)
            }
        default:
            break
        }
    }
}

extension FieldPath {
    /// The path one step further down.
    func appending(_ component: Component) -> FieldPath {
        var copy = self
        copy.push(component)
        return copy
    }
}
