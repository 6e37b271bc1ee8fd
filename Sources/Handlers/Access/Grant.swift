import Generated

/// What one caller may do with one object: a role and a read and a write level, in the numbering of
/// docs/domain.md ("Schedule participants", "Roles and access levels"). The policy (``AccessPolicy``) hands one
/// out for an object the caller may see; an object the caller may not see has no grant and answers 404.
public struct Grant: Sendable, Hashable {
    /// The caller's role (1 owner, 2 admin, 3 member, 4 client, 5 reviewer, 6 QA); nil for someone who sees a
    /// public object without any role in it.
    public let role: Int?
    /// How much the caller may read (0: the object's own fields only).
    public let read: Int
    /// How much the caller may change (0: nothing).
    public let write: Int

    public init(role: Int?, read: Int, write: Int) {
        self.role = role
        self.read = read
        self.write = write
    }

    /// Refuses with 403 (`reason`, a sentence saying why) unless the caller's write level reaches `level`.
    public func requireWrite(_ level: Int, _ reason: @autoclosure () -> String) throws(Problem) {
        if write < level { throw Problem.forbidden(reason()) }
    }

    /// The spec's `Access` of a caller with a role; nil for a caller without one.
    public var access: Types.Access? {
        guard let role, let roleID = Types.Access.RoleId(rawValue: role),
            let readLevel = Types.Access.Read(rawValue: read), let writeLevel = Types.Access.Write(rawValue: write)
        else { return nil }
        return Types.Access(roleId: roleID, read: readLevel, write: writeLevel)
    }
}
