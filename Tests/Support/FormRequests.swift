import HTTPTypes
import Hummingbird
import HummingbirdTesting

extension TestClientProtocol {
    /// Sends a form with any method (a PATCH of a profile) as `bearer`, and reads the JSON answer, which must be
    /// one the spec documents (see `call`).
    public func send(
        _ method: HTTPRequest.Method, _ uri: String, form: MultipartForm, bearer: String? = nil,
        contract: ContractCheck = .checked
    ) async throws -> JSONResponse {
        var headers: HTTPFields = [.contentType: form.contentType]
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        let response = try await execute(
            uri: uri, method: method, headers: headers, body: form.body, testCallback: JSONResponse.init)
        if case .checked = contract { try response.requireContract(method: method, uri: uri) }
        return response
    }
}
