import Generated

/// The Event tag: attendees' answers and deletion, which carry a booking through the event state machine of
/// docs/domain.md, the lists of upcoming events and of an event's children, and one event in full with its
/// corrections, proposed and voted on (docs/corrections.md). Each operation follows docs/adding-an-operation.md.
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

    public func getEvent(_ input: Operations.GetEvent.Input) async throws -> Operations.GetEvent.Output {
        .ok(try await eventCorrections.detail(input.event, for: Caller(input.principal)))
    }

    public func proposeEventCorrections(_ input: Operations.ProposeEventCorrections.Input) async throws
        -> Operations.ProposeEventCorrections.Output
    {
        .ok(try await eventCorrections.propose(input.event, with: input.body ?? .init(), by: Caller(input.principal)))
    }

    public func voteEventCorrections(_ input: Operations.VoteEventCorrections.Input) async throws
        -> Operations.VoteEventCorrections.Output
    {
        .ok(try await eventCorrections.vote(input.event, with: input.body, by: Caller(input.principal)))
    }
}
