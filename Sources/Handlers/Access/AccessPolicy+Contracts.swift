import Generated

/// The contract half of the one access policy (docs/domain.md "Roles and access levels"): a contract's members
/// have the role and the cumulative read and write levels of their membership; nobody else has any, so a contract
/// someone is not a member of answers 404, as an id that does not exist does. Sub-contracts inherit nothing.
extension AccessPolicy {
    /// The levels each contract role starts with when none are given (docs/domain.md, the table of roles).
    public static func contractRoleDefaults(_ role: Int) -> Grant {
        switch role {
        case 1: Grant(role: 1, read: 5, write: 5)
        case 2: Grant(role: 2, read: 5, write: 4)
        case 3: Grant(role: 3, read: 2, write: 2)
        case 4: Grant(role: 4, read: 4, write: 1)
        default: Grant(role: role, read: 3, write: 1)
        }
    }

    /// A contract: its membership's grant for a member, nothing for anyone else; nothing for anyone while it is
    /// archived, except that `restoreContract` (`restoring`) still finds it for its members.
    public static func contract(membership: Grant?, isArchived: Bool, restoring: Bool = false) -> Grant? {
        if isArchived && !restoring { return nil }
        return membership
    }

    /// Archiving, restoring, and adding or removing an owner are the owners' alone (role 1).
    public static func requireContractOwner(_ grant: Grant, _ reason: @autoclosure () -> String) throws(Problem) {
        if grant.role != 1 { throw Problem.forbidden(reason()) }
    }

    /// Managing members and hands and changing the contract's fields and settings need write level 5.
    public static func requireContractAdministration(_ grant: Grant, _ action: String) throws(Problem) {
        try grant.requireWrite(
            5, "Only members with write level 5 may \(action); yours is \(grant.write).")
    }

    /// Whether the contract's money totals show: read level 4, and under privacy 1 or 2 only for an owner.
    public static func seesContractTotals(_ grant: Grant, privacy: Int) -> Bool {
        grant.read >= 4 && (privacy == 0 || grant.role == 1)
    }

    /// Whether hands' rates (`Hand.price`) show: read level 5. A hand's own user always sees their own rate; the
    /// query applies that half, row by row.
    public static func seesContractRates(_ grant: Grant) -> Bool {
        grant.read >= 5
    }

    /// What is wrong with `granter` giving someone `role` with `read` and `write` (each field named as the request
    /// names it): nobody grants a level above their own, only an owner grants the owner role, and an owner has
    /// read and write level 5.
    public static func contractGrantProblems(role: Int, read: Int, write: Int, by granter: Grant) -> ValidationErrors {
        var problems = ValidationErrors()
        if role == 1 && granter.role != 1 {
            problems.add(.custom("Only an owner may make someone an owner."), at: "role_id")
        }
        if role == 1 && (read < 5 || write < 5) {
            problems.add(.custom("An owner has read and write level 5."), at: read < 5 ? "read" : "write")
        }
        if read > granter.read {
            problems.add(.custom("You cannot grant read level \(read): yours is \(granter.read)."), at: "read")
        }
        if write > granter.write {
            problems.add(.custom("You cannot grant write level \(write): yours is \(granter.write)."), at: "write")
        }
        return problems
    }
}
