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

/// The contract's ledger (docs/domain.md "The ledger as built"): charges, deposits, their payment state and bills.
extension AccessPolicy {
    /// Deposits, approving, paying and deleting transactions, and bills need write level 4.
    public static func requireContractMoney(_ grant: Grant, _ action: String) throws(Problem) {
        try grant.requireWrite(4, "Only members with write level 4 may \(action); yours is \(grant.write).")
    }

    /// The status a new charge gets from who records it: 200 (confirmed) at write level 4, 100 (a claim) when a
    /// hand charges themselves at write level 2; anything else is a 403.
    public static func chargeStatus(_ grant: Grant, isOwnHand: Bool) throws(Problem) -> Int {
        if grant.write >= 4 { return 200 }
        if isOwnHand && grant.write >= 2 { return 100 }
        throw Problem.forbidden(
            isOwnHand
                ? "Charging your own hand needs write level 2; yours is \(grant.write)."
                : "Charging another member's hand needs write level 4; yours is \(grant.write).")
    }

    /// The status an edited charge gets: write level 4 edits any charge (200); write level 2 edits one's own
    /// charge while it is not approved (it stays a claim, 100); anything else is a 403.
    public static func chargeEditStatus(_ grant: Grant, isOwnCharge: Bool, isApproved: Bool) throws(Problem) -> Int {
        if grant.write >= 4 { return 200 }
        if isOwnCharge && grant.write >= 2 {
            if isApproved {
                throw Problem.forbidden("This charge is approved: only members with write level 4 may change it now.")
            }
            return 100
        }
        throw Problem.forbidden(
            "Changing another member's charge needs write level 4; yours is \(grant.write).")
    }

    /// Whether `grant` deletes this transaction: write level 4 any; write level 2 one's own unapproved charge.
    public static func deletesTransaction(_ grant: Grant, isOwnCharge: Bool, isApproved: Bool) -> Bool {
        grant.write >= 4 || (grant.write >= 2 && isOwnCharge && !isApproved)
    }

    /// A participant's transactions: one's own always, another member's at read level 3.
    public static func requireTransactions(_ grant: Grant, ofSelf: Bool) throws(Problem) {
        if !ofSelf && grant.read < 3 {
            throw Problem.forbidden("Another member's transactions need read level 3; yours is \(grant.read).")
        }
    }

    /// The contract's bills: read level 4.
    public static func requireContractBills(_ grant: Grant, privacy: Int) throws(Problem) {
        if grant.read < 4 { throw Problem.forbidden("The contract's bills need read level 4; yours is \(grant.read).") }
        // A bill adds up every hand's charges, so under privacy 1 or 2 (amounts not shown to every member) it is
        // the owner's alone, as the contract's totals are.
        if !seesContractTotals(grant, privacy: privacy) {
            throw Problem.forbidden("This contract's amounts are private: only its owner reads its bills.")
        }
    }
}

/// The contract events half (docs/domain.md "Contract events as built"): what a member's read level shows and who
/// changes, assigns and attaches.
extension AccessPolicy {
    /// Which of a contract's events a grant reads: read 3 all of them; read 2 every event but others'
    /// transactions; read 1 only the member's own (created, attended, or assigned to their hand); read 0 none.
    public struct ContractEventVisibility: Sendable, Hashable {
        /// Every event, transactions included.
        public let all: Bool
        /// Every event that is not a transaction.
        public let allButTransactions: Bool
        /// The caller's own events.
        public let own: Bool

        /// Whether an event of this kind is shown.
        public func shows(isTransaction: Bool, isOwn: Bool) -> Bool {
            all || (allButTransactions && !isTransaction) || (own && isOwn)
        }
    }

    /// What `grant` shows of a contract's events.
    public static func contractEventVisibility(_ grant: Grant) -> ContractEventVisibility {
        ContractEventVisibility(all: grant.read >= 3, allButTransactions: grant.read >= 2, own: grant.read >= 1)
    }

    /// Changing a contract event directly is its creator's, or a member's with write level 3.
    public static func requireContractEventChange(_ grant: Grant, isCreator: Bool) throws(Problem) {
        if isCreator && grant.write >= 1 { return }
        try grant.requireWrite(
            3, "Only the event's creator or a member with write level 3 may change it; yours is \(grant.write).")
    }

    /// Assigning an event to a hand (its benefitable): one's own hand with the level the event itself needs,
    /// anyone else's with write level 3.
    public static func requireContractAssignment(_ grant: Grant, toOwnHand: Bool) throws(Problem) {
        if toOwnHand { return }
        try grant.requireWrite(
            3, "Only members with write level 3 may assign events to other hands; yours is \(grant.write).")
    }
}
