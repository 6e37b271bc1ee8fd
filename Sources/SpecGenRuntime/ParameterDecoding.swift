/// The raw parameter text of one request, as the server framework hands it over.
public struct ParameterSources: Sendable {
    /// Path captures by name, already percent-decoded by the router.
    public var path: [String: String]
    /// The query string.
    public var query: QueryString
    /// Header values by lower-cased name (set through the initializer, which lower-cases them).
    public private(set) var headers: [String: String]
    /// Cookie values by name, when the server has parsed them; otherwise cookie parameters are read from the
    /// `Cookie` header (``cookie(_:)``).
    public var cookies: [String: String]

    public init(
        path: [String: String] = [:], query: QueryString = QueryString(items: []), headers: [String: String] = [:],
        cookies: [String: String] = [:]
    ) {
        self.path = path
        self.query = query
        self.headers = Dictionary(
            headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.cookies = cookies
    }
}

extension ParameterSources {
    /// The value of the cookie `name`: from ``cookies``, else from the `Cookie` header (`a=1; b="two"`, RFC 6265:
    /// pairs split by `;`, the first `=` ends the name, double quotes around a value dropped; the value as sent,
    /// percent-decoded later by the parameter's style).
    /// The first pair with the name wins, as browsers send the most specific cookie first.
    public func cookie(_ name: String) -> String? {
        if let value = cookies[name] { return value }
        guard let header = headers["cookie"] else { return nil }
        for pair in header.split(separator: ";") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            guard String(pair[..<equals]).trimmingHTTPSpaces() == name else { continue }
            var value = Substring(String(pair[pair.index(after: equals)...]).trimmingHTTPSpaces())
            if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
            return String(value)
        }
        return nil
    }
}

/// Turns parameter text into typed JSON values by each parameter's schema, then validates them like a body.
///
/// Text becomes the JSON type the schema asks for: integers and numbers exactly (`9223372036854775807` stays
/// exact), booleans from `true`/`false`/`1`/`0`, arrays from `tags=a&tags=b`, `tags[]=a&tags[]=b`,
/// `tags[0]=a` or `tags=a,b` (per `style`/`explode`), objects from `dates[from]=…&dates[to]=…` (any depth,
/// `links[0][url]=…` included). Text that does not convert stays a string, so the validator reports "The limit
/// field must be an integer." under the parameter's key; failures inside are keyed `tags.1`, `dates.from`.
public enum ParameterDecoding {
    /// Decodes and validates every parameter; returns the present ones as an object keyed by parameter name
    /// (generated code reads its typed parameters from it), adding every failure to `errors`.
    public static func decode(
        _ parameters: [ParameterRules], from sources: ParameterSources, into errors: inout ValidationErrors
    ) -> JSONObject {
        var decoded = JSONObject()
        for parameter in parameters {
            let path = FieldPath([.key(parameter.name)])
            if let contentType = parameter.contentType {
                guard let text = text(of: parameter, in: sources) else {
                    if parameter.isRequired { errors.add(.required, at: path) }
                    continue
                }
                guard let value = contentValue(text, contentType: contentType, at: path, into: &errors) else { continue }
                parameter.schema.validate(value, at: path, into: &errors)
                decoded[parameter.name] = value
                continue
            }
            guard let value = value(of: parameter, in: sources) else {
                if parameter.isRequired { errors.add(.required, at: path) }
                continue
            }
            parameter.schema.validate(value, at: path, into: &errors)
            decoded[parameter.name] = value
        }
        return decoded
    }

    /// The JSON value of one parameter, converted but not validated; nil when the request does not carry it.
    public static func value(of parameter: ParameterRules, in sources: ParameterSources) -> JSONValue? {
        if let contentType = parameter.contentType {
            // Text that is not the JSON it should be stays text, so the schema reports the type it should have.
            guard let text = text(of: parameter, in: sources) else { return nil }
            var unused = ValidationErrors()
            return contentValue(text, contentType: contentType, at: .root, into: &unused) ?? .string(text)
        }
        let schema = parameter.schema
        switch parameter.location {
        case .query:
            return queryValue(of: parameter, in: sources.query)
        case .path:
            guard let text = sources.path[parameter.name] else { return nil }
            return convert(delimitedText(text, parameter: parameter), schema: schema)
        case .header:
            guard let text = sources.headers[parameter.name.lowercased()] else { return nil }
            return convert(delimitedText(text, parameter: parameter), schema: schema)
        case .cookie:
            // Form style percent-encodes each value (RFC 6570), so items are decoded after the split: an
            // encoded comma stays inside its item.
            guard let text = sources.cookie(parameter.name) else { return nil }
            return convert(delimitedText(text, parameter: parameter).percentDecoded(), schema: schema)
        }
    }

    // MARK: Content

    /// The whole text of a `content` parameter, unsplit: the last query value of its name, the path capture, the
    /// header or the cookie.
    static func text(of parameter: ParameterRules, in sources: ParameterSources) -> String? {
        switch parameter.location {
        case .query: sources.query.values(named: parameter.name).last
        case .path: sources.path[parameter.name]
        case .header: sources.headers[parameter.name.lowercased()]
        case .cookie: sources.cookie(parameter.name)
        }
    }

    /// The value of a `content` parameter's text: parsed JSON for a JSON media type (text that is not JSON is a
    /// failure filed under the parameter, nil returned), the text itself for any other.
    static func contentValue(
        _ text: String, contentType: String, at path: FieldPath, into errors: inout ValidationErrors
    ) -> JSONValue? {
        guard MediaTypeHeader(contentType).isJSON else { return .string(text) }
        do {
            return try JSONParser().parse(Array(text.utf8))
        } catch {
            errors.add(.custom("The \(path.attribute) field must be a valid JSON string (\(error.detail))."), at: path)
            return nil
        }
    }

    // MARK: Query

    private static func queryValue(of parameter: ParameterRules, in query: QueryString) -> JSONValue? {
        let name = parameter.name
        let schema = parameter.schema
        var plain: [String] = []
        var bracketed = RawParameter.map([])
        var hasBrackets = false
        for item in query.items {
            if item.name == name {
                plain.append(item.value)
            } else if item.name.hasPrefix(name), let segments = bracketSegments(item.name.dropFirst(name.count)) {
                bracketed.insert(item.value, at: segments[...])
                hasBrackets = true
            }
        }
        if hasBrackets { return convert(bracketed, schema: schema) }
        let types = schema.admittedTypes
        let wantsArray = types.contains(.array) && !types.contains(.string)
        let wantsObject = types.contains(.object) && !types.contains(.string)
        if plain.isEmpty {
            // Exploded form objects: each property is its own query pair (`?from=…&to=…`).
            if wantsObject, parameter.style == .form, parameter.explode,
                let properties = objectRules(schema)?.properties
            {
                var members: [(String, RawParameter)] = []
                for entry in properties.entries {
                    if let value = query.values(named: entry.name).last { members.append((entry.name, .text(value))) }
                }
                return members.isEmpty ? nil : convert(.map(members), schema: schema)
            }
            return nil
        }
        if wantsArray {
            switch parameter.style {
            case .spaceDelimited: return convert(split(plain.last!, by: " "), schema: schema)
            case .pipeDelimited: return convert(split(plain.last!, by: "|"), schema: schema)
            default:
                if parameter.explode { return convert(.list(plain.map(RawParameter.text)), schema: schema) }
                return convert(split(plain.last!, by: ","), schema: schema)
            }
        }
        if wantsObject, !parameter.explode {
            return convert(pairs(plain.last!, separator: ","), schema: schema)
        }
        // PHP and Laravel read a repeated scalar as its last value.
        return convert(.text(plain.last!), schema: schema)
    }

    /// `[a][b][]` → `["a", "b", ""]`; nil unless the text is a run of bracketed segments.
    static func bracketSegments(_ text: Substring) -> [String]? {
        guard text.first == "[" else { return nil }
        var segments: [String] = []
        var rest = text
        while !rest.isEmpty {
            guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return nil }
            segments.append(String(rest[rest.index(after: rest.startIndex)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return segments
    }

    // MARK: Path, header, cookie

    /// Splits `simple`, `label` and `matrix` text into the raw shape the schema wants.
    private static func delimitedText(_ text: String, parameter: ParameterRules) -> RawParameter {
        var body = Substring(text)
        var separator: Character = ","
        switch parameter.style {
        case .label:
            if body.first == "." { body = body.dropFirst() }
            if parameter.explode { separator = "." }
        case .matrix:
            let prefix = ";\(parameter.name)="
            if body.hasPrefix(prefix) { body = body.dropFirst(prefix.count) }
            if parameter.explode {
                return .list(String(body).components(separatedBy: prefix).map(RawParameter.text))
            }
        default:
            break
        }
        let types = parameter.schema.admittedTypes
        if types.contains(.array) && !types.contains(.string) { return split(String(body), by: separator) }
        if types.contains(.object) && !types.contains(.string) {
            if parameter.explode {
                return .map(
                    body.split(separator: separator).map { pair in
                        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                        return (String(parts[0]), .text(parts.count > 1 ? String(parts[1]) : ""))
                    })
            }
            return pairs(String(body), separator: separator)
        }
        return .text(String(body))
    }

    private static func split(_ text: String, by separator: Character) -> RawParameter {
        if text.isEmpty { return .list([]) }
        return .list(text.split(separator: separator, omittingEmptySubsequences: false).map { .text(String($0)) })
    }

    /// `k1,v1,k2,v2` → an object.
    private static func pairs(_ text: String, separator: Character) -> RawParameter {
        let parts = text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        var members: [(String, RawParameter)] = []
        var index = 0
        while index + 1 < parts.count {
            members.append((parts[index], .text(parts[index + 1])))
            index += 2
        }
        return .map(members)
    }

    // MARK: Conversion by schema

    /// Converts raw text to the JSON the schema asks for; what does not convert stays a string for the
    /// validator to report.
    static func convert(_ raw: RawParameter, schema: JSONSchemaRules?) -> JSONValue {
        switch raw {
        case .text(let text):
            let types = schema?.admittedTypes ?? .all
            if types.contains(.array), !types.contains(.string), !types.contains(.object) {
                return .array([convertScalar(text, schema: itemSchema(schema, at: 0))])
            }
            return convertScalar(text, schema: schema)
        case .value(let value):
            return value
        case .list(let elements):
            return .array(elements.enumerated().map { convert($0.element, schema: itemSchema(schema, at: $0.offset)) })
        case .map(let members):
            let types = schema?.admittedTypes ?? .all
            // `tags[0]=a&tags[1]=b` is an array when the schema wants one.
            if types.contains(.array), !types.contains(.object),
                members.allSatisfy({ !$0.0.isEmpty && $0.0.utf8.allSatisfy(\.isASCIIDigit) })
            {
                let ordered = members.sorted { (Int($0.0) ?? 0) < (Int($1.0) ?? 0) }
                return .array(
                    ordered.enumerated().map { convert($0.element.1, schema: itemSchema(schema, at: $0.offset)) })
            }
            var object = JSONObject()
            for (key, value) in members { object[key] = convert(value, schema: propertySchema(schema, named: key)) }
            return .object(object)
        }
    }

    /// One text as the scalar the schema allows: number, then boolean, then null, else the string itself.
    static func convertScalar(_ text: String, schema: JSONSchemaRules?) -> JSONValue {
        let types = schema?.admittedTypes ?? .all
        // Text is a string already: when the schema allows strings, nothing is guessed.
        if types.contains(.string) { return .string(text) }
        if types.contains(.integer) || types.contains(.number), let number = JSONNumber(literal: text) {
            return .number(number)
        }
        if types.contains(.boolean) {
            switch text {
            case "true", "1": return .bool(true)
            case "false", "0": return .bool(false)
            default: break
            }
        }
        if types.contains(.null), text.isEmpty || text == "null" { return .null }
        return .string(text)
    }

    // MARK: Looking through the schema

    /// The schema itself, or what its `$ref` / sole `allOf` entry / first fitting alternative points to.
    private static func resolved(_ schema: JSONSchemaRules?, wanting type: JSONTypeSet) -> JSONSchemaRules? {
        var current = schema
        for _ in 0..<16 {
            guard let schema = current else { return nil }
            if schema.types.contains(type), type == .array ? schema.array != nil : schema.object != nil {
                return schema
            }
            if let reference = schema.reference {
                current = reference.resolve()
                continue
            }
            if let composition = schema.composition {
                let alternatives = composition.allOf + composition.anyOf + composition.oneOf
                if let next = alternatives.first(where: { $0.admittedTypes.contains(type) }) {
                    current = next
                    continue
                }
            }
            return schema
        }
        return current
    }

    private static func itemSchema(_ schema: JSONSchemaRules?, at index: Int) -> JSONSchemaRules? {
        guard let array = resolved(schema, wanting: .array)?.array else { return nil }
        if index < array.prefixItems.count { return array.prefixItems[index] }
        return array.items
    }

    private static func objectRules(_ schema: JSONSchemaRules?) -> ObjectRules? {
        resolved(schema, wanting: .object)?.object
    }

    static func propertySchema(_ schema: JSONSchemaRules?, named name: String) -> JSONSchemaRules? {
        guard let object = objectRules(schema) else { return nil }
        if let property = object.properties[name] { return property }
        if let pattern = object.patternProperties.first(where: { $0.pattern.matches(name) }) { return pattern.rules }
        return object.additionalProperties
    }
}

/// Parameter text before conversion: one value, a list (`tags[]=`), or keyed members (`dates[from]=`).
indirect enum RawParameter {
    case text(String)
    /// A value that needs no conversion: a form's JSON part, a file's name, `null` for an empty part.
    case value(JSONValue)
    case list([RawParameter])
    case map([(String, RawParameter)])

    /// Every text (and map key) percent-decoded, `+` kept: what a cookie's form-style value stands for.
    func percentDecoded() -> RawParameter {
        switch self {
        case .text(let text): .text(PercentDecoding.decode(text, plusIsSpace: false))
        case .value: self
        case .list(let items): .list(items.map { $0.percentDecoded() })
        case .map(let pairs):
            .map(pairs.map { (PercentDecoding.decode($0.0, plusIsSpace: false), $0.1.percentDecoded()) })
        }
    }

    /// Files `value` under bracket segments: `""` appends to a list, anything else is a key (last value wins).
    mutating func insert(_ value: String, at segments: ArraySlice<String>) {
        insert(leaf: .text(value), at: segments)
    }

    /// Files a leaf (text or a ready value) under bracket segments, as ``insert(_:at:)``.
    mutating func insert(leaf value: RawParameter, at segments: ArraySlice<String>) {
        guard let segment = segments.first else {
            self = value
            return
        }
        let rest = segments.dropFirst()
        if segment.isEmpty {
            var elements: [RawParameter]
            switch self {
            case .list(let existing): elements = existing
            case .map(let members) where members.isEmpty: elements = []
            case .map(let members): elements = members.map(\.1)
            case .text, .value: elements = [self]
            }
            var child = RawParameter.map([])
            child.insert(leaf: value, at: rest)
            elements.append(child)
            self = .list(elements)
            return
        }
        var members: [(String, RawParameter)]
        switch self {
        case .map(let existing): members = existing
        case .list(let elements): members = elements.enumerated().map { (String($0.offset), $0.element) }
        case .text, .value: members = []
        }
        if let position = members.firstIndex(where: { $0.0 == segment }) {
            members[position].1.insert(leaf: value, at: rest)
        } else {
            var child = RawParameter.map([])
            child.insert(leaf: value, at: rest)
            members.append((segment, child))
        }
        self = .map(members)
    }
}
