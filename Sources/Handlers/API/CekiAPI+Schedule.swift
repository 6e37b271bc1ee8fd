import Generated

/// The Schedule tag: people's schedules, their slots and their next free slot, previews of unsaved settings,
/// participants, events put in by hand, payments and deposits. Each operation follows docs/adding-an-operation.md:
/// the caller from the principal, the object and its grant from the domain, the generated output case.
extension CekiAPI {
    public func createSchedule(_ input: Operations.CreateSchedule.Input) async throws
        -> Operations.CreateSchedule.Output
    {
        .created(try await schedules.create(input.body, by: Caller(input.principal)))
    }

    public func getSchedule(_ input: Operations.GetSchedule.Input) async throws -> Operations.GetSchedule.Output {
        let caller = Caller(input.principal)
        let range = try DateRangeQuery(input.dates)
        let (schedule, grant) = try await schedules.find(input.schedule, for: caller)
        return .ok(
            try await scheduleViews.view(
                of: schedule, grant: grant, caller: caller, range: range, viewerTimeZone: input.viewerTimezone))
    }

    public func updateSchedule(_ input: Operations.UpdateSchedule.Input) async throws
        -> Operations.UpdateSchedule.Output
    {
        .ok(try await schedules.update(input.schedule, with: input.body, by: Caller(input.principal)))
    }

    public func deleteSchedule(_ input: Operations.DeleteSchedule.Input) async throws
        -> Operations.DeleteSchedule.Output
    {
        try await schedules.delete(input.schedule, by: Caller(input.principal))
        return .ok(Types.Message(message: "deleted"))
    }

    public func getScheduleNextSlot(_ input: Operations.GetScheduleNextSlot.Input) async throws
        -> Operations.GetScheduleNextSlot.Output
    {
        let (schedule, _) = try await schedules.find(input.schedule, for: Caller(input.principal))
        return .ok(
            try await scheduleViews.nextSlot(of: schedule, after: input.after, viewerTimeZone: input.viewerTimezone))
    }

    public func previewScheduleSlots(_ input: Operations.PreviewScheduleSlots.Input) async throws
        -> Operations.PreviewScheduleSlots.Output
    {
        let range = try DateRangeQuery(input.dates)
        return .ok(
            try await scheduleViews.preview(
                input.body, by: Caller(input.principal), range: range, viewerTimeZone: input.viewerTimezone))
    }

    public func listScheduleUsers(_ input: Operations.ListScheduleUsers.Input) async throws
        -> Operations.ListScheduleUsers.Output
    {
        .ok(try await scheduleParticipants.list(input.schedule, by: Caller(input.principal)))
    }

    public func addScheduleUsers(_ input: Operations.AddScheduleUsers.Input) async throws
        -> Operations.AddScheduleUsers.Output
    {
        .created(try await scheduleParticipants.add(input.body, to: input.schedule, by: Caller(input.principal)))
    }

    public func removeScheduleUser(_ input: Operations.RemoveScheduleUser.Input) async throws
        -> Operations.RemoveScheduleUser.Output
    {
        .ok(try await scheduleParticipants.remove(input.userId, from: input.schedule, by: Caller(input.principal)))
    }

    public func createScheduleEvent(_ input: Operations.CreateScheduleEvent.Input) async throws
        -> Operations.CreateScheduleEvent.Output
    {
        .created(try await scheduleEvents.create(input.body, in: input.schedule, by: Caller(input.principal)))
    }

    public func payScheduleEvents(_ input: Operations.PayScheduleEvents.Input) async throws
        -> Operations.PayScheduleEvents.Output
    {
        .ok(try await schedulePayments.pay(input.body, schedule: input.schedule, by: Caller(input.principal)))
    }

    public func createScheduleDeposit(_ input: Operations.CreateScheduleDeposit.Input) async throws
        -> Operations.CreateScheduleDeposit.Output
    {
        .created(try await schedulePayments.deposit(input.body, schedule: input.schedule, by: Caller(input.principal)))
    }

    public func searchSpecialists(_ input: Operations.SearchSpecialists.Input) async throws
        -> Operations.SearchSpecialists.Output
    {
        .ok(try await specialistSearch.search(input.body, by: Caller(input.principal)))
    }
}
