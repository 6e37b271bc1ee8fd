import Generated

/// The corrections half of the one access policy (docs/domain.md "Event corrections", "Profile corrections";
/// docs/corrections.md): who reads an event in full, who proposes and votes on its corrections, what others may
/// propose on a profile and when the votes on a profile correction decide it.
extension AccessPolicy {
    /// Whether `grant` shows the event itself (getEvent and its corrections) rather than only the busy time it
    /// makes: to its attendees always; otherwise read level 2 (creator, kal owner, a member or participant with
    /// full read), or read level 1 for an event that is not private (a public event of a public kal, or one a
    /// participant's schedule shows).
    public static func readsEventInFull(_ grant: Grant, attends: Bool, isPrivate: Bool) -> Bool {
        attends || grant.read >= 2 || (grant.read >= 1 && !isPrivate)
    }

    /// Proposing corrections to an event: an attendee may, or anyone with write level 2 on it (its creator, its
    /// kal's owner, a participant or member with write level 2).
    public static func requireEventProposal(_ grant: Grant, attends: Bool) throws(Problem) {
        if attends { return }
        try grant.requireWrite(
            2, "Only the event's attendees, or someone with write level 2 on it, may propose corrections.")
    }

    /// Voting on an event's corrections: its voters are its creator and attendees; the proposer of a correction
    /// does not vote on it; and only an account whose owner has proved their email (signed in once) votes.
    public static func requireEventVote(isVoter: Bool, proposedOne: Int?, emailVerified: Bool) throws(Problem) {
        if !isVoter { throw Problem.forbidden("Only the event's creator and attendees vote on its corrections.") }
        if !emailVerified { throw Problem.forbidden(unverifiedVoter) }
        if let proposedOne {
            throw Problem.forbidden("You proposed correction \(proposedOne): its proposer does not vote on it.")
        }
    }

    /// The fields of a profile nobody but its owner sets: contact details (revealed, never corrected), the salary
    /// expectation (the owner's own statement) and uploads (the owner's own files). Sending one is a 403.
    public static func requireProfileCorrection(_ body: Types.UpdateOtherUserRequest) throws(Problem) {
        let owners = [
            ("email", body.email != nil), ("phone", body.phone != nil), ("sallary", body.sallary != nil),
            ("ava_id", body.avaId != nil), ("cv_id", body.cvId != nil),
        ].filter(\.1).map(\.0)
        if !owners.isEmpty {
            throw Problem.forbidden(
                "Only the profile's owner sets \(owners.joined(separator: ", ")): nobody else may correct it.")
        }
    }

    /// Voting on a profile correction: not its author, and only an account whose owner has signed in once.
    public static func requireProfileVote(isAuthor: Bool, emailVerified: Bool) throws(Problem) {
        if isAuthor { throw Problem.forbidden("You proposed this correction: its author does not vote on it.") }
        if !emailVerified { throw Problem.forbidden(unverifiedVoter) }
    }

    /// What the votes on a profile correction decide: the owner's vote alone; otherwise a lead of
    /// ``profileCorrectionMargin`` approvals applies it and the same lead of rejections rejects it. nil: still open.
    public static func profileCorrectionOutcome(ownerVote: Bool?, approvals: Int, rejections: Int) -> Bool? {
        if let ownerVote { return ownerVote }
        if approvals - rejections >= profileCorrectionMargin { return true }
        if rejections - approvals >= profileCorrectionMargin { return false }
        return nil
    }

    /// How far approvals must lead rejections (or the reverse) to decide a profile correction without its owner.
    public static let profileCorrectionMargin = 3

    static let unverifiedVoter =
        "Your email is not verified: an account made for you by someone else votes once you have signed in."
}

/// Events in a contract's kal (the one event access rule of issue #15): besides the creator, the kal's owner,
/// attendees and schedule participants (``AccessPolicy/event(isCreator:ownsKal:scheduleParticipant:attendeeRole:isPublic:caller:)``),
/// the contract's members see them by their read level (``AccessPolicy/contractEventVisibility(_:)``).
extension AccessPolicy {
    /// `grant` (what the event gives the caller otherwise) joined with the caller's membership of the contract
    /// whose kal the event is in: a membership that shows this event gives its levels where they are higher.
    public static func event(
        _ grant: Grant?, contractMembership: Grant?, isTransaction: Bool, isOwn: Bool
    ) -> Grant? {
        guard let contractMembership,
            contractEventVisibility(contractMembership).shows(isTransaction: isTransaction, isOwn: isOwn)
        else { return grant }
        guard let grant else { return contractMembership }
        return Grant(
            role: grant.role ?? contractMembership.role, read: max(grant.read, contractMembership.read),
            write: max(grant.write, contractMembership.write))
    }
}
