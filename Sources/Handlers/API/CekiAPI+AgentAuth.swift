import Generated

/// The AgentAuth tag: agents register (getting their API key and first wallet), verify their email, and
/// replace their key.
extension CekiAPI {
    public func registerAgent(_ input: Operations.RegisterAgent.Input) async throws -> Operations.RegisterAgent.Output {
        .created(try await agents.register(input.body, client: RequestOrigin.clientAddress))
    }

    public func verifyAgentEmail(_ input: Operations.VerifyAgentEmail.Input) async throws
        -> Operations.VerifyAgentEmail.Output
    {
        let verified = try await agents.verifyEmail(
            email: input.body.email, code: input.body.code, client: RequestOrigin.clientAddress)
        return .ok(
            Types.AgentEmailVerification(
                agentId: verified.agentID, emailVerified: true,
                status: verified.status, message: "Email verified successfully."))
    }

    public func resendAgentVerificationCode(_ input: Operations.ResendAgentVerificationCode.Input) async throws
        -> Operations.ResendAgentVerificationCode.Output
    {
        try await agents.resendCode(email: input.body.email, client: RequestOrigin.clientAddress)
        return .ok(Types.Message(message: "Verification code resent"))
    }

    public func regenerateAgentApiKey(_ input: Operations.RegenerateAgentApiKey.Input) async throws
        -> Operations.RegenerateAgentApiKey.Output
    {
        let key = try await agents.regenerateKey(agentID: try input.principal.required.agentID)
        return .ok(Types.AgentApiKey(apiKey: key, message: "API key regenerated. Save it — it will not be shown again."))
    }
}
