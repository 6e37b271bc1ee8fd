/// Turns any name a spec may hold (`last_updated_at`, `dates[from]`, `2fa`, `class`, `a"b\c`, names that differ
/// only in case or punctuation) into a Swift identifier that compiles and reads well.
///
/// Only ASCII letters and digits survive; everything else separates words (`last_updated_at` → `lastUpdatedAt`).
/// A name with no letters or digits becomes `empty`; one starting with a digit or equal to a keyword gets a `_` prefix or suffix, and ``SwiftNameScope``
/// makes names unique within one scope by numbering repeats, so no spec can produce Swift that fails to compile.
enum SwiftName {
    /// Words Swift reserves somewhere in declarations or expressions; a name equal to one gets a `_` suffix.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default",
        "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch",
        "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true",
        "try", "Type", "Protocol", "some", "any", "async", "consume", "copy", "discard", "each", "borrowing",
        "consuming", "actor", "macro", "package", "_",
    ]

    /// `UpperCamelCase` for types: `register-agent body` → `RegisterAgentBody`.
    static func typeName(_ name: String) -> String {
        let words = self.words(name)
        let joined = words.map { capitalized($0) }.joined()
        return legal(joined.isEmpty ? "Empty" : joined)
    }

    /// `lowerCamelCase` for properties, cases, functions: `last_updated_at` → `lastUpdatedAt`, `ID` → `id`.
    static func memberName(_ name: String) -> String {
        let words = self.words(name)
        guard let first = words.first else { return "empty" }
        let head = first.allSatisfy { $0.isUppercase || $0.isNumber } ? first.lowercased() : lowercasedFirst(first)
        return legal(head + words.dropFirst().map { capitalized($0) }.joined())
    }

    /// The ASCII-alphanumeric runs of `name`.
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in name.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Makes a joined name legal: `empty` for nothing, `_` before a leading digit, `_` after a keyword.
    static func legal(_ name: String) -> String {
        if name.isEmpty { return "empty" }
        if let first = name.first, first.isNumber { return "_" + name }
        if keywords.contains(name) { return name + "_" }
        return name
    }

    private static func capitalized(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst()
    }

    private static func lowercasedFirst(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.lowercased() + word.dropFirst()
    }
}

/// The names taken in one Swift scope (a type's members, a module's types): a repeat becomes `name2`, `name3`…
struct SwiftNameScope {
    private var taken: Set<String>

    /// A scope where `reserved` (e.g. `json`, `init` in a struct that declares them) are already taken.
    init(reserved: Set<String> = []) {
        taken = reserved
    }

    /// `candidate`, or `candidate2`, `candidate3`… whichever is free; the result is taken from then on.
    mutating func claim(_ candidate: String) -> String {
        var name = candidate
        var counter = 2
        while taken.contains(name) {
            name = candidate + String(counter)
            counter += 1
        }
        taken.insert(name)
        return name
    }
}
