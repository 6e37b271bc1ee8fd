/// `MCPTools.swift`: one ``MCPTool`` (SpecGenRuntime) per operation the spec marks `x-mcp: true`, so an MCP
/// server offers exactly the operations the spec chose, described by the spec's own words and schemas.
///
/// A tool's arguments are one object (MCP's `inputSchema` must be an object schema): the operation's path, query,
/// header and cookie parameters under their spec names, and the JSON body's properties merged beside them when the
/// body is a plain object schema whose property names no parameter takes; any other JSON body is the argument
/// `body`. The `outputSchema` is the first success response's JSON schema, wrapped as `{"result": …}` when it is not
/// an object. An operation whose body is not JSON (a form, bytes) gets no tool: an MCP call carries JSON only.
struct MCPToolsTranslator {
    let document: OpenAPIDocument

    static let dialect = "https://json-schema.org/draft/2020-12/schema"

    /// Whether the operation is offered as a tool.
    static func isTool(_ operation: Operation) -> Bool {
        guard operation.extensions["x-mcp"] == .bool(true) else { return false }
        guard let body = operation.requestBody else { return true }
        return OperationTranslator.jsonMedia(body.content) != nil
    }

    func file(_ operations: [Operation], names: [OperationTranslator.OperationNames]) -> SwiftFile {
        let tools = zip(operations, names).filter { Self.isTool($0.0) }.map { tool($0.0, names: $0.1) }
        return SwiftFile(
            name: "MCPTools.swift", imports: [],
            declarations: [
                .type(
                    SwiftTypeDeclaration(
                        doc: DocComment(
                            "The operations the spec offers as Model Context Protocol tools (`x-mcp: true`), in the spec's order."
                        ),
                        kind: .enum, name: "MCPTools",
                        members: [
                            .variable(
                                SwiftVariable(
                                    doc: DocComment(
                                        "Every tool: its name, description, argument and result schemas, and the operation it calls."
                                    ),
                                    isStatic: true, isLet: true, name: "all", type: "[MCPTool<OperationID>]",
                                    value: .array(tools)))
                        ]))
            ])
    }

    private func tool(_ operation: Operation, names: OperationTranslator.OperationNames) -> SwiftExpression {
        let name = operation.extensions["x-mcp-name"]?.stringValue ?? operation.operationID ?? names.member
        let description = [operation.summary, operation.description].compactMap { $0 }.filter { !$0.isEmpty }
            .joined(separator: "\n\n")
        let (input, body) = inputSchema(operation)
        let output = outputSchema(operation)
        return .call(
            .identifier("MCPTool"),
            [
                SwiftArgument("name", .string(name)),
                SwiftArgument("operation", .member(nil, names.member)),
                SwiftArgument("title", operation.summary.map(SwiftExpression.string) ?? .nilLiteral),
                SwiftArgument("description", .string(description.isEmpty ? name : description)),
                SwiftArgument("inputSchema", .rawString(input.description)),
                SwiftArgument("outputSchema", output.map { .rawString($0.schema.description) } ?? .nilLiteral),
                SwiftArgument("wrapsOutput", .bool(output?.wraps ?? false)),
                SwiftArgument("isReadOnly", .bool(operation.method == .get)),
                SwiftArgument("rules", .member(.member(.identifier("Operations"), names.type), "rules")),
                SwiftArgument("body", body),
            ])
    }

    /// The arguments' schema and where the body comes from among them.
    func inputSchema(_ operation: Operation) -> (SpecValue, SwiftExpression) {
        var export = JSONSchemaExport(document: document)
        var properties: [SpecValue.Member] = []
        var required: [String] = []
        for parameter in operation.parameters {
            properties.append(.init(name: parameter.name, value: described(export.export(parameter.schema), parameter.description)))
            if parameter.required { required.append(parameter.name) }
        }
        var additional: SpecValue?
        var body = SwiftExpression.member(nil, "none")
        if let requestBody = operation.requestBody, let media = OperationTranslator.jsonMedia(requestBody.content),
            let schema = media.schema
        {
            let parameterNames = Set(operation.parameters.map(\.name))
            if let object = mergeable(schema, besides: parameterNames) {
                for property in object.properties {
                    properties.append(.init(name: property.name, value: export.export(property.value)))
                }
                if requestBody.required { required += object.required }
                additional = object.additionalProperties.map { export.export($0) }
                body = .member(nil, "merged")
            } else {
                let name = parameterNames.contains("body") ? "requestBody" : "body"
                properties.append(.init(name: name, value: described(export.export(schema), requestBody.description)))
                if requestBody.required { required.append(name) }
                body = .call(.member(nil, "named"), [SwiftArgument(nil, .string(name))])
            }
        }
        var root: [SpecValue.Member] = [
            .init(name: "$schema", value: .string(Self.dialect)), .init(name: "type", value: .string("object")),
            .init(name: "properties", value: .object(properties)),
        ]
        if !required.isEmpty { root.append(.init(name: "required", value: .array(required.map(SpecValue.string)))) }
        if let additional { root.append(.init(name: "additionalProperties", value: additional)) }
        if let definitions = export.definitionsObject() { root.append(.init(name: "$defs", value: definitions)) }
        return (.object(root), body)
    }

    /// The body's object schema when its properties can stand beside the parameters: an object schema (through bare
    /// references) of properties alone, none named like a parameter. Anything with composition or conditional
    /// keywords is kept whole, so its meaning is not changed by flattening.
    private func mergeable(_ schema: Schema, besides parameters: Set<String>) -> SchemaObject? {
        guard let object = document.resolved(schema)?.object, object.reference == nil,
            object.nonNullTypes == [.object] && !object.allowsNull, !object.properties.isEmpty,
            object.allOf == nil, object.anyOf == nil, object.oneOf == nil, object.not == nil, object.ifSchema == nil,
            object.patternProperties.isEmpty, object.propertyNames == nil, object.dependentRequired.isEmpty,
            object.dependentSchemas.isEmpty, object.minProperties == nil, object.maxProperties == nil,
            object.enumValues == nil, object.constValue == nil,
            object.properties.names.allSatisfy({ !parameters.contains($0) })
        else { return nil }
        return object
    }

    /// The first success response's JSON schema as an object schema, and whether it had to be wrapped.
    func outputSchema(_ operation: Operation) -> (schema: SpecValue, wraps: Bool)? {
        guard
            let response = operation.responses.filter(\.status.isSuccess).sorted(by: { $0.status < $1.status }).first,
            let media = OperationTranslator.jsonMedia(response.content), let schema = media.schema
        else { return nil }
        var export = JSONSchemaExport(document: document)
        var root: [SpecValue.Member] = [.init(name: "$schema", value: .string(Self.dialect))]
        let wraps: Bool
        if let object = document.resolved(schema)?.object, object.reference == nil, object.nonNullTypes == [.object],
            !object.allowsNull
        {
            // The component itself at the root: MCP clients look for `"type": "object"` there.
            guard case .object(let members) = export.export(.object(object)) else { return nil }
            root += members
            wraps = false
        } else {
            root += [
                .init(name: "type", value: .string("object")),
                .init(name: "properties", value: .object([.init(name: "result", value: export.export(schema))])),
                .init(name: "required", value: .array([.string("result")])),
            ]
            wraps = true
        }
        if let definitions = export.definitionsObject() { root.append(.init(name: "$defs", value: definitions)) }
        return (.object(root), wraps)
    }

    /// A parameter's or body's schema with its description, when the schema has none of its own.
    private func described(_ schema: SpecValue, _ description: String?) -> SpecValue {
        guard let description, case .object(var members) = schema, !members.contains(where: { $0.name == "description" })
        else { return schema }
        members.append(.init(name: "description", value: .string(description)))
        return .object(members)
    }
}
