import Generated

/// `uploadFiles`. Over HTTP the server streams the form to disk and calls ``Uploads/upload(_:files:by:)`` itself
/// (CekiServer's `StreamedUpload`); this is the same operation for a form already decoded whole (a direct call).
extension CekiAPI {
    public func uploadFiles(_ input: Operations.UploadFiles.Input) async throws -> Operations.UploadFiles.Output {
        let staged = try uploads.stage(input.files)
        return .created(try await uploads.upload(input.body, files: staged, by: Caller(input.principal)))
    }
}
