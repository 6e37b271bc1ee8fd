import Generated

/// The UserContacts tag: the caller's address book (`Contacts`).
extension CekiAPI {
    public func listContacts(_ input: Operations.ListContacts.Input) async throws -> Operations.ListContacts.Output {
        .ok(try await contacts.list(for: Caller(input.principal)))
    }

    public func addContact(_ input: Operations.AddContact.Input) async throws -> Operations.AddContact.Output {
        .created(try await contacts.add(input.body, by: Caller(input.principal)))
    }

    public func toggleContactPin(_ input: Operations.ToggleContactPin.Input) async throws
        -> Operations.ToggleContactPin.Output
    {
        .ok(try await contacts.togglePin(input.user, by: Caller(input.principal)))
    }

    public func updateContact(_ input: Operations.UpdateContact.Input) async throws -> Operations.UpdateContact.Output {
        .ok(try await contacts.update(input.user, with: input.body, by: Caller(input.principal)))
    }
}
