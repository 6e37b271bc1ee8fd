import CekiTestSupport
import Foundation
import Generated
import Testing

/// The Kal operations called through the client SpecGen generates from the spec (issue #11 §3), over HTTP: typed
/// inputs, typed answers, the server's documented errors as typed cases, and input the server would refuse stopped
/// before it is sent.
@Suite("Kals through the generated client")
struct KalsThroughTheGeneratedClientTests {
    @Test func aKalMadeReadAndRefusedThroughTheTypedClient() async throws {
        let server = try await TestServer.kals.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let api = try client.generatedClient(as: anna)

            let made = try await api.createKal(.init(body: Types.KalRequest(label: "Client work", private_: true)))
            guard case .created(let kal) = made else {
                Issue.record("createKal answered \(made.status): \(String(describing: made.body))")
                return
            }
            #expect(kal.label == "Client work" && kal.private_)

            let read = try await api.getKal(.init(kal: kal.id))
            guard case .ok(let view) = read else {
                Issue.record("getKal answered \(read.status)")
                return
            }
            #expect(view.kal.id == kal.id && view.kal.label == "Client work")

            // Another person: the private kal is a typed 404, not an error of the client.
            let ben = try await server.signIn(client, name: "Ben")
            let hidden = try await client.generatedClient(as: ben).getKal(.init(kal: kal.id))
            guard case .notFound = hidden else {
                Issue.record("a stranger's getKal answered \(hidden.status)")
                return
            }

            // Anonymous: the spec documents 401, so it is a case too.
            let anonymous = try await client.generatedClient().createKal(
                .init(body: Types.KalRequest(label: "Nobody's", private_: false)))
            #expect(anonymous.status == 401)

            // An empty label, which the server would refuse, never leaves the client, and the error says which field.
            let before = try await server.pool.query("SELECT count(*)::int AS n FROM kals")
            await #expect {
                _ = try await api.createKal(.init(body: Types.KalRequest(label: "", private_: false)))
            } throws: { error in
                guard let error = error as? ClientError, case .invalidRequest(let problems) = error.reason else {
                    return false
                }
                return problems.issues.contains { $0.path.key == "label" }
            }
            let after = try await server.pool.query("SELECT count(*)::int AS n FROM kals")
            #expect(try before[0].decode(Int.self, "n") == after[0].decode(Int.self, "n"))
        }
    }
}
