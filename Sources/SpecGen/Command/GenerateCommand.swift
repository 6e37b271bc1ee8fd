#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `specgen generate SPEC --output DIR`: writes the generated Swift (the same files the build plugin
/// produces) so they can be read and reviewed.
///
/// Exit status 1 when the spec has errors (they are printed, nothing is written), 0 otherwise.
struct GenerateCommand: Subcommand {
    static let name = "generate"
    static let abstract = "write the Swift generated from SPEC (types, validators, operations, router) into DIR"
    static let usage = "specgen generate SPEC --output DIR"

    /// The spec file.
    var specPath: String
    /// The directory the files go to (created if missing).
    var outputDirectory: String

    init(arguments: inout ArgumentList) throws(ArgumentError) {
        guard let output = try arguments.option("--output") else { throw .missingOperand("--output DIR") }
        outputDirectory = output
        specPath = try arguments.operand("SPEC")
    }

    func run(output: inout some TextOutputStream, errors: inout some TextOutputStream) -> Int32 {
        let bytes: [UInt8]
        do {
            bytes = try SpecFile.read(specPath)
        } catch {
            print("specgen generate: \(error)", to: &errors)
            return ExitStatus.usage
        }
        let result = GeneratorPipeline.generate(bytes: bytes)
        for diagnostic in result.diagnostics.sortedByLocation where diagnostic.severity == .error {
            print(diagnostic.formatted(file: specPath), to: &errors)
        }
        if result.diagnostics.hasErrors { return ExitStatus.failure }
        mkdir(outputDirectory, 0o755)
        for file in result.files {
            let path = outputDirectory + "/" + file.name
            guard SpecFile.write(file.text, to: path) else {
                print("specgen generate: cannot write '\(path)': \(String(cString: strerror(errno)))", to: &errors)
                return ExitStatus.usage
            }
        }
        return ExitStatus.success
    }
}

extension SpecFile {
    /// Writes `text` to `path`, replacing it; leaves a file whose content is already `text` untouched, so its
    /// modification time (and what depends on it) stays. Returns false on failure.
    static func write(_ text: String, to path: String) -> Bool {
        if let existing = try? read(path), existing.elementsEqual(text.utf8) { return true }
        guard let file = fopen(path, "wb") else { return false }
        defer { fclose(file) }
        var text = text
        return text.withUTF8 { buffer in
            buffer.isEmpty || fwrite(buffer.baseAddress!, 1, buffer.count, file) == buffer.count
        }
    }
}
