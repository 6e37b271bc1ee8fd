/// Schema pairs already compared and found to allow exactly the same values, shared by every operation of one
/// diff: a component used by a hundred operations is walked once when it did not change.
///
/// A pair is identified by where its schemas are in each spec (their source paths) and the side, which is all
/// a comparison depends on apart from its field name. A walk that the recursion guard cut short proves nothing
/// for other places, so only complete walks are remembered.
final class UnchangedSchemas {
    private var pairs: Set<String> = []

    init() {}

    /// The key of comparing `before` with `after` on `side`.
    static func key(_ before: [Schema], _ after: [Schema], on side: ChangeSide) -> String {
        let old = before.map(\.source.path.description).joined(separator: ",")
        let new = after.map(\.source.path.description).joined(separator: ",")
        return "\(side) \(old) | \(new)"
    }

    /// Whether the pair is known to be unchanged.
    func contains(_ key: String) -> Bool { pairs.contains(key) }

    /// Remembers an unchanged pair.
    func insert(_ key: String) { pairs.insert(key) }
}
