import Generated

/// Who is asking, as the access policy sees it: a signed-in user, an agent, or nobody.
public enum Caller: Sendable, Hashable {
    case user(Int)
    case agent(Int)
    case anonymous

    /// The caller an operation's principal proves (nil: an anonymous call where the operation allows one).
    public init(_ principal: Principal?) {
        guard let principal else {
            self = .anonymous
            return
        }
        switch principal.scheme {
        case "userToken": self = .user(Int(principal.id))
        case "agentKey": self = .agent(Int(principal.id))
        default: self = .anonymous
        }
    }

    /// Whether this caller is the owner named by an `owner_type` + id pair (`Kal.owner_type`, `Kal.user_id`).
    public func owns(type ownerType: String, id ownerID: Int) -> Bool {
        switch self {
        case .user(let id): ownerType == "User" && id == ownerID
        case .agent(let id): ownerType == "Agent" && id == ownerID
        case .anonymous: false
        }
    }

    /// The `owner_type` of what this caller creates; nil for an anonymous caller, who owns nothing.
    public var ownerType: String? {
        switch self {
        case .user: "User"
        case .agent: "Agent"
        case .anonymous: nil
        }
    }

    /// The caller's own id; nil when anonymous.
    public var id: Int? {
        switch self {
        case .user(let id), .agent(let id): id
        case .anonymous: nil
        }
    }

    /// The user id, or nil: for SQL that matches a user-owned row.
    var userID: Int? {
        if case .user(let id) = self { return id }
        return nil
    }

    /// The agent id, or nil.
    var agentID: Int? {
        if case .agent(let id) = self { return id }
        return nil
    }
}
