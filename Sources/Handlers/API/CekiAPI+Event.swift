import Generated

/// The Event tag: attendees' answers and deletion, which carry a booking through the event state machine of
/// docs/domain.md (reading an event with its corrections, the corrections themselves and the upcoming list come
/// with the rest of the tag). Each operation follows docs/adding-an-operation.md.
extension CekiAPI {
    public func confirmEvent(_ input: Operations.ConfirmEvent.Input) async throws -> Operations.ConfirmEvent.Output {
        .ok(try await events.confirm(input.event, by: Caller(input.principal)))
    }

    public func declineEvent(_ input: Operations.DeclineEvent.Input) async throws -> Operations.DeclineEvent.Output {
        .ok(try await events.decline(input.event, by: Caller(input.principal)))
    }

    public func deleteEvent(_ input: Operations.DeleteEvent.Input) async throws -> Operations.DeleteEvent.Output {
        try await events.delete(input.event, by: Caller(input.principal))
        return .ok(Types.Message(message: "Event deleted"))
    }
}
