/// One finding about the spec: what is wrong, where, how bad, and what to change.
///
/// Modelled on swift-openapi-generator's `Diagnostic`: a value, collected and printed, never a
/// `fatalError`. The printed form starts with `file:line:column: error:` so that editors and SwiftPM's
/// build plugin output link straight to the line, and ends with the spec path, which survives edits.
struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How a finding affects the run.
    enum Severity: String, Sendable, Hashable, Comparable {
        /// The generator cannot represent this; `specgen lint` exits 1 and generation stops.
        case error
        /// Legal but suspicious or partly ignored; reported, never fatal.
        case warning
        /// Extra information attached to a run.
        case note

        static func < (lhs: Severity, rhs: Severity) -> Bool {
            let order: [Severity] = [.error, .warning, .note]
            return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
        }
    }

    /// How bad it is.
    var severity: Severity
    /// What is wrong, in one sentence: "path parameter 'id' is not in the path template".
    var message: String
    /// The node it is about, e.g. `#/paths/~1api~1login/post/requestBody`; nil for whole-file problems.
    var path: SpecPath?
    /// Where that node starts in the file; nil when the problem has no place (an empty file).
    var mark: YAMLMark?
    /// What to change, when there is something better to say than the message: "add `required: true`".
    var hint: String?

    init(
        _ severity: Severity, _ message: String, path: SpecPath? = nil, mark: YAMLMark? = nil, hint: String? = nil
    ) {
        self.severity = severity
        self.message = message
        self.path = path
        self.mark = mark
        self.hint = hint
    }

    /// `error: message (hint) [#/path]`, without a file name.
    var description: String {
        var text = "\(severity.rawValue): \(message)"
        if let hint { text += "; \(hint)" }
        if let path { text += " [\(path)]" }
        return text
    }

    /// The line editors understand: `spec/openapi.yaml:12:5: error: message; hint [#/path]`.
    func formatted(file: String) -> String {
        let place = mark.map { "\(file):\($0.line):\($0.column)" } ?? file
        return "\(place): \(description)"
    }
}
