/// Named values in the order the spec lists them: components, properties, responses.
///
/// Generated code is read by people, so it follows the spec's order; lookups by name are still O(1).
struct OrderedMap<Value: Sendable>: Sendable, Sequence {
    /// One named value.
    struct Element: Sendable {
        var name: String
        var value: Value
    }

    private(set) var elements: [Element] = []
    private var index: [String: Int] = [:]

    init() {}

    /// The value named `name`, or nil. Setting a new name appends it; setting an existing one replaces it
    /// in place; setting nil removes it.
    subscript(name: String) -> Value? {
        get { index[name].map { elements[$0].value } }
        set {
            if let position = index[name] {
                if let newValue {
                    elements[position].value = newValue
                } else {
                    elements.remove(at: position)
                    index = [:]
                    for (offset, element) in elements.enumerated() { index[element.name] = offset }
                }
            } else if let newValue {
                index[name] = elements.count
                elements.append(Element(name: name, value: newValue))
            }
        }
    }

    /// The names, in order.
    var names: [String] { elements.map(\.name) }

    /// The values, in order.
    var values: [Value] { elements.map(\.value) }

    var count: Int { elements.count }

    var isEmpty: Bool { elements.isEmpty }

    func makeIterator() -> IndexingIterator<[Element]> { elements.makeIterator() }
}
