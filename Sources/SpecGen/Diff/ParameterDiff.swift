extension OperationDiff {
    /// Compares the parameters clients send: query and header parameters by location and name (header names
    /// case-insensitively), path parameters by their place in the path, since their names never reach the wire.
    mutating func compareParameters() {
        let oldPath = PathTemplate(old.path).parameterNames
        let newPath = PathTemplate(new.path).parameterNames
        var matchedNew: Set<Int> = []
        for parameter in old.parameters {
            let field = FieldPath("\(parameter.location.rawValue).\(parameter.name)")
            let index = new.parameters.indices.first { index in
                let candidate = new.parameters[index]
                guard !matchedNew.contains(index), candidate.location == parameter.location else { return false }
                switch parameter.location {
                case .path:
                    return oldPath.firstIndex(of: parameter.name) == newPath.firstIndex(of: candidate.name)
                        && oldPath.contains(parameter.name)
                case .header: return candidate.name.lowercased() == parameter.name.lowercased()
                case .query, .cookie: return candidate.name == parameter.name
                }
            }
            guard let index else {
                record(.fieldRemoved(refusedWhenSent: false), at: field, on: .request)
                continue
            }
            matchedNew.insert(index)
            let counterpart = new.parameters[index]
            if parameter.location == .path, counterpart.name != parameter.name {
                record(.pathParameterRenamed(to: counterpart.name), at: field, on: .request)
            }
            if !parameter.required, counterpart.required { record(.fieldMadeRequired, at: field, on: .request) }
            if parameter.required, !counterpart.required { record(.fieldMadeOptional, at: field, on: .request) }
            let oldStyle = Self.serialization(parameter)
            let newStyle = Self.serialization(counterpart)
            if oldStyle != newStyle {
                record(.serializationChanged(from: oldStyle, to: newStyle), at: field, on: .request)
            }
            compareSchemas([parameter.schema], [counterpart.schema], at: field, on: .request)
        }
        for (index, parameter) in new.parameters.enumerated() where !matchedNew.contains(index) {
            let field = FieldPath("\(parameter.location.rawValue).\(parameter.name)")
            record(.fieldAdded(required: parameter.required), at: field, on: .request)
        }
    }

    /// `form, exploded` — how a value is written on the wire.
    private static func serialization(_ parameter: Parameter) -> String {
        "\(parameter.style.rawValue)\(parameter.explode ? ", exploded" : "")"
    }
}
