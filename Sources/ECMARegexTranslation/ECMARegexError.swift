/// Why an ECMA-262 pattern cannot run here: what, in which pattern, at which character.
public struct ECMARegexError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, e.g. "unknown escape \A (ECMA-262 has no such escape)".
    public let reason: String
    /// The pattern as written in the spec.
    public let pattern: String
    /// 0-based position (in Unicode scalars) of the offending construct.
    public let position: Int

    public init(reason: String, pattern: String, position: Int) {
        self.reason = reason
        self.pattern = pattern
        self.position = position
    }

    public var description: String {
        "The pattern /\(pattern)/ cannot be used: \(reason) at character \(position + 1)."
    }
}
