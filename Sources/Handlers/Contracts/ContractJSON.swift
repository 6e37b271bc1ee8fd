/// How contract rows become the spec's JSON in SQL, written once for every read.
///
/// The hand and member expressions show rates to whoever may see them: the query they sit in joins a one-row
/// `viewer` with `viewer.user_id` (the caller) and `viewer.sees_rates` (``AccessPolicy/seesContractRates(_:)``).
enum ContractJSON {
    /// A row of `contracts` (aliased `c`) as the spec's `Contract`: its columns are the spec's fields.
    static let contract: SQLFragment = "to_jsonb(c)"

    /// A row of `contract_hands` (aliased `h`) as the spec's `Hand`. The rate shows to a viewer who may see rates
    /// and to the hand's own user; `is_working` says whether it has a running time log.
    static let hand: SQLFragment = """
        (to_jsonb(h) || jsonb_build_object(
            'price', CASE WHEN viewer.sees_rates OR h.user_id = viewer.user_id THEN h.price END,
            'is_working', EXISTS (SELECT 1 FROM time_logs tl WHERE tl.hand_id = h.id AND tl.status_id = 100)))
        """

    /// A row of `contract_users` (aliased `cu`) joined to its `users` row (`u`) as the spec's `ContractUser`, with
    /// the member's live hands, oldest first.
    static let member: SQLFragment =
        """
        jsonb_build_object('contract_id', cu.contract_id, 'user_id', cu.user_id, 'role_id', cu.role_id,
                           'read', cu.read, 'write', cu.write, 'user',
        """ + PublicUserJSON.sql
            + """
            , 'hands', coalesce((SELECT jsonb_agg(
            """ + hand
            + """
             ORDER BY h.id) FROM contract_hands h
                WHERE h.contract_id = cu.contract_id AND h.user_id = cu.user_id AND h.deleted_at IS NULL), '[]'::jsonb))
            """

    /// The spec's `ContractTotals` of a contract (aliased `c`) over the transactions of its kal (events of type
    /// 4 not deleted): a deposit is a transaction with `credit`, a charge one without; every sum is numeric, and
    /// an empty ledger gives zeros ("0.00").
    static let totals: SQLFragment = """
        (SELECT jsonb_build_object(
                    'currency', c.currency,
                    'minutes', coalesce(sum(t.duration) FILTER (WHERE NOT t.credit), 0),
                    'charged', money_text(coalesce(sum(t.amount) FILTER (WHERE NOT t.credit), 0)),
                    'deposited', money_text(coalesce(sum(t.amount) FILTER (WHERE t.credit), 0)),
                    'balance', money_text(coalesce(sum(t.amount) FILTER (WHERE t.credit), 0)
                                          - coalesce(sum(t.amount) FILTER (WHERE NOT t.credit), 0)),
                    'unpaid', money_text(coalesce(sum(t.amount) FILTER (
                                  WHERE NOT t.credit AND t.payment_status_id IN (100, 200)), 0)))
         FROM events t WHERE t.kal_id = c.kal_id AND t.type_id = 4 AND t.deleted_at IS NULL)
        """
}
