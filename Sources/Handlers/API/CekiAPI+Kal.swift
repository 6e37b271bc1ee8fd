import Generated

/// The Kal tag's own operations: a user's calendars and the view of one over a date range (the schedule views,
/// booking and the Google sync of the same tag come with scheduling). The shape every operation follows is in
/// docs/adding-an-operation.md: the caller from the principal, the object and its grant from the domain, the
/// generated output case.
extension CekiAPI {
    public func createKal(_ input: Operations.CreateKal.Input) async throws -> Operations.CreateKal.Output {
        .created(try await kals.create(input.body, by: Caller(input.principal)))
    }

    public func getDefaultKal(_ input: Operations.GetDefaultKal.Input) async throws -> Operations.GetDefaultKal.Output {
        let caller = Caller(input.principal)
        let range = try DateRangeQuery(input.dates)
        let (kal, grant) = try await kals.defaultKal(of: caller)
        return .ok(
            try await kalViews.view(
                of: kal, grant: grant, caller: caller, range: range, viewerTimeZone: input.viewerTimezone))
    }

    public func getKal(_ input: Operations.GetKal.Input) async throws -> Operations.GetKal.Output {
        let caller = Caller(input.principal)
        let range = try DateRangeQuery(input.dates)
        let (kal, grant) = try await kals.find(input.kal, for: caller)
        return .ok(
            try await kalViews.view(
                of: kal, grant: grant, caller: caller, range: range, viewerTimeZone: input.viewerTimezone))
    }

    public func updateKal(_ input: Operations.UpdateKal.Input) async throws -> Operations.UpdateKal.Output {
        .ok(try await kals.update(input.kal, with: input.body, by: Caller(input.principal)))
    }

    public func deleteKal(_ input: Operations.DeleteKal.Input) async throws -> Operations.DeleteKal.Output {
        try await kals.delete(input.kal, by: Caller(input.principal))
        return .ok(Types.Message(message: "deleted"))
    }

    public func getKalScheduleView(_ input: Operations.GetKalScheduleView.Input) async throws
        -> Operations.GetKalScheduleView.Output
    {
        let caller = Caller(input.principal)
        let range = try DateRangeQuery(input.dates)
        let (kal, grant) = try await kals.find(input.kal, for: caller)
        return .ok(
            try await kalViews.view(
                of: kal, grant: grant, caller: caller, range: range, viewerTimeZone: input.viewerTimezone,
                schedule: input.schedule))
    }

    public func bookScheduleSlot(_ input: Operations.BookScheduleSlot.Input) async throws
        -> Operations.BookScheduleSlot.Output
    {
        let caller = Caller(input.principal)
        let client = RequestOrigin.clientAddress
        let request: JSONValue = ["schedule": .number(JSONNumber(input.schedule)), "body": input.body.json]
        return .created(
            try await idempotencyKeys.run(
                key: input.idempotencyKey, operation: .bookScheduleSlot, caller: caller, client: client,
                request: request
            ) {
                try await bookings.book(input.body, schedule: input.schedule, by: caller, client: client)
            })
    }

    public func getKalContractView(_ input: Operations.GetKalContractView.Input) async throws
        -> Operations.GetKalContractView.Output
    {
        .ok(
            try await contractKalViews.view(
                kal: input.kal, schedule: input.schedule, caller: Caller(input.principal),
                range: try DateRangeQuery(input.dates), viewerTimeZone: input.viewerTimezone))
    }
}
