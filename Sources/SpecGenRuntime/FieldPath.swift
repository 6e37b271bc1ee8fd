/// Where a value sits in a request: `name`, `skills.3`, `links.0.url`, keyed the way Laravel keys its errors.
///
/// Errors are keyed by the dotted path so clients written against the original Laravel service read them
/// unchanged. The empty path is the request body itself.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// One step: an object key or an array index.
    public enum Component: Sendable, Hashable {
        /// An object member's name.
        case key(String)
        /// An array element's position, from 0.
        case index(Int)
    }

    /// The steps from the body (or the parameter list) down to the value.
    public private(set) var components: [Component]

    /// The request body itself.
    public static let root = FieldPath()

    /// The key under which errors about the whole body are filed, e.g. a body that is an array, not an object.
    public static let rootKey = "body"

    /// A path of the given steps.
    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// Reads a dotted key: `"links.0.url"` is key `links`, index 0, key `url` (digits-only parts are indexes).
    public init(stringLiteral dotted: String) {
        self.init(dotted: dotted)
    }

    /// Reads a dotted key: `"links.0.url"` is key `links`, index 0, key `url` (digits-only parts are indexes).
    public init(dotted: String) {
        if dotted.isEmpty {
            self.components = []
            return
        }
        self.components = dotted.split(separator: ".", omittingEmptySubsequences: false).map { part in
            if !part.isEmpty, part.utf8.allSatisfy(\.isASCIIDigit), let index = Int(part) { return .index(index) }
            return .key(String(part))
        }
    }

    /// Whether this is the body itself.
    public var isRoot: Bool { components.isEmpty }

    /// The path one key further down.
    public func appending(_ key: String) -> FieldPath {
        var copy = self
        copy.components.append(.key(key))
        return copy
    }

    /// The path one array element further down.
    public func appending(index: Int) -> FieldPath {
        var copy = self
        copy.components.append(.index(index))
        return copy
    }

    /// Steps down in place (the validator's hot path: no copy).
    mutating func push(_ component: Component) { components.append(component) }

    /// Steps back up in place.
    mutating func pop() { components.removeLast() }

    /// The Laravel error key: `links.0.url`; ``rootKey`` for the body itself.
    public var key: String {
        if components.isEmpty { return Self.rootKey }
        var text = ""
        for (position, component) in components.enumerated() {
            if position > 0 { text += "." }
            switch component {
            case .key(let key): text += key
            case .index(let index): text += String(index)
            }
        }
        return text
    }

    /// The name a message uses, as Laravel shows it: a path through an array element is shown whole
    /// (`links.0.url`, as Laravel shows wildcard attributes); any other path is snake-cased with underscores as
    /// spaces (`owner_email` → `owner email`, `ownerEmail` → `owner email`).
    public var attribute: String {
        if components.isEmpty { return "request body" }
        let key = self.key
        if components.contains(where: { if case .index = $0 { true } else { false } }) { return key }
        return Self.snakeCased(key).replacingOccurrences(of: "_", with: " ")
    }

    public var description: String { key }

    /// Laravel's `Str::snake`, minus its oddities: a word boundary before each capital that follows a lower-case
    /// letter or digit (`ownerEmail` → `owner_email`), then lower-cased; `X-Request-Id` stays `x-request-id`
    /// (Laravel would print `x- request- id`).
    static func snakeCased(_ text: String) -> String {
        guard text.contains(where: \.isUppercase) else { return text }
        var result = ""
        var previous: Character?
        for character in text {
            if character.isUppercase, let previous, previous.isLowercase || previous.isNumber {
                result.append("_")
            }
            result += character.lowercased()
            previous = character
        }
        return result
    }
}

extension String {
    /// Replaces every `target` with `replacement` without Foundation's overhead for the one-character case.
    fileprivate func replacingOccurrences(of target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
