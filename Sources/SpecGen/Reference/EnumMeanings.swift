/// What each value of an `enum` means, for the reference page: from an `x-enum-descriptions` extension (an
/// object of value → meaning, or a list in the enum's order), or else from a description that lists every value
/// with its meaning, the way the spec writes them: `100 pending, 200 confirmed, 400 declined.`,
/// `Role in the event: 1 owner, 2 admin.`, `deposit credits the wallet; charge debits it.` or
/// `Reopen (100), decline (400) or cancel (777).`
enum EnumMeanings {
    /// The meaning of every value, in the enum's order; nil unless every value has one.
    /// A `null` member needs none (it is written "no value").
    static func meanings(of values: [SpecValue], schema: SchemaObject?, description: String?) -> [String]? {
        guard !values.isEmpty else { return nil }
        if let schema, let fromExtension = fromExtension(values, schema.extensions) { return fromExtension }
        guard let description else { return nil }
        let named = values.filter { $0 != .null }
        guard !named.isEmpty,
            let found = fromDescription(named, description) ?? fromParentheses(named, description)
        else { return nil }
        var meanings = found[...]
        return values.map { $0 == .null ? "no value" : meanings.removeFirst() }
    }

    /// Values in parentheses after their meaning: `Reopen (100), decline (400), hold (444) or cancel (777).`
    private static func fromParentheses(_ values: [SpecValue], _ description: String) -> [String]? {
        var meanings: [String] = []
        for value in values {
            guard let mark = description.firstRange(of: " (" + label(value) + ")") else { return nil }
            var before = Substring(description[..<mark.lowerBound])
            for separator in [", ", "; ", ": ", " or ", " and ", ". "] {
                if let last = before.ranges(of: separator).last { before = before[last.upperBound...] }
            }
            let meaning = before.trimmingSpaces()
            guard !meaning.isEmpty else { return nil }
            meanings.append(meaning)
        }
        return meanings
    }

    /// `x-enum-descriptions` (or `x-enumDescriptions`) as an object keyed by value or a list by position.
    private static func fromExtension(_ values: [SpecValue], _ extensions: OrderedMap<SpecValue>) -> [String]? {
        guard let given = extensions["x-enum-descriptions"] ?? extensions["x-enumDescriptions"] else { return nil }
        switch given {
        case .array(let items) where items.count == values.count:
            let texts = items.compactMap(\.stringValue)
            return texts.count == values.count ? texts : nil
        case .object(let members):
            let texts = values.compactMap { value in
                members.first { $0.name == label(value) }?.value.stringValue
            }
            return texts.count == values.count ? texts : nil
        default:
            return nil
        }
    }

    /// Items of a description separated by `,` or `;`, each starting with a value and going on with its meaning.
    private static func fromDescription(_ values: [SpecValue], _ description: String) -> [String]? {
        var text = Substring(description)
        // A lead-in such as "Role in the event: " or "Read level 0..5 (see docs/domain.md): ".
        if let colon = text.firstRange(of: ": ") { text = text[colon.upperBound...] }
        var meanings: [String: String] = [:]
        for item in text.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            var item = item.trimmingSpaces()
            if let note = item.firstRange(of: " (see ") { item = String(item[..<note.lowerBound]) }
            while item.last == "." { item.removeLast() }
            guard let space = item.firstIndex(of: " ") else { continue }
            var value = String(item[..<space])
            if value.count > 2, value.first == "`", value.last == "`" { value = String(value.dropFirst().dropLast()) }
            let meaning = item[item.index(after: space)...].trimmingSpaces()
            if !meaning.isEmpty, meanings[value] == nil { meanings[value] = meaning }
        }
        let found = values.compactMap { meanings[label($0)] }
        return found.count == values.count ? found : nil
    }

    /// The value as a description writes it: a string bare, anything else as JSON.
    static func label(_ value: SpecValue) -> String {
        value.stringValue ?? value.description
    }
}
