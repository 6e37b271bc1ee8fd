import Generated

/// `registerUser`: a person's account from the multipart sign-up form.
extension CekiAPI {
    public func registerUser(_ input: Operations.RegisterUser.Input) async throws -> Operations.RegisterUser.Output {
        let body = input.body
        // What the form may carry but Ceki cannot keep yet is refused whole, rather than dropped in silence.
        if !input.files.isEmpty || body.ava != nil || !(body.docs ?? []).isEmpty {
            throw NotImplementedYet("File uploads are not implemented yet: register without `ava` and `docs`.")
        }
        let registered = try await users.register(body, client: RequestOrigin.clientAddress)
        return .created(
            Types.OtpCountdown(
                message: "Registered. Check your email for the login code.", countdown: registered.countdown))
    }
}
