import Foundation
import PackagePlugin

/// Runs `specgen generate` on the `openapi.yaml` (or `openapi.yml`, `openapi.json`) in the directory of the target
/// it is applied to, so the spec's types, validators, operation table, router, 501 stubs and client are rebuilt whenever
/// the spec changes. The target depends on the `SpecGenRuntime` library, which the generated code calls. A spec
/// kept elsewhere in the package is linked into the target's directory (Ceki's `Generated/openapi.yaml` links to
/// `spec/openapi.yaml`).
///
/// The spec is the command's only input file, so SwiftPM skips the command when the spec is unchanged.
@main
struct SpecGenPlugin: BuildToolPlugin {
    /// The files SpecGen writes, always the same names so SwiftPM can plan the build before running it.
    /// Keep in step with SpecGen's `GeneratorPipeline.fileNames` (the types and operations in 8 shards each).
    static let outputNames =
        ["Schemas.swift", "Types.swift"] + shards("Types") + ["Operations.swift"] + shards("Operations")
        + ["APIHandler.swift", "Router.swift", "Client.swift", "MCPTools.swift", "Reference.swift"]

    static func shards(_ base: String) -> [String] { (1...8).map { "\(base)+\($0).swift" } }

    /// The names a target's spec may have, in the order they are looked for.
    static let specNames = ["openapi.yaml", "openapi.yml", "openapi.json"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let directory = target.directoryURL
        guard
            let spec = Self.specNames.map({ directory.appending(path: $0) }).first(where: {
                FileManager.default.fileExists(atPath: $0.path(percentEncoded: false))
            })
        else { throw MissingSpec(target: target.name, directory: directory.path(percentEncoded: false)) }
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedSources")
        return [
            .buildCommand(
                displayName: "SpecGen: generating Swift for \(target.name) from \(spec.lastPathComponent)",
                executable: try context.tool(named: "SpecGen").url,
                arguments: [
                    "generate", spec.path(percentEncoded: false), "--output", output.path(percentEncoded: false),
                ],
                inputFiles: [spec],
                outputFiles: Self.outputNames.map { output.appending(path: $0) })
        ]
    }
}

/// A target the plugin is applied to without a spec of its own.
struct MissingSpec: Error, CustomStringConvertible {
    let target: String
    let directory: String

    var description: String {
        "SpecGenPlugin: target \(target) has no openapi.yaml, openapi.yml or openapi.json in \(directory)"
    }
}
