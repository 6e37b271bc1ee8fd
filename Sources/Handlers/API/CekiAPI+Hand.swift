import Generated

/// The Hand tag's money: charges and deposits of one contract hand (`/api/hands/{contractHand}/…`). The contract is
/// resolved from the hand, then the caller's membership of it, so a hand outside the caller's contracts is a 404.
/// The tracking operations of the tag are in `CekiAPI+TimeLog.swift`.
extension CekiAPI {
    public func createHandCharge(_ input: Operations.CreateHandCharge.Input) async throws
        -> Operations.CreateHandCharge.Output
    {
        .created(try await contractCharges.create(input.body, forHand: input.contractHand, by: Caller(input.principal)))
    }

    public func updateHandCharge(_ input: Operations.UpdateHandCharge.Input) async throws
        -> Operations.UpdateHandCharge.Output
    {
        .ok(
            try await contractCharges.update(
                input.body, event: input.event, ofHand: input.contractHand, by: Caller(input.principal)))
    }

    public func createHandDeposit(_ input: Operations.CreateHandDeposit.Input) async throws
        -> Operations.CreateHandDeposit.Output
    {
        let caller = Caller(input.principal)
        let request: JSONValue = ["contractHand": .number(JSONNumber(input.contractHand)), "body": input.body.json]
        return .created(
            try await idempotencyKeys.run(
                key: input.idempotencyKey, operation: .createHandDeposit, caller: caller,
                client: RequestOrigin.clientAddress, request: request
            ) {
                try await contractDeposits.create(input.body, forHand: input.contractHand, by: caller)
            })
    }

    public func updateHandDeposit(_ input: Operations.UpdateHandDeposit.Input) async throws
        -> Operations.UpdateHandDeposit.Output
    {
        .ok(
            try await contractDeposits.update(
                input.body, event: input.event, ofHand: input.contractHand, by: Caller(input.principal)))
    }
}
