/// Hands and their time logs (docs/domain.md "Time logs"): a hand is reached through its contract's membership,
/// and its own user always reaches it.
extension AccessPolicy {
    /// What `caller` may do with a hand of a contract: the membership's grant (``contract(membership:isArchived:restoring:)``),
    /// or, for the hand's own user without a membership (they left; their answered hands stay), read and write 0;
    /// nil (404) for anyone else and for every hand of an archived contract.
    public static func hand(membership: Grant?, isArchived: Bool, isOwnHand: Bool) -> Grant? {
        if let grant = contract(membership: membership, isArchived: isArchived) { return grant }
        return isOwnHand && !isArchived ? Grant(role: nil, read: 0, write: 0) : nil
    }

    /// Whether a hand's tracking state shows: to its own user and to members who read every transaction (read 3).
    public static func seesHandTracking(_ grant: Grant, isOwnHand: Bool) -> Bool {
        isOwnHand || grant.read >= 3
    }

    /// Only a hand's own user starts and stops its sessions: they are the one working (403 for everyone else who
    /// sees the hand).
    public static func requireOwnHand(_ isOwnHand: Bool, _ action: String) throws(Problem) {
        if !isOwnHand { throw Problem.forbidden("Only the hand's own user may \(action) its time tracking.") }
    }
}
