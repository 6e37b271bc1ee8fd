import Foundation

/// A JSON number kept exactly: the literal as it was written, plus its exact value.
///
/// Request bodies and specs carry numbers that `Double` cannot hold: `9223372036854775807` (the `maximum` of an
/// `int64`), `1e400` (past `Double`'s range) or a 30-digit decimal. Rounding any of them would make a range check
/// or an `enum` comparison wrong, so a number is its ``literal`` plus an exact value: an `Int64` when the value is a
/// whole number that fits (whatever its syntax: `1.0` and `1e2` are integers, as JSON Schema says), otherwise the
/// significant decimal digits and a power of ten. Comparison, equality and `multipleOf` work on those digits.
public struct JSONNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The number as it was written, e.g. `"1.50"` or `"1e400"`; written back unchanged by the encoder.
    public let literal: String
    /// The exact value. Invariant: `.integer` whenever the value is whole and fits `Int64`, so equal values
    /// always have the same case.
    let value: ExactValue

    /// The exact value of a number.
    enum ExactValue: Sendable, Hashable {
        /// A whole number in `Int64` range.
        case integer(Int64)
        /// Any other number: `significand × 10^exponent`, with the significand's decimal digits (most significant
        /// first) free of leading and trailing zeros, so that equal values have equal representations.
        case decimal(isNegative: Bool, significand: [UInt8], exponent: Int)
    }

    /// The largest exponent magnitude accepted; past it a number is refused rather than silently becoming
    /// infinity or zero. `1e999999999` still reads; `1e9999999999` does not.
    public static let maximumExponentMagnitude = 999_999_999

    // MARK: - Making numbers

    /// Makes the number for an integer.
    public init(_ value: Int64) {
        self.literal = String(value)
        self.value = .integer(value)
    }

    /// Makes the number for an integer.
    public init(_ value: Int) {
        self.init(Int64(value))
    }

    /// Reads a number in JSON syntax (`-12`, `0.5`, `1e400`, `2.5E-3`); nil for anything else, including a leading
    /// `+`, a leading `.`, leading zeros, `NaN` and an exponent beyond ``maximumExponentMagnitude``.
    public init?(literal: String) {
        var text = literal
        guard let value = text.withUTF8({ Self.exactValue(ofJSONLiteral: $0) }) else { return nil }
        self.literal = literal
        self.value = value
    }

    /// Makes a number from a literal the caller has already checked against the JSON grammar.
    init(checkedLiteral: String, value: ExactValue) {
        self.literal = checkedLiteral
        self.value = value
    }

    /// Makes the number for a Foundation `Decimal` (money from a handler), exactly. Nil for NaN.
    public init?(_ decimal: Decimal) {
        guard !decimal.isNaN else { return nil }
        var copy = decimal
        self.init(literal: NSDecimalString(&copy, Locale(identifier: "en_US_POSIX")))
    }

    // MARK: - Reading the value

    /// Whether the value is a whole number, whatever its syntax: `1.0` and `1e3` are, `0.5` is not. JSON Schema's
    /// `integer` type accepts exactly these.
    public var isInteger: Bool {
        switch value {
        case .integer: true
        case .decimal(_, _, let exponent): exponent >= 0
        }
    }

    /// The value as `Int64` when it is a whole number in range (`1.0` gives 1), else nil.
    public var int64Value: Int64? {
        if case .integer(let int) = value { return int }
        return nil
    }

    /// The value as `Int` when it is a whole number in range, else nil.
    public var intValue: Int? { int64Value.flatMap { Int(exactly: $0) } }

    /// The value as a Foundation `Decimal` when it fits one exactly (at most 38 significant digits, exponent
    /// within −128…127), else nil. Money arrives this way.
    public var decimalValue: Decimal? {
        switch value {
        case .integer(let int):
            return Decimal(int)
        case .decimal(let negative, let significand, let exponent):
            guard significand.count <= 38, let exponent8 = Int8(exactly: exponent) else { return nil }
            var mantissa: UInt64 = 0
            var result = Decimal(0)
            // Build in chunks of up to 18 digits so no intermediate overflows.
            var index = 0
            while index < significand.count {
                let chunkEnd = min(index + 18, significand.count)
                mantissa = 0
                for digit in significand[index..<chunkEnd] { mantissa = mantissa * 10 + UInt64(digit) }
                let scale = Decimal(sign: .plus, exponent: chunkEnd - index, significand: 1)
                result = result * scale + Decimal(mantissa)
                index = chunkEnd
            }
            let scaled = Decimal(sign: negative ? .minus : .plus, exponent: Int(exponent8), significand: result)
            return scaled
        }
    }

    /// The nearest `Double` (infinite past its range). For display and statistics, never for checks.
    public var doubleValue: Double { Double(literal) ?? Double.nan }

    /// Whether the value is below zero.
    public var isNegative: Bool {
        switch value {
        case .integer(let int): int < 0
        case .decimal(let negative, _, _): negative
        }
    }

    /// Whether the value is zero (`0`, `-0`, `0.0e5`).
    public var isZero: Bool { value == .integer(0) }

    public var description: String { literal }

    // MARK: - Comparing

    /// Equal values are equal whatever their syntax: `1`, `1.0` and `10e-1` are one number, as in JSON Schema.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool { lhs.value == rhs.value }

    public func hash(into hasher: inout Hasher) { hasher.combine(value) }

    /// Orders exact values, digit by digit when they are not both `Int64`.
    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if case .integer(let left) = lhs.value, case .integer(let right) = rhs.value { return left < right }
        let left = lhs.decimalParts
        let right = rhs.decimalParts
        if left.isNegative != right.isNegative { return left.isNegative }
        return left.isNegative
            ? Self.magnitudeLess(right, left)
            : Self.magnitudeLess(left, right)
    }

    /// The value as sign, significant digits and exponent, also for an `Int64` value (zero has no digits).
    var decimalParts: (isNegative: Bool, significand: [UInt8], exponent: Int) {
        switch value {
        case .decimal(let negative, let significand, let exponent):
            return (negative, significand, exponent)
        case .integer(let int):
            var magnitude = int.magnitude
            var digits: [UInt8] = []
            while magnitude > 0 {
                digits.append(UInt8(magnitude % 10))
                magnitude /= 10
            }
            var exponent = 0
            while let first = digits.first, first == 0 {
                digits.removeFirst()
                exponent += 1
            }
            return (int < 0, digits.reversed(), exponent)
        }
    }

    private static func magnitudeLess(
        _ lhs: (isNegative: Bool, significand: [UInt8], exponent: Int),
        _ rhs: (isNegative: Bool, significand: [UInt8], exponent: Int)
    ) -> Bool {
        if lhs.significand.isEmpty { return !rhs.significand.isEmpty }
        if rhs.significand.isEmpty { return false }
        // Position of the leading digit decides first.
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

    // MARK: - Parsing the JSON grammar

    /// The exact value of a JSON number literal, or nil when the bytes are not one:
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    static func exactValue(ofJSONLiteral bytes: UnsafeBufferPointer<UInt8>) -> ExactValue? {
        var index = 0
        let count = bytes.count
        var negative = false
        if index < count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let integerStart = index
        guard index < count, bytes[index].isASCIIDigit else { return nil }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < count, bytes[index].isASCIIDigit { index += 1 }
        }
        let integerEnd = index
        var fractionStart = index
        var fractionEnd = index
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            fractionStart = index
            guard index < count, bytes[index].isASCIIDigit else { return nil }
            while index < count, bytes[index].isASCIIDigit { index += 1 }
            fractionEnd = index
        }
        var writtenExponent = 0
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < count, bytes[index].isASCIIDigit else { return nil }
            while index < count, bytes[index].isASCIIDigit {
                writtenExponent = writtenExponent * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                guard writtenExponent <= maximumExponentMagnitude else { return nil }
                index += 1
            }
            if exponentNegative { writtenExponent = -writtenExponent }
        }
        guard index == count else { return nil }

        // Fast path: plain integers of up to 18 digits.
        if fractionStart == fractionEnd, writtenExponent == 0, integerEnd - integerStart <= 18 {
            var magnitude: Int64 = 0
            for position in integerStart..<integerEnd {
                magnitude = magnitude * 10 + Int64(bytes[position] - UInt8(ascii: "0"))
            }
            return .integer(negative ? -magnitude : magnitude)
        }

        var digits: [UInt8] = []
        digits.reserveCapacity(integerEnd - integerStart + fractionEnd - fractionStart)
        for position in integerStart..<integerEnd { digits.append(bytes[position] - UInt8(ascii: "0")) }
        for position in fractionStart..<fractionEnd { digits.append(bytes[position] - UInt8(ascii: "0")) }
        return normalized(isNegative: negative, digits: digits, exponent: writtenExponent - (fractionEnd - fractionStart))
    }

    /// The canonical exact value of `±digits × 10^exponent`: zeros stripped, `Int64` when it fits.
    static func normalized(isNegative: Bool, digits: [UInt8], exponent: Int) -> ExactValue? {
        var end = digits.count
        var power = exponent
        while end > 0, digits[end - 1] == 0 {
            end -= 1
            power += 1
        }
        var start = 0
        while start < end, digits[start] == 0 { start += 1 }
        if start == end { return .integer(0) }
        let significand = Array(digits[start..<end])
        guard abs(power) <= maximumExponentMagnitude * 2 else { return nil }
        if power >= 0, significand.count + power <= 19 {
            var magnitude: UInt64 = 0
            var fits = true
            for digit in significand {
                let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
                if overflow1 || overflow2 { fits = false; break }
                magnitude = sum
            }
            if fits {
                for _ in 0..<power {
                    let (times10, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                    if overflow { fits = false; break }
                    magnitude = times10
                }
            }
            if fits {
                if isNegative, magnitude <= UInt64(Int64.max) + 1 {
                    return .integer(magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude))
                }
                if !isNegative, magnitude <= UInt64(Int64.max) { return .integer(Int64(magnitude)) }
            }
        }
        return .decimal(isNegative: isNegative, significand: significand, exponent: power)
    }
}

// MARK: - Literals

extension JSONNumber: ExpressibleByIntegerLiteral {
    /// Any integer literal, however large: `maximum: 18446744073709551616` in generated code stays exact.
    public init(integerLiteral value: StaticBigInt) {
        if value.bitWidth <= 64 {
            self.init(Int64(truncatingIfNeeded: value[0]))
            return
        }
        // Two's complement words, least significant first → magnitude → decimal digits.
        let negative = value.signum() < 0
        let wordCount = (value.bitWidth + UInt.bitWidth - 1) / UInt.bitWidth
        var words = (0..<wordCount).map { value[$0] }
        if negative {
            var carry = true
            for position in words.indices {
                words[position] = ~words[position]
                if carry {
                    let (sum, overflow) = words[position].addingReportingOverflow(1)
                    words[position] = sum
                    carry = overflow
                }
            }
        }
        var decimalDigits: [UInt8] = []
        while words.contains(where: { $0 != 0 }) {
            var remainder: UInt = 0
            for position in words.indices.reversed() {
                let (quotient, rest) = UInt(10).dividingFullWidth((remainder, words[position]))
                words[position] = quotient
                remainder = rest
            }
            decimalDigits.append(UInt8(remainder))
        }
        let digits = Array(decimalDigits.reversed())
        let text = (negative ? "-" : "") + digits.map { String($0) }.joined()
        self.init(checkedLiteral: text, value: Self.normalized(isNegative: negative, digits: digits, exponent: 0)!)
    }
}

extension JSONNumber: ExpressibleByStringLiteral {
    /// A decimal written as a string literal so that no `Double` touches it: `multipleOf: "0.01"`. The literal must
    /// be JSON number syntax; anything else is a bug in the code that wrote it and stops the program.
    public init(stringLiteral text: String) {
        guard let number = JSONNumber(literal: text) else {
            preconditionFailure("\"\(text)\" is not a JSON number literal")
        }
        self = number
    }
}

extension UInt8 {
    /// Whether the byte is an ASCII digit `0`…`9`.
    @inline(__always) var isASCIIDigit: Bool { self &- UInt8(ascii: "0") < 10 }
}
