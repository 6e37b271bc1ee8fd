/// How a row of `events` (aliased `e`) becomes the spec's `Event` in SQL: the row's columns are the spec's fields,
/// less `ends_at` (kept for range tests), with `amount` as an exact decimal string (docs/domain.md "Money").
/// Every read of events selects this one expression.
enum EventJSON {
    static let sql: SQLFragment = "(to_jsonb(e) - 'ends_at' || jsonb_build_object('amount', money_text(e.amount)))"
}
