/// The Swift names of the component schemas: one type name (`Agent`) and one rules name (`agent`) each,
/// unique even when spec names differ only in case or punctuation (`agent-link` and `AgentLink`).
struct SchemaNames: Sendable {
    /// Names no generated type may take: the runtime's and Swift's own types that generated code mentions.
    static let reservedTypeNames: Set<String> = [
        "String", "Int", "Int32", "Int64", "Double", "Bool", "Array", "Optional", "Date", "Decimal", "JSONValue",
        "JSONObject", "JSONNumber", "JSONCodable", "JSONDecodable", "JSONEncodable", "JSONDecodingError",
        "JSONSchemaRules", "Sendable", "Equatable", "Hashable", "CaseIterable", "Schemas", "Operations", "APIHandler",
        "APIRouter", "RouteMatch", "RouteNode", "RouteTree", "OperationID", "OperationDescriptor", "OperationTableRow",
        "OperationSecurity", "Principal", "PercentDecoding",
        "OperationResponse", "RequestRules", "ParameterRules", "ParameterSources", "DecodedRequest", "Swift",
        "Foundation", "Generated", "Input", "Output", "Body", "RawValue", "FormRules", "UploadedFiles",
        "ResponseHeader", "RawBody", "MediaRules",
    ]

    private var typeNames: [String: String] = [:]
    private var rulesNames: [String: String] = [:]

    init(_ components: [String]) {
        var types = SwiftNameScope(reserved: Self.reservedTypeNames)
        var rules = SwiftNameScope()
        for name in components {
            typeNames[name] = types.claim(SwiftName.typeName(name))
            rulesNames[name] = rules.claim(SwiftName.memberName(name))
        }
    }

    /// `Agent` for the component `Agent`.
    func typeName(_ component: String) -> String { typeNames[component] ?? SwiftName.typeName(component) }

    /// `agent` for the component `Agent`: the `Schemas` member holding its rules.
    func rulesName(_ component: String) -> String { rulesNames[component] ?? SwiftName.memberName(component) }

    /// Every type name taken, so nested types can avoid shadowing them.
    var allTypeNames: Set<String> { Set(typeNames.values) }
}
