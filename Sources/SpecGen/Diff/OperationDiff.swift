/// Compares one operation of the old spec with its counterpart in the new one, collecting the changes.
///
/// Its parts live beside it, one concern per file: ``compareSecurity()``, parameters, bodies and responses,
/// and the schema walk they all end in.
struct OperationDiff {
    /// The old spec, to follow the old operation's `$ref`s in.
    let oldDocument: OpenAPIDocument
    /// The new spec.
    let newDocument: OpenAPIDocument
    /// The operation in the old spec.
    let old: Operation
    /// The operation in the new spec.
    let new: Operation
    /// How the printed lines name the operation: its old `operationId`, or `GET /path`.
    let name: String
    /// What was found so far.
    private(set) var changes: [SpecChange] = []
    /// The pairs of component sets being compared on the current walk, so recursive schemas end.
    var walking: Set<String> = []
    /// How many times the walk stopped early (recursion, depth): a walk cut short is not remembered as unchanged.
    var cuts = 0
    /// Schema pairs known to be unchanged, shared with the other operations of the same diff.
    let unchanged: UnchangedSchemas

    init(
        old: Operation, in oldDocument: OpenAPIDocument, new: Operation, in newDocument: OpenAPIDocument,
        unchanged: UnchangedSchemas = UnchangedSchemas()
    ) {
        self.unchanged = unchanged
        self.old = old
        self.new = new
        self.oldDocument = oldDocument
        self.newDocument = newDocument
        self.name = SpecDiff.name(of: old)
    }

    /// Records a change of `field` on `side`.
    mutating func record(_ kind: ChangeKind, at field: FieldPath = FieldPath(), on side: ChangeSide = .operation) {
        changes.append(SpecChange(operation: name, field: field.description, kind: kind, side: side))
    }

    /// Runs every comparison and returns what changed.
    mutating func run() -> [SpecChange] {
        if old.operationID != nil, old.operationID == new.operationID {
            if old.method != new.method { record(.methodChanged(from: old.method, to: new.method)) }
            if PathTemplate(old.path).shape != PathTemplate(new.path).shape {
                record(.pathChanged(from: old.path, to: new.path))
            }
        } else if let oldID = old.operationID {
            record(.operationIDChanged(from: oldID, to: new.operationID ?? "(none)"))
        }
        if new.deprecated, !old.deprecated { record(.operationDeprecated) }
        compareSecurity()
        compareParameters()
        compareRequestBody()
        compareResponses()
        return changes
    }
}
