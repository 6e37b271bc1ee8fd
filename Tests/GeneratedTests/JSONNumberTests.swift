import Testing

@testable import Generated
@testable import SpecGenRuntime

@Suite("Exact JSON numbers")
struct JSONNumberTests {
    @Test("1.0, 1 and 10e-1 are the same integer")
    func equalValuesWhateverTheSyntax() {
        #expect(number("1.0") == number("1"))
        #expect(number("10e-1") == number("1"))
        #expect(number("1.0").isInteger)
        #expect(number("1e2").int64Value == 100)
        #expect(number("-0") == number("0"))
        #expect(number("-0.0e7").isZero)
        #expect(!number("0.5").isInteger)
        #expect(Set([number("1"), number("1.00"), number("100e-2")]).count == 1)
    }

    @Test("Int64 extremes are read exactly and one past them is not an Int64")
    func int64Extremes() {
        #expect(number("9223372036854775807").int64Value == Int64.max)
        #expect(number("-9223372036854775808").int64Value == Int64.min)
        #expect(number("9223372036854775808").int64Value == nil)
        #expect(number("9223372036854775808").isInteger)
        #expect(number("9223372036854775807") < number("9223372036854775808"))
        #expect(number("9223372036854775807.0").int64Value == Int64.max)
    }

    @Test("Huge and tiny numbers compare exactly instead of becoming infinity or zero")
    func hugeAndTiny() {
        #expect(number("1e400") > number("9e399"))
        #expect(number("1e400") > number("9223372036854775807"))
        #expect(number("-1e400") < number("-9223372036854775808"))
        #expect(number("1e-400") > number("0"))
        #expect(number("1e-400") < number("1e-399"))
        #expect(number("1e400") == number("10e399"))
        #expect(number("1e400").isInteger)
    }

    @Test("30-digit decimals keep every digit")
    func longDecimals() {
        let a = number("0.123456789012345678901234567890")
        let b = number("0.123456789012345678901234567891")
        #expect(a < b)
        #expect(a != b)
        #expect(number("123456789012345678901234567890") < number("123456789012345678901234567891"))
        #expect(number("123456789012345678901234567890").int64Value == nil)
    }

    @Test("Ordering across signs and magnitudes")
    func ordering() {
        let sorted = ["-1e10", "-2.5", "-2", "-0.1", "0", "1e-5", "0.1", "1", "1.5", "2", "1e10"].map(number)
        for (left, right) in zip(sorted, sorted.dropFirst()) {
            #expect(left < right, "\(left) < \(right)")
            #expect(!(right < left))
        }
    }

    @Test("JSON grammar is enforced for literals", arguments: ["01", "+1", ".5", "5.", "1e", "1e+", "--1", "NaN", "0x10", "1 ", ""])
    func refusesNonJSONLiterals(_ text: String) {
        #expect(JSONNumber(literal: text) == nil)
    }

    @Test("An exponent past a billion is refused instead of guessed")
    func exponentCap() {
        #expect(JSONNumber(literal: "1e999999999") != nil)
        #expect(JSONNumber(literal: "1e9999999999") == nil)
    }

    @Test("multipleOf is exact for decimals, big integers and huge exponents")
    func multipleOf() {
        #expect(number("0.3").isMultiple(of: number("0.1")))
        #expect(number("19.99").isMultiple(of: number("0.01")))
        #expect(!number("19.995").isMultiple(of: number("0.01")))
        #expect(number("10").isMultiple(of: number("2.5")))
        #expect(!number("10").isMultiple(of: number("3")))
        #expect(number("1e400").isMultiple(of: number("7")) == false)
        #expect(number("7e400").isMultiple(of: number("7")))
        #expect(number("1e400").isMultiple(of: number("1024")))
        #expect(!number("1e-400").isMultiple(of: number("1")))
        #expect(number("0").isMultiple(of: number("0.0001")))
        #expect(number("-15").isMultiple(of: number("5")))
        #expect(number("9223372036854775807").isMultiple(of: number("7")))
        #expect(!number("9223372036854775808").isMultiple(of: number("7")))
        // A divisor past UInt64 takes the digit-array path.
        let big = number("123456789012345678901234567890")
        #expect(number("246913578024691357802469135780").isMultiple(of: big))
        #expect(!number("246913578024691357802469135781").isMultiple(of: big))
        #expect(number("1234567890123456789012345678900000").isMultiple(of: big))
        #expect(number("1.2e999").isMultiple(of: number("12")))
    }

    @Test("Conversion to Decimal is exact when it fits")
    func decimalConversion() {
        #expect(number("19.99").decimalValue?.description == "19.99")
        #expect(number("-0.000001").decimalValue?.description == "-0.000001")
        #expect(number("12345678901234567890.123456789").decimalValue?.description == "12345678901234567890.123456789")
        #expect(number("1e400").decimalValue == nil)
        #expect(number("42").decimalValue?.description == "42")
    }

    @Test("Integer literals of any size are exact in generated code")
    func bigIntegerLiterals() {
        let huge: JSONNumber = 18446744073709551616
        #expect(huge.literal == "18446744073709551616")
        #expect(huge > number("18446744073709551615"))
        let negative: JSONNumber = -18446744073709551617
        #expect(negative.literal == "-18446744073709551617")
        let max: JSONNumber = 9223372036854775807
        #expect(max.int64Value == Int64.max)
        let decimal: JSONNumber = "0.01"
        #expect(decimal == number("1e-2"))
    }
}
