/// What a registration stores besides the email, already validated by the spec's rules.
public struct UserRegistrationDraft: Sendable, Equatable {
    public var name: String?
    public var phone: String?
    /// The opt-in flag of the original sign-up form; stored, no other effect.
    public var tovarisch = false
    /// A password of the user's own (hashed before it is stored); nil for an account that logs in by code only.
    public var password: String?
    /// Skill labels, matched to the shared catalogue without case (new ones join it).
    public var skillLabels: [String] = []
    /// The languages, as the JSON array the client sent.
    public var languages = PostgresJSON.emptyArray

    public init(
        name: String? = nil, phone: String? = nil, tovarisch: Bool = false, password: String? = nil,
        skillLabels: [String] = [], languages: PostgresJSON = .emptyArray
    ) {
        self.name = name
        self.phone = phone
        self.tovarisch = tovarisch
        self.password = password
        self.skillLabels = skillLabels
        self.languages = languages
    }
}

extension Optional {
    /// `map` with an asynchronous transform.
    func asyncMap<Result>(_ transform: (Wrapped) async throws -> Result) async rethrows -> Result? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
