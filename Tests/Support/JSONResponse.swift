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
        text = String(buffer: response.body)
        status = Int(response.status.code)
        headers = response.headers
        json = text.isEmpty ? .null : try JSONParser().parse(text)
    }
}

extension TestClientProtocol {
    /// Sends a JSON body (or none) and reads the JSON answer.
    public func call(
        _ method: HTTPRequest.Method, _ uri: String, json body: JSONValue? = nil, bearer: String? = nil
    ) async throws -> JSONResponse {
        var headers: HTTPFields = [:]
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0.encoded()) },
            testCallback: JSONResponse.init)
    }
}
