import PackagePlugin

/// Runs `specgen generate` on `spec/openapi.yaml` (at the package root) for the target it is applied to, so the
/// spec's types, validators, operation table, router and 501 stubs are rebuilt whenever the spec changes.
///
/// The spec is the command's only input file, so SwiftPM skips the command when the spec is unchanged.
@main
struct SpecGenPlugin: BuildToolPlugin {
    /// The files SpecGen writes, always the same names so SwiftPM can plan the build before running it.
    /// Keep in step with SpecGen's `GeneratorPipeline.fileNames` (the types and operations in 8 shards each).
    static let outputNames =
        ["Schemas.swift", "Types.swift"] + shards("Types") + ["Operations.swift"] + shards("Operations")
        + ["APIHandler.swift", "Router.swift"]

    static func shards(_ base: String) -> [String] { (1...8).map { "\(base)+\($0).swift" } }

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let spec = context.package.directoryURL.appending(path: "spec").appending(path: "openapi.yaml")
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedSources")
        return [
            .buildCommand(
                displayName: "SpecGen: generating Swift from spec/openapi.yaml",
                executable: try context.tool(named: "SpecGen").url,
                arguments: [
                    "generate", spec.path(percentEncoded: false), "--output", output.path(percentEncoded: false),
                ],
                inputFiles: [spec],
                outputFiles: Self.outputNames.map { output.appending(path: $0) })
        ]
    }
}
