/// A part of an operation that is not built yet, answered 501 with what to do instead: the request is refused
/// whole, so nothing the client sent is silently dropped.
public struct NotImplementedYet: APIProblem {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var status: Int { 501 }
}
