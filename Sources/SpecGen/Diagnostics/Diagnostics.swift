/// The findings of one run, in the order they were found.
///
/// Readers append to it and go on reading, so one run reports every problem in the spec rather than
/// stopping at the first.
struct Diagnostics: Sendable {
    /// Everything found so far.
    private(set) var all: [Diagnostic] = []

    init(_ diagnostics: [Diagnostic] = []) {
        self.all = diagnostics
    }

    /// Records a finding.
    mutating func append(_ diagnostic: Diagnostic) {
        all.append(diagnostic)
    }

    /// Records several findings.
    mutating func append(contentsOf diagnostics: some Sequence<Diagnostic>) {
        all.append(contentsOf: diagnostics)
    }

    /// Records an error about the node at `path`.
    mutating func error(_ message: String, at path: SpecPath, _ mark: YAMLMark?, hint: String? = nil) {
        append(Diagnostic(.error, message, path: path, mark: mark, hint: hint))
    }

    /// Records a warning about the node at `path`.
    mutating func warning(_ message: String, at path: SpecPath, _ mark: YAMLMark?, hint: String? = nil) {
        append(Diagnostic(.warning, message, path: path, mark: mark, hint: hint))
    }

    /// The errors only.
    var errors: [Diagnostic] { all.filter { $0.severity == .error } }

    /// The warnings only.
    var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }

    /// Whether any finding is an error.
    var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// The findings ordered by place in the file (findings without a place first), stable otherwise.
    var sortedByLocation: [Diagnostic] {
        all.enumerated().sorted { left, right in
            let leftMark = left.element.mark ?? YAMLMark(line: 0, column: 0)
            let rightMark = right.element.mark ?? YAMLMark(line: 0, column: 0)
            return leftMark == rightMark ? left.offset < right.offset : leftMark < rightMark
        }.map(\.element)
    }
}
