extension OperationDiff {
    /// Compares who may call the operation: each `security` alternative (a set of schemes with scopes) the
    /// old spec accepted must still be accepted, and an operation open to anyone must stay open.
    mutating func compareSecurity() {
        let before = Self.alternatives(old.security ?? oldDocument.security)
        let after = Self.alternatives(new.security ?? newDocument.security)
        let openBefore = before.isEmpty || before.contains("{}")
        let openAfter = after.isEmpty || after.contains("{}")
        switch (openBefore, openAfter) {
        case (true, false):
            record(.securityRequired(alternatives: after))
        case (false, true):
            record(.securityRelaxed)
        case (false, false):
            compareSchemes(in: before.filter(after.contains))
            for alternative in before where !after.contains(alternative) {
                record(.securityAlternativeRemoved(alternative))
            }
            for alternative in after where !before.contains(alternative) {
                record(.securityAlternativeAdded(alternative))
            }
        case (true, true):
            break
        }
    }

    /// Reports the schemes of the alternatives both versions accept whose definition changed.
    private mutating func compareSchemes(in alternatives: [String]) {
        var seen: Set<String> = []
        for alternative in alternatives where alternative != "{}" {
            for entry in alternative.split(separator: "+") {
                let name = String(entry.prefix { $0 != "[" })
                guard seen.insert(name).inserted,
                    let before = oldDocument.components.securitySchemes[name],
                    let after = newDocument.components.securitySchemes[name]
                else { continue }
                // Compared as described: `bearerFormat` is documentation, and HTTP scheme names ignore case.
                let from = Self.describe(before.kind)
                let to = Self.describe(after.kind)
                if from != to { record(.securitySchemeChanged(name: name, from: from, to: to)) }
            }
        }
    }

    /// What a client sends for a scheme: `http bearer`, `apiKey X-Key in header`.
    static func describe(_ kind: SecurityScheme.Kind) -> String {
        switch kind {
        case .http(let scheme, _): "http \(scheme.lowercased())"
        case .apiKey(let name, let location): "apiKey \(name) in \(location.rawValue)"
        case .oauth2: "oauth2"
        case .openIDConnect(let url): "openIdConnect \(url)"
        case .mutualTLS: "mutualTLS"
        }
    }

    /// Each requirement as text, schemes sorted and joined with `+`, scopes in brackets:
    /// `userToken`, `oauth[read,write]+apiKey`; `{}` for the anonymous alternative.
    static func alternatives(_ requirements: [SecurityRequirement]) -> [String] {
        requirements.map { requirement in
            if requirement.isAnonymous { return "{}" }
            return requirement.entries.map { entry in
                entry.scopes.isEmpty ? entry.scheme : "\(entry.scheme)[\(entry.scopes.sorted().joined(separator: ","))]"
            }.sorted().joined(separator: "+")
        }
    }
}
