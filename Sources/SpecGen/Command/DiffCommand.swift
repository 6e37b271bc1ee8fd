/// `specgen diff OLD NEW`: what changed between two versions of a spec, one line per change, each marked
/// `breaking` or `compatible` (see ``ChangeKind/severity(in:)`` for the rules).
///
/// Exit status 0 when nothing is breaking, 1 when anything is, 2 when the command line is wrong or a spec
/// cannot be read (its located errors are printed). `scripts/spec-diff` runs it against the previous commit's
/// spec in CI.
struct DiffCommand: Subcommand {
    static let name = "diff"
    static let abstract = "print what changed from OLD to NEW, one line per change; exit 1 if any change breaks clients"
    static let usage = "specgen diff OLD NEW [--breaking]"

    /// The spec before the change.
    var oldPath: String
    /// The spec after the change.
    var newPath: String
    /// Print breaking changes only.
    var breakingOnly: Bool

    init(arguments: inout ArgumentList) throws(ArgumentError) {
        breakingOnly = arguments.flag("--breaking")
        oldPath = try arguments.operand("OLD")
        newPath = try arguments.operand("NEW")
    }

    func run(output: inout some TextOutputStream, errors: inout some TextOutputStream) -> Int32 {
        guard let old = read(oldPath, errors: &errors), let new = read(newPath, errors: &errors) else {
            return ExitStatus.usage
        }
        let changes = SpecDiff.changes(from: old, to: new)
        let breaking = changes.filter { $0.severity == .breaking }.count
        for change in changes where !breakingOnly || change.severity == .breaking {
            print(change.description, to: &output)
        }
        let compatible = changes.count - breaking
        print(
            "\(oldPath) → \(newPath): \(breaking) breaking change\(breaking == 1 ? "" : "s"), "
                + "\(compatible) compatible change\(compatible == 1 ? "" : "s")",
            to: &output)
        return breaking > 0 ? ExitStatus.failure : ExitStatus.success
    }

    /// Reads one spec; prints why not (the file error, or every located error) and returns nil when it does not
    /// read cleanly. Warnings are not printed: `specgen lint` is where they belong.
    private func read(_ path: String, errors: inout some TextOutputStream) -> OpenAPIDocument? {
        let bytes: [UInt8]
        do {
            bytes = try SpecFile.read(path)
        } catch {
            print("specgen diff: \(error)", to: &errors)
            return nil
        }
        let result = OpenAPIReader.read(bytes: bytes)
        for diagnostic in result.diagnostics.sortedByLocation where diagnostic.severity == .error {
            print(diagnostic.formatted(file: path), to: &errors)
        }
        guard let document = result.document, !result.diagnostics.hasErrors else {
            print("specgen diff: '\(path)' does not read as an OpenAPI document", to: &errors)
            return nil
        }
        return document
    }
}
