import Generated
import Metrics

/// The counters of billed calls (docs/metrics.md): `ceki_billed_calls_total{usage_type, charge="paid"|"free"}`
/// for calls performed, `ceki_payment_required_total{usage_type}` for the 402s that refused one. Made once per
/// usage type, so that a call only increments.
struct BillingMetrics: Sendable {
    private let paid: [Types.UsageEntry.Type_: Counter]
    private let free: [Types.UsageEntry.Type_: Counter]
    private let refused: [Types.UsageEntry.Type_: Counter]

    init(factory: any MetricsFactory) {
        func counters(_ label: String, _ extra: [(String, String)] = []) -> [Types.UsageEntry.Type_: Counter] {
            Dictionary(
                uniqueKeysWithValues: Types.UsageEntry.Type_.allCases.map { usage in
                    (
                        usage,
                        Counter(label: label, dimensions: [("usage_type", usage.rawValue)] + extra, factory: factory)
                    )
                })
        }
        paid = counters("ceki_billed_calls_total", [("charge", "paid")])
        free = counters("ceki_billed_calls_total", [("charge", "free")])
        refused = counters("ceki_payment_required_total")
    }

    /// A billed call was performed: charged to a wallet (`paid`) or within a free allowance.
    func billed(_ usage: Types.UsageEntry.Type_, paid isPaid: Bool) {
        (isPaid ? paid : free)[usage]?.increment()
    }

    /// A billed call was refused with a 402 (an empty wallet, or an agent awaiting its activation deposit).
    func paymentRequired(_ usage: Types.UsageEntry.Type_) {
        refused[usage]?.increment()
    }
}
