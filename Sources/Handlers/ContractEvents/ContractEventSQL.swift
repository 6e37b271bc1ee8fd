/// The SQL a contract's events are read with, written once. The query it sits in joins a one-row `viewer` with
/// `viewer.user_id` (the caller), as ``ContractJSON`` does for rates.
enum ContractEventSQL {
    /// Whether the event (aliased `e`) is the viewer's own (docs/domain.md "Contract events as built"): they created
    /// it, they attend it, or it is assigned to (benefits) one of their hands.
    static let isOwn: SQLFragment = """
        ((e.owner_type = 'User' AND e.user_id = viewer.user_id)
         OR EXISTS (SELECT 1 FROM event_users eu WHERE eu.event_id = e.id AND eu.user_id = viewer.user_id)
         OR (e.benefitable_type = 'ContractHand'
             AND EXISTS (SELECT 1 FROM contract_hands bh WHERE bh.id = e.benefitable_id AND bh.user_id = viewer.user_id)))
        """
}
