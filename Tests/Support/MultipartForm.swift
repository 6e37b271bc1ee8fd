import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// A multipart/form-data body as a browser sends one: text parts, JSON parts, files.
public struct MultipartForm: Sendable {
    public init() {}

    public let boundary = "ceki-test-\(UUID().uuidString)"
    public private(set) var bytes: [UInt8] = []

    /// A text part, or a part with its own content type (`application/json` for the spec's JSON parts).
    public mutating func field(_ name: String, _ value: String, contentType: String? = nil) {
        var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        bytes += Array((head + "\r\n" + value + "\r\n").utf8)
    }

    /// A file part.
    public mutating func file(_ name: String, filename: String, contents: [UInt8]) {
        bytes += Array(
            ("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").utf8)
        bytes += contents + Array("\r\n".utf8)
    }

    /// The whole body, closing boundary included.
    public var body: ByteBuffer { ByteBuffer(bytes: bytes + Array("--\(boundary)--\r\n".utf8)) }

    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }
}

extension TestClientProtocol {
    /// Posts a form and reads the JSON answer, which must be one the spec documents (see `call`).
    public func post(_ uri: String, form: MultipartForm, contract: ContractCheck = .checked) async throws -> JSONResponse {
        let response = try await execute(
            uri: uri, method: .post, headers: [.contentType: form.contentType], body: form.body,
            testCallback: JSONResponse.init)
        if case .checked = contract { try response.requireContract(method: .post, uri: uri) }
        return response
    }
}
