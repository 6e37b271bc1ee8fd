import Generated

/// The User tag: people's one-time-code login, logout, email changes and profiles (registration with its multipart
/// body is in `CekiAPI+Registration.swift`).
extension CekiAPI {
    public func requestLoginOtp(_ input: Operations.RequestLoginOtp.Input) async throws
        -> Operations.RequestLoginOtp.Output
    {
        let countdown = try await users.requestLoginCode(
            email: input.body.email, client: RequestOrigin.clientAddress)
        return .ok(Types.OtpCountdown(message: "OTP sent", countdown: countdown))
    }

    public func login(_ input: Operations.Login.Input) async throws -> Operations.Login.Output {
        let session = try await users.login(
            email: input.body.email, code: input.body.password, client: RequestOrigin.clientAddress)
        return .ok(Types.LoginResult(token: session.token, user: try await profile(of: session.userID)))
    }

    public func logout(_ input: Operations.Logout.Input) async throws -> Operations.Logout.Output {
        try await users.logout(try input.principal.required.user)
        return .ok(Types.Message(message: "Logged out successfully"))
    }

    public func requestEmailChange(_ input: Operations.RequestEmailChange.Input) async throws
        -> Operations.RequestEmailChange.Output
    {
        let expiresAt = try await users.requestEmailChange(try input.principal.required.user, newEmail: input.body.email)
        return .ok(Types.EmailChangeSent(message: "OTP sent", expiresAt: expiresAt))
    }

    public func confirmEmailChange(_ input: Operations.ConfirmEmailChange.Input) async throws
        -> Operations.ConfirmEmailChange.Output
    {
        let user = try input.principal.required.user
        try await users.confirmEmailChange(
            user, newEmail: input.body.email, code: input.body.otp, client: RequestOrigin.clientAddress)
        return .ok(Types.UserEnvelope(user: try await profile(of: user.userID)))
    }

    public func getCurrentUser(_ input: Operations.GetCurrentUser.Input) async throws
        -> Operations.GetCurrentUser.Output
    {
        .ok(try await profiles.current(of: Caller(input.principal), contacts: contacts, contracts: contracts))
    }

    public func updateCurrentUser(_ input: Operations.UpdateCurrentUser.Input) async throws
        -> Operations.UpdateCurrentUser.Output
    {
        var problems = ValidationErrors()
        let prepared = await uploads.prepare(try uploads.stage(input.files), problems: &problems)
        defer { prepared.discard() }
        let user = try await uploads.storing(prepared) {
            try await profiles.update(
                input.body ?? .init(), sent: input.sentFields, files: prepared, fileProblems: problems, by: Caller(input.principal))
        }
        return .ok(Types.UserEnvelope(user: user))
    }

    public func getUser(_ input: Operations.GetUser.Input) async throws -> Operations.GetUser.Output {
        .ok(try await profiles.publicProfile(of: input.user))
    }

    /// The caller's profile; a user deleted while their token was live is no longer signed in.
    func profile(of userID: Int) async throws -> Types.User {
        guard let profile = try await profiles.profile(of: userID) else {
            throw IdentityError.unauthenticated
        }
        return profile
    }
}
