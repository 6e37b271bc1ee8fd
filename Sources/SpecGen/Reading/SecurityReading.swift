/// Reads Security Scheme Objects and security requirements.
extension ReadingContext {
    /// Reads a `securitySchemes` entry.
    func readSecurityScheme(_ node: SpecNode) -> SecurityScheme? {
        guard let (target, _) = resolve(node, kind: .securitySchemes) else { return nil }
        guard var reader = ObjectReader(target, self, as: "Security Scheme Object") else { return nil }
        defer { reader.finish() }
        let description = reader.string("description")
        guard let type = reader.string("type", required: true) else { return nil }
        let kind: SecurityScheme.Kind
        switch type {
        case "http":
            guard let scheme = reader.string("scheme", required: true) else { return nil }
            kind = .http(scheme: scheme.lowercased(), bearerFormat: reader.string("bearerFormat"))
        case "apiKey":
            let name = reader.string("name", required: true)
            let locationNode = reader.node("in")
            let location = locationNode.flatMap { ObjectReader.string($0, self, field: "in") }
                .flatMap(ParameterLocation.init(rawValue:))
            guard let name else { return nil }
            guard let location, location != .path else {
                error("an apiKey scheme needs 'in: header', 'in: query' or 'in: cookie'", at: locationNode ?? target)
                return nil
            }
            kind = .apiKey(name: name, location: location)
        case "oauth2":
            reader.accept("flows")
            kind = .oauth2
        case "openIdConnect":
            guard let url = reader.string("openIdConnectUrl", required: true) else { return nil }
            kind = .openIDConnect(url: url)
        case "mutualTLS":
            kind = .mutualTLS
        default:
            error(
                "unknown security scheme type '\(type)'", at: reader.node("type") ?? target,
                hint: "use http, apiKey, oauth2, openIdConnect or mutualTLS")
            return nil
        }
        _ = reader.extensions()
        return SecurityScheme(kind: kind, description: description, source: target.location)
    }

    /// Reads a `security` list (document or operation level).
    func readSecurityRequirements(_ node: SpecNode) -> [SecurityRequirement] {
        guard let items = node.items else {
            error("'security' must be a list of requirements, found \(node.node.kindDescription)", at: node)
            return []
        }
        return items.compactMap { item in
            guard let entries = item.entries else {
                error("a security requirement must be a mapping of scheme names to scopes", at: item)
                return nil
            }
            var requirement = SecurityRequirement(entries: [], source: item.location)
            for entry in entries {
                guard let scopeItems = entry.node.items else {
                    error("the scopes of '\(entry.name)' must be a list (use [] for none)", at: entry.node)
                    continue
                }
                let scopes = scopeItems.compactMap { ObjectReader.string($0, self, field: "scope") }
                requirement.entries.append(SecurityRequirement.Entry(scheme: entry.name, scopes: scopes))
            }
            return requirement
        }
    }
}
