/// What changed about an operation or a field, and — in ``severity(in:)``, the one place the rules live —
/// whether that breaks clients written against the old spec.
///
/// The rules follow oasdiff's: a client must still be able to send every request it could send before, and
/// must still understand every response it can now receive.
enum ChangeKind: Sendable, Hashable {
    // MARK: Operations

    /// The operation is gone (its method and path in the old spec).
    case operationRemoved(method: HTTPMethod, path: String)
    /// A new operation.
    case operationAdded(method: HTTPMethod, path: String)
    /// The same method and path answer under another `operationId`: generated clients and the server's
    /// operation table name operations by it.
    case operationIDChanged(from: String, to: String)
    /// The `operationId` now answers another method.
    case methodChanged(from: HTTPMethod, to: HTTPMethod)
    /// The `operationId` now lives at another path (renaming a `{parameter}` alone is not a change).
    case pathChanged(from: String, to: String)
    /// The operation became `deprecated`.
    case operationDeprecated
    /// An operation that needed no credentials now needs them.
    case securityRequired(alternatives: [String])
    /// An operation that needed credentials no longer does.
    case securityRelaxed
    /// A way to authenticate that was accepted (a scheme, with scopes) no longer is.
    case securityAlternativeRemoved(String)
    /// A new way to authenticate.
    case securityAlternativeAdded(String)
    /// A security scheme the operation accepts kept its name but changed what clients must send (another header,
    /// another HTTP scheme).
    case securitySchemeChanged(name: String, from: String, to: String)

    // MARK: Responses and bodies

    /// A documented response status is gone (the field names it: `response 404`).
    case responseRemoved
    /// A newly documented response status.
    case responseAdded
    /// A media type of a request or response body is gone.
    case mediaTypeRemoved(String)
    /// A new media type of a request or response body.
    case mediaTypeAdded(String)
    /// An operation without a request body now has one.
    case requestBodyAdded(required: Bool)
    /// The request body is gone: a server that checks bodies may refuse clients still sending one.
    case requestBodyRemoved

    // MARK: Fields: parameters, properties, headers

    /// A new parameter, property or header.
    case fieldAdded(required: Bool)
    /// A field is gone. On the request side that breaks only when the new object is closed
    /// (`additionalProperties: false`), so old clients still sending the field are refused.
    case fieldRemoved(refusedWhenSent: Bool)
    /// An optional field became required.
    case fieldMadeRequired
    /// A required field became optional.
    case fieldMadeOptional
    /// A path parameter was renamed; its place in the path, which is all a client sends, is the same.
    case pathParameterRenamed(to: String)
    /// A parameter's `style` or `explode` changed, so the same value is written differently on the wire.
    case serializationChanged(from: String, to: String)

    // MARK: Values

    /// The allowed JSON types changed, `null` included; nil means any type.
    case typeChanged(from: [JSONType]?, to: [JSONType]?)
    /// The `format` changed (added, removed or replaced).
    case formatChanged(from: String?, to: String?)
    /// Values the `enum` (or `const`) no longer allows.
    case enumValuesRemoved([SpecValue])
    /// Values the `enum` now also allows.
    case enumValuesAdded([SpecValue])
    /// A field that took any value now takes only the listed ones.
    case enumAdded([SpecValue])
    /// A field limited to listed values now takes any value.
    case enumRemoved
    /// The `default` a server applies when the client omits the field changed, so a client relying on it gets
    /// another behaviour. Adding or removing a default is not reported.
    case defaultChanged(from: SpecValue, to: SpecValue)
    /// A range keyword changed: `minimum`, `maxLength`, `maxItems`…; `narrows` says whether the new rule
    /// admits fewer values (true) or more (false).
    case limitChanged(keyword: String, from: String?, to: String?, narrows: Bool)
    /// `multipleOf` changed in a way that neither contains the other (`3` → `5`).
    case multipleOfChanged(from: String, to: String)
    /// A `pattern` that values must now match.
    case patternAdded(String)
    /// A `pattern` that values no longer need to match.
    case patternRemoved(String)
    /// `uniqueItems` turned on (narrows) or off (widens).
    case uniqueItemsChanged(to: Bool)
    /// `additionalProperties: false` added: members not listed are refused.
    case additionalPropertiesForbidden
    /// `additionalProperties: false` removed: members not listed are accepted.
    case additionalPropertiesAllowed
    /// `oneOf`/`anyOf` alternatives went from `from` to `to` in number (0: the keyword is absent).
    case alternativesChanged(keyword: String, from: Int, to: Int)

    /// How a change to the set of allowed values moves it, which decides its severity on each side.
    enum Effect: Sendable, Hashable {
        /// Fewer values are allowed than before.
        case narrows
        /// More values are allowed than before.
        case widens
        /// Some values are no longer allowed and others newly are (a changed type, a different pattern).
        case replaces
    }

    /// The effect on the set of allowed values, for the kinds that are about values; nil for the others.
    var effect: Effect? {
        switch self {
        case .typeChanged(let from, let to):
            let (lost, gained) = TypeSet.difference(from: from, to: to)
            return lost && gained ? .replaces : lost ? .narrows : .widens
        case .formatChanged(let from, let to):
            return from == nil ? .narrows : to == nil ? .widens : .replaces
        case .enumValuesRemoved, .enumAdded, .patternAdded, .additionalPropertiesForbidden: return .narrows
        case .enumValuesAdded, .enumRemoved, .patternRemoved, .additionalPropertiesAllowed: return .widens
        case .limitChanged(_, _, _, let narrows): return narrows ? .narrows : .widens
        case .multipleOfChanged: return .replaces
        case .uniqueItemsChanged(let to): return to ? .narrows : .widens
        case .alternativesChanged(_, let from, let to):
            // No alternatives at all means no such constraint.
            return from == 0 ? .narrows : to == 0 ? .widens : to < from ? .narrows : .widens
        default: return nil
        }
    }

    /// Whether the change breaks old clients when it happens on `side`.
    ///
    /// Value rules are symmetric: on the request side fewer accepted values breaks (a client's old request is
    /// refused); on the response side more possible values breaks (a client meets a value it was never told
    /// about: a new enum case, a `null`, a longer string). Unknown response members are the one exception:
    /// clients must ignore members they do not know, so a new response field or an opened response object
    /// is compatible.
    func severity(in side: ChangeSide) -> SpecChange.Severity {
        switch self {
        case .operationRemoved, .operationIDChanged, .methodChanged, .pathChanged, .securityRequired,
            .securityAlternativeRemoved, .securitySchemeChanged, .responseRemoved, .requestBodyRemoved,
            .serializationChanged:
            return .breaking
        case .defaultChanged: return side == .request ? .breaking : .compatible
        case .operationAdded, .operationDeprecated, .securityRelaxed, .securityAlternativeAdded, .responseAdded,
            .pathParameterRenamed:
            return .compatible
        case .mediaTypeRemoved: return .breaking
        case .mediaTypeAdded: return .compatible
        case .requestBodyAdded(let required): return required ? .breaking : .compatible
        case .fieldAdded(let required): return side == .request && required ? .breaking : .compatible
        case .fieldRemoved(let refusedWhenSent):
            return side == .response || refusedWhenSent ? .breaking : .compatible
        case .fieldMadeRequired: return side == .request ? .breaking : .compatible
        case .fieldMadeOptional: return side == .response ? .breaking : .compatible
        case .additionalPropertiesForbidden, .additionalPropertiesAllowed:
            if side == .response { return .compatible }
            return effect == .narrows ? .breaking : .compatible
        default:
            switch effect {
            case .replaces?: return .breaking
            case .narrows?: return side == .response ? .compatible : .breaking
            case .widens?: return side == .response ? .breaking : .compatible
            case nil: return .breaking
            }
        }
    }

    /// What changed, in words: `maximum lowered from 100 to 50`.
    var message: String {
        switch self {
        case .operationRemoved(let method, let path): "operation removed (\(method.wireName) \(path))"
        case .operationAdded(let method, let path): "operation added (\(method.wireName) \(path))"
        case .operationIDChanged(let from, let to): "operationId changed from \(from) to \(to)"
        case .methodChanged(let from, let to): "method changed from \(from.wireName) to \(to.wireName)"
        case .pathChanged(let from, let to): "path changed from \(from) to \(to)"
        case .operationDeprecated: "operation deprecated"
        case .securityRequired(let alternatives):
            "authentication now required (\(alternatives.joined(separator: " or ")))"
        case .securityRelaxed: "authentication no longer required"
        case .securityAlternativeRemoved(let alternative): "security \(alternative) no longer accepted"
        case .securityAlternativeAdded(let alternative): "security \(alternative) now also accepted"
        case .securitySchemeChanged(let name, let from, let to): "security scheme \(name) changed from \(from) to \(to)"
        case .responseRemoved: "response removed"
        case .responseAdded: "response added"
        case .mediaTypeRemoved(let type): "media type \(type) removed"
        case .mediaTypeAdded(let type): "media type \(type) added"
        case .requestBodyAdded(let required): "request body added, \(required ? "required" : "optional")"
        case .requestBodyRemoved: "request body removed"
        case .fieldAdded(let required): "added, \(required ? "required" : "optional")"
        case .fieldRemoved(let refused): refused ? "removed (the object is closed: sending it is refused)" : "removed"
        case .fieldMadeRequired: "made required"
        case .fieldMadeOptional: "made optional"
        case .pathParameterRenamed(let to): "path parameter renamed to \(to)"
        case .serializationChanged(let from, let to): "serialization changed from \(from) to \(to)"
        case .typeChanged(let from, let to):
            "type changed from \(TypeSet.describe(from)) to \(TypeSet.describe(to))"
        case .formatChanged(let from, let to):
            from == nil
                ? "format \(to!) added"
                : to == nil ? "format \(from!) removed" : "format changed from \(from!) to \(to!)"
        case .enumValuesRemoved(let values): "enum value\(values.count == 1 ? "" : "s") \(list(values)) removed"
        case .enumValuesAdded(let values): "enum value\(values.count == 1 ? "" : "s") \(list(values)) added"
        case .enumAdded(let values): "now limited to enum \(list(values))"
        case .enumRemoved: "enum removed: any value allowed"
        case .defaultChanged(let from, let to): "default changed from \(from) to \(to)"
        case .limitChanged(let keyword, let from, let to, let narrows):
            if let from, let to {
                "\(keyword) \(raised(narrows: narrows, keyword: keyword) ? "raised" : "lowered") from \(from) to \(to)"
            } else if let to {
                "\(keyword) \(to) added"
            } else {
                "\(keyword) \(from ?? "") removed"
            }
        case .multipleOfChanged(let from, let to): "multipleOf changed from \(from) to \(to)"
        case .patternAdded(let pattern): "pattern \(pattern) added"
        case .patternRemoved(let pattern): "pattern \(pattern) removed"
        case .uniqueItemsChanged(let to): to ? "items must now be unique" : "items no longer need to be unique"
        case .additionalPropertiesForbidden: "additionalProperties set to false: unlisted members refused"
        case .additionalPropertiesAllowed: "additionalProperties no longer false: unlisted members accepted"
        case .alternativesChanged(let keyword, let from, let to):
            from == 0
                ? "\(keyword) added with \(to) alternatives"
                : to == 0 ? "\(keyword) removed" : "\(keyword) alternatives went from \(from) to \(to)"
        }
    }

    /// Whether a changed limit went up: lower bounds (`minimum`, `minLength`…) narrow by going up, upper bounds
    /// by going down.
    private func raised(narrows: Bool, keyword: String) -> Bool {
        let isLowerBound = keyword.hasPrefix("min") || keyword == "multipleOf"
        return isLowerBound == narrows
    }

    private func list(_ values: [SpecValue]) -> String {
        values.map(\.description).joined(separator: ", ")
    }
}
