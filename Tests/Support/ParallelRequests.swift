import Generated
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// One request of a burst (``TestClientProtocol/callInParallel(_:)``).
public struct ParallelRequest: Sendable {
    public var method: HTTPRequest.Method
    public var uri: String
    public var json: JSONValue?
    public var bearer: String?
    public var headers: HTTPFields

    public init(
        _ method: HTTPRequest.Method, _ uri: String, json: JSONValue? = nil, bearer: String? = nil,
        headers: HTTPFields = [:]
    ) {
        self.method = method
        self.uri = uri
        self.json = json
        self.bearer = bearer
        self.headers = headers
    }
}

extension TestClientProtocol {
    /// Sends every request at once, each on a connection of its own (a live test client pipelines its requests
    /// on one connection, which the server answers in order), and returns the answers in the requests' order,
    /// each checked against the spec. What concurrency tests use to race requests for real.
    public func callInParallel(_ requests: [ParallelRequest]) async throws -> [JSONResponse] {
        guard let port else { throw NotALiveServer() }
        let clients = requests.map { _ in TestClient(host: "localhost", port: port) }
        for client in clients { client.connect() }
        defer { Task { for client in clients { try? await client.shutdown() } } }
        return try await withThrowingTaskGroup(of: (Int, JSONResponse).self) { group in
            for (index, request) in requests.enumerated() {
                group.addTask {
                    var headers = request.headers
                    headers[.connection] = "close"
                    if let bearer = request.bearer { headers[.authorization] = "Bearer \(bearer)" }
                    if request.json != nil { headers[.contentType] = "application/json" }
                    let response = try await clients[index].execute(
                        TestClient.Request(
                            request.uri, method: request.method, authority: "localhost", headers: headers,
                            body: request.json.map { ByteBuffer(bytes: $0.encoded()) }))
                    let answer = try JSONResponse(
                        status: Int(response.status.code), headers: response.headers, body: response.body ?? ByteBuffer())
                    try answer.requireContract(method: request.method, uri: request.uri)
                    return (index, answer)
                }
            }
            var answers = [JSONResponse?](repeating: nil, count: requests.count)
            for try await (index, answer) in group { answers[index] = answer }
            return answers.compactMap { $0 }
        }
    }
}

/// ``TestClientProtocol/callInParallel(_:)`` was called on a router test client, which has no port to connect to.
public struct NotALiveServer: Error, CustomStringConvertible {
    public var description: String { "callInParallel needs a live test server: application.test(.live)" }
}
