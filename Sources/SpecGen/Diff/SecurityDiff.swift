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
