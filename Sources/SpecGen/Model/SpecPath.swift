/// A place in the OpenAPI document as a JSON pointer: `#/paths/~1api~1login/post/requestBody`.
///
/// Every diagnostic names the node it is about this way, so the author can find it even when line numbers
/// moved; `$ref` values are parsed into the same type, so resolving a reference is walking a path.
struct SpecPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The unescaped reference tokens: `["paths", "/api/login", "post", "requestBody"]`.
    var components: [String]

    /// The document root, `#`.
    static let root = SpecPath(components: [])

    init(components: [String]) {
        self.components = components
    }

    /// Parses a local reference (`#/components/schemas/Pet`), undoing `~0`/`~1` and URI percent-escapes.
    /// Returns nil when the text is not a fragment-only JSON pointer.
    init?(pointer: String) {
        guard pointer.first == "#" else { return nil }
        let body = pointer.dropFirst()
        if body.isEmpty {
            self.components = []
            return
        }
        guard body.first == "/" else { return nil }
        var components: [String] = []
        for token in body.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let decoded = Self.percentDecoded(token) else { return nil }
            // Most tokens hold no escape: skip the two scans for them (a tenth of reading a large spec).
            components.append(
                decoded.contains("~") ? decoded.replacing("~1", with: "/").replacing("~0", with: "~") : decoded)
        }
        self.components = components
    }

    /// The path one level down: `path / "post"`, `path / 0`.
    static func / (path: SpecPath, component: String) -> SpecPath {
        SpecPath(components: path.components + [component])
    }

    /// The path of an item of a sequence.
    static func / (path: SpecPath, index: Int) -> SpecPath {
        path / String(index)
    }

    /// The last component, e.g. the component name of `#/components/schemas/Pet`.
    var last: String? { components.last }

    /// The path without its last component.
    var parent: SpecPath { SpecPath(components: Array(components.dropLast())) }

    /// Whether `self` is `other` or lies under it.
    func hasPrefix(_ other: SpecPath) -> Bool {
        components.starts(with: other.components)
    }

    /// The JSON-pointer text, `#/paths/~1pets/get`.
    var description: String {
        "#" + components.map { "/" + $0.replacing("~", with: "~0").replacing("/", with: "~1") }.joined()
    }

    static func < (lhs: SpecPath, rhs: SpecPath) -> Bool {
        lhs.components.lexicographicallyPrecedes(rhs.components)
    }

    private static func percentDecoded(_ token: Substring) -> String? {
        guard token.contains("%") else { return String(token) }
        var bytes: [UInt8] = []
        var iterator = Array(token.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
