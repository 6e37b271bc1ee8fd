/// What a YAML scalar means, by YAML 1.2's JSON/core rules, which OpenAPI prescribes.
///
/// Only a plain (unquoted, untagged) scalar can be anything but a string: `~`/`null`/empty is null,
/// `true`/`false` (three casings) are booleans, `12`, `0x1F`, `0o17`, `1.5`, `1e400` are numbers. Under YAML
/// 1.2 `yes`, `on`, `NO` and `2019-08-24` are strings. Numbers are kept exactly (``SpecNumber``).
enum ScalarTyping {
    /// Why a scalar has no JSON value.
    enum Problem: Error, Equatable {
        /// `.inf` or `.nan`: YAML has them, JSON does not.
        case notJSON(String)
        /// An explicit tag the text does not fit: `!!int abc`.
        case tagMismatch(tag: String, text: String)

        var message: String {
            switch self {
            case .notJSON(let text):
                "'\(text)' is a YAML float with no JSON value; write a finite number, or quote it to make it a string"
            case .tagMismatch(let tag, let text):
                "'\(text)' is not a valid \(tag.replacing("tag:yaml.org,2002:", with: "!!")) value"
            }
        }
    }

    private static let nulls: Set<String> = ["", "~", "null", "Null", "NULL"]
    private static let trues: Set<String> = ["true", "True", "TRUE"]
    private static let falses: Set<String> = ["false", "False", "FALSE"]
    private static let nonFinite: Set<String> = [
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN",
    ]

    /// The value of a scalar by the core rules (quoted and block scalars are strings).
    static func coreValue(of scalar: YAMLScalar) -> Result<SpecValue, Problem> {
        switch scalar.tag {
        case nil:
            return scalar.style.isPlain ? plainValue(scalar.text) : .success(.string(scalar.text))
        case "!", "tag:yaml.org,2002:str":
            return .success(.string(scalar.text))
        case let tag?:
            let plain = plainValue(scalar.text)
            let expected: JSONType? =
                switch tag {
                case "tag:yaml.org,2002:int": .integer
                case "tag:yaml.org,2002:float": .number
                case "tag:yaml.org,2002:bool": .boolean
                case "tag:yaml.org,2002:null": .null
                default: nil
                }
            guard case .success(let value) = plain, let expected, expected.admits(value.jsonType),
                expected != .integer || isIntegerSyntax(scalar.text)
            else {
                if case .failure(let problem) = plain { return .failure(problem) }
                return .failure(.tagMismatch(tag: tag, text: scalar.text))
            }
            return .success(value)
        }
    }

    /// Whether a plain scalar's text is a YAML core integer (decimal, `0o` octal or `0x` hex).
    static func isIntegerSyntax(_ text: String) -> Bool {
        integerValue(text) != nil
    }

    private static func plainValue(_ text: String) -> Result<SpecValue, Problem> {
        if nulls.contains(text) { return .success(.null) }
        if trues.contains(text) { return .success(.bool(true)) }
        if falses.contains(text) { return .success(.bool(false)) }
        if nonFinite.contains(text) { return .failure(.notJSON(text)) }
        if let integer = integerValue(text) { return .success(.number(integer)) }
        if isFloatSyntax(text), let number = SpecNumber(text) { return .success(.number(number)) }
        return .success(.string(text))
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`, as an exact number.
    private static func integerValue(_ text: String) -> SpecNumber? {
        let utf8 = Array(text.utf8)
        if utf8.count > 2, utf8[0] == UInt8(ascii: "0"), utf8[1] == UInt8(ascii: "o") || utf8[1] == UInt8(ascii: "x") {
            let radix = utf8[1] == UInt8(ascii: "o") ? 8 : 16
            guard let value = UInt64(text.dropFirst(2), radix: radix), value <= UInt64(Int64.max) else {
                return nil
            }
            return SpecNumber(Int64(value))
        }
        var digits = Substring(text)
        if let sign = digits.first, sign == "-" || sign == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        return SpecNumber(text)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloatSyntax(_ text: String) -> Bool {
        var rest = Substring(text).utf8
        let isDigit: (UInt8) -> Bool = { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        if let first = rest.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { rest = rest.dropFirst() }
        let whole = rest.prefix(while: isDigit)
        rest = rest.dropFirst(whole.count)
        var fraction = 0
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            fraction = rest.prefix(while: isDigit).count
            rest = rest.dropFirst(fraction)
        }
        guard whole.count + fraction > 0 else { return false }
        if let marker = rest.first, marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
            rest = rest.dropFirst()
            if let sign = rest.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { rest = rest.dropFirst() }
            let exponent = rest.prefix(while: isDigit).count
            guard exponent > 0 else { return false }
            rest = rest.dropFirst(exponent)
        }
        return rest.isEmpty
    }
}
