/// The caller an authentication middleware found: which scheme proved it, and the id of the user or agent.
public struct Principal: Sendable, Hashable {
    /// The `securitySchemes` key that authenticated the caller, e.g. `agentKey`.
    public var scheme: String
    /// The authenticated user's or agent's id.
    public var id: Int64
    /// The credential that proved it (a token's row, say), so that an operation such as `logout` can act on
    /// exactly that credential; nil when the scheme has no such row.
    public var credential: Int64?

    public init(scheme: String, id: Int64, credential: Int64? = nil) {
        self.scheme = scheme
        self.id = id
        self.credential = credential
    }
}
