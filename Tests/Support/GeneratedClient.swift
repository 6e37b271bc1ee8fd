import Foundation
import Generated
import HummingbirdTesting

extension TestClientProtocol {
    /// The client SpecGen generates from the spec, talking over HTTP to this live test server as `user` (anonymous
    /// when nil): tests that call through it exercise the contract from the client's side too, since it checks
    /// every request before sending and every answer against the spec on receipt.
    public func generatedClient(as user: SignedInUser? = nil) throws -> APIClient {
        guard let port else { throw NotALiveServer() }
        return APIClient(
            transport: URLSessionTransport(baseURL: URL(string: "http://127.0.0.1:\(port)")!),
            credentials: user.map { ["userToken": $0.token] } ?? [:])
    }
}
