import Testing

@testable import Generated
@testable import SpecGenRuntime

@Suite("ECMA-262 patterns on ICU")
struct ECMARegexTests {
    func regex(_ source: String) -> ECMARegex {
        do {
            return try ECMARegex(source)
        } catch {
            fatalError(error.description)
        }
    }

    @Test("\\d, \\w and \\b are ASCII as in ECMA-262, not Unicode as in ICU")
    func asciiClasses() {
        #expect(regex("^\\d+$").matches("123"))
        #expect(!regex("^\\d+$").matches("١٢٣"))  // Arabic-Indic digits are \d in ICU, not in ECMA
        #expect(!regex("^\\w+$").matches("héllo"))
        #expect(regex("^\\w+$").matches("hello_42"))
        #expect(regex("^\\D$").matches("٣"))
        #expect(regex("\\bcat\\b").matches("a cat here"))
        #expect(!regex("\\bcat\\b").matches("concatenate"))
        #expect(regex("a\\bé").matches("aé"))  // é is not a word character in ECMA: a boundary sits between
        #expect(!regex("é\\b").matches("é"))
        #expect(!regex("x\\Bé").matches("xé"))
        #expect(regex("^[\\d-]+$").matches("12-34"))
        #expect(!regex("^[\\d]+$").matches("٣"))
        #expect(regex("^[^\\d]+$").matches("٣"))
    }

    @Test("\\s is ECMA-262's list: BOM and vertical tab included, U+0085 not")
    func whitespace() {
        #expect(regex("^\\s$").matches("\u{FEFF}"))
        #expect(regex("^\\s$").matches("\u{0B}"))
        #expect(regex("^\\s$").matches("\u{3000}"))
        #expect(!regex("^\\s$").matches("\u{85}"))
        #expect(regex("^\\S$").matches("\u{85}"))
        #expect(regex("^\\v$").matches("\u{0B}"))
        #expect(!regex("^\\v$").matches("\n"))
    }

    @Test("$ is the end of input only; . stops only at ECMA line terminators")
    func anchorsAndDot() {
        #expect(!regex("^abc$").matches("abc\n"))
        #expect(regex("^abc$").matches("abc"))
        #expect(regex("^.$").matches("\u{85}"))
        #expect(!regex("^.$").matches("\n"))
        #expect(!regex("^.$").matches("\u{2028}"))
        #expect(regex("^.$").matches("😀"))
    }

    @Test("[^] matches anything, [] nothing")
    func emptyClasses() {
        #expect(regex("^[^]$").matches("\n"))
        #expect(!regex("a[]").matches("a"))
        #expect(!regex("[]").matches(""))
    }

    @Test("Unicode escapes: \\u{…}, surrogate pairs, \\x, \\c")
    func unicodeEscapes() {
        #expect(regex("^\\u{1F600}$").matches("😀"))
        #expect(regex("^\\uD83D\\uDE00$").matches("😀"))
        #expect(regex("^\\u00e9$").matches("é"))
        #expect(regex("^\\x41$").matches("A"))
        #expect(regex("^\\cJ$").matches("\n"))
        #expect(regex("^[\\u{1F600}-\\u{1F64F}]+$").matches("😀🙏"))
    }

    @Test("Characters ICU treats specially inside classes are literal, as in ECMA-262")
    func classLiterals() {
        #expect(regex("^[a[]+$").matches("a[a"))
        #expect(regex("^[&&]+$").matches("&&"))
        #expect(regex("^[a-]+$").matches("-a"))
        #expect(regex("^[:alpha:]+$").matches(":ah"))
        #expect(!regex("^[:alpha:]+$").matches("b"))
        #expect(regex("^[$]$").matches("$"))
        #expect(regex("^[\\b]$").matches("\u{08}"))
    }

    @Test("Named groups, backreferences, lookarounds and lazy quantifiers carry over")
    func groups() {
        #expect(regex("^(?<year>\\d{4})-\\k<year>$").matches("2024-2024"))
        #expect(regex("^(a)\\1$").matches("aa"))
        #expect(regex("^(?=.*\\d)(?!.*x).{3,}$").matches("ab1"))
        #expect(regex("(?<=\\$)\\d+").matches("$42"))
        #expect(regex("^a{2,3}?$").matches("aaa"))
        #expect(regex("^\\p{Lu}+$").matches("ÉA"))
        #expect(regex("^x{").matches("x{"))
    }

    @Test(
        "What cannot be translated is refused with the reason",
        arguments: [
            ("\\A", "unknown escape \\A"), ("a**", "a quantifier follows another quantifier"),
            ("a*+", "a quantifier follows another quantifier"), ("*a", "nothing to repeat"),
            ("(?i)a", "'(?' must begin"), ("(?<my_name>a)", "the group name 'my_name'"), ("\\2(a)", "refers to group 2"),
            ("[z-a]", "out of order"), ("(a", "ICU"), ("\\", "lone backslash"), ("\\k<x>", "names no group"),
            ("(?<=a+)b", "ICU"), ("[a", "not closed"), ("\\01", "octal"),
        ])
    func refusals(_ source: String, _ reason: String) {
        do {
            _ = try ECMARegex(source)
            Issue.record("/\(source)/ was accepted")
        } catch {
            #expect(error.description.contains(reason), "\(error.description)")
        }
    }

    @Test("The same pattern compiles once and is shared")
    func caching() throws {
        let first = try ECMARegex("^cache-test-[0-9]+$")
        let second = try ECMARegex("^cache-test-[0-9]+$")
        #expect(first == second)
        #expect(first.translated == "^cache\\-test\\-[0-9]+\\z" || first.translated.hasSuffix("\\z"))
        #expect(second.matches("cache-test-1"))
    }
}
