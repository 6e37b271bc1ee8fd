import Testing

@testable import SpecGen

/// Exact numbers: literal kept, classification by syntax, comparisons on digits.
@Suite("Spec numbers")
struct SpecNumberTests {
    func n(_ text: String) -> SpecNumber { SpecNumber(text)! }

    @Test func classification() {
        #expect(n("-12").kind == .integer(-12))
        #expect(n("9223372036854775807").kind == .integer(.max))
        #expect(n("-9223372036854775808").kind == .integer(.min))
        #expect(n("18446744073709551616").kind == .bigInteger)
        #expect(n("1.0").kind == .decimal)
        #expect(n("1e3").kind == .decimal)
    }

    @Test func literalIsNormalisedToJSONSyntaxOnly() {
        #expect(n("+5").literal == "5")
        #expect(n("007").literal == "7")
        #expect(n(".5").literal == "0.5")
        #expect(n("5.").literal == "5.0")
        #expect(n("0.100").literal == "0.100")
        #expect(n("1E+05").literal == "1E+05")
        #expect(n("-0").literal == "0")
    }

    @Test func equalValuesCompareEqualWhateverTheSyntax() {
        #expect(n("1") == n("1.0"))
        #expect(n("10e-1") == n("1"))
        #expect(n("100") == n("1e2"))
        #expect(n("0") == n("-0.0"))
        #expect(Set([n("1"), n("1.00")]).count == 1)
    }

    @Test func orderingIsExact() {
        #expect(n("-1") < n("0"))
        #expect(n("-2") < n("-1.5"))
        #expect(n("0.1") < n("0.11"))
        #expect(n("9223372036854775807") < n("9223372036854775808"))
        #expect(n("1e399") < n("1e400"))
        #expect(n("0.30000000000000000000000000001") > n("0.3"))
        #expect(!(n("2") < n("2.0")))
    }

    @Test func integralValues() {
        #expect(n("1.0").isIntegral)
        #expect(n("1e3").int64Value == 1000)
        #expect(!n("0.5").isIntegral)
        #expect(n("1e400").isIntegral)
        #expect(n("1e400").int64Value == nil)
        #expect(n("-9223372036854775808").int64Value == .min)
    }

    @Test func multipleOfIsExact() {
        #expect(n("10.25").isMultiple(of: n("0.01")) == true)
        #expect(n("10.255").isMultiple(of: n("0.01")) == false)
        #expect(n("0.3").isMultiple(of: n("0.1")) == true)
        #expect(n("7").isMultiple(of: n("2")) == false)
    }

    @Test func invalidTextIsRefused() {
        for text in ["", "-", ".", "e5", "1e", "1.2.3", "0x10", "1_0", "١٢"] {
            #expect(SpecNumber(text) == nil, "\(text)")
        }
    }
}
