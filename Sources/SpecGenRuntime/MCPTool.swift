/// One operation offered as a Model Context Protocol tool: what `tools/list` shows of it and how a `tools/call`'s
/// arguments become the request the operation would have received over HTTP.
///
/// SpecGen prints one per operation marked `x-mcp` (`MCPTools.all`). The arguments are a single object: the
/// operation's path, query and header parameters under their spec names, and the JSON body's properties beside
/// them (``BodyArgument/merged``), or the whole body under `body` when it is not an object whose property names
/// are free (``BodyArgument/named(_:)``). ``request(arguments:)`` turns them back into parameters and a body with
/// the client's own encoder, so the server checks them with the same rules and answers with the same handler as a
/// REST call: a tool call can be nothing the REST call could not be.
public struct MCPTool<ID: Hashable & Sendable>: Sendable {
    /// Where the JSON body comes from in the arguments.
    public enum BodyArgument: Sendable, Equatable {
        /// The operation takes no JSON body.
        case none
        /// Every argument that is not a parameter is a member of the body object.
        case merged
        /// The body is the argument of this name.
        case named(String)
    }

    /// The tool's name: the operationId, or the operation's `x-mcp-name`.
    public let name: String
    /// The operation it calls.
    public let operation: ID
    /// The operation's summary.
    public let title: String?
    /// The summary and description, for the model choosing a tool.
    public let description: String
    /// The arguments as one JSON Schema 2020-12 object (parameters and body merged).
    public let inputSchema: JSONValue
    /// The success response's JSON Schema as an object schema, nil when the operation answers no JSON.
    public let outputSchema: JSONValue?
    /// Whether the success body is wrapped as `{"result": body}` because it is not an object (MCP's structured
    /// content is always an object).
    public let wrapsOutput: Bool
    /// Whether the operation only reads (`GET`): MCP's `readOnlyHint`.
    public let isReadOnly: Bool
    /// The operation's request rules: where each parameter goes and how it is serialized.
    public let rules: RequestRules
    /// Where the body comes from.
    public let body: BodyArgument
    /// The body's media type when it is sent.
    public let bodyContentType: String

    /// A tool whose schemas are given as JSON text (what generated code prints: a literal compiles far faster than
    /// a tree of values). Text that is not JSON is a generator bug and stops the process at first use.
    public init(
        name: String, operation: ID, title: String?, description: String, inputSchema: String,
        outputSchema: String?, wrapsOutput: Bool, isReadOnly: Bool, rules: RequestRules, body: BodyArgument,
        bodyContentType: String = "application/json"
    ) {
        self.name = name
        self.operation = operation
        self.title = title
        self.description = description
        self.inputSchema = Self.parse(inputSchema)
        self.outputSchema = outputSchema.map(Self.parse)
        self.wrapsOutput = wrapsOutput
        self.isReadOnly = isReadOnly
        self.rules = rules
        self.body = body
        self.bodyContentType = bodyContentType
    }

    /// The tool as `tools/list` describes it.
    public var listing: JSONValue {
        var object: JSONObject = ["name": .string(name), "description": .string(description), "inputSchema": inputSchema]
        if let title { object["title"] = .string(title) }
        if let outputSchema { object["outputSchema"] = outputSchema }
        object["annotations"] = .object(["readOnlyHint": .bool(isReadOnly)])
        return .object(object)
    }

    /// The values of a REST request made of a call's arguments: each parameter by its name, the rest as the body.
    public func values(arguments: JSONObject) -> ClientRequestValues {
        var values = ClientRequestValues()
        var rest = arguments
        for parameter in rules.parameters {
            guard let value = arguments[parameter.name] else { continue }
            rest[parameter.name] = nil
            // A JSON null for an optional parameter is the parameter left out, as a client library would send it.
            if value.isNull, !parameter.isRequired { continue }
            values.parameters[parameter.name] = value
        }
        switch body {
        case .none:
            break
        case .merged:
            if !rest.isEmpty || rules.isBodyRequired { values.body = .json(bodyContentType, .object(rest)) }
        case .named(let name):
            if let value = rest[name] { values.body = .json(bodyContentType, value) }
        }
        return values
    }

    /// The REST request a call's arguments stand for (`method` on the operation's `path` template), with what the
    /// server's router and the operation's rules would read from it (``EncodedRequest/sources``).
    public func request(arguments: JSONObject, method: String, path: String) -> EncodedRequest {
        RequestEncoding.encode(values(arguments: arguments), method: method, path: path, rules: rules)
    }

    /// The structured result of a success body: the body itself, or `{"result": body}` for a body that is not an
    /// object.
    public func structuredContent(_ body: JSONValue?) -> JSONValue? {
        guard let body else { return nil }
        return wrapsOutput ? .object(["result": body]) : body
    }

    private static func parse(_ text: String) -> JSONValue {
        do {
            return try JSONParser().parse(Array(text.utf8))
        } catch {
            preconditionFailure("SpecGen printed a tool schema that is not JSON: \(error)")
        }
    }
}
