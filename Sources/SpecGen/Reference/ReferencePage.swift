/// The translate stage of the reference page (`GET /docs`): the OpenAPI model → structured ``HTML``, printed by
/// ``HTMLRenderer``. One self-contained page: inline CSS, a small inline script for the search box, and no
/// external resource at all (the server is often offline); everything is readable without the script.
///
/// Sections: the API's introduction, its security schemes, every operation grouped by tag (anchor = its
/// operationId: `/docs#registerAgent`), the shared error responses, and every component schema.
struct ReferencePage {
    let document: OpenAPIDocument

    /// The page as text.
    static func render(_ document: OpenAPIDocument) -> String {
        HTMLRenderer().document(ReferencePage(document: document).page)
    }

    /// The whole `<html>` element.
    var page: HTML {
        let info = document.info
        let head = HTML.tag(
            "head",
            [
                .element("meta", [HTMLAttribute("charset", "utf-8")], []),
                .element(
                    "meta",
                    [
                        HTMLAttribute("name", "viewport"),
                        HTMLAttribute("content", "width=device-width, initial-scale=1"),
                    ],
                    []),
                .tag("title", text: "\(info.title) \(info.version) reference"),
                .element("style", [], [.rawText(ReferenceStyle.css)]),
            ])
        let header = HTML.tag(
            "header",
            [
                .tag("h1", [.text(info.title + " "), .tag("span", class: "version", text: info.version)]),
                info.summary.map { HTML.tag("p", class: "lead", text: $0) } ?? .fragment([]),
                .tag(
                    "p", class: "meta",
                    [
                        .text("\(document.operations.count) operations, OpenAPI \(document.version.text). The spec: "),
                        .link("openapi.yaml", [.text("openapi.yaml")]), .text(", "),
                        .link("openapi.json", [.text("openapi.json")]), .text("."),
                    ]),
                .element(
                    "input",
                    [
                        HTMLAttribute("type", "search"), HTMLAttribute("id", "search"),
                        HTMLAttribute("placeholder", "Filter operations: name, path, tag…"),
                        HTMLAttribute("aria-label", "Filter operations"), HTMLAttribute("hidden", nil),
                    ], []),
            ])
        var main: [HTML] = []
        if info.description != nil {
            main.append(
                .tag(
                    "section", id: "introduction", class: "static",
                    [.tag("h2", text: "Introduction")] + DescriptionText.html(info.description)))
        }
        if !document.components.securitySchemes.isEmpty { main.append(securitySection) }
        main += groups.map(groupSection)
        if !document.components.responses.isEmpty { main.append(errorsSection) }
        if !document.components.schemas.isEmpty { main.append(schemasSection) }
        let body = HTML.tag(
            "body",
            [
                header,
                .tag("div", class: "layout", [navigation, .tag("main", main)]),
                .element("script", [], [.rawText(ReferenceStyle.script)]),
            ])
        return .element("html", [HTMLAttribute("lang", "en")], [head, body])
    }

    // MARK: - Grouping

    /// A tag with its operations, in the document's tag order (then undeclared tags as first used, then the
    /// untagged operations under "Other").
    struct Group {
        var tag: String
        var description: String?
        var operations: [Operation]
    }

    var groups: [Group] {
        var order = document.tags.map(\.name)
        for operation in document.operations {
            for tag in operation.tags where !order.contains(tag) { order.append(tag) }
        }
        var groups = order.map { tag in
            Group(
                tag: tag, description: document.tags.first { $0.name == tag }?.description,
                operations: document.operations.filter { $0.tags.contains(tag) })
        }
        let untagged = document.operations.filter(\.tags.isEmpty)
        if !untagged.isEmpty { groups.append(Group(tag: "Other", description: nil, operations: untagged)) }
        return groups.filter { !$0.operations.isEmpty }
    }

    /// Whether `group` is where the operation is written out (its first tag), rather than only linked.
    func isHome(_ group: Group, of operation: Operation) -> Bool {
        operation.tags.first.map { $0 == group.tag } ?? (group.tag == "Other")
    }

    /// The operation's anchor: its operationId, or `get-/api/x` made of method and path when it has none.
    static func anchor(_ operation: Operation) -> String {
        operation.operationID ?? (operation.method.rawValue + "-" + operation.path).replacingSpaces()
    }

    /// The lowercased words the search box matches an operation on.
    static func searchText(_ operation: Operation) -> String {
        ([operation.operationID ?? "", operation.method.wireName, operation.path, operation.summary ?? ""]
            + operation.tags)
            .joined(separator: " ").lowercased()
    }

    // MARK: - Sections

    private var navigation: HTML {
        .tag(
            "nav",
            [.tag("h2", text: "Operations")]
                + groups.map { group in
                    .tag(
                        "div", class: "navgroup",
                        [
                            .tag("h3", [.link("#" + Self.tagAnchor(group.tag), [.text(group.tag)])]),
                            .tag(
                                "ul",
                                group.operations.map { operation in
                                    .element(
                                        "li", [HTMLAttribute("data-search", Self.searchText(operation))],
                                        [
                                            .link(
                                                "#" + Self.anchor(operation),
                                                [
                                                    Self.methodBadge(operation.method), .text(" "),
                                                    .tag("span", class: "navpath", text: operation.path),
                                                ])
                                        ])
                                }),
                        ])
                }
                + [
                    .tag(
                        "h3",
                        [
                            .link("#errors", [.text("Errors")]), .text(" · "),
                            .link("#schemas", [.text("Schemas")]),
                        ])
                ])
    }

    private func groupSection(_ group: Group) -> HTML {
        var children: [HTML] = [.tag("h2", text: group.tag)] + DescriptionText.html(group.description)
        for operation in group.operations {
            if isHome(group, of: operation) {
                children.append(operationSection(operation))
            } else {
                children.append(
                    .element(
                        "p",
                        [HTMLAttribute("class", "also"), HTMLAttribute("data-search", Self.searchText(operation))],
                        [
                            .text("Also in this group: "), Self.methodBadge(operation.method), .text(" "),
                            .link("#" + Self.anchor(operation), [.code(operation.path)]),
                            .text(operation.summary.map { " — " + $0 } ?? ""),
                        ]))
            }
        }
        return .tag("section", id: Self.tagAnchor(group.tag), class: "tag", children)
    }

    private var securitySection: HTML {
        .tag(
            "section", id: "security", class: "static",
            [
                .tag("h2", text: "Authentication"),
                .tag(
                    "p", text: "Each operation says which of these schemes it accepts; the page's operations link here."
                ),
            ]
                + document.components.securitySchemes.map { element in
                    .tag(
                        "div", id: Self.securityAnchor(element.name), class: "scheme",
                        [.tag("h3", [.code(element.name), .text(" — " + Self.schemeKind(element.value.kind))])]
                            + DescriptionText.html(element.value.description))
                })
    }

    private var errorsSection: HTML {
        .tag(
            "section", id: "errors", class: "static",
            [
                .tag("h2", text: "Errors"),
                .tag("p", text: "The responses operations share, most of them errors: their shapes and examples."),
            ]
                + document.components.responses.map { element in
                    .tag(
                        "div", id: Self.responseAnchor(element.name), class: "component",
                        [.tag("h3", [.code(element.name)])] + responseDetails(element.value))
                })
    }

    private var schemasSection: HTML {
        .tag(
            "section", id: "schemas", class: "static",
            [.tag("h2", text: "Schemas")]
                + document.components.schemas.map { element in
                    .tag(
                        "div", id: Self.schemaAnchor(element.name), class: "component",
                        [.tag("h3", [.code(element.name)])] + schemaBody(element.value, title: true))
                })
    }

    // MARK: - Anchors and labels

    static func tagAnchor(_ tag: String) -> String { "tag-" + tag.replacingSpaces() }
    static func schemaAnchor(_ name: String) -> String { "schema-" + name }
    static func responseAnchor(_ name: String) -> String { "response-" + name }
    static func securityAnchor(_ name: String) -> String { "security-" + name }

    static func methodBadge(_ method: HTTPMethod) -> HTML {
        .tag("span", class: "method " + method.rawValue, text: method.wireName)
    }

    /// `HTTP bearer (JWT)`, `API key in header X-Agent-Key`.
    static func schemeKind(_ kind: SecurityScheme.Kind) -> String {
        switch kind {
        case .http(let scheme, let format): "HTTP \(scheme)" + (format.map { " (\($0))" } ?? "")
        case .apiKey(let name, let location): "API key in \(location.rawValue) \(name)"
        case .oauth2: "OAuth 2"
        case .openIDConnect(let url): "OpenID Connect (\(url))"
        case .mutualTLS: "mutual TLS"
        }
    }
}

extension String {
    /// The text with every space, tab or line break as `-`, for an HTML id.
    func replacingSpaces() -> String {
        String(map { $0 == " " || $0 == "\t" || $0 == "\n" ? "-" : $0 })
    }
}
