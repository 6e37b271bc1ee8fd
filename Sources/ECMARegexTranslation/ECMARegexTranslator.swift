/// Rewrites an ECMA-262 pattern (what JSON Schema's `pattern` means, read with the `u` flag) into ICU syntax
/// (what `NSRegularExpression` runs), so that each construct keeps its ECMA meaning.
///
/// ICU is close to ECMA-262 but not the same, and the differences change answers silently:
///
/// | ECMA-262 | ICU would read it as | written as |
/// |---|---|---|
/// | `\d` ASCII digits | any Unicode decimal digit (`٣`) | `[0-9]` |
/// | `\w`, `\b` ASCII word characters | Unicode letters and marks | `[A-Za-z0-9_]` and lookarounds on it |
/// | `\s` ECMA's list (includes U+FEFF, `\v`) | `[\t\n\f\r\p{Z}]` | ECMA's list spelled out |
/// | `\v` vertical tab | any vertical whitespace | `\x{B}` |
/// | `.` anything but `\n \r U+2028 U+2029` | also stops at U+0085 … | that class spelled out |
/// | `$` end of input | also before a final newline | `\z` |
/// | `[^]` any character, `[]` nothing | syntax errors | `[\x{0}-\x{10FFFF}]`, `(?!)` |
/// | `\u{1F600}`, `\uD83D\uDE00` | unknown or two halves | `\x{1F600}` |
/// | `[a[b]`, `[&&]`, `[a-]` literal | nested sets, intersections | escaped literals |
///
/// What cannot be carried over is refused with a message saying what and where (``ECMARegexError``): escapes ECMA
/// does not have (`\A`, `\Z`, `\h`), group names ICU cannot hold, a repeated quantifier (`a**`, ICU's possessive
/// `a*+`), inline flags. Lookbehinds pass through; ICU refuses unbounded ones when compiling, which
/// ``ECMARegex`` reports the same way. Foundation-free, so SpecGen can run it at generation time.
public struct ECMARegexTranslator: Sendable {
    /// The ECMA-262 source.
    let pattern: [Unicode.Scalar]
    /// Read position in ``pattern``.
    var position = 0
    /// ICU text written so far.
    var output = ""
    /// How many capturing groups the pattern has (for checking backreferences).
    let groupCount: Int
    /// The names of the named groups.
    let groupNames: Set<String>

    /// Translates `pattern`, or throws saying why it cannot be.
    public static func translate(_ pattern: String) throws(ECMARegexError) -> String {
        var translator = ECMARegexTranslator(pattern: pattern)
        try translator.translateAll()
        return translator.output
    }

    private init(pattern source: String) {
        self.pattern = Array(source.unicodeScalars)
        (self.groupCount, self.groupNames) = Self.countGroups(in: self.pattern)
    }

    // MARK: Outside classes

    /// What the last token was, to catch quantifiers with nothing (or another quantifier) before them.
    private enum Previous { case nothing, atom, quantifier }

    private mutating func translateAll() throws(ECMARegexError) {
        var previous = Previous.nothing
        while position < pattern.count {
            let scalar = pattern[position]
            switch scalar {
            case "\\":
                let isAssertion = try translateEscape()
                previous = isAssertion ? .nothing : .atom
            case "[":
                try translateClass()
                previous = .atom
            case "(":
                try translateGroupOpening()
                previous = .nothing
            case ")":
                output += ")"
                position += 1
                previous = .atom
            case "|":
                output += "|"
                position += 1
                previous = .nothing
            case ".":
                output += "[^\\n\\r\\x{2028}\\x{2029}]"
                position += 1
                previous = .atom
            case "$":
                output += "\\z"
                position += 1
                previous = .nothing
            case "^":
                output += "^"
                position += 1
                previous = .nothing
            case "*", "+", "?":
                try checkQuantifierTarget(previous)
                output.unicodeScalars.append(scalar)
                position += 1
                takeLazyMarker()
                previous = .quantifier
            case "{":
                if let quantifier = boundedQuantifier(at: position) {
                    try checkQuantifierTarget(previous)
                    output += quantifier.text
                    position = quantifier.end
                    takeLazyMarker()
                    previous = .quantifier
                } else {
                    output += "\\{"
                    position += 1
                    previous = .atom
                }
            default:
                appendLiteral(scalar)
                position += 1
                previous = .atom
            }
        }
    }

    private mutating func takeLazyMarker() {
        if position < pattern.count, pattern[position] == "?" {
            output += "?"
            position += 1
        }
    }

    private func checkQuantifierTarget(_ previous: Previous) throws(ECMARegexError) {
        switch previous {
        case .quantifier:
            throw error("a quantifier follows another quantifier (ECMA-262 has no possessive quantifiers)", at: position)
        case .nothing:
            throw error("there is nothing to repeat before this quantifier", at: position)
        case .atom:
            break
        }
    }

    /// `{n}`, `{n,}` or `{n,m}` at `index`, as ICU text, with where it ends.
    private func boundedQuantifier(at index: Int) -> (text: String, end: Int)? {
        var cursor = index + 1
        var text = "{"
        var sawDigit = false
        while cursor < pattern.count, pattern[cursor].properties.numericType != nil, pattern[cursor].isASCII {
            text.unicodeScalars.append(pattern[cursor])
            cursor += 1
            sawDigit = true
        }
        guard sawDigit, cursor < pattern.count else { return nil }
        if pattern[cursor] == "," {
            text += ","
            cursor += 1
            while cursor < pattern.count, pattern[cursor].properties.numericType != nil, pattern[cursor].isASCII {
                text.unicodeScalars.append(pattern[cursor])
                cursor += 1
            }
        }
        guard cursor < pattern.count, pattern[cursor] == "}" else { return nil }
        return (text + "}", cursor + 1)
    }

    private mutating func translateGroupOpening() throws(ECMARegexError) {
        position += 1
        guard position < pattern.count, pattern[position] == "?" else {
            output += "("
            return
        }
        let rest = pattern[position...].prefix(3).map(String.init).joined()
        for opening in ["?:", "?=", "?!", "?<=", "?<!"] where rest.hasPrefix(opening) {
            output += "(" + opening
            position += opening.unicodeScalars.count
            return
        }
        if rest.hasPrefix("?<") {
            position += 2
            let nameStart = position
            while position < pattern.count, pattern[position] != ">" { position += 1 }
            guard position < pattern.count else { throw error("a group name is not closed with '>'", at: nameStart) }
            let name = String(String.UnicodeScalarView(pattern[nameStart..<position]))
            try checkGroupName(name, at: nameStart)
            position += 1
            output += "(?<\(name)>"
            return
        }
        throw error("'(?' must begin (?:, (?=, (?!, (?<=, (?<! or (?<name> in ECMA-262", at: position - 1)
    }

    /// ICU group names are ASCII letters and digits starting with a letter; ECMA allows more, which is refused.
    private func checkGroupName(_ name: String, at index: Int) throws(ECMARegexError) {
        guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic,
            name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) })
        else {
            throw error(
                "the group name '\(name)' is not ASCII letters and digits starting with a letter (all this server's regex engine can name)",
                at: index)
        }
    }

    // MARK: Escapes

    /// Translates the escape at `position`; returns whether it was an assertion (`\b`, `\B`), which cannot be
    /// quantified.
    private mutating func translateEscape() throws(ECMARegexError) -> Bool {
        let start = position
        position += 1
        guard position < pattern.count else { throw error("the pattern ends with a lone backslash", at: start) }
        let scalar = pattern[position]
        position += 1
        switch scalar {
        case "d": output += "[0-9]"
        case "D": output += "[^0-9]"
        case "w": output += "[A-Za-z0-9_]"
        case "W": output += "[^A-Za-z0-9_]"
        case "s": output += "[" + Self.whitespace + "]"
        case "S": output += "[^" + Self.whitespace + "]"
        case "b":
            output += "(?:(?<=[A-Za-z0-9_])(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]))"
            return true
        case "B":
            output += "(?:(?<=[A-Za-z0-9_])(?=[A-Za-z0-9_])|(?<![A-Za-z0-9_])(?![A-Za-z0-9_]))"
            return true
        case "1"..."9":
            var number = Int(scalar.value - 48)
            while position < pattern.count, ("0"..."9").contains(pattern[position]) {
                number = number * 10 + Int(pattern[position].value - 48)
                position += 1
            }
            guard number <= groupCount else {
                throw error("\\\(number) refers to group \(number), but the pattern has \(groupCount) groups", at: start)
            }
            output += "(?:\\\(number))"
        case "p", "P":
            position = start
            guard let property = try propertyEscape() else { throw error("\\p must be followed by {Property}", at: start) }
            output += property
        case "k":
            guard position < pattern.count, pattern[position] == "<",
                let close = pattern[position...].firstIndex(of: ">")
            else { throw error("\\k must be followed by <name>", at: start) }
            let name = String(String.UnicodeScalarView(pattern[(position + 1)..<close]))
            guard groupNames.contains(name) else { throw error("\\k<\(name)> names no group", at: start) }
            output += "\\k<\(name)>"
            position = close + 1
        default:
            position = start
            guard let scalar = try characterEscape() else {
                throw error("unknown escape \\\(pattern[start + 1]) (ECMA-262 has no such escape)", at: start)
            }
            appendLiteral(scalar)
        }
        return false
    }

    /// Reads an escape that stands for one character (`\n`, `\x41`, `\u{1F600}`, `\.`, `\p{L}` is not one) at
    /// `position`; nil when it is not such an escape (position unchanged then).
    private mutating func characterEscape() throws(ECMARegexError) -> Unicode.Scalar? {
        let start = position
        let scalar = pattern[position + 1]
        position += 2
        switch scalar {
        case "t": return "\t"
        case "n": return "\n"
        case "r": return "\r"
        case "f": return "\u{0C}"
        case "v": return "\u{0B}"
        case "0":
            if position < pattern.count, ("0"..."9").contains(pattern[position]) {
                throw error("octal escapes are not allowed in ECMA-262 patterns with the u flag", at: start)
            }
            return "\u{0}"
        case "c":
            guard position < pattern.count, pattern[position].isASCII, pattern[position].properties.isAlphabetic else {
                throw error("\\c must be followed by a letter", at: start)
            }
            position += 1
            return Unicode.Scalar(pattern[position - 1].value % 32)
        case "x":
            guard let value = hexValue(from: position, count: 2) else {
                throw error("\\x must be followed by two hex digits", at: start)
            }
            position += 2
            return Unicode.Scalar(value)
        case "u":
            return try unicodeEscape(start: start)
        case "^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "/", "-":
            return scalar
        default:
            position = start
            return nil
        }
    }

    /// `\uXXXX`, a surrogate pair of them, or `\u{X…}`; `position` is just after `\u`.
    private mutating func unicodeEscape(start: Int) throws(ECMARegexError) -> Unicode.Scalar {
        if position < pattern.count, pattern[position] == "{" {
            guard let close = pattern[position...].firstIndex(of: "}"), close > position + 1,
                let value = hexValue(from: position + 1, count: close - position - 1),
                let scalar = Unicode.Scalar(value)
            else { throw error("\\u{…} must hold the hex code of a Unicode scalar", at: start) }
            position = close + 1
            return scalar
        }
        guard let high = hexValue(from: position, count: 4) else {
            throw error("\\u must be followed by four hex digits or {hex}", at: start)
        }
        position += 4
        if (0xD800...0xDBFF).contains(high), position + 1 < pattern.count, pattern[position] == "\\",
            pattern[position + 1] == "u", let low = hexValue(from: position + 2, count: 4),
            (0xDC00...0xDFFF).contains(low)
        {
            position += 6
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
        }
        guard let scalar = Unicode.Scalar(high) else {
            throw error("\\u\(String(high, radix: 16)) is half of a surrogate pair without its other half", at: start)
        }
        return scalar
    }

    private func hexValue(from index: Int, count: Int) -> UInt32? {
        guard count > 0, count <= 8, index + count <= pattern.count else { return nil }
        var value: UInt32 = 0
        for scalar in pattern[index..<(index + count)] {
            guard scalar.isASCII, let digit = UInt32(String(scalar), radix: 16) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    /// `\p{…}` / `\P{…}` at `position` (after checking it is one), copied for ICU, which reads the same names.
    private mutating func propertyEscape() throws(ECMARegexError) -> String? {
        guard position + 2 < pattern.count, pattern[position] == "\\",
            pattern[position + 1] == "p" || pattern[position + 1] == "P"
        else { return nil }
        let start = position
        guard pattern[position + 2] == "{", let close = pattern[position...].firstIndex(of: "}") else {
            throw error("\\p must be followed by {Property}", at: start)
        }
        let body = String(String.UnicodeScalarView(pattern[(position + 3)..<close]))
        guard !body.isEmpty,
            body.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "=") })
        else { throw error("\\p{\(body)} is not a Unicode property name", at: start) }
        position = close + 1
        return "\\" + String(pattern[start + 1]) + "{" + body + "}"
    }

    // MARK: Classes

    private mutating func translateClass() throws(ECMARegexError) {
        let start = position
        position += 1
        var negated = false
        if position < pattern.count, pattern[position] == "^" {
            negated = true
            position += 1
        }
        if position < pattern.count, pattern[position] == "]" {
            position += 1
            output += negated ? "[\\x{0}-\\x{10FFFF}]" : "(?!)"
            return
        }
        var body = ""
        var previousAtom: Unicode.Scalar?  // the last single character, for ranges
        while true {
            guard position < pattern.count else { throw error("a character class is not closed with ']'", at: start) }
            let scalar = pattern[position]
            if scalar == "]" {
                position += 1
                break
            }
            // A range `a-z`: previous single character, '-', next single character.
            if scalar == "-", let low = previousAtom, position + 1 < pattern.count, pattern[position + 1] != "]" {
                let save = position
                position += 1
                if let high = try classCharacter() {
                    guard low.value <= high.value else {
                        throw error("the range \(Self.describe(low))-\(Self.describe(high)) is out of order", at: save)
                    }
                    body += "-" + Self.classLiteral(high)
                    previousAtom = nil
                    continue
                }
                position = save
            }
            if scalar == "\\", let set = try classEscapeSet() {
                body += set
                previousAtom = nil
                continue
            }
            guard let character = try classCharacter() else {
                throw error("unknown escape \\\(pattern[position + 1]) in a character class", at: position)
            }
            body += Self.classLiteral(character)
            previousAtom = character
        }
        output += "[" + (negated ? "^" : "") + body + "]"
    }

    /// A class escape that stands for a set (`\d`, `\W`, `\p{L}`), as ICU class text; nil if not one.
    private mutating func classEscapeSet() throws(ECMARegexError) -> String? {
        guard position + 1 < pattern.count else { throw error("the pattern ends with a lone backslash", at: position) }
        let text: String
        switch pattern[position + 1] {
        case "d": text = "0-9"
        case "D": text = "[^0-9]"
        case "w": text = "A-Za-z0-9_"
        case "W": text = "[^A-Za-z0-9_]"
        case "s": text = Self.whitespace
        case "S": text = "[^" + Self.whitespace + "]"
        case "p", "P": return try propertyEscape()
        default: return nil
        }
        position += 2
        return text
    }

    /// One character inside a class: a literal or a character escape (`\b` is backspace here). Nil for an escape
    /// that is a set.
    private mutating func classCharacter() throws(ECMARegexError) -> Unicode.Scalar? {
        let scalar = pattern[position]
        guard scalar == "\\" else {
            position += 1
            return scalar
        }
        guard position + 1 < pattern.count else { throw error("the pattern ends with a lone backslash", at: position) }
        switch pattern[position + 1] {
        case "b":
            position += 2
            return "\u{08}"
        case "d", "D", "w", "W", "s", "S", "p", "P":
            return nil
        default:
            return try characterEscape()
        }
    }

    // MARK: Output

    /// A literal outside a class: ICU's special characters escaped, controls as hex.
    private mutating func appendLiteral(_ scalar: Unicode.Scalar) {
        if "\\^$.|?*+()[]{}".unicodeScalars.contains(scalar) {
            output += "\\" + String(scalar)
        } else if scalar.value < 0x20 || scalar.value == 0x7F || (scalar.value >= 0x80 && scalar.properties.isWhitespace) {
            output += "\\x{" + String(scalar.value, radix: 16) + "}"
        } else {
            output.unicodeScalars.append(scalar)
        }
    }

    /// A literal inside a class: every ASCII punctuation escaped (ICU gives `[`, `&`, `-`, `:`, `$` meanings).
    private static func classLiteral(_ scalar: Unicode.Scalar) -> String {
        if scalar.isASCII, !scalar.properties.isAlphabetic, !("0"..."9").contains(scalar), scalar.value >= 0x20,
            scalar.value < 0x7F
        {
            return scalar == " " ? " " : "\\" + String(scalar)
        }
        if scalar.value < 0x20 || scalar.value == 0x7F || (scalar.value >= 0x80 && scalar.properties.isWhitespace) {
            return "\\x{" + String(scalar.value, radix: 16) + "}"
        }
        return String(scalar)
    }

    /// ECMA-262's `\s`: WhiteSpace and LineTerminator, spelled out for ICU.
    static let whitespace =
        "\\t\\n\\x{B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}"

    private static func describe(_ scalar: Unicode.Scalar) -> String {
        scalar.value < 0x20 ? "U+" + String(scalar.value, radix: 16) : String(scalar)
    }

    private func error(_ reason: String, at index: Int) -> ECMARegexError {
        ECMARegexError(reason: reason, pattern: String(String.UnicodeScalarView(pattern)), position: index)
    }

    /// Counts capturing groups and collects group names, skipping escapes and classes.
    private static func countGroups(in pattern: [Unicode.Scalar]) -> (Int, Set<String>) {
        var count = 0
        var names: Set<String> = []
        var index = 0
        var inClass = false
        while index < pattern.count {
            let scalar = pattern[index]
            if scalar == "\\" {
                index += 2
                continue
            }
            if inClass {
                if scalar == "]" { inClass = false }
            } else if scalar == "[" {
                inClass = true
            } else if scalar == "(" {
                if index + 1 < pattern.count, pattern[index + 1] == "?" {
                    if index + 2 < pattern.count, pattern[index + 2] == "<", index + 3 < pattern.count,
                        pattern[index + 3] != "=", pattern[index + 3] != "!"
                    {
                        count += 1
                        if let close = pattern[index...].firstIndex(of: ">") {
                            names.insert(String(String.UnicodeScalarView(pattern[(index + 3)..<close])))
                        }
                    }
                } else {
                    count += 1
                }
            }
            index += 1
        }
        return (count, names)
    }
}
