/// What a generated `APIClient` is: a transport, the credentials it holds, and the spec's table of how each
/// security scheme is carried. Every operation method is one call to ``send(_:_:)``, which does the work for all
/// of them:
///
/// 1. encode the input's values by the operation's ``RequestRules`` (``RequestEncoding``);
/// 2. run the server's own checks on the encoded request, so a request the server would refuse with a 422 (or
///    400, 415) throws ``ClientError`` naming every failing field, and is never sent;
/// 3. add the credentials of the first `security` alternative the client holds every secret for;
/// 4. send it through the transport;
/// 5. check the answer against the documented responses (``ResponseRules/check(status:headers:body:)``): an
///    undocumented status, or a body or header that fails its schema, throws naming the status and each field;
/// 6. read the typed `Output`.
public protocol OperationClient: Sendable {
    /// How requests reach the server.
    var transport: any ClientTransport { get }
    /// The secrets held, by security scheme name.
    var credentials: ClientCredentials { get }
    /// How each of the spec's security schemes carries its credential, by scheme name.
    static var securitySchemes: [String: ClientSecurityScheme] { get }
}

extension OperationClient {
    /// Sends `input` as `operation` and returns its typed output; throws ``ClientError`` for a request the
    /// server would refuse, no answer, or an answer the spec does not describe.
    ///
    /// Generic only at its edges: the work is ``ClientExchange``'s, compiled once for every operation.
    public func send<Operation: ClientOperation>(_ operation: Operation.Type, _ input: Operation.Input)
        async throws(ClientError) -> Operation.Output
    {
        let exchange = ClientExchange(
            method: Operation.descriptor.method, path: Operation.descriptor.path, rules: Operation.rules,
            responses: Operation.responses, securityRequirements: Operation.securityRequirements)
        let response = try await exchange.run(
            input.clientRequest, transport: transport, credentials: credentials, schemes: Self.securitySchemes)
        do {
            return try Operation.Output(response: response)
        } catch {
            throw ClientError(operation: exchange.name, reason: .undecodableResponse(status: response.status, error))
        }
    }
}

/// One operation's round trip, without its types: encode, check, authenticate, send, check the answer.
public struct ClientExchange: Sendable {
    public var method: String
    /// The path template: `/api/kals/{kal}`.
    public var path: String
    public var rules: RequestRules
    public var responses: ResponseRules
    public var securityRequirements: [[String]]

    public init(
        method: String, path: String, rules: RequestRules, responses: ResponseRules, securityRequirements: [[String]]
    ) {
        self.method = method
        self.path = path
        self.rules = rules
        self.responses = responses
        self.securityRequirements = securityRequirements
    }

    /// `POST /api/kals`: how errors name the operation.
    public var name: String { method + " " + path }

    /// The request `values` make, checked by the server's rules; throws what the server would refuse.
    public func request(_ values: ClientRequestValues) throws(ClientError) -> ClientRequest {
        let encoded = RequestEncoding.encode(values, method: method, path: path, rules: rules)
        do {
            try encoded.check(rules)
        } catch {
            if case .invalid(let errors) = error { throw ClientError(operation: name, reason: .invalidRequest(errors)) }
            throw ClientError(operation: name, reason: .unreadableRequest(error))
        }
        return encoded.request
    }

    /// The answer checked against the documented responses; throws naming the status and every mismatch.
    public func received(_ response: ClientResponse) throws(ClientError) -> ReceivedResponse {
        let mismatches = responses.check(status: response.status, headers: response.headers, body: response.body)
        guard mismatches.isEmpty, let documented = responses.response(for: response.status) else {
            throw ClientError(
                operation: name, reason: .invalidResponse(status: response.status, mismatches: mismatches))
        }
        return ReceivedResponse(response, documented: documented)
    }

    /// The whole round trip.
    public func run(
        _ values: ClientRequestValues, transport: any ClientTransport, credentials: ClientCredentials,
        schemes: [String: ClientSecurityScheme]
    ) async throws(ClientError) -> ReceivedResponse {
        var request = try request(values)
        if let chosen = credentials.satisfying(securityRequirements) {
            credentials.apply(chosen, table: schemes, to: &request)
        }
        let response: ClientResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw ClientError(operation: name, reason: .transport(error))
        }
        return try received(response)
    }
}
