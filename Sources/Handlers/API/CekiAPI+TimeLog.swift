import Generated

/// The TimeLog tag: the caller's trackable contracts and running sessions, starting one, discarding one. The
/// sessions themselves are `TimeLogs` (docs/domain.md "Time logs").
extension CekiAPI {
    public func listTimelogs(_ input: Operations.ListTimelogs.Input) async throws -> Operations.ListTimelogs.Output {
        .ok(try await timeLogs.overview(for: Caller(input.principal)))
    }

    public func startTimelog(_ input: Operations.StartTimelog.Input) async throws -> Operations.StartTimelog.Output {
        .created(try await timeLogs.start(input.body, by: Caller(input.principal)))
    }

    public func deleteTimelog(_ input: Operations.DeleteTimelog.Input) async throws -> Operations.DeleteTimelog.Output {
        try await timeLogs.discard(input.userTime, by: Caller(input.principal))
        return .ok(Types.Message(message: "deleted"))
    }
}

/// The Hand tag's time tracking: start, check and stop a hand's session (its money is in `CekiAPI+Hand.swift`).
extension CekiAPI {
    public func startHandTracking(_ input: Operations.StartHandTracking.Input) async throws
        -> Operations.StartHandTracking.Output
    {
        .created(try await timeLogs.startTracking(input.contractHand, by: Caller(input.principal)))
    }

    public func getHandTracking(_ input: Operations.GetHandTracking.Input) async throws
        -> Operations.GetHandTracking.Output
    {
        .ok(try await timeLogs.state(of: input.contractHand, for: Caller(input.principal)))
    }

    public func stopHandTracking(_ input: Operations.StopHandTracking.Input) async throws
        -> Operations.StopHandTracking.Output
    {
        .ok(try await timeLogs.stopTracking(input.contractHand, by: Caller(input.principal)))
    }
}
