/// A position in the YAML source, as a person reading the file would count it.
///
/// libyaml counts lines and columns from zero; every diagnostic SpecGen prints counts from one,
/// like compilers do, so that `spec/openapi.yaml:12:5` opens the right place in an editor.
/// Columns count Unicode scalars, not bytes: `é` moves the column by one.
struct YAMLMark: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The line, counted from 1.
    var line: Int
    /// The column, counted from 1.
    var column: Int

    /// The start of the file, for values that have no better place.
    static let start = YAMLMark(line: 1, column: 1)

    var description: String { "\(line):\(column)" }

    static func < (lhs: YAMLMark, rhs: YAMLMark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}
