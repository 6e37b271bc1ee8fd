/// A fixed piece of SQL shared by several statements (a column list, a JSON expression), spliced into a
/// ``PostgresQuery`` as text. It can only be made from a string literal, so no value from a request can become
/// SQL through it; values are always bound (`\(value)`).
public struct SQLFragment: Sendable, ExpressibleByStringLiteral {
    let sql: String

    public init(stringLiteral value: StaticString) {
        self.sql = value.description
    }

    private init(sql: String) {
        self.sql = sql
    }

    /// Two fragments one after the other (both made from literals, so the result is too).
    public static func + (lhs: SQLFragment, rhs: SQLFragment) -> SQLFragment {
        SQLFragment(sql: lhs.sql + rhs.sql)
    }
}
