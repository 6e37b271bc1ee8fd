import Generated
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// A response read whole: status, headers and the body parsed as JSON.
public struct JSONResponse: Sendable {
    public let status: Int
    public let headers: HTTPFields
    public let json: JSONValue
    /// The body as sent.
    public let text: String

    /// The value at `key` of the top-level object.
    public subscript(key: String) -> JSONValue? { json[key] }

    /// A test client's response, its body parsed as JSON (`null` when empty).
    public init(_ response: TestResponse) throws {
        try self.init(status: Int(response.status.code), headers: response.headers, body: response.body)
    }

    /// A response read off the wire, its body parsed as JSON (`null` when empty).
    public init(status: Int, headers: HTTPFields, body: ByteBuffer) throws {
        text = String(buffer: body)
        self.status = status
        self.headers = headers
        json = text.isEmpty ? .null : try JSONParser().parse(text)
    }
}

/// A response of an operation that does not match what the spec documents for it: an undocumented status, a body
/// or header off its schema. Every `call` checks, so a handler that drifts from the spec fails its own tests.
public struct ContractViolation: Error, CustomStringConvertible {
    public let request: String
    public let status: Int
    public let mismatches: [String]
    public let body: String

    public var description: String {
        "\(request) answered \(status), which breaks the spec: \(mismatches.joined(separator: "; ")) — body: \(body)"
    }
}

/// Whether `call` holds the answer against the spec.
public enum ContractCheck: Sendable {
    /// The answer must be one the operation documents (the default).
    case checked
    /// Not checked: for tests of what the server answers before any operation is known (routing, 501 stubs).
    case unchecked
}

extension JSONResponse {
    /// The mismatches between this answer and the spec's documented responses of the operation that
    /// `method` and `uri` route to; empty when they agree, or when no operation has that route (404, 405 and the
    /// built-in routes are the server's own).
    public func contractMismatches(method: HTTPRequest.Method, uri: String) -> [String] {
        let path = String(uri.prefix { $0 != "?" })
        guard case .found(let operation, _) = APIRouter.route(method: method.rawValue, path: path) else { return [] }
        var fields: [String: String] = [:]
        for field in headers {
            let name = field.name.canonicalName
            fields[name] = fields[name].map { $0 + ", " + field.value } ?? field.value
        }
        let body = method == .head ? [] : Array(text.utf8)
        return operation.responses.check(status: status, headers: fields, body: body).map(\.description)
    }
}

extension TestClientProtocol {
    /// Sends a JSON body (or none) and reads the JSON answer, which must be one the spec documents for the
    /// operation (``ContractViolation`` otherwise).
    public func call(
        _ method: HTTPRequest.Method, _ uri: String, json body: JSONValue? = nil, bearer: String? = nil,
        headers extra: HTTPFields = [:], contract: ContractCheck = .checked
    ) async throws -> JSONResponse {
        var headers = extra
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        if body != nil { headers[.contentType] = "application/json" }
        let response = try await execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0.encoded()) },
            testCallback: JSONResponse.init)
        if case .checked = contract { try response.requireContract(method: method, uri: uri) }
        return response
    }
}

extension JSONResponse {
    /// Throws ``ContractViolation`` unless this answer is one the spec documents for its operation.
    public func requireContract(method: HTTPRequest.Method, uri: String) throws {
        let mismatches = contractMismatches(method: method, uri: uri)
        if !mismatches.isEmpty {
            throw ContractViolation(request: "\(method) \(uri)", status: status, mismatches: mismatches, body: text)
        }
    }
}
