import Generated

/// The Event tag: attendees' answers and deletion, which carry a booking through the event state machine of
/// docs/domain.md, and the lists of upcoming events and of an event's children (reading one event with its
/// corrections, and the corrections themselves, come with the rest of the tag). Each operation follows
/// docs/adding-an-operation.md.
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

    public func listUpcomingEvents(_ input: Operations.ListUpcomingEvents.Input) async throws
        -> Operations.ListUpcomingEvents.Output
    {
        let range = try DateRangeQuery(input.dates)
        return .ok(
            try await eventLists.upcoming(
                for: Caller(input.principal), range: range, viewerTimeZone: input.viewerTimezone))
    }

    public func listEventChildren(_ input: Operations.ListEventChildren.Input) async throws
        -> Operations.ListEventChildren.Output
    {
        .ok(try await eventLists.children(of: input.event, for: Caller(input.principal)))
    }
}
