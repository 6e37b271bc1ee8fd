/// A number from the spec, kept exactly as written: no `Double` on the way in.
///
/// `maximum: 9223372036854775807` must stay an integer, `1e400` must not become infinity and a 30-digit
/// decimal must not lose digits, so a number is its literal text plus a classification, and comparisons
/// work on the decimal digits themselves. The generator prints ``literal`` wherever it needs the value.
struct SpecNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How the literal was written, which decides the Swift type that can hold it.
    enum Kind: Sendable, Hashable {
        /// Integer syntax that fits `Int64`, e.g. `-12` or `9223372036854775807`.
        case integer(Int64)
        /// Integer syntax too large for `Int64`, e.g. `18446744073709551616`.
        case bigInteger
        /// Fraction or exponent syntax, e.g. `0.1`, `1.0`, `1e400`.
        case decimal
    }

    /// The number in JSON syntax, as written (a leading `+` dropped, `.5` written `0.5`, integer leading zeros
    /// removed): `9223372036854775807`, `1e400`, `0.100`.
    let literal: String
    /// The classification of ``literal``.
    let kind: Kind
    /// Whether the number is below zero.
    let isNegative: Bool
    /// The significant digits without leading or trailing zeros (`"15"` for 0.0150); empty for zero.
    let significand: [UInt8]
    /// The power of ten of the digit after the last significant one: value = significand × 10^exponent.
    let exponent: Int

    /// Reads a number in JSON or YAML-core decimal syntax: `-12`, `+3`, `0.5`, `.5`, `5.`, `1e400`, `2.5E-3`.
    /// Returns nil for anything else (hex and octal are converted by the YAML reader first).
    init?(_ text: String) {
        var chars = Substring(text)
        var negative = false
        if let sign = chars.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            chars = chars.dropFirst()
        }
        let mantissaEnd = chars.firstIndex { $0 == "e" || $0 == "E" } ?? chars.endIndex
        let mantissa = chars[..<mantissaEnd]
        var integerPart = mantissa
        var fractionPart: Substring = ""
        var hasPoint = false
        if let point = mantissa.firstIndex(of: ".") {
            hasPoint = true
            integerPart = mantissa[..<point]
            fractionPart = mantissa[mantissa.index(after: point)...]
        }
        guard integerPart.allSatisfy(\.isASCIIDigit), fractionPart.allSatisfy(\.isASCIIDigit),
            !(integerPart.isEmpty && fractionPart.isEmpty)
        else { return nil }
        var writtenExponent = 0
        var exponentText = ""
        if mantissaEnd != chars.endIndex {
            var digits = chars[chars.index(after: mantissaEnd)...]
            var exponentNegative = false
            if let sign = digits.first, sign == "-" || sign == "+" {
                exponentNegative = sign == "-"
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), digits.count <= 9, let magnitude = Int(digits)
            else { return nil }
            writtenExponent = exponentNegative ? -magnitude : magnitude
            exponentText = String(chars[mantissaEnd...])
        }
        let isDecimal = hasPoint || mantissaEnd != chars.endIndex

        // Exact value: all digits with the point removed, then strip zeros on both ends.
        var digits = Array((integerPart + fractionPart).utf8).map { $0 - UInt8(ascii: "0") }
        var power = writtenExponent - fractionPart.count
        while let last = digits.last, last == 0 {
            digits.removeLast()
            power += 1
        }
        let leadingZeros = digits.prefix { $0 == 0 }.count
        digits.removeFirst(leadingZeros)
        self.significand = digits
        self.exponent = digits.isEmpty ? 0 : power
        self.isNegative = negative && !digits.isEmpty

        let sign = negative ? "-" : ""
        if isDecimal {
            let wholeDigits = integerPart.drop { $0 == "0" }
            let whole = wholeDigits.isEmpty ? "0" : String(wholeDigits)
            let fraction = hasPoint ? "." + (fractionPart.isEmpty ? "0" : String(fractionPart)) : ""
            self.literal = sign + whole + fraction + exponentText
            self.kind = .decimal
        } else {
            let trimmed = integerPart.drop { $0 == "0" }
            let magnitude = trimmed.isEmpty ? "0" : String(trimmed)
            self.literal = (self.isNegative ? "-" : "") + magnitude
            self.kind = Int64(self.literal).map(Kind.integer) ?? .bigInteger
        }
    }

    /// Makes the number for an `Int64`, e.g. a count read from the spec.
    init(_ value: Int64) {
        self.init(String(value))!
    }

    /// Whether the value is a whole number, whatever its syntax: `1.0` and `1e3` are; `0.5` is not.
    /// JSON Schema's `integer` type accepts exactly these.
    var isIntegral: Bool { significand.isEmpty || exponent >= 0 }

    /// The value as `Int64` when it is a whole number in range (`1.0` gives 1), else nil.
    var int64Value: Int64? {
        guard isIntegral else { return nil }
        if case .integer(let value) = kind { return value }
        guard significand.count + exponent <= 19 else { return nil }
        var text = isNegative ? "-" : ""
        text += significand.map { String($0) }.joined() + String(repeating: "0", count: exponent)
        return Int64(text)
    }

    var description: String { literal }

    /// Equal values are equal whatever their syntax: `1`, `1.0` and `10e-1` compare equal, as in JSON Schema.
    static func == (lhs: SpecNumber, rhs: SpecNumber) -> Bool {
        lhs.isNegative == rhs.isNegative && lhs.significand == rhs.significand && lhs.exponent == rhs.exponent
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(isNegative)
        hasher.combine(significand)
        hasher.combine(exponent)
    }

    /// Compares exact values, digit by digit.
    static func < (lhs: SpecNumber, rhs: SpecNumber) -> Bool {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let magnitudeLess = lessMagnitude(lhs, rhs)
        let magnitudeGreater = lessMagnitude(rhs, lhs)
        return lhs.isNegative ? magnitudeGreater : magnitudeLess
    }

    private static func lessMagnitude(_ lhs: SpecNumber, _ rhs: SpecNumber) -> Bool {
        if lhs.significand.isEmpty { return !rhs.significand.isEmpty }
        if rhs.significand.isEmpty { return false }
        // Order of magnitude: position of the leading digit.
        let lhsTop = lhs.significand.count + lhs.exponent
        let rhsTop = rhs.significand.count + rhs.exponent
        if lhsTop != rhsTop { return lhsTop < rhsTop }
        let length = max(lhs.significand.count, rhs.significand.count)
        for position in 0..<length {
            let left = position < lhs.significand.count ? lhs.significand[position] : 0
            let right = position < rhs.significand.count ? rhs.significand[position] : 0
            if left != right { return left < right }
        }
        return false
    }

    /// Whether `self` is a whole multiple of `divisor` (exact, for `multipleOf` checks on literals).
    /// Returns nil when the numbers are too far apart in scale to decide cheaply.
    func isMultiple(of divisor: SpecNumber) -> Bool? {
        guard !divisor.significand.isEmpty else { return nil }
        if significand.isEmpty { return true }
        let scale = min(exponent, divisor.exponent)
        let selfShift = exponent - scale
        let divisorShift = divisor.exponent - scale
        guard significand.count + selfShift <= 36, divisor.significand.count + divisorShift <= 36 else { return nil }
        func value(_ digits: [UInt8], shift: Int) -> UInt128 {
            var result: UInt128 = 0
            for digit in digits { result = result * 10 + UInt128(digit) }
            for _ in 0..<shift { result *= 10 }
            return result
        }
        return value(significand, shift: selfShift) % value(divisor.significand, shift: divisorShift) == 0
    }
}

extension Character {
    /// `0`…`9` only; `Character.isNumber` also accepts other scripts' digits and fractions.
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) && isASCII }
}
