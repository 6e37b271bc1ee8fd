import Generated

/// The AgentAuth tag: agents register (getting their API key and first wallet), verify their email, and
/// replace their key.
extension CekiAPI {
    public func registerAgent(_ input: Operations.RegisterAgent.Input) async throws -> Operations.RegisterAgent.Output {
        let body = input.body
        let registered = try await agents.register(
            name: body.name, email: body.email, currency: body.currency.flatMap { Types.CryptoCurrency(rawValue: $0.rawValue) },
            profile: AgentProfileDraft(body), client: RequestOrigin.clientAddress)
        let wallet = Types.Wallet(
            id: registered.walletID, currency: registered.currency,
            depositAddress: registered.depositAddress, balance: "0", createdAt: registered.walletCreatedAt,
            updatedAt: registered.walletCreatedAt)
        return .created(
            Types.AgentRegistration(
                agentId: registered.agentID, apiKey: registered.apiKey, status: .pendingDeposit, emailVerified: false,
                wallet: wallet, message: AgentActivation.registrationMessage(for: registered.currency)))
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

extension AgentProfileDraft {
    /// The profile part of a registration, list fields as the JSON they arrived as.
    init(_ body: Types.RegisterAgentRequest) {
        self.init()
        avatar = body.avatar
        ownerEmail = body.ownerEmail
        description = body.description
        websiteURL = body.websiteUrl
        callbackURL = body.callbackUrl
        version = body.version
        lastUpdatedAt = body.lastUpdatedAt
        limitations = body.limitations
        sla = body.sla
        license = body.license
        privacyURL = body.privacyUrl
        skills = Self.list(body.skills)
        languages = Self.list(body.languages)
        tags = Self.list(body.tags)
        links = Self.list(body.links)
        inputFormats = Self.list(body.inputFormats)
        exampleRequests = Self.list(body.exampleRequests)
        exampleResponses = Self.list(body.exampleResponses)
        envRequirements = Self.list(body.envRequirements)
    }

    private static func list<Element: JSONEncodable>(_ values: [Element]?) -> PostgresJSON {
        values.map(PostgresJSON.init) ?? .emptyArray
    }
}
