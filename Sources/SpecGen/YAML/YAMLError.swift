/// Why a YAML file could not be turned into nodes, with the place to look.
///
/// Each case is a different thing for the author to fix; `message` says what, `mark` says where.
enum YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libyaml refused the text (bad indentation, an unclosed quote, a tab where YAML forbids one…).
    /// `contextMark` is where the construct being parsed started (an unclosed `{`), when libyaml says.
    case syntax(problem: String, context: String?, mark: YAMLMark, contextMark: YAMLMark? = nil)
    /// The bytes are not valid UTF-8 (or UTF-16 with a BOM), at the given place.
    case invalidEncoding(problem: String, mark: YAMLMark)
    /// A mapping has the same key twice; JSON (and so OpenAPI) cannot represent it, and libyaml
    /// would silently keep both.
    case duplicateKey(String, mark: YAMLMark, first: YAMLMark)
    /// A mapping key is a sequence or a mapping; OpenAPI keys are strings.
    case complexKey(mark: YAMLMark)
    /// `*name` names no anchor defined before it (or is used inside its own anchor).
    case unknownAnchor(String, mark: YAMLMark)
    /// A `<<` merge key: YAML 1.1 only, so OpenAPI (YAML 1.2) reads it as a plain key.
    case mergeKey(mark: YAMLMark)
    /// An explicit tag other than the JSON/core ones (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, …).
    case unsupportedTag(String, mark: YAMLMark)
    /// Alias expansion would produce more nodes than the limit: the billion-laughs defence.
    case tooManyNodes(limit: Int, mark: YAMLMark)
    /// Collections nest deeper than the limit.
    case tooDeep(limit: Int, mark: YAMLMark)
    /// The stream holds more than one `---` document; an OpenAPI file is one document.
    case multipleDocuments(mark: YAMLMark)
    /// The stream holds no document at all.
    case empty

    /// Where the problem is.
    var mark: YAMLMark {
        switch self {
        case .syntax(_, _, let mark, _), .invalidEncoding(_, let mark), .duplicateKey(_, let mark, _),
            .complexKey(let mark), .unknownAnchor(_, let mark), .mergeKey(let mark),
            .unsupportedTag(_, let mark), .tooManyNodes(_, let mark), .tooDeep(_, let mark),
            .multipleDocuments(let mark):
            mark
        case .empty: .start
        }
    }

    /// What is wrong and what to change, without the position.
    var message: String {
        switch self {
        case .syntax(let problem, let context, _, let contextMark):
            if let context, let contextMark {
                "YAML syntax error: \(problem) \(context) (started at \(contextMark))"
            } else if let context {
                "YAML syntax error: \(problem) \(context)"
            } else {
                "YAML syntax error: \(problem)"
            }
        case .invalidEncoding(let problem, _):
            "the file is not valid UTF-8: \(problem)"
        case .duplicateKey(let key, _, let first):
            "duplicate key '\(key)' (first defined at \(first)); a mapping may hold each key once"
        case .complexKey:
            "a mapping key must be a scalar; OpenAPI documents have string keys only"
        case .unknownAnchor(let name, _):
            "alias '*\(name)' refers to no anchor defined before it; define '&\(name)' first (an alias cannot refer to the node that contains it)"
        case .mergeKey:
            "merge keys ('<<') are YAML 1.1 and are not part of YAML 1.2, which OpenAPI uses; write the keys out, or use allOf for schemas"
        case .unsupportedTag(let tag, _):
            "unsupported tag '\(tag)'; only the JSON/core tags (!!str, !!int, !!float, !!bool, !!null, !!seq, !!map) are allowed"
        case .tooManyNodes(let limit, _):
            "alias expansion exceeds \(limit) nodes; the document expands too far (is it a billion-laughs file?)"
        case .tooDeep(let limit, _):
            "collections nest deeper than \(limit) levels"
        case .multipleDocuments:
            "the file holds more than one YAML document; an OpenAPI description is a single document"
        case .empty:
            "the file holds no YAML document"
        }
    }

    var description: String { "\(mark): \(message)" }
}
