/// One operation's part of the reference page: its heading (the anchor), security, parameters, body and
/// responses, each with every rule the generated validators enforce.
extension ReferencePage {
    func operationSection(_ operation: Operation) -> HTML {
        let anchor = Self.anchor(operation)
        var children: [HTML] = [
            .tag(
                "h3",
                [
                    .element(
                        "a", [HTMLAttribute("class", "anchor"), HTMLAttribute("href", "#" + anchor)], [.text("#")]),
                    .text(" "), Self.methodBadge(operation.method), .text(" "),
                    .tag("code", class: "path", text: operation.path),
                ]),
            .tag(
                "p", class: "opid",
                [.text("operationId "), .code(operation.operationID ?? "—")]
                    + (operation.deprecated ? [.text(" · "), .tag("strong", text: "deprecated")] : [])),
        ]
        if let summary = operation.summary { children.append(.tag("p", class: "summary", text: summary)) }
        children += DescriptionText.html(operation.description)
        children.append(.tag("h4", text: "Security"))
        children.append(securityLine(operation.security ?? document.security))
        if !operation.parameters.isEmpty {
            children.append(.tag("h4", text: "Parameters"))
            children.append(parametersTable(operation.parameters))
        }
        if let body = operation.requestBody {
            children.append(.tag("h4", text: body.required ? "Request body (required)" : "Request body (optional)"))
            children += DescriptionText.html(body.description)
            for media in body.content { children += mediaType(media) }
        }
        children.append(.tag("h4", text: "Responses"))
        for response in operation.responses { children.append(responseBlock(response)) }
        return .element(
            "section",
            [
                HTMLAttribute("id", anchor), HTMLAttribute("class", "op"),
                HTMLAttribute("data-search", Self.searchText(operation)),
            ], children)
    }

    /// Who may call: `None: open to anyone.`, or each alternative's schemes (all of one alternative together).
    func securityLine(_ requirements: [SecurityRequirement]) -> HTML {
        guard !requirements.isEmpty else { return .tag("p", text: "None: anyone may call it.") }
        let alternatives: [[HTML]] = requirements.map { requirement in
            if requirement.isAnonymous { return [.text("no credentials (anonymous)")] }
            return requirement.entries.enumerated().flatMap { index, entry -> [HTML] in
                var parts: [HTML] = index > 0 ? [.text(" and ")] : []
                parts.append(.link("#" + Self.securityAnchor(entry.scheme), [.code(entry.scheme)]))
                if let scheme = document.components.securitySchemes[entry.scheme] {
                    parts.append(.text(" (" + Self.schemeKind(scheme.kind) + ")"))
                }
                if !entry.scopes.isEmpty { parts.append(.text(" with " + entry.scopes.joined(separator: ", "))) }
                return parts
            }
        }
        if alternatives.count == 1 { return .tag("p", alternatives[0]) }
        return .tag("p", [.text("One of:")] + [.tag("ul", alternatives.map { .tag("li", $0) })])
    }

    func parametersTable(_ parameters: [Parameter]) -> HTML {
        .tag(
            "table", class: "fields",
            [
                .tag(
                    "thead",
                    [.tag("tr", ["Name", "In", "Type", "Rules", "Description"].map { .tag("th", text: $0) })]),
                .tag(
                    "tbody",
                    parameters.map { parameter in
                        var rules = parameter.required ? [HTML.tag("strong", text: "required")] : []
                        if parameter.deprecated { rules.append(.text("deprecated")) }
                        if let contentType = parameter.contentType {
                            rules.append(.fragment([.text("sent as "), .code(contentType)]))
                        } else if parameter.style == .deepObject {
                            rules.append(.fragment([.text("style "), .code("deepObject")]))
                        }
                        rules += constraints(parameter.schema, description: parameter.description)
                        return .tag(
                            "tr",
                            [
                                .tag("td", [.code(parameter.name)]),
                                .tag("td", text: parameter.location.rawValue),
                                .tag("td", typeLabel(parameter.schema)),
                                .tag("td", [phraseList(rules)]),
                                .tag(
                                    "td",
                                    DescriptionText.html(parameter.description ?? parameter.schema.object?.description)
                                        + enumBlock(parameter.schema, description: parameter.description)
                                        + inlineExamples(parameter.examples + (parameter.schema.object?.examples ?? []))
                                ),
                            ])
                    }),
            ])
    }

    /// One media type of a body: its name, schema and examples.
    func mediaType(_ media: MediaType) -> [HTML] {
        var blocks: [HTML] = [.tag("p", class: "media", [.text("Content type "), .code(media.contentType)])]
        if let schema = media.schema { blocks += schemaBlock(schema) }
        for (name, encoding) in media.encoding.map({ ($0.name, $0.value) }) {
            if let type = encoding.contentType {
                blocks.append(.tag("p", [.text("Part "), .code(name), .text(" is sent as "), .code(type), .text(".")]))
            }
        }
        blocks += examples(media.examples)
        return blocks
    }

    /// A response in an operation: a shared one (a component) links to the Errors section, an inline one is
    /// written out.
    func responseBlock(_ response: Response) -> HTML {
        let heading = HTML.tag(
            "h5",
            [Self.statusBadge(response.status), .text(" ")] + DescriptionText.inline(firstLine(response.description)))
        if let name = response.reference?.componentName {
            let shapes = response.content.compactMap { media in media.schema.map { typeLabel($0) } }
            var line: [HTML] = [.text("Shared response "), .link("#" + Self.responseAnchor(name), [.code(name)])]
            for shape in shapes { line += [.text(", body ")] + shape }
            return .tag("div", class: "response", [heading, .tag("p", line + [.text(".")])])
        }
        return .tag("div", class: "response", [heading] + responseDetails(response, skipFirstLine: true))
    }

    /// Everything about a response: description, headers, body schemas and examples.
    func responseDetails(_ response: Response, skipFirstLine: Bool = false) -> [HTML] {
        var blocks: [HTML] = []
        let rest = skipFirstLine ? remainingLines(response.description) : response.description
        blocks += DescriptionText.html(rest)
        if !response.headers.isEmpty {
            blocks.append(
                .tag(
                    "table", class: "fields",
                    [
                        .tag(
                            "thead",
                            [.tag("tr", ["Header", "Type", "Rules", "Description"].map { .tag("th", text: $0) })]),
                        .tag(
                            "tbody",
                            response.headers.map { element in
                                let header = element.value
                                return .tag(
                                    "tr",
                                    [
                                        .tag("td", [.code(element.name)]), .tag("td", typeLabel(header.schema)),
                                        .tag(
                                            "td",
                                            [
                                                phraseList(
                                                    (header.required ? [HTML.tag("strong", text: "always sent")] : [])
                                                        + constraints(header.schema))
                                            ]),
                                        .tag(
                                            "td",
                                            DescriptionText.html(header.description) + inlineExamples(header.examples)),
                                    ])
                            }),
                    ]))
        }
        for media in response.content { blocks += mediaType(media) }
        if response.content.isEmpty { blocks.append(.tag("p", class: "media", text: "No body.")) }
        return blocks
    }

    /// Named examples as indented JSON (text bodies as they are).
    func examples(_ values: [SpecValue]) -> [HTML] {
        values.map { value in
            let text = value.stringValue ?? JSONText.pretty(value)
            return .tag("details", class: "example", [.tag("summary", text: "Example"), .tag("pre", [.code(text)])])
        }
    }

    /// Examples of a parameter or property, compact, in its description cell.
    func inlineExamples(_ values: [SpecValue]) -> [HTML] {
        guard !values.isEmpty else { return [] }
        return [
            .tag(
                "p", class: "examples",
                [.text(values.count == 1 ? "Example: " : "Examples: ")]
                    + values.enumerated().flatMap { index, value in
                        (index > 0 ? [HTML.text(", ")] : []) + [.code(value.description)]
                    })
        ]
    }

    static func statusBadge(_ status: ResponseStatus) -> HTML {
        let kind: String =
            switch status {
            case .code(let code): "s\(code / 100)"
            case .range(let first): "s\(first)"
            case .default: "s0"
            }
        return .tag("span", class: "status " + kind, text: status.description)
    }

    /// The first paragraph of a description on one line (the response's heading).
    private func firstLine(_ text: String) -> String {
        let paragraph = text.components(separatedByBlankLine: true).first ?? ""
        return paragraph.split(separator: "\n").map { $0.trimmingSpaces() }.joined(separator: " ")
    }

    /// The paragraphs after the first; nil when there are none.
    private func remainingLines(_ text: String) -> String? {
        let paragraphs = text.components(separatedByBlankLine: true)
        return paragraphs.count > 1 ? paragraphs.dropFirst().joined(separator: "\n\n") : nil
    }
}

extension String {
    /// The text's paragraphs: runs of lines separated by blank lines (the empty ones dropped).
    func components(separatedByBlankLine: Bool) -> [String] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
        return paragraphs
    }
}
