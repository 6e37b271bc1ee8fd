#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `specgen scaffold SPEC DIR`: a standalone SwiftPM package that serves every operation of SPEC over HTTP
/// (Hummingbird): routing with 404 and 405, the security schemes' credentials checked (401), parameters and bodies
/// validated (400/422 naming every field), and the generated 501 for each operation until it is implemented in
/// `Sources/Server/Service.swift`. The spec is copied into the `API` target, which applies SpecGen's plugin exactly
/// as another package would, so editing the spec regenerates at the next build.
///
/// The package depends on SpecGen by `--specgen-path` (a working copy, as the tests use it) or by
/// `--specgen-url` (default: the project's repository) from `--specgen-from` (default 1.0.0).
/// Exit status 1 when SPEC has errors or cannot be generated (nothing is written), 2 when DIR already holds a
/// package (nothing is overwritten).
struct ScaffoldCommand: Subcommand {
    static let name = "scaffold"
    static let abstract = "write a runnable SwiftPM package into DIR that serves every operation of SPEC (501 until built)"
    static let usage =
        "specgen scaffold SPEC DIR [--name NAME] [--specgen-path PATH | --specgen-url URL [--specgen-from VERSION]]"

    var specPath: String
    var directory: String
    var packageName: String?
    var dependency: ScaffoldFiles.Dependency

    init(arguments: inout ArgumentList) throws(ArgumentError) {
        packageName = try arguments.option("--name")
        let path = try arguments.option("--specgen-path")
        let url = try arguments.option("--specgen-url")
        let version = try arguments.option("--specgen-from") ?? "1.0.0"
        if let path {
            dependency = .path(path)
        } else {
            dependency = .url(url ?? "https://github.com/tribeit/ceki.git", from: version)
        }
        specPath = try arguments.operand("SPEC")
        directory = try arguments.operand("DIR")
    }

    func run(output: inout some TextOutputStream, errors: inout some TextOutputStream) -> Int32 {
        let bytes: [UInt8]
        do {
            bytes = try SpecFile.read(specPath)
        } catch {
            print("specgen scaffold: \(error)", to: &errors)
            return ExitStatus.usage
        }
        // Refused here rather than at the package's first build: what cannot be generated is said now.
        let generated = GeneratorPipeline.generate(bytes: bytes)
        let read = OpenAPIReader.read(bytes: bytes)
        for diagnostic in generated.diagnostics.sortedByLocation where diagnostic.severity == .error {
            print(diagnostic.formatted(file: specPath), to: &errors)
        }
        guard !generated.diagnostics.hasErrors, let document = read.document else { return ExitStatus.failure }
        if access(directory + "/Package.swift", F_OK) == 0 {
            print("specgen scaffold: \(directory)/Package.swift exists: scaffold into a new folder", to: &errors)
            return ExitStatus.usage
        }
        let name = packageName ?? ScaffoldFiles.packageName(from: document.info.title)
        let files = ScaffoldFiles.files(
            document: document, spec: String(decoding: bytes, as: UTF8.self),
            specFileName: specPath.hasSuffix(".json") ? "openapi.json" : "openapi.yaml", name: name,
            dependency: dependency)
        for file in files {
            let path = directory + "/" + file.path
            Self.makeDirectories(for: path)
            guard SpecFile.write(file.text, to: path) else {
                print("specgen scaffold: cannot write '\(path)': \(String(cString: strerror(errno)))", to: &errors)
                return ExitStatus.usage
            }
        }
        print("Wrote the package \(name) to \(directory): `swift run Server` serves it on port 8080.", to: &output)
        return ExitStatus.success
    }

    /// Makes every folder above `path` that is missing.
    private static func makeDirectories(for path: String) {
        var folder = ""
        for (index, component) in path.split(separator: "/", omittingEmptySubsequences: false).dropLast().enumerated() {
            folder = index == 0 ? String(component) : folder + "/" + component
            if !folder.isEmpty { mkdir(folder, 0o755) }
        }
    }
}
