/// Who may call an operation, from its `security` (or the document's).
public enum OperationSecurity: Sendable, Hashable {
    /// `security: []`: anyone.
    case none
    /// One of these schemes must authenticate the caller, e.g. `["userToken"]`.
    case required([String])
    /// The caller may authenticate with one of these schemes (`{}` is among the alternatives).
    case optional([String])
}

/// One row of the operation table: everything the server needs to route, authenticate and bill a request before
/// the operation's own code runs. Generic over the spec's operation ids, so this fixed code lives in the runtime
/// and the generated module only names it (`typealias OperationDescriptor = OperationTableRow<OperationID>`).
public struct OperationTableRow<ID: Hashable & Sendable>: Sendable {
    /// Which operation.
    public let id: ID
    /// The HTTP method on the wire, e.g. `POST`.
    public let method: String
    /// The path template, e.g. `/api/kals/{kal}`.
    public let path: String
    /// Who may call it.
    public let security: OperationSecurity
    /// The `x-billing` kind, when the spec charges per call; nil otherwise.
    public let billing: String?
    /// The first tag, e.g. `AgentAuth`.
    public let tag: String?

    public init(id: ID, method: String, path: String, security: OperationSecurity, billing: String?, tag: String?) {
        self.id = id
        self.method = method
        self.path = path
        self.security = security
        self.billing = billing
        self.tag = tag
    }
}
