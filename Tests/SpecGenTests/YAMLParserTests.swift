import Testing

@testable import SpecGen

/// The YAML layer: libyaml events into nodes with styles and marks, aliases expanded with caps,
/// duplicate keys refused, errors located.
@Suite("YAML parser")
struct YAMLParserTests {
    func parse(_ text: String, limits: YAMLParser.Limits = .init()) throws(YAMLError) -> YAMLNode {
        try YAMLParser(limits: limits).parse(text)
    }

    func mapping(_ text: String) throws -> YAMLMapping {
        try #require(try parse(text).mapping)
    }

    @Test func unquotedStatusKeyIsTheStringKey() throws {
        let root = try mapping("200: ok\n'201': created\n")
        #expect(root.keys == ["200", "201"])
        #expect(root["200"]?.scalar?.text == "ok")
    }

    @Test func scalarsKeepTheirStyle() throws {
        let root = try mapping(
            """
            plain: 100
            single: '100'
            double: "100"
            literal: |
              a
            folded: >
              b
            """)
        #expect(root["plain"]?.scalar?.style == .plain)
        #expect(root["single"]?.scalar?.style == .singleQuoted)
        #expect(root["double"]?.scalar?.style == .doubleQuoted)
        #expect(root["literal"]?.scalar?.style == .literal)
        #expect(root["folded"]?.scalar?.style == .folded)
    }

    @Test func multiLineScalarsFoldAndKeepLinesAsYAMLSays() throws {
        let root = try mapping(
            """
            literal: |
              line one
              line two
            folded: >
              word one
              word two

              new paragraph
            stripped: |-
              no trailing newline
            plainMultiLine: first
              second
            quoted: "escaped\\ttab \\u00e9"
            """)
        #expect(root["literal"]?.scalar?.text == "line one\nline two\n")
        #expect(root["folded"]?.scalar?.text == "word one word two\nnew paragraph\n")
        #expect(root["stripped"]?.scalar?.text == "no trailing newline")
        #expect(root["plainMultiLine"]?.scalar?.text == "first second")
        #expect(root["quoted"]?.scalar?.text == "escaped\ttab é")
    }

    @Test func flowAndBlockStylesGiveTheSameTree() throws {
        let block = try mapping("a:\n  - 1\n  - b: 2\n")
        let flow = try mapping("{a: [1, {b: 2}]}")
        #expect(block["a"]?.sequence?.items.count == 2)
        #expect(flow["a"]?.sequence?.items.count == 2)
        #expect(flow["a"]?.sequence?.items[1].mapping?["b"]?.scalar?.text == "2")
        #expect(block["a"]?.sequence?.items[1].mapping?["b"]?.scalar?.text == "2")
    }

    @Test func commentsAreIgnored() throws {
        let root = try mapping("# leading\na: 1 # trailing\n# between\nb: '# not a comment'\n")
        #expect(root.keys == ["a", "b"])
        #expect(root["a"]?.scalar?.text == "1")
        #expect(root["b"]?.scalar?.text == "# not a comment")
    }

    @Test func utf8TextAndColumnsCountCharacters() throws {
        let root = try mapping("título: \"añadir ✓\"\nnext: x\nééé: y\n")
        #expect(root["título"]?.scalar?.text == "añadir ✓")
        // Column counts characters: 'ééé: y' puts y at column 6, not at byte 9.
        #expect(root["ééé"]?.scalar?.mark == YAMLMark(line: 3, column: 6))
    }

    @Test func marksAreOneBasedLineAndColumn() throws {
        let root = try mapping("a:\n  b:\n    c: value\n")
        let c = try #require(root["a"]?.mapping?["b"]?.mapping?.entry("c"))
        #expect(c.key.mark == YAMLMark(line: 3, column: 5))
        #expect(c.value.mark == YAMLMark(line: 3, column: 8))
    }

    @Test func aliasesExpandToTheAnchoredNode() throws {
        let root = try mapping(
            """
            base: &base
              type: string
              maxLength: 5
            copy: *base
            list: [&x one, *x]
            """)
        #expect(root["copy"]?.mapping?["maxLength"]?.scalar?.text == "5")
        #expect(root["list"]?.sequence?.items.map { $0.scalar?.text } == ["one", "one"])
    }

    @Test func aliasMayBeAMappingKey() throws {
        let root = try mapping("a: &k name\n*k : value\n")
        #expect(root["name"]?.scalar?.text == "value")
    }

    @Test func unknownAliasIsAnErrorAtTheAlias() {
        #expect(throws: YAMLError.unknownAnchor("nope", mark: YAMLMark(line: 2, column: 4))) {
            try parse("a: 1\nb: *nope\n")
        }
    }

    @Test func aliasInsideItsOwnAnchorIsRefused() {
        #expect(throws: YAMLError.self) { try parse("a: &loop [*loop]\n") }
    }

    @Test func duplicateKeyIsAnErrorNamingBothPlaces() {
        #expect(
            throws: YAMLError.duplicateKey("b", mark: YAMLMark(line: 3, column: 1), first: YAMLMark(line: 2, column: 1))
        ) {
            try parse("a: 1\nb: 2\nb: 3\n")
        }
    }

    @Test func quotedAndUnquotedSpellingsOfAKeyAreDuplicates() {
        #expect(throws: YAMLError.self) { try parse("200: a\n\"200\": b\n") }
    }

    @Test func duplicateKeysInFlowMappingsAreCaughtToo() {
        #expect(throws: YAMLError.self) { try parse("x: {a: 1, a: 2}\n") }
    }

    @Test func complexKeyIsRefused() {
        #expect(throws: YAMLError.complexKey(mark: YAMLMark(line: 1, column: 3))) { try parse("? [a, b]\n: c\n") }
    }

    @Test func mergeKeyIsRefusedButAQuotedOneIsAString() throws {
        #expect(throws: YAMLError.mergeKey(mark: YAMLMark(line: 2, column: 5))) {
            try parse("a: &a {x: 1}\nb: {<<: *a}\n")
        }
        #expect(try mapping("'<<': literal key\n").keys == ["<<"])
    }

    @Test func billionLaughsFailsFastOnTheExpansionCap() {
        var text = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            text +=
                "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        do {
            _ = try parse(text)
        } catch {
            guard case .tooManyNodes(let limit, let mark) = error else {
                Issue.record("expected tooManyNodes, got \(error)")
                return
            }
            #expect(limit == YAMLParser.Limits().maxExpandedNodes)
            // Refused at the level whose aliases pass the cap, long before the tenth level is expanded.
            #expect(mark.line <= 8)
        }
    }

    @Test func expansionLimitIsConfigurable() {
        let limits = YAMLParser.Limits(maxExpandedNodes: 20, maxDepth: 256)
        #expect(throws: YAMLError.tooManyNodes(limit: 20, mark: YAMLMark(line: 2, column: 5))) {
            try parse("a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: [*a, *a, *a]\n", limits: limits)
        }
    }

    @Test func nestingDeeperThanTheLimitIsRefused() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(throws: YAMLError.self) { try parse(deep) }
        let shallow = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { try parse(shallow) }
    }

    @Test func syntaxErrorCarriesLineAndColumn() {
        do {
            _ = try parse("a:\n  b: 1\n c: 2\n")
            Issue.record("expected a syntax error")
        } catch {
            guard case .syntax(_, _, let mark, _) = error else {
                Issue.record("expected a syntax error, got \(error)")
                return
            }
            #expect(mark == YAMLMark(line: 3, column: 2))
        }
    }

    @Test func unclosedQuoteIsASyntaxErrorSayingWhereItStarted() {
        do {
            _ = try parse("a: 1\nb: \"open\n")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.message.contains("quoted scalar"))
            #expect(error.message.contains("started at 2:4"))
        }
    }

    @Test func invalidUTF8IsReportedWithItsPlace() {
        var bytes = Array("a: 1\nb: ".utf8)
        bytes += [0xFF, 0xFE, 0x41]
        do {
            _ = try YAMLParser().parse(bytes: bytes)
            Issue.record("expected an encoding error")
        } catch {
            guard case .invalidEncoding(_, let mark) = error else {
                Issue.record("expected invalidEncoding, got \(error)")
                return
            }
            #expect(mark.line == 2)
        }
    }

    @Test func moreThanOneDocumentIsRefused() {
        #expect(throws: YAMLError.multipleDocuments(mark: YAMLMark(line: 3, column: 1))) {
            try parse("---\na: 1\n---\nb: 2\n")
        }
    }

    @Test func emptyStreamIsRefused() {
        #expect(throws: YAMLError.empty) { try parse("") }
        #expect(throws: YAMLError.empty) { try parse("# only a comment\n") }
    }

    @Test func nonCoreTagsAreRefusedAndCoreTagsKept() throws {
        #expect(throws: YAMLError.unsupportedTag("!custom", mark: YAMLMark(line: 1, column: 4))) {
            try parse("a: !custom x\n")
        }
        let root = try mapping("a: !!str 100\n")
        #expect(root["a"]?.scalar?.tag == "tag:yaml.org,2002:str")
    }

    @Test func crlfLineEndingsByteOrderMarkAndTabsInJSONAreRead() throws {
        #expect(try mapping("a: 1\r\nb:\r\n  c: 2\r\n")["b"]?.mapping?["c"]?.scalar?.text == "2")
        #expect(try YAMLParser().parse(bytes: [0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8)).mapping?.keys == ["a"])
        #expect(try mapping("{\n\t\"a\": [1,\n\t\t2]\n}\n")["a"]?.sequence?.items.count == 2)
    }

    @Test func utf16WithByteOrderMarkIsRead() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "é: ✓\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try YAMLParser().parse(bytes: bytes).mapping?["é"]?.scalar?.text == "✓")
    }

    @Test func expandedSizeCountsAliasesAtFullSize() throws {
        let root = try parse("a: &a [1, 2, 3]\nb: [*a, *a]\n")
        // root 1 + key a 1 + [1,2,3] 4 + key b 1 + [*a, *a] (1 + 4 + 4)
        #expect(root.expandedSize == 16)
    }
}
