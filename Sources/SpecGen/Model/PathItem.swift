/// One entry of `paths`: a URL template and the operations on it.
struct PathItem: Sendable {
    /// The template as written, e.g. `/api/kals/{kal}`.
    var template: String
    /// The `summary` that applies to every operation here.
    var summary: String?
    /// The `description` that applies to every operation here.
    var description: String?
    /// The parameters declared on the path item (already merged into each operation's ``Operation/parameters``).
    var parameters: [Parameter]
    /// The operations, in document order.
    var operations: [Operation]
    /// Where the path item is.
    var source: SpecLocation

    /// The names of the `{parameters}` in the template, in order: `["kal"]` for `/api/kals/{kal}`.
    var templateParameterNames: [String] { PathTemplate(template).parameterNames }
}

/// A path template split into its segments.
struct PathTemplate: Sendable, Hashable {
    /// A piece of a template: literal text or a `{name}`.
    enum Part: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    /// The template's parts in order; `/a/{b}.json` gives `/a/`, `b`, `.json`.
    var parts: [Part]

    init(_ template: String) {
        var parts: [Part] = []
        var literal = ""
        var parameter: String?
        for character in template {
            if character == "{", parameter == nil {
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = ""
                parameter = ""
            } else if character == "}", let name = parameter {
                parts.append(.parameter(name))
                parameter = nil
            } else if parameter != nil {
                parameter!.append(character)
            } else {
                literal.append(character)
            }
        }
        if let parameter { literal += "{" + parameter }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    /// The parameter names in order.
    var parameterNames: [String] {
        parts.compactMap { if case .parameter(let name) = $0 { name } else { nil } }
    }

    /// The template with every parameter name blanked: `/pets/{}`; two templates with the same shape
    /// route the same requests, which OpenAPI forbids.
    var shape: String {
        parts.map { part in
            switch part {
            case .literal(let text): text
            case .parameter: "{}"
            }
        }.joined()
    }
}
