/// The structured Swift that the translator builds and the renderer prints: declarations, statements and
/// expressions as values, so the translator never concatenates source text and each stage is testable alone.

/// One generated file: `Schemas.swift`, `Operations.swift`…
struct SwiftFile: Sendable, Equatable {
    /// The file name, e.g. `Schemas.swift`.
    var name: String
    /// The modules imported, e.g. `["Foundation"]`.
    var imports: [String]
    /// The top-level declarations, in print order.
    var declarations: [SwiftDeclaration]
}

/// A doc comment: its lines without the `///` prefix. Empty means no comment.
struct DocComment: Sendable, Equatable {
    var lines: [String]

    init(_ text: String?) {
        lines = text.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) } ?? []
        while let last = lines.last, last.allSatisfy({ $0 == " " }) { lines.removeLast() }
    }

    init(lines: [String]) { self.lines = lines }

    /// Joins non-empty paragraphs (a summary and a description) with a blank line.
    static func paragraphs(_ texts: [String?]) -> DocComment {
        let present = texts.compactMap { $0 }.filter { !$0.isEmpty }
        return DocComment(present.isEmpty ? nil : present.joined(separator: "\n\n"))
    }
}

/// A declaration: a type, a member, a protocol requirement.
indirect enum SwiftDeclaration: Sendable, Equatable {
    /// `struct`, `enum`, `protocol` or `extension` with members.
    case type(SwiftTypeDeclaration)
    /// `let`/`var`, stored or computed.
    case variable(SwiftVariable)
    /// `func` or `init`.
    case function(SwiftFunction)
    /// `case name(Associated)` or `case name = "raw"`.
    case enumCase(SwiftEnumCase)
    /// `public typealias Name = Type`.
    case typeAlias(doc: DocComment, name: String, type: String)
    /// Spec-independent support code printed as it stands (the route-matching machinery); never built from spec
    /// values.
    case verbatim(String)
}

/// The kind of a type declaration.
enum SwiftTypeKind: String, Sendable, Equatable {
    case `struct`, `enum`, `protocol`, `extension`, `final class` = "final class"
    /// An enum whose payloads are boxed, so it may hold (through its alternatives) a value of its own type.
    case indirectEnum = "indirect enum"
}

/// `public struct Agent: JSONCodable, Sendable { … }`.
struct SwiftTypeDeclaration: Sendable, Equatable {
    var doc = DocComment(nil)
    var isPublic = true
    var kind: SwiftTypeKind
    var name: String
    var conformances: [String] = []
    var members: [SwiftDeclaration] = []
}

/// `public static let agent: JSONSchemaRules = …`, `public var name: String`, `public var json: JSONValue { … }`.
struct SwiftVariable: Sendable, Equatable {
    var doc = DocComment(nil)
    var isPublic = true
    var isStatic = false
    var isLet = false
    var name: String
    var type: String?
    var value: SwiftExpression?
    /// A computed property's body; nil for stored ones.
    var getter: [SwiftStatement]?
    /// For protocol requirements: `{ get }`.
    var isRequirement = false
}

/// A parameter of a function: `_ input: Input`.
struct SwiftParameter: Sendable, Equatable {
    var label: String?
    var name: String
    var type: String
    var defaultValue: SwiftExpression?
}

/// `public func registerAgent(_ input: …) async throws -> …` or `init(json: JSONValue) throws(…)`.
struct SwiftFunction: Sendable, Equatable {
    var doc = DocComment(nil)
    var isPublic = true
    var isStatic = false
    /// `init` when nil.
    var name: String?
    var parameters: [SwiftParameter] = []
    var isAsync = false
    /// `throws` when "", `throws(T)` when "T", nothing when nil.
    var throwsType: String?
    var returnType: String?
    /// nil for a protocol requirement.
    var body: [SwiftStatement]?
}

/// A case of an enum.
struct SwiftEnumCase: Sendable, Equatable {
    var doc = DocComment(nil)
    var name: String
    var associatedValues: [SwiftAssociatedValue] = []
    var rawValue: SwiftExpression?
}

/// One associated value of an enum case: `retryAfter: Int? = nil`.
struct SwiftAssociatedValue: Sendable, Equatable {
    var label: String?
    var type: String
    /// A default (`nil`), so that constructing the case may leave the value out.
    var defaultValue: SwiftExpression?

    init(label: String?, type: String, defaultValue: SwiftExpression? = nil) {
        self.label = label
        self.type = type
        self.defaultValue = defaultValue
    }
}

/// A statement in a function body.
indirect enum SwiftStatement: Sendable, Equatable {
    case expression(SwiftExpression)
    /// `let name = value` / `var name = value`.
    case binding(isLet: Bool, name: String, value: SwiftExpression)
    /// `target = value`.
    case assignment(SwiftExpression, SwiftExpression)
    case returnValue(SwiftExpression?)
    case throwError(SwiftExpression)
    /// `if let name = value { … }`.
    case ifLet(name: String, value: SwiftExpression, then: [SwiftStatement])
    /// `guard let name = value else { … }`.
    case guardLet(name: String, value: SwiftExpression, otherwise: [SwiftStatement])
    /// `switch subject { case …: … }`.
    case switchOver(SwiftExpression, [SwiftSwitchCase])
}

/// One case of a switch: `case .ok(let body):`, `case "text/plain":` when `literal` is set, or `default:` when
/// neither is.
struct SwiftSwitchCase: Sendable, Equatable {
    /// The enum case name matched, e.g. `ok`.
    var caseName: String?
    /// The names bound from its associated values.
    var bindings: [String] = []
    /// A value matched instead of an enum case, e.g. the string `"text/plain"`.
    var literal: SwiftExpression? = nil
    var body: [SwiftStatement]

    init(caseName: String?, bindings: [String] = [], body: [SwiftStatement]) {
        self.caseName = caseName
        self.bindings = bindings
        self.body = body
    }

    /// `case "text/plain": …`.
    init(literal: SwiftExpression, body: [SwiftStatement]) {
        self.caseName = nil
        self.literal = literal
        self.body = body
    }
}

/// An expression.
indirect enum SwiftExpression: Sendable, Equatable {
    /// `name`, a plain identifier or type name (already a valid Swift name).
    case identifier(String)
    /// `base.name`, or `.name` when base is nil.
    case member(SwiftExpression?, String)
    /// `callee(label: value, …)` with an optional trailing closure.
    case call(SwiftExpression, [SwiftArgument], trailingClosure: [SwiftStatement]? = nil)
    /// `"text"` with escapes.
    case string(String)
    /// `#"text"#`: a pattern as written in the spec.
    case rawString(String)
    /// `#"""` … `"""#` over lines: a long text (a page, a document) as it stands.
    case multilineRawString(String)
    /// A number literal as written: `9223372036854775807`, `0.01`.
    case number(String)
    case bool(Bool)
    case nilLiteral
    case array([SwiftExpression])
    /// `[key: value, …]`, `[:]` when empty.
    case dictionary([SwiftDictionaryEntry])
    /// `{ statements }`.
    case closure([SwiftStatement])
    /// `try expression`.
    case tryExpression(SwiftExpression)
    /// `await expression`.
    case awaitExpression(SwiftExpression)
    /// `expression?` in an optional chain.
    case optionalChain(SwiftExpression)
    /// `lhs op rhs`, e.g. `??`.
    case binary(SwiftExpression, String, SwiftExpression)
    /// `expression[key]`.
    case subscripted(SwiftExpression, SwiftExpression)
}

/// `label: value` in a call.
struct SwiftArgument: Sendable, Equatable {
    var label: String?
    var value: SwiftExpression

    init(_ label: String?, _ value: SwiftExpression) {
        self.label = label
        self.value = value
    }
}

/// `key: value` in a dictionary literal.
struct SwiftDictionaryEntry: Sendable, Equatable {
    var key: SwiftExpression
    var value: SwiftExpression
}
