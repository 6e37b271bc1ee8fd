/// Schema pairs already compared and found to allow exactly the same values, shared by every operation of one
/// diff: a component used by a hundred operations is walked once when it did not change.
///
/// A pair is identified by where its schemas are in each spec (their source paths) and the side, which is all
/// a comparison depends on apart from its field name. A walk that the recursion guard cut short proves nothing
/// for other places, so only complete walks are remembered.
final class UnchangedSchemas {
    /// One comparison: the places of the old and the new schemas, and the side.
    struct Key: Hashable {
        var old: [SpecPath]
        var new: [SpecPath]
        var side: ChangeSide
    }

    private var pairs: Set<Key> = []

    init() {}

    /// The key of comparing `before` with `after` on `side`.
    static func key(_ before: [Schema], _ after: [Schema], on side: ChangeSide) -> Key {
        Key(old: before.map(\.source.path), new: after.map(\.source.path), side: side)
    }

    /// Whether the pair is known to be unchanged.
    func contains(_ key: Key) -> Bool { pairs.contains(key) }

    /// Remembers an unchanged pair.
    func insert(_ key: Key) { pairs.insert(key) }
}
