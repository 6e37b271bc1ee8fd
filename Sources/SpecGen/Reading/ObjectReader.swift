/// Reads the fields of one OpenAPI object (a YAML mapping), remembering which keys were read so that
/// the rest can be reported instead of silently skipped.
///
/// Each accessor reports a wrong-typed value as an error at the value's place and returns nil, so a
/// reader function goes on and every problem of the object is reported in one run.
struct ObjectReader {
    /// The shared state.
    let context: ReadingContext
    /// The object's node.
    let node: SpecNode
    /// The object's mapping.
    let mapping: YAMLMapping
    /// The OpenAPI name of the object, for messages: "Operation Object".
    let objectName: String
    /// The keys read or asked for so far, used for "did you mean" suggestions.
    private var known: Set<String> = []

    /// Starts reading `node` as an object; reports an error and returns nil when it is not a mapping.
    init?(_ node: SpecNode, _ context: ReadingContext, as objectName: String) {
        guard let mapping = node.node.mapping else {
            context.error("expected a mapping (\(objectName)), found \(node.node.kindDescription)", at: node)
            return nil
        }
        self.context = context
        self.node = node
        self.mapping = mapping
        self.objectName = objectName
    }

    /// Whether the object has `key`.
    mutating func has(_ key: String) -> Bool {
        known.insert(key)
        return mapping[key] != nil
    }

    /// The child node under `key`, if present.
    mutating func node(_ key: String) -> SpecNode? {
        known.insert(key)
        return mapping.entry(key).map { SpecNode(node: $0.value, path: node.path / key, keyMark: $0.key.mark) }
    }

    /// Marks keys as understood without reading them (documentation-only fields such as `externalDocs`).
    mutating func accept(_ keys: String...) {
        known.formUnion(keys)
    }

    /// Reports an error for `key` when present: a construct SpecGen cannot generate code for.
    mutating func refuse(_ key: String, _ message: String, hint: String? = nil) {
        if let child = node(key) { context.error(message, at: child, hint: hint) }
    }

    /// A string field. Any scalar gives its text as written (`version: 1.0` is "1.0"); an empty or `~`
    /// value is an error, since nobody means an empty string that way.
    mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let child = node(key) else {
            if required {
                context.error("\(objectName) is missing the required field '\(key)'", at: node)
            }
            return nil
        }
        return Self.string(child, context, field: key)
    }

    /// The text of a scalar node, with the checks of ``string(_:required:)``.
    static func string(_ child: SpecNode, _ context: ReadingContext, field: String) -> String? {
        guard let scalar = child.node.scalar else {
            context.error("'\(field)' must be a string, found \(child.node.kindDescription)", at: child)
            return nil
        }
        if scalar.style.isPlain && scalar.tag == nil && (scalar.text.isEmpty || scalar.text == "~") {
            context.error("'\(field)' must be a string, found an empty value", at: child)
            return nil
        }
        return scalar.text
    }

    /// A boolean field: plain `true`/`false` only (`yes` is a string in YAML 1.2).
    mutating func bool(_ key: String) -> Bool? {
        guard let child = node(key) else { return nil }
        if let scalar = child.node.scalar, case .success(.bool(let value)) = ScalarTyping.coreValue(of: scalar) {
            return value
        }
        let found = child.node.scalar.map { "'\($0.text)'" } ?? child.node.kindDescription
        context.error(
            "'\(key)' must be true or false, found \(found)", at: child,
            hint: "YAML 1.2 reads yes/no/on/off as strings")
        return nil
    }

    /// A number field, exact.
    mutating func number(_ key: String) -> SpecNumber? {
        guard let child = node(key) else { return nil }
        return Self.number(child, context, field: key)
    }

    /// The number of a scalar node, or an error.
    static func number(_ child: SpecNode, _ context: ReadingContext, field: String) -> SpecNumber? {
        if let scalar = child.node.scalar {
            switch ScalarTyping.coreValue(of: scalar) {
            case .success(.number(let number)): return number
            case .failure(let problem):
                context.error(problem.message, at: child)
                return nil
            default: break
            }
        }
        let found = child.node.scalar.map { "'\($0.text)'" } ?? child.node.kindDescription
        context.error("'\(field)' must be a number, found \(found)", at: child)
        return nil
    }

    /// A non-negative integer field (`minLength`, `maxItems`…).
    mutating func count(_ key: String) -> Int? {
        guard let child = node(key) else { return nil }
        guard let number = Self.number(child, context, field: key) else { return nil }
        guard let value = number.int64Value, value >= 0, let count = Int(exactly: value) else {
            context.error("'\(key)' must be a non-negative integer, found \(number)", at: child)
            return nil
        }
        return count
    }

    /// A list of strings (`tags`, `required`).
    mutating func strings(_ key: String) -> [String]? {
        guard let child = node(key) else { return nil }
        guard let items = child.items else {
            context.error("'\(key)' must be a list of strings, found \(child.node.kindDescription)", at: child)
            return nil
        }
        return items.compactMap { Self.string($0, context, field: key) }
    }

    /// The entries of a mapping field (`properties`, `responses`), in order.
    mutating func entries(_ key: String) -> [(name: String, node: SpecNode, keyMark: YAMLMark)]? {
        guard let child = node(key) else { return nil }
        guard let entries = child.entries else {
            context.error("'\(key)' must be a mapping, found \(child.node.kindDescription)", at: child)
            return nil
        }
        return entries
    }

    /// The items of a sequence field (`parameters`, `allOf`), in order.
    mutating func items(_ key: String) -> [SpecNode]? {
        guard let child = node(key) else { return nil }
        guard let items = child.items else {
            context.error("'\(key)' must be a list, found \(child.node.kindDescription)", at: child)
            return nil
        }
        return items
    }

    /// The `x-` extensions, typed by the core rules.
    mutating func extensions() -> OrderedMap<SpecValue> {
        var extensions = OrderedMap<SpecValue>()
        for entry in mapping.entries where entry.key.text.hasPrefix("x-") {
            let child = SpecNode(node: entry.value, path: node.path / entry.key.text)
            known.insert(entry.key.text)
            if let value = ValueReading.value(of: child, hint: nil, context) {
                extensions[entry.key.text] = value
            }
        }
        return extensions
    }

    /// Reports every key nobody read: a typo (`requried`) would otherwise silently drop a rule.
    /// `x-` extensions are allowed everywhere.
    func finish() {
        for entry in mapping.entries where !known.contains(entry.key.text) && !entry.key.text.hasPrefix("x-") {
            let key = entry.key.text
            let child = SpecNode(node: entry.value, path: node.path / key)
            var hint: String?
            if let suggestion = Spelling.closest(to: key, among: known) {
                hint = "did you mean '\(suggestion)'?"
            }
            context.diagnostics.warning(
                "unknown field '\(key)' in \(objectName) is ignored", at: child.path, entry.key.mark, hint: hint)
        }
    }
}

/// Finds the known word a misspelt key was probably meant to be.
enum Spelling {
    /// The candidate within edit distance 2 (1 for short keys) of `word`, or nil.
    static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let limit = word.count <= 4 ? 1 : 2
        var best: (String, Int)?
        for candidate in candidates.sorted() {
            let distance = editDistance(Array(word.lowercased()), Array(candidate.lowercased()))
            if distance <= limit, best.map({ distance < $0.1 }) ?? true { best = (candidate, distance) }
        }
        return best?.0
    }

    /// Levenshtein distance with adjacent transpositions (`requried` → `required` is 1).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            previousPrevious = previous
            previous = current
        }
        return previous[b.count]
    }
}
