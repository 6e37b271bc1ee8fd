import Generated

/// The OtherUser tag: another person's profile with their schedules, kals and peer corrections, and the
/// corrections themselves: proposed, voted on, withdrawn (docs/domain.md "Profile corrections",
/// docs/corrections.md). The reveals of the tag live with the contact details they reveal. Each operation follows
/// docs/adding-an-operation.md.
extension CekiAPI {
    public func getOtherUser(_ input: Operations.GetOtherUser.Input) async throws -> Operations.GetOtherUser.Output {
        .ok(try await otherUsers.profile(input.otheruser, for: Caller(input.principal)))
    }

    public func updateOtherUser(_ input: Operations.UpdateOtherUser.Input) async throws
        -> Operations.UpdateOtherUser.Output
    {
        .ok(try await userCorrections.propose(to: input.otheruser, with: input.body ?? .init(), by: Caller(input.principal)))
    }

    public func voteCorrection(_ input: Operations.VoteCorrection.Input) async throws
        -> Operations.VoteCorrection.Output
    {
        .ok(try await userCorrections.vote(input.correction, with: input.body, by: Caller(input.principal)))
    }

    public func deleteCorrection(_ input: Operations.DeleteCorrection.Input) async throws
        -> Operations.DeleteCorrection.Output
    {
        .ok(try await userCorrections.delete(input.correction, by: Caller(input.principal)))
    }

    public func bulkDeleteCorrections(_ input: Operations.BulkDeleteCorrections.Input) async throws
        -> Operations.BulkDeleteCorrections.Output
    {
        .ok(try await userCorrections.delete(input.ids, by: Caller(input.principal)))
    }
}
