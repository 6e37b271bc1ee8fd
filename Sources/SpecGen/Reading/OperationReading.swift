/// Reads Path Item Objects and Operation Objects.
extension ReadingContext {
    /// Reads a path item. `template` is its `paths` key (or callback expression); with `checkTemplate`, every
    /// `{name}` must match a path parameter and every path parameter a `{name}`.
    func readPathItem(_ node: SpecNode, template: String, checkTemplate: Bool) -> PathItem? {
        guard let (target, _) = resolve(node, kind: .pathItems) else { return nil }
        guard var reader = ObjectReader(target, self, as: "Path Item Object") else { return nil }
        defer { reader.finish() }
        let summary = reader.string("summary")
        let description = reader.string("description")
        reader.accept("servers")
        let parameters = readParameterList(&reader)
        var operations: [Operation] = []
        for method in HTTPMethod.allCases {
            guard let operationNode = reader.node(method.rawValue) else { continue }
            if let operation = readOperation(
                operationNode, method: method, template: template, inherited: parameters, checkTemplate: checkTemplate)
            {
                operations.append(operation)
            }
        }
        if operations.isEmpty, checkTemplate {
            warning("path '\(template)' has no operations", at: node)
        }
        _ = reader.extensions()
        return PathItem(
            template: template, summary: summary, description: description, parameters: parameters,
            operations: operations, source: node.location)
    }

    /// A `parameters` list, with references resolved and duplicates (same name and location) refused.
    private func readParameterList(_ reader: inout ObjectReader) -> [Parameter] {
        var parameters: [Parameter] = []
        for item in reader.items("parameters") ?? [] {
            guard let parameter = readParameter(item) else { continue }
            if parameters.contains(where: { $0.name == parameter.name && $0.location == parameter.location }) {
                error(
                    "parameter '\(parameter.name)' in \(parameter.location.rawValue) is declared twice", at: item,
                    hint: "remove one of them")
                continue
            }
            parameters.append(parameter)
        }
        return parameters
    }

    private func readOperation(
        _ node: SpecNode, method: HTTPMethod, template: String, inherited: [Parameter], checkTemplate: Bool
    ) -> Operation? {
        guard var reader = ObjectReader(node, self, as: "Operation Object") else { return nil }
        defer { reader.finish() }
        let tags = reader.strings("tags") ?? []
        let summary = reader.string("summary")
        let description = reader.string("description")
        reader.accept("externalDocs", "servers")
        let operationID = reader.string("operationId")
        let deprecated = reader.bool("deprecated") ?? false

        let own = readParameterList(&reader)
        var parameters = inherited.filter { parent in
            !own.contains { $0.name == parent.name && $0.location == parent.location }
        }
        parameters += own
        if checkTemplate { checkPathParameters(parameters, template: template, operation: node) }

        let requestBody = reader.node("requestBody").flatMap(readRequestBody)
        var responses: [Response] = []
        if let responsesNode = reader.node("responses") {
            responses = readResponses(responsesNode)
        } else if isVersion30 {
            error("Operation Object is missing the required field 'responses'", at: node)
        }
        let security = reader.node("security").map(readSecurityRequirements)
        var callbacks = OrderedMap<Callback>()
        for entry in reader.entries("callbacks") ?? [] {
            if let callback = readCallback(entry.node) { callbacks[entry.name] = callback }
        }
        let extensions = reader.extensions()
        return Operation(
            method: method, path: template, operationID: operationID, summary: summary, description: description,
            tags: tags, deprecated: deprecated, parameters: parameters, requestBody: requestBody, responses: responses,
            security: security, callbacks: callbacks, extensions: extensions, source: node.location)
    }

    /// Every `{name}` in the template has a path parameter, and every path parameter a `{name}`.
    private func checkPathParameters(_ parameters: [Parameter], template: String, operation: SpecNode) {
        let names = PathTemplate(template).parameterNames
        var seen: Set<String> = []
        for name in names where !seen.insert(name).inserted {
            error(
                "path template '\(template)' uses '{\(name)}' twice", at: operation,
                hint: "give each segment its own name")
        }
        let declared = parameters.filter { $0.location == .path }
        for name in Set(names).sorted() where !declared.contains(where: { $0.name == name }) {
            error(
                "path parameter '\(name)' of '\(template)' is not declared", at: operation,
                hint: "add a parameter with name: \(name), in: path, required: true")
        }
        for parameter in declared where !names.contains(parameter.name) {
            diagnostics.error(
                "path parameter '\(parameter.name)' does not appear in '\(template)'", at: parameter.source.path,
                parameter.source.mark, hint: "add '{\(parameter.name)}' to the path or make it a query parameter")
        }
    }

    private func readResponses(_ node: SpecNode) -> [Response] {
        guard let entries = node.entries else {
            error("'responses' must be a mapping of status codes, found \(node.node.kindDescription)", at: node)
            return []
        }
        var responses: [Response] = []
        for entry in entries where !entry.name.hasPrefix("x-") {
            guard let status = ResponseStatus(entry.name) else {
                diagnostics.error(
                    "'\(entry.name)' is not a response status", at: entry.node.path, entry.keyMark,
                    hint: "use a code from 100 to 599, a range like 4XX, or default")
                continue
            }
            if case .range = status, entry.name != entry.name.uppercased() {
                diagnostics.warning(
                    "status range '\(entry.name)' should be written '\(entry.name.uppercased())'", at: entry.node.path,
                    entry.keyMark)
            }
            if let response = readResponse(entry.node, status: status) { responses.append(response) }
        }
        return responses
    }
}
