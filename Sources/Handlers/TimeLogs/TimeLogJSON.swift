/// How a row of `time_logs` (aliased `tl`) becomes the spec's `TimeLog` in SQL, written once for every read. The
/// session benefits its hand: `benefitable` is the hand whatever it was started on.
enum TimeLogJSON {
    static let sql: SQLFragment =
        """
        jsonb_build_object(
            'id', tl.id, 'user_id', tl.user_id, 'start', tl.start, 'end', tl."end", 'status_id', tl.status_id,
            'timezone', tl.timezone, 'label', tl.label, 'trackable_type', tl.trackable_type,
            'trackable_id', tl.trackable_id, 'benefitable_type', 'ContractHand', 'benefitable_id', tl.hand_id,
            'created_at', tl.created_at, 'updated_at', tl.updated_at, 'deleted_at', tl.deleted_at)
        """
}
