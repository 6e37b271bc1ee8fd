/// How a transaction row of `events` (type 4, aliased `e`) becomes the spec's `Transaction` in SQL: its money
/// fields with `amount` as an exact decimal string (docs/domain.md "Money in JSON"). Every read of transactions
/// selects this one expression.
enum TransactionJSON {
    static let sql: SQLFragment =
        """
        jsonb_build_object(
            'id', e.id, 'type_id', e.type_id, 'status_id', e.status_id, 'payment_status_id', e.payment_status_id,
            'credit', e.credit, 'label', e.label, 'description', e.description, 'date', e.date,
            'duration', e.duration, 'amount', money_text(e.amount), 'currency', e.currency, 'user_id', e.user_id,
            'kal_id', e.kal_id, 'parent_id', e.parent_id, 'benefitable_type', e.benefitable_type,
            'benefitable_id', e.benefitable_id, 'billable_type', e.billable_type, 'billable_id', e.billable_id,
            'bill_id', e.bill_id, 'files', to_jsonb(e.files), 'created_at', e.created_at, 'updated_at', e.updated_at)
        """
}
