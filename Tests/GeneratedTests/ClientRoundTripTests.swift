import Foundation
import Synchronization
import Testing

@testable import Generated
@testable import SpecGenRuntime

/// The client generated from `spec/openapi.yaml` talking to the generated server side (router, rules, the
/// `APIHandler` dispatch) in process: what goes out is what the handler receives, typed outputs come back, and
/// what the spec forbids never leaves the client or is never accepted from the server.
@Suite("Generated client round trip")
struct ClientRoundTripTests {
    /// Bearer tokens this test's server knows: `anna` is user 1.
    static func authenticate(_ request: ClientRequest, _ row: OperationDescriptor) -> Principal? {
        request.header("Authorization") == "Bearer anna" ? Principal(scheme: "userToken", id: 1) : nil
    }

    /// A transport that counts what passes through it on the way to `inner`.
    final class Counting: ClientTransport {
        let inner: any ClientTransport
        private let count = Mutex(0)

        init(_ inner: any ClientTransport) { self.inner = inner }

        var sent: Int { count.withLock { $0 } }

        func send(_ request: ClientRequest) async throws -> ClientResponse {
            count.withLock { $0 += 1 }
            return try await inner.send(request)
        }
    }

    /// What the handler was given, for the test to compare with what the client sent.
    final class Received: Sendable {
        let inputs = Mutex<[String]>([])
        func record(_ text: String) { inputs.withLock { $0.append(text) } }
        var all: [String] { inputs.withLock { $0 } }
    }

    static let created = Date(timeIntervalSince1970: 1_714_566_600)

    /// Builds a few operations the way a real handler would, from the typed input alone.
    struct Handler: APIHandler {
        let received: Received
        var kalID = 41

        func createKal(_ input: Operations.CreateKal.Input) async throws -> Operations.CreateKal.Output {
            received.record("createKal by \(input.principal?.id ?? 0): \(input.body.label) \(input.body.slug ?? "-")")
            return .created(
                Types.Kal(
                    id: kalID, userId: Int(input.principal?.id ?? 0), typeId: .value1, statusId: .value200,
                    label: input.body.label, slug: input.body.slug ?? "kal", private_: input.body.private_,
                    settings: [:],
                    files: input.body.files ?? [], ownerType: .user, createdAt: ClientRoundTripTests.created,
                    updatedAt: ClientRoundTripTests.created))
        }

        func getKal(_ input: Operations.GetKal.Input) async throws -> Operations.GetKal.Output {
            let range = [input.dates?.from, input.dates?.to].map { $0.map { "\($0.timeIntervalSince1970)" } ?? "-" }
            received.record("getKal \(input.kal) \(range.joined(separator: "..")) \(input.viewerTimezone ?? "-")")
            return .notFound(Types.Error(message: "No kal \(input.kal)."))
        }

        func uploadFiles(_ input: Operations.UploadFiles.Input) async throws -> Operations.UploadFiles.Output {
            let files = input.files.all.map {
                "\($0.field)=\($0.filename):\(String(decoding: $0.bytes, as: UTF8.self))"
            }
            received.record("uploadFiles \(input.body.images ?? []) \(input.body.job ?? []) \(files)")
            return .created(
                input.files.all.enumerated().map { index, file in
                    Types.UploadedFile(
                        id: index + 1, kind: .image, name: file.filename, mime: file.contentType,
                        size: file.bytes.count,
                        url: "https://files.example.com/\(index + 1)", createdAt: ClientRoundTripTests.created)
                })
        }
    }

    static func client(_ handler: Handler, token: String? = "anna") -> (APIClient, Counting) {
        let transport = Counting(handler.inProcessTransport(authenticate: authenticate))
        var client = APIClient(transport: transport)
        client.credentials["userToken"] = token
        return (client, transport)
    }

    @Test func aValidCallCarriesItsTokenAndDecodesTheTypedOutput() async throws {
        let received = Received()
        let (client, transport) = Self.client(Handler(received: received))
        let output = try await client.createKal(
            .init(body: Types.KalRequest(label: "Work", slug: "work-2", private_: true, files: [3])))
        guard case .created(let kal) = output else {
            Issue.record("expected 201, got \(output)")
            return
        }
        #expect(kal.id == 41 && kal.userId == 1 && kal.label == "Work" && kal.slug == "work-2" && kal.files == [3])
        #expect(kal.createdAt == Self.created)
        #expect(received.all == ["createKal by 1: Work work-2"])
        #expect(transport.sent == 1)
    }

    @Test func withoutItsTokenTheDocumented401ComesBackTyped() async throws {
        let (client, _) = Self.client(Handler(received: Received()), token: nil)
        let output = try await client.createKal(.init(body: Types.KalRequest(label: "Work", private_: false)))
        guard case .unauthorized(let error) = output else {
            Issue.record("expected 401, got \(output)")
            return
        }
        #expect(error.message == "Unauthenticated.")
    }

    @Test func anInvalidInputIsRefusedBeforeSendingNamingEveryField() async {
        let received = Received()
        let (client, transport) = Self.client(Handler(received: received))
        await #expect {
            _ = try await client.createKal(
                .init(body: Types.KalRequest(label: "", slug: "Not Valid", private_: false, files: [0])))
        } throws: { error in
            guard let errors = (error as? ClientError)?.validationErrors else { return false }
            return errors.fields.map(\.key) == ["label", "slug", "files.0"]
        }
        #expect(transport.sent == 0, "the transport is never called")
        #expect(received.all.isEmpty)
    }

    @Test func anUndocumentedStatusIsAnErrorNamingIt() async throws {
        try #require(Operations.DeleteKal.responses.response(for: 501) == nil, "the spec must not document 501 here")
        let (client, transport) = Self.client(Handler(received: Received()))
        await #expect {
            _ = try await client.deleteKal(.init(kal: 5))
        } throws: { error in
            guard let error = error as? ClientError else { return false }
            return error.status == 501 && error.description.hasPrefix("DELETE /api/kals/{kal} answered 501")
                && error.description.contains("status 501 is not documented")
        }
        #expect(transport.sent == 1)
    }

    @Test func aResponseThatBreaksItsSchemaNamesTheField() async {
        let (client, _) = Self.client(Handler(received: Received(), kalID: 0))
        await #expect {
            _ = try await client.createKal(.init(body: Types.KalRequest(label: "Work", private_: false)))
        } throws: { error in
            guard let error = error as? ClientError else { return false }
            return error.status == 201
                && error.mismatches.map(\.description) == ["body id: The id field must be at least 1."]
        }
    }

    @Test func pathAndDeepObjectQueryParametersArriveTyped() async throws {
        let received = Received()
        let (client, _) = Self.client(Handler(received: received))
        let range = Types.DateRange(
            from: Date(timeIntervalSince1970: 1_700_000_000), to: Date(timeIntervalSince1970: 1_700_086_400))
        let output = try await client.getKal(.init(kal: 12, dates: range, viewerTimezone: "Europe/Berlin"))
        guard case .notFound(let error) = output else {
            Issue.record("expected 404, got \(output)")
            return
        }
        #expect(error.message == "No kal 12.")
        #expect(received.all == ["getKal 12 1700000000.0..1700086400.0 Europe/Berlin"])
    }

    @Test func aMultipartFormWithFilesAndRepeatedFieldsRoundTrips() async throws {
        let received = Received()
        let (client, _) = Self.client(Handler(received: received))
        let files = UploadedFiles([
            SpecGenRuntime.UploadedFile(
                field: "images", filename: "a.png", contentType: "image/png", bytes: Array("PNG".utf8)),
            SpecGenRuntime.UploadedFile(
                field: "images", filename: "b.png", contentType: "image/png", bytes: Array("PNG2".utf8)),
        ])
        let output = try await client.uploadFiles(
            .init(body: Types.UploadFilesRequest(images: ["a.png", "b.png"], job: [3, 4]), files: files))
        guard case .created(let stored) = output else {
            Issue.record("expected 201, got \(output)")
            return
        }
        #expect(stored.map(\.name) == ["a.png", "b.png"] && stored.map(\.size) == [3, 4])
        #expect(received.all == [#"uploadFiles ["a.png", "b.png"] [3, 4] ["images=a.png:PNG", "images=b.png:PNG2"]"#])
    }
}
