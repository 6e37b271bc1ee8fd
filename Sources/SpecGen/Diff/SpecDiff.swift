/// `specgen diff`'s engine: every change between two versions of a spec, each marked breaking or compatible.
///
/// Operations are matched by `operationId` (by method and path when an operation has none), so moving an
/// operation to another path is reported as a changed path rather than as one removed and one added; an
/// `operationId` that disappeared while its method and path stayed is reported as renamed, and compared.
enum SpecDiff {
    /// Every change from `old` to `new`, in the order `specgen diff` prints them (by operation, then field).
    static func changes(from old: OpenAPIDocument, to new: OpenAPIDocument) -> [SpecChange] {
        let newOperations = new.operations
        var unmatched = Set(newOperations.indices)
        var changes: [SpecChange] = []
        var pairs: [(Operation, Int)] = []
        var newByKey: [String: [Int]] = [:]
        for (index, operation) in newOperations.enumerated() { newByKey[key(of: operation), default: []].append(index) }

        // First by operationId (or method and path), then an operation whose id vanished by method and path.
        var lost: [Operation] = []
        for operation in old.operations {
            if let index = newByKey[key(of: operation)]?.first(where: unmatched.contains) {
                unmatched.remove(index)
                pairs.append((operation, index))
            } else {
                lost.append(operation)
            }
        }
        let oldIDs = Set(old.operations.compactMap(\.operationID))
        for operation in lost {
            let route = "\(operation.method.wireName) \(PathTemplate(operation.path).shape)"
            let renamed = unmatched.sorted().first { index in
                let candidate = newOperations[index]
                return "\(candidate.method.wireName) \(PathTemplate(candidate.path).shape)" == route
                    && !(candidate.operationID.map(oldIDs.contains) ?? false)
            }
            if let index = renamed {
                unmatched.remove(index)
                pairs.append((operation, index))
            } else {
                changes.append(
                    SpecChange(
                        operation: name(of: operation), field: "",
                        kind: .operationRemoved(method: operation.method, path: operation.path), side: .operation))
            }
        }
        let unchanged = UnchangedSchemas()
        for (operation, index) in pairs {
            var diff = OperationDiff(
                old: operation, in: old, new: newOperations[index], in: new, unchanged: unchanged)
            changes += diff.run()
        }
        for index in unmatched.sorted() {
            let operation = newOperations[index]
            changes.append(
                SpecChange(
                    operation: name(of: operation), field: "",
                    kind: .operationAdded(method: operation.method, path: operation.path), side: .operation))
        }
        return changes.sorted()
    }

    /// What matches an operation across versions: its `operationId`, else its method and path shape.
    static func key(of operation: Operation) -> String {
        operation.operationID ?? "\(operation.method.wireName) \(PathTemplate(operation.path).shape)"
    }

    /// How lines name an operation: `listContracts`, or `GET /api/contracts` without an `operationId`.
    static func name(of operation: Operation) -> String {
        operation.operationID ?? "\(operation.method.wireName) \(operation.path)"
    }
}
