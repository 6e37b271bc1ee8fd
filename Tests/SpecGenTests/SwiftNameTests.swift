import Testing

@testable import SpecGen

@Suite("Swift names from spec names")
struct SwiftNameTests {
    @Test func snakeAndKebabCaseBecomeCamelCase() {
        #expect(SwiftName.memberName("last_updated_at") == "lastUpdatedAt")
        #expect(SwiftName.memberName("team-only") == "teamOnly")
        #expect(SwiftName.typeName("register-agent body") == "RegisterAgentBody")
        #expect(SwiftName.typeName("Kal") == "Kal")
    }

    @Test func allCapitalWordsBecomeLowercaseMembers() {
        #expect(SwiftName.memberName("ID") == "id")
    }

    @Test func keywordsGetASuffix() {
        #expect(SwiftName.memberName("class") == "class_")
        #expect(SwiftName.memberName("self") == "self_")
        #expect(SwiftName.typeName("Type") == "Type_")
        #expect(SwiftName.typeName("protocol") == "Protocol_")
    }

    @Test func leadingDigitsAndEmptyNamesStayLegal() {
        #expect(SwiftName.memberName("1st") == "_1st")
        #expect(SwiftName.memberName("") == "empty")
        #expect(SwiftName.memberName("\"\\\n") == "empty")
        #expect(SwiftName.typeName("ü") == "Empty")
    }

    @Test func bracketsInQueryNamesAreDropped() {
        #expect(SwiftName.memberName("tags[]") == "tags")
        #expect(SwiftName.memberName("dates[from]") == "datesFrom")
    }

    @Test func namesDifferingOnlyInCaseOrPunctuationAreNumberedInOneScope() {
        var scope = SwiftNameScope(reserved: ["json"])
        #expect(scope.claim(SwiftName.memberName("foo_bar")) == "fooBar")
        #expect(scope.claim(SwiftName.memberName("foo-bar")) == "fooBar2")
        #expect(scope.claim(SwiftName.memberName("fooBar")) == "fooBar3")
        #expect(scope.claim(SwiftName.memberName("json")) == "json2")
    }

    @Test func stringLiteralsEscapeEverything() {
        #expect(SwiftLiteral.quoted("a\"b\\c\nd") == #""a\"b\\c\nd""#)
        #expect(SwiftLiteral.raw(#"^\d+$"#) == ##"#"^\d+$"#"##)
        #expect(SwiftLiteral.raw(##"a"#b"##) == ###"##"a"#b"##"###)
    }
}
