import Foundation
import Testing

@testable import SpecGenRuntime

/// The HTTP transport: where requests go, and that a server that is not there is a transport error naming the
/// operation (loopback only, no network).
@Suite("URLSession transport")
struct URLSessionTransportTests {
    @Test func theRequestPathFollowsTheBaseURLAndItsPath() throws {
        let transport = URLSessionTransport(baseURL: URL(string: "https://api.example.com/v2/")!)
        #expect(
            try transport.url(for: "/kals/a%2Fb?tags%5B%5D=x&q=a%20b").absoluteString
                == "https://api.example.com/v2/kals/a%2Fb?tags%5B%5D=x&q=a%20b")
        #expect(
            try URLSessionTransport(baseURL: URL(string: "http://localhost:8080")!).url(for: "/health").absoluteString
                == "http://localhost:8080/health")
    }

    @Test func noServerIsATransportErrorNamingTheOperation() async {
        // Port 9 (discard) on the loopback interface: refused at once.
        let transport = URLSessionTransport(baseURL: URL(string: "http://127.0.0.1:9")!)
        let exchange = ClientExchange(
            method: "GET", path: "/health", rules: RequestRules(), responses: [.code(200)], securityRequirements: [[]])
        await #expect {
            _ = try await exchange.run(ClientRequestValues(), transport: transport, credentials: [:], schemes: [:])
        } throws: { error in
            guard let error = error as? ClientError, case .transport = error.reason else { return false }
            return error.description.hasPrefix("GET /health got no answer: ")
        }
    }
}
