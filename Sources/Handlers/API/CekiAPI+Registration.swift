import Generated

/// `registerUser`: a person's account from the multipart sign-up form.
extension CekiAPI {
    public func registerUser(_ input: Operations.RegisterUser.Input) async throws -> Operations.RegisterUser.Output {
        // The avatar and documents are checked before the account is made, and recorded in its transaction: the
        // first document becomes the CV (docs/files.md).
        var problems = ValidationErrors()
        let prepared = await uploads.prepare(try uploads.stage(input.files), problems: &problems)
        defer { prepared.discard() }
        try problems.throwIfAny()
        let registered = try await uploads.storing(prepared) {
            try await users.register(input.body, client: RequestOrigin.clientAddress) { id, tx in
                try await Uploads.recordProfileFiles(prepared, owner: id, on: tx)
            }
        }
        return .created(
            Types.OtpCountdown(
                message: "Registered. Check your email for the login code.", countdown: registered.countdown))
    }
}
