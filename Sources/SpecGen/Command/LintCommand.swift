/// `specgen lint SPEC`: reads the spec, checks what the generator needs, prints every finding.
///
/// Exit status 1 when any finding is an error, 0 otherwise (warnings are printed but do not fail).
struct LintCommand: Subcommand {
    static let name = "lint"
    static let abstract = "report unsupported or suspicious constructs, with spec paths; exit 1 on errors"
    static let usage = "specgen lint SPEC [--quiet]"

    /// The spec file.
    var specPath: String
    /// Print errors only.
    var quiet: Bool

    init(arguments: inout ArgumentList) throws(ArgumentError) {
        quiet = arguments.flag("--quiet")
        specPath = try arguments.operand("SPEC")
    }

    func run(output: inout some TextOutputStream, errors: inout some TextOutputStream) -> Int32 {
        let bytes: [UInt8]
        do {
            bytes = try SpecFile.read(specPath)
        } catch {
            print("specgen lint: \(error)", to: &errors)
            return ExitStatus.usage
        }
        let diagnostics = Linter.lint(bytes: bytes)
        let shown = diagnostics.sortedByLocation.filter { !quiet || $0.severity == .error }
        for diagnostic in shown {
            print(diagnostic.formatted(file: specPath), to: &output)
        }
        let errorCount = diagnostics.errors.count
        let warningCount = diagnostics.warnings.count
        print(
            "\(specPath): \(errorCount) error\(errorCount == 1 ? "" : "s"), \(warningCount) warning\(warningCount == 1 ? "" : "s")",
            to: &output)
        return diagnostics.hasErrors ? ExitStatus.failure : ExitStatus.success
    }
}
