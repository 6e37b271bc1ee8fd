/// One difference between two versions of a spec that a client of the API could notice, located by the
/// operation and the field it touches.
///
/// `specgen diff` prints one per line, `breaking  listContracts  query.perPage: maximum lowered from 100 to
/// 50`, so that a reviewer (or CI) sees at a glance which operation changed, where, and whether clients
/// written against the old spec keep working.
struct SpecChange: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Whether clients written against the old spec can break.
    enum Severity: String, Sendable, Hashable, Comparable {
        /// A client written against the old spec may fail: a request it sends is refused, or a response it
        /// reads has a shape it does not expect. `specgen diff` exits 1.
        case breaking
        /// Old clients keep working (a new operation, a new optional field, a widened request rule).
        case compatible

        static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .breaking && rhs == .compatible }
    }

    /// The operation, by `operationId`, or `GET /path` for an operation without one.
    var operation: String
    /// The field inside the operation: `body.schedule.settings.duration`, `query.page`,
    /// `response 200 data.items[].email`; empty for the operation itself.
    var field: String
    /// What changed.
    var kind: ChangeKind
    /// Whether it is breaking, decided by ``ChangeKind/severity(in:)`` for the side the field is on.
    var severity: Severity

    init(operation: String, field: String, kind: ChangeKind, side: ChangeSide) {
        self.operation = operation
        self.field = field
        self.kind = kind
        self.severity = kind.severity(in: side)
    }

    /// The printed line: `breaking  listContracts  query.perPage: maximum lowered from 100 to 50`.
    var description: String {
        let place = field.isEmpty ? "" : field + ": "
        return "\(severity.rawValue)  \(operation)  \(place)\(kind.message)"
    }

    /// By operation, then field (the operation's own changes first), then breaking before compatible, then text:
    /// the same two specs always print the same lines in the same order.
    static func < (lhs: SpecChange, rhs: SpecChange) -> Bool {
        if lhs.operation != rhs.operation { return lhs.operation < rhs.operation }
        if lhs.field != rhs.field { return lhs.field < rhs.field }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        return lhs.kind.message < rhs.kind.message
    }
}

/// Which way data flows through a field, which decides what a change means for clients.
///
/// A client *sends* request fields, so the new spec must accept everything the old one did: narrowing a rule
/// breaks. A client *reads* response fields, so the new spec must return nothing the old one did not
/// describe: widening a rule (a new enum value, a field that may now be null or absent) breaks.
enum ChangeSide: Sendable, Hashable {
    /// The operation itself: its method, path, security, responses.
    case operation
    /// What the client sends: parameters and the request body.
    case request
    /// What the client reads: response bodies and headers.
    case response
}
