import CekiTestSupport

extension TestServer {
    /// The identity suites' server and database (`ceki_test_identity_http`), so that the mail outbox and a dump
    /// hold only their rows.
    static let identity = Task { try await TestServer(suite: "identity_http") }
}
