import Generated

/// The one place that answers "may this caller see this object, and what may they do with it", from the roles and
/// levels of docs/domain.md. Handlers load the object, ask here, and act on the ``Grant``; none checks ownership
/// or membership by hand.
///
/// The rule for every object (docs/domain.md "Access"): no grant means the caller may not see the object, and the
/// handler answers 404 exactly as for an id that does not exist; a grant whose write level is too low for the
/// change asked answers 403.
public enum AccessPolicy {
    /// The levels of an object's owner, as schedules count them (docs/domain.md "Schedule participants").
    public static let owner = Grant(role: 1, read: 2, write: 3)
    /// A signed-in caller looking at someone's public kal or schedule: its public items, no changes.
    public static let publicViewer = Grant(role: nil, read: 1, write: 0)

    /// A kal: its owner has ``owner``; a contract's kal (type 2) gives the members of its live contract their
    /// contract role and levels (`contractMembership`, from ``contract(membership:isArchived:restoring:)``);
    /// anyone signed in sees a public kal as ``publicViewer``; a private kal is invisible to everyone else.
    public static func kal(_ kal: Types.Kal, contractMembership: Grant? = nil, for caller: Caller) -> Grant? {
        if caller.owns(type: kal.ownerType.rawValue, id: kal.userId) { return owner }
        if kal.ownerType.rawValue == "Contract", let contractMembership { return contractMembership }
        if case .anonymous = caller { return nil }
        return kal.private_ ? nil : publicViewer
    }

    /// Who may change a kal's own fields, and why not: only its owner, and only a personal kal (a contract's kal
    /// follows the contract, an imported one its source).
    public static func requireKalChange(_ kal: Types.Kal, grant: Grant) throws(Problem) {
        try grant.requireWrite(3, "Only the owner of this kal may change or delete it.")
        if kal.typeId != .value1 {
            throw Problem.forbidden(
                kal.typeId == .value2
                    ? "This is a contract's kal: it changes with its contract."
                    : "This kal mirrors an external calendar: change it there.")
        }
    }

    /// A schedule of a kal the caller sees: its owner and participants see it whatever its privacy (with their
    /// participant levels); anyone else sees only a public one, free/busy.
    public static func schedule(
        isPrivate: Bool, ownedByCaller: Bool, participant: Grant?, caller: Caller
    ) -> Grant? {
        if ownedByCaller { return owner }
        if let participant { return participant }
        if case .anonymous = caller { return nil }
        return isPrivate ? nil : publicViewer
    }

    /// An event (docs/domain.md "Events"): its creator and the owner of its kal have ``owner``; a participant of
    /// its schedule has their participant levels; an attendee reads it in full and changes only their own answer
    /// (write 0); anyone signed in sees a public event of a public kal as ``publicViewer``. Nobody else sees it.
    /// Contract events will take their members' contract levels once contracts exist.
    public static func event(
        isCreator: Bool, ownsKal: Bool, scheduleParticipant: Grant?, attendeeRole: Int?, isPublic: Bool,
        caller: Caller
    ) -> Grant? {
        if isCreator || ownsKal { return owner }
        if let scheduleParticipant { return scheduleParticipant }
        if let attendeeRole { return Grant(role: attendeeRole, read: 2, write: 0) }
        if case .anonymous = caller { return nil }
        return isPublic ? publicViewer : nil
    }

    /// Which events of a kal a grant shows in full: everything from read level 2; below, the public events and
    /// those the caller attends. Private events are left out for the rest (their time still makes the owner's
    /// schedules busy).
    public static func eventVisibility(_ grant: Grant, caller: Caller) -> EventVisibility {
        if grant.read >= 2 { return .all }
        if case .user(let id) = caller { return .publicOrAttendedBy(userID: id) }
        return .publicOnly
    }

    /// What ``eventVisibility(_:caller:)`` decided, for the query that lists events.
    public enum EventVisibility: Sendable, Hashable {
        case all
        case publicOrAttendedBy(userID: Int)
        case publicOnly
    }
}
