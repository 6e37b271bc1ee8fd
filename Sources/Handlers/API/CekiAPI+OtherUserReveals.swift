import Generated

/// The OtherUser tag's reveals: another person's email or phone, logged and limited (`UserReveals`).
extension CekiAPI {
    public func revealOtherUserEmail(_ input: Operations.RevealOtherUserEmail.Input) async throws
        -> Operations.RevealOtherUserEmail.Output
    {
        let email = try await reveals.reveal(.email, of: input.otheruser, by: Caller(input.principal))
        // Every account has an address (`users.email` is NOT NULL).
        return .ok(Types.EmailReveal(email: email ?? ""))
    }

    public func revealOtherUserPhone(_ input: Operations.RevealOtherUserPhone.Input) async throws
        -> Operations.RevealOtherUserPhone.Output
    {
        .ok(Types.PhoneReveal(phone: try await reveals.reveal(.phone, of: input.otheruser, by: Caller(input.principal))))
    }
}
