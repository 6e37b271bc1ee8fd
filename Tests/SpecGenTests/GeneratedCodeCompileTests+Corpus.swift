import Foundation
import Testing

@testable import SpecGen

extension GeneratedCodeCompileTests {
    /// The runtime compiled once as a module of its own, as a package applying the plugin sees it; the folder
    /// holding `SpecGenRuntime.swiftmodule`. Type-checking each corpus spec against it takes a second instead of
    /// recompiling the runtime every time.
    static let runtimeModule = Task { () throws -> URL in
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let result = try await run(
            swiftc(),
            swiftcArguments(
                [
                    "-emit-module", "-parse-as-library", "-swift-version", "6", "-module-name", "SpecGenRuntime",
                    "-emit-module-path", folder.appendingPathComponent("SpecGenRuntime.swiftmodule").path,
                ] + runtimeSources()))
        guard result.status == 0 else { throw RuntimeModuleFailed(output: result.output) }
        return folder
    }

    struct RuntimeModuleFailed: Error, CustomStringConvertible {
        let output: String
        var description: String { "the runtime does not compile as a module:\n\(output)" }
    }

    /// Every spec of `Corpus/positive` and `Corpus/examples`, as `folder/name.yaml`.
    static let corpusSpecs =
        CorpusTests.files("positive").map { "positive/" + $0 } + CorpusTests.files("examples").map { "examples/" + $0 }

    @Test("corpus specs generate Swift that type-checks, client included", arguments: corpusSpecs)
    func corpusSpecGeneratesSwiftThatTypeChecks(_ spec: String) async throws {
        let module = try await Self.runtimeModule.value
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = try String(contentsOf: CorpusTests.corpus.appendingPathComponent(spec), encoding: .utf8)
        let generated = try Self.generate(yaml: yaml, into: folder)
        #expect(generated.contains { $0.hasSuffix("/Client.swift") })
        let result = try await Self.run(
            Self.swiftc(),
            Self.swiftcArguments(
                ["-typecheck", "-swift-version", "6", "-module-name", "Generated", "-I", module.path] + generated))
        #expect(result.status == 0, "\(spec):\n\(result.output)")
    }
}
