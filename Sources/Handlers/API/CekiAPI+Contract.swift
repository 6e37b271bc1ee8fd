import Generated

/// The Contract tag's core operations: contracts themselves (list, create, detail, change, archive, restore),
/// their members, and their hands' titles, withdrawals and answers. Adding hands, events, charges, deposits and
/// transactions of the same tag answer 501 until they are built. The shape every operation follows is in docs/adding-an-operation.md.
extension CekiAPI {
    public func listContracts(_ input: Operations.ListContracts.Input) async throws -> Operations.ListContracts.Output {
        .ok(try await contracts.list(for: Caller(input.principal)))
    }

    public func createContract(_ input: Operations.CreateContract.Input) async throws
        -> Operations.CreateContract.Output
    {
        .created(try await contracts.create(input.body, by: Caller(input.principal)))
    }

    public func listArchivedContracts(_ input: Operations.ListArchivedContracts.Input) async throws
        -> Operations.ListArchivedContracts.Output
    {
        .ok(try await contracts.listArchived(for: Caller(input.principal)))
    }

    public func getContract(_ input: Operations.GetContract.Input) async throws -> Operations.GetContract.Output {
        .ok(try await contracts.detail(input.contract, for: Caller(input.principal)))
    }

    public func updateContract(_ input: Operations.UpdateContract.Input) async throws
        -> Operations.UpdateContract.Output
    {
        .ok(try await contracts.update(input.contract, with: input.body, by: Caller(input.principal)))
    }

    public func deleteContract(_ input: Operations.DeleteContract.Input) async throws
        -> Operations.DeleteContract.Output
    {
        try await contracts.archive(input.contract, by: Caller(input.principal))
        return .ok(Types.Message(message: "Contract deleted"))
    }

    public func restoreContract(_ input: Operations.RestoreContract.Input) async throws
        -> Operations.RestoreContract.Output
    {
        .ok(try await contracts.restore(input.contract, by: Caller(input.principal)))
    }

    public func listContractUsers(_ input: Operations.ListContractUsers.Input) async throws
        -> Operations.ListContractUsers.Output
    {
        .ok(try await contractMembers.list(input.contract, by: Caller(input.principal)))
    }

    public func addContractUser(_ input: Operations.AddContractUser.Input) async throws
        -> Operations.AddContractUser.Output
    {
        .created(try await contractMembers.add(input.body, to: input.contract, by: Caller(input.principal)))
    }

    public func removeContractUser(_ input: Operations.RemoveContractUser.Input) async throws
        -> Operations.RemoveContractUser.Output
    {
        try await contractMembers.remove(input.userId, from: input.contract, by: Caller(input.principal))
        return .ok(Types.Message(message: "User removed from contract"))
    }

    public func updateContractHandRole(_ input: Operations.UpdateContractHandRole.Input) async throws
        -> Operations.UpdateContractHandRole.Output
    {
        .ok(
            try await contractHands.updateRole(
                input.hand, of: input.contract, to: input.body.role, by: Caller(input.principal)))
    }

    public func removeContractHand(_ input: Operations.RemoveContractHand.Input) async throws
        -> Operations.RemoveContractHand.Output
    {
        try await contractHands.remove(input.hand, of: input.contract, by: Caller(input.principal))
        return .ok(Types.Message(message: "Hand removed"))
    }

    public func answerContractHand(_ input: Operations.AnswerContractHand.Input) async throws
        -> Operations.AnswerContractHand.Output
    {
        .ok(
            try await contractHands.answer(
                input.hand, of: input.contract, with: input.body, by: Caller(input.principal)))
    }
}
