import Foundation
import Testing

@testable import SpecGen

/// The official JSON-Schema-Test-Suite (draft 2020-12, vendored in `Corpus/json-schema-test-suite` with its
/// licence) through the generator, as a user of SpecGen meets it: every test group becomes a schema of one
/// generated spec and an operation whose request body it describes; the spec is generated, compiled with the
/// runtime, and every case is sent through the generated operation. A case the suite calls valid must reach the
/// handler; an invalid one must be refused with a 422. What is not run is named, with why, in `skip.json`.
@Suite("JSON Schema suite through generated code", .serialized)
struct JSONSchemaSuiteThroughGeneratorTests {
    static let suiteFolder = GeneratedCodeCompileTests.testsFolder.appendingPathComponent("Corpus")
        .appendingPathComponent("json-schema-test-suite")

    /// The skip list: keywords the generator does not support (a group whose schema uses one is not run), whole
    /// files, and single cases, each with its reason.
    struct SkipList: Decodable {
        let keywords: [String: String]
        let files: [String: String]
        let cases: [String: String]
    }

    /// One case, ready to send.
    struct Case {
        let operation: String
        let name: String
        let body: String
        let valid: Bool
    }

    @Test func everySuiteCaseIsAcceptedOrRefusedAsTheSuiteSays() async throws {
        let skip = try JSONDecoder().decode(
            SkipList.self, from: Data(contentsOf: Self.suiteFolder.appendingPathComponent("skip.json")))
        let folder = Self.suiteFolder.appendingPathComponent("draft2020-12")
        let files =
            try Self.jsonFiles(in: folder)
            + Self.jsonFiles(in: folder.appendingPathComponent("optional/format")).map { "optional/format/" + $0 }
        var schemas: [(name: String, json: String)] = []
        var cases: [Case] = []
        var skippedGroups = 0
        var skippedCases = 0
        var usedKeywords = Set<String>()
        var usedCases = Set<String>()
        for file in files where skip.files[file] == nil {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let root = try YAMLParser().parse(Self.joiningSurrogatePairs(text))
            for (groupIndex, group) in (root.sequence?.items ?? []).enumerated() {
                guard let mapping = group.mapping, let schema = mapping["schema"], let tests = mapping["tests"]?.sequence
                else { continue }
                if let keyword = Self.firstUnsupported(in: schema, skip: skip) {
                    usedKeywords.insert(keyword)
                    skippedGroups += 1
                    continue
                }
                let name = "g\(schemas.count)"
                schemas.append((name, Self.json(schema, refsUnder: "#/components/schemas/\(name)")))
                for (caseIndex, test) in tests.items.enumerated() {
                    guard let test = test.mapping, let data = test["data"], let valid = test["valid"]?.scalar?.text
                    else { continue }
                    let caseName = "\(file)#\(groupIndex).\(caseIndex)"
                    if skip.cases[caseName] != nil {
                        usedCases.insert(caseName)
                        skippedCases += 1
                        continue
                    }
                    let description = (mapping["description"]?.scalar?.text ?? "") + " / "
                        + (test["description"]?.scalar?.text ?? "")
                    cases.append(Case(operation: name, name: "\(caseName) \(description)", body: Self.json(data), valid: valid == "true"))
                }
            }
        }
        // The whole skip list is used: a keyword no group has, a case or a file that is gone, is a stale entry.
        #expect(usedKeywords == Set(skip.keywords.keys), "unused: \(Set(skip.keywords.keys).subtracting(usedKeywords))")
        #expect(usedCases == Set(skip.cases.keys), "unused: \(Set(skip.cases.keys).subtracting(usedCases))")
        #expect(Set(skip.files.keys).isSubset(of: files), "\(Set(skip.files.keys).subtracting(files))")
        #expect(cases.count > 900, "\(cases.count) cases")

        let spec = Self.spec(schemas)
        let generated = GeneratorPipeline.generate(bytes: Array(spec.utf8))
        try #require(!generated.diagnostics.hasErrors, "\(generated.diagnostics.errors.prefix(20))")
        let work = GeneratedCodeCompileTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        var sources: [String] = []
        for file in generated.files {
            let url = work.appendingPathComponent(file.name)
            try file.text.write(to: url, atomically: true, encoding: .utf8)
            sources.append(url.path)
        }
        let casesFile = work.appendingPathComponent("cases.tsv")
        try cases.map { "\($0.operation)\t\($0.valid)\t\($0.name.replacingOccurrences(of: "\t", with: " "))\t\($0.body)" }
            .joined(separator: "\n").write(to: casesFile, atomically: true, encoding: .utf8)
        let main = work.appendingPathComponent("main.swift")
        try Self.program.write(to: main, atomically: true, encoding: .utf8)
        let binary = work.appendingPathComponent("suite").path
        let compile = try await GeneratedCodeCompileTests.run(
            GeneratedCodeCompileTests.swiftc(),
            GeneratedCodeCompileTests.swiftcArguments(
                // One frontend job: the other core stays free for the suites that run beside this one.
                ["-Onone", "-j", "1", "-swift-version", "6", "-module-name", "Suite", "-o", binary]
                    + GeneratedCodeCompileTests.runtimeSources() + sources + [main.path]))
        try #require(compile.status == 0, "\(compile.output.prefix(4000))")
        let run = try await GeneratedCodeCompileTests.run(binary, [casesFile.path])
        let mismatches = run.output.split(separator: "\n").filter { $0.hasPrefix("MISMATCH") }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(cases.count) cases disagree:\n\(mismatches.joined(separator: "\n"))")
        #expect(run.output.contains("ran \(cases.count) cases"), "\(run.output.suffix(2000))")
        print("JSON Schema suite through generated code: \(cases.count) cases in \(schemas.count) groups agree; "
            + "\(skippedGroups) groups and \(skippedCases) cases skipped (skip.json)")
    }

    /// JSON writes a character beyond U+FFFF as two escaped UTF-16 halves (`\uD83D\uDCA9`), which YAML (whose
    /// escapes name code points) refuses; the pair is written as the character itself, the same JSON text.
    static func joiningSurrogatePairs(_ text: String) -> String {
        text.replacing(/\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})/) { match in
            let high = UInt32(match.1, radix: 16)!, low = UInt32(match.2, radix: 16)!
            let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
            return String(Character(scalar))
        }
    }

    /// The `.json` file names directly in `folder`, sorted.
    static func jsonFiles(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
    }

    /// The first keyword of the skip list used anywhere in `schema` (a `$ref` to another document counts as
    /// `$ref (remote)`).
    static func firstUnsupported(in schema: YAMLNode, skip: SkipList) -> String? {
        switch schema {
        case .scalar: return nil
        case .sequence(let sequence): return sequence.items.lazy.compactMap { firstUnsupported(in: $0, skip: skip) }.first
        case .mapping(let mapping):
            for entry in mapping.entries {
                if skip.keywords[entry.key.text] != nil { return entry.key.text }
                if entry.key.text == "$ref", let target = entry.value.scalar?.text, !target.hasPrefix("#") {
                    return "$ref (remote)"
                }
                if let found = firstUnsupported(in: entry.value, skip: skip) { return found }
            }
            return nil
        }
    }

    /// A suite document's node as JSON text: scalars as written (numbers keep every digit), strings escaped; with
    /// `refsUnder`, every local `$ref` is moved under the schema's place in the generated spec.
    static func json(_ node: YAMLNode, refsUnder base: String? = nil) -> String {
        switch node {
        case .scalar(let scalar):
            return scalar.style.isPlain ? scalar.text : quoted(scalar.text)
        case .sequence(let sequence):
            return "[" + sequence.items.map { json($0, refsUnder: base) }.joined(separator: ",") + "]"
        case .mapping(let mapping):
            let members = mapping.entries.map { entry -> String in
                if let base, entry.key.text == "$ref", let target = entry.value.scalar?.text, target.hasPrefix("#") {
                    return quoted("$ref") + ":" + quoted(base + target.dropFirst())
                }
                // Values of literal keywords are data, not schemas: a `$ref` member there is just a member.
                let literal = ["enum", "const", "default", "examples"].contains(entry.key.text)
                return quoted(entry.key.text) + ":" + json(entry.value, refsUnder: literal ? nil : base)
            }
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    static func quoted(_ text: some StringProtocol) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20 || c.value == 0x7F || (0x80..<0xA0).contains(c.value) || c.value == 0x2028 || c.value == 0x2029 || c.value == 0xFEFF:
                out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// An OpenAPI 3.1 document (JSON, which YAML reads) with one schema and one POST per group.
    static func spec(_ schemas: [(name: String, json: String)]) -> String {
        let paths = schemas.map { schema in
            quoted("/\(schema.name)") + ":{\"post\":{\"operationId\":" + quoted(schema.name)
                + ",\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"$ref\":"
                + quoted("#/components/schemas/\(schema.name)") + "}}}},\"responses\":{\"200\":{\"description\":\"ok\"}}}}"
        }
        let components = schemas.map { quoted($0.name) + ":" + $0.json }
        return "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"JSON Schema suite\",\"version\":\"1\"},\"paths\":{"
            + paths.joined(separator: ",") + "},\"components\":{\"schemas\":{" + components.joined(separator: ",") + "}}}"
    }

    /// Sends each case of the file given as the first argument through the generated operation and prints every
    /// disagreement.
    static let program = #"""
        import Foundation

        struct Stub: APIHandler {}
        let text = try String(contentsOfFile: CommandLine.arguments[1], encoding: .utf8)
        var count = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4, let operation = OperationID(rawValue: String(fields[0])) else {
                print("MISMATCH unreadable line \(line)")
                continue
            }
            count += 1
            let valid = fields[1] == "true"
            var accepted: Bool
            var detail = ""
            do {
                _ = try await Stub().handle(
                    operation, sources: ParameterSources(headers: ["Content-Type": "application/json"]),
                    body: Array(fields[3].utf8), principal: nil)
                accepted = true
            } catch let rejection as RequestRejection {
                accepted = false
                detail = " (\(rejection.status))"
                if rejection.status != 422 { print("MISMATCH not a 422: \(fields[2])\(detail)") }
            }
            if accepted != valid {
                print("MISMATCH \(fields[2]): \(valid ? "valid, refused" : "invalid, accepted")\(detail) \(fields[3].prefix(200))")
            }
        }
        print("ran \(count) cases")
        """#
}
