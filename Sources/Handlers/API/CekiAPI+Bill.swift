import Generated

/// The Bill tag: a contract's invoices of its charges, listed, made, renamed, deleted while unpaid and paid
/// (`ContractBills`, docs/domain.md "The ledger as built").
extension CekiAPI {
    public func listContractBills(_ input: Operations.ListContractBills.Input) async throws
        -> Operations.ListContractBills.Output
    {
        .ok(
            try await contractBills.list(
                on: input.contract, page: PageRequest(page: input.page, perPage: input.perPage ?? 20),
                sortBy: input.sortBy?.rawValue, descending: input.descending, by: Caller(input.principal)))
    }

    public func createContractBill(_ input: Operations.CreateContractBill.Input) async throws
        -> Operations.CreateContractBill.Output
    {
        .created(try await contractBills.create(input.body, on: input.contract, by: Caller(input.principal)))
    }

    public func updateContractBill(_ input: Operations.UpdateContractBill.Input) async throws
        -> Operations.UpdateContractBill.Output
    {
        .ok(
            try await contractBills.rename(
                input.bill, on: input.contract, to: input.body.label, by: Caller(input.principal)))
    }

    public func deleteContractBill(_ input: Operations.DeleteContractBill.Input) async throws
        -> Operations.DeleteContractBill.Output
    {
        try await contractBills.delete(input.bill, on: input.contract, by: Caller(input.principal))
        return .ok(Types.Message(message: "Bill deleted"))
    }

    public func payContractBill(_ input: Operations.PayContractBill.Input) async throws
        -> Operations.PayContractBill.Output
    {
        let caller = Caller(input.principal)
        let request: JSONValue = [
            "contract": .number(JSONNumber(input.contract)), "bill": .number(JSONNumber(input.bill)),
        ]
        return .ok(
            try await idempotencyKeys.run(
                key: input.idempotencyKey, operation: .payContractBill, caller: caller,
                client: RequestOrigin.clientAddress, request: request
            ) {
                try await contractBills.pay(input.bill, on: input.contract, by: caller)
            })
    }
}
