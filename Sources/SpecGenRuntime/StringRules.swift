/// The keywords that apply to strings: `minLength`, `maxLength`, `pattern`, `format`.
///
/// Lengths count Unicode code points, as JSON Schema and Laravel's `mb_strlen` do: "é" is one, "👍🏽" is two.
public final class StringRules: Sendable {
    /// `minLength`.
    public let minLength: Int?
    /// `maxLength`.
    public let maxLength: Int?
    /// `pattern`, an ECMA-262 regular expression searched anywhere in the string (not anchored).
    public let pattern: ECMARegex?
    /// `format`, asserted (JSON Schema's format-assertion vocabulary), not just annotated.
    public let format: StringFormat?

    public init(
        minLength: Int? = nil, maxLength: Int? = nil, pattern: ECMARegex? = nil, format: StringFormat? = nil
    ) {
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern
        self.format = format
    }

    /// Whether no keyword is set.
    var isEmpty: Bool { minLength == nil && maxLength == nil && pattern == nil && format == nil }
}

extension SchemaValidator {
    mutating func checkString(_ string: String, against rules: StringRules) {
        if rules.minLength != nil || rules.maxLength != nil {
            // UTF-8 length bounds the code point count from above (and 4× from below): count only when needed.
            let utf8Count = string.utf8.count
            let surelyLongEnough = rules.minLength.map { utf8Count / 4 >= $0 } ?? true
            let surelyShortEnough = rules.maxLength.map { utf8Count <= $0 } ?? true
            if !(surelyLongEnough && surelyShortEnough) {
                let length = string.unicodeScalars.count
                let tooShort = rules.minLength.map { length < $0 } ?? false
                let tooLong = rules.maxLength.map { length > $0 } ?? false
                if tooShort || tooLong {
                    if let minimum = rules.minLength, minimum == rules.maxLength {
                        fail(.exactLength(minimum))
                    } else if tooShort {
                        fail(.minLength(rules.minLength!))
                    } else {
                        fail(.maxLength(rules.maxLength!))
                    }
                    if isDone { return }
                }
            }
        }
        if let pattern = rules.pattern, !pattern.matches(string) {
            fail(.pattern)
            if isDone { return }
        }
        if let format = rules.format, !format.accepts(string) {
            fail(.format(format))
        }
    }
}
