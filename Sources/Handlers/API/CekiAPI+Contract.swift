import Generated

/// The Contract tag's core operations: contracts themselves (list, create, detail, change, archive, restore),
/// their members, their hands (invitations with work schedules, titles, withdrawals and answers), their events
/// (list, create, change, comments, schedules attached), and the contract's ledger: charges, deposits, approving,
/// paying and deleting transactions, a participant's transactions (`Sources/Handlers/Ledger/`). The shape every
/// operation follows is in docs/adding-an-operation.md.
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
        .ok(try await contracts.update(input.contract, with: input.body ?? .init(), by: Caller(input.principal)))
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

    // MARK: - The ledger: charges, deposits, transactions (ContractCharges, ContractDeposits, ContractTransactions)

    public func createContractCharge(_ input: Operations.CreateContractCharge.Input) async throws
        -> Operations.CreateContractCharge.Output
    {
        .created(try await contractCharges.create(input.body, on: input.contract, by: Caller(input.principal)))
    }

    public func createEventCharge(_ input: Operations.CreateEventCharge.Input) async throws
        -> Operations.CreateEventCharge.Output
    {
        .created(try await contractCharges.create(input.body, onEvent: input.event, by: Caller(input.principal)))
    }

    public func updateContractCharge(_ input: Operations.UpdateContractCharge.Input) async throws
        -> Operations.UpdateContractCharge.Output
    {
        .ok(
            try await contractCharges.update(
                input.body, transaction: input.transaction, on: input.contract, by: Caller(input.principal)))
    }

    public func createContractDeposit(_ input: Operations.CreateContractDeposit.Input) async throws
        -> Operations.CreateContractDeposit.Output
    {
        let caller = Caller(input.principal)
        let request: JSONValue = ["contract": .number(JSONNumber(input.contract)), "body": input.body.json]
        return .created(
            try await idempotencyKeys.run(
                key: input.idempotencyKey, operation: .createContractDeposit, caller: caller,
                client: RequestOrigin.clientAddress, request: request
            ) {
                try await contractDeposits.create(input.body, on: input.contract, by: caller)
            })
    }

    public func updateContractDeposit(_ input: Operations.UpdateContractDeposit.Input) async throws
        -> Operations.UpdateContractDeposit.Output
    {
        .ok(
            try await contractDeposits.update(
                input.body, transaction: input.transaction, on: input.contract, by: Caller(input.principal)))
    }

    public func approveContractTransactions(_ input: Operations.ApproveContractTransactions.Input) async throws
        -> Operations.ApproveContractTransactions.Output
    {
        .ok(try await contractTransactions.approve(input.body.transactions, on: input.contract, by: Caller(input.principal)))
    }

    public func payContractTransactions(_ input: Operations.PayContractTransactions.Input) async throws
        -> Operations.PayContractTransactions.Output
    {
        .ok(try await contractTransactions.pay(input.body.transactions, on: input.contract, by: Caller(input.principal)))
    }

    public func deleteContractTransactions(_ input: Operations.DeleteContractTransactions.Input) async throws
        -> Operations.DeleteContractTransactions.Output
    {
        let count = try await contractTransactions.delete(
            input.body.transactions, on: input.contract, by: Caller(input.principal))
        return .ok(Types.Message(message: count == 1 ? "1 transaction deleted" : "\(count) transactions deleted"))
    }

    public func listContractUserTransactions(_ input: Operations.ListContractUserTransactions.Input) async throws
        -> Operations.ListContractUserTransactions.Output
    {
        .ok(
            try await contractTransactions.list(
                of: input.user, on: input.contract, page: PageRequest(page: input.page, perPage: input.perPage ?? 20),
                by: Caller(input.principal)))
    }

    public func listContractEvents(_ input: Operations.ListContractEvents.Input) async throws
        -> Operations.ListContractEvents.Output
    {
        .ok(try await contractEventLists.list(input, by: Caller(input.principal)))
    }

    public func createContractEvent(_ input: Operations.CreateContractEvent.Input) async throws
        -> Operations.CreateContractEvent.Output
    {
        .created(try await contractEvents.create(input.body, in: input.contract, by: Caller(input.principal)))
    }

    public func updateContractEvent(_ input: Operations.UpdateContractEvent.Input) async throws
        -> Operations.UpdateContractEvent.Output
    {
        .ok(
            try await contractEvents.update(
                input.event, in: input.contract, with: input.body ?? .init(), by: Caller(input.principal)))
    }

    public func addContractComment(_ input: Operations.AddContractComment.Input) async throws
        -> Operations.AddContractComment.Output
    {
        .created(try await contractEvents.comment(input.body, in: input.contract, by: Caller(input.principal)))
    }

    public func attachContractEventSchedule(_ input: Operations.AttachContractEventSchedule.Input) async throws
        -> Operations.AttachContractEventSchedule.Output
    {
        .created(
            try await contractEventExports.attach(
                input.schedule, to: input.event, in: input.contract, by: Caller(input.principal)))
    }

    public func detachContractEventSchedule(_ input: Operations.DetachContractEventSchedule.Input) async throws
        -> Operations.DetachContractEventSchedule.Output
    {
        .ok(
            try await contractEventExports.detach(
                input.export, from: input.event, in: input.contract, by: Caller(input.principal)))
    }

    public func addContractHand(_ input: Operations.AddContractHand.Input) async throws
        -> Operations.AddContractHand.Output
    {
        .created(try await contractHands.add(input.body, to: input.contract, by: Caller(input.principal)))
    }
}
