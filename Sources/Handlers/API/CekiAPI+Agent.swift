import Generated

/// The AgentProfile, AgentSchedule and AgentSearch tags: agents' own and public profiles, their schedules, the
/// directory, and their billed search and views of people. The billed POSTs take an `Idempotency-Key`, so a
/// retried call is answered from the first result and charged once.
extension CekiAPI {
    public func getPublicAgentProfile(_ input: Operations.GetPublicAgentProfile.Input) async throws
        -> Operations.GetPublicAgentProfile.Output
    {
        .ok(try await agentProfiles.publicProfile(input.id))
    }

    public func getAgentScheduleHistory(_ input: Operations.GetAgentScheduleHistory.Input) async throws
        -> Operations.GetAgentScheduleHistory.Output
    {
        .ok(try await agentProfiles.scheduleHistory(input.id, page: input.page))
    }

    public func getOwnAgentProfile(_ input: Operations.GetOwnAgentProfile.Input) async throws
        -> Operations.GetOwnAgentProfile.Output
    {
        .ok(Types.AgentEnvelope(agent: try await agentProfiles.own(try input.principal.required.agentID)))
    }

    public func updateOwnAgentProfile(_ input: Operations.UpdateOwnAgentProfile.Input) async throws
        -> Operations.UpdateOwnAgentProfile.Output
    {
        let agent = try input.principal.required.agentID
        return .ok(Types.AgentEnvelope(agent: try await agentProfiles.update(agent, with: input.body ?? .init())))
    }

    public func listAgentSchedules(_ input: Operations.ListAgentSchedules.Input) async throws
        -> Operations.ListAgentSchedules.Output
    {
        .ok(try await agentSchedules.list(of: try input.principal.required.agentID, page: input.page))
    }

    public func createAgentSchedule(_ input: Operations.CreateAgentSchedule.Input) async throws
        -> Operations.CreateAgentSchedule.Output
    {
        let agent = try input.principal.required.agentID
        return .created(
            try await idempotencyKeys.run(
                key: input.idempotencyKey, operation: .createAgentSchedule, caller: .agent(agent),
                client: RequestOrigin.clientAddress, request: input.body
            ) {
                Types.AgentScheduleEnvelope(schedule: try await agentSchedules.create(input.body, by: agent))
            })
    }

    public func getAgentSchedule(_ input: Operations.GetAgentSchedule.Input) async throws
        -> Operations.GetAgentSchedule.Output
    {
        let agent = try input.principal.required.agentID
        return .ok(Types.AgentScheduleEnvelope(schedule: try await agentSchedules.find(input.id, of: agent, on: pool)))
    }

    public func updateAgentSchedule(_ input: Operations.UpdateAgentSchedule.Input) async throws
        -> Operations.UpdateAgentSchedule.Output
    {
        let agent = try input.principal.required.agentID
        return .ok(
            Types.AgentScheduleEnvelope(schedule: try await agentSchedules.update(input.id, with: input.body ?? .init(), by: agent)))
    }

    public func deleteAgentSchedule(_ input: Operations.DeleteAgentSchedule.Input) async throws
        -> Operations.DeleteAgentSchedule.Output
    {
        try await agentSchedules.delete(input.id, by: try input.principal.required.agentID)
        return .ok(Types.Message(message: "Schedule deleted"))
    }

    public func searchAgents(_ input: Operations.SearchAgents.Input) async throws -> Operations.SearchAgents.Output {
        .ok(try await agentDirectory.search(input))
    }

    public func agentSearchSpecialists(_ input: Operations.AgentSearchSpecialists.Input) async throws
        -> Operations.AgentSearchSpecialists.Output
    {
        let agent = try input.principal.required.agentID
        let request: JSONValue = input.body?.json ?? .null
        return .ok(
            try await idempotencyKeys.run(
                key: input.idempotencyKey, operation: .agentSearchSpecialists, caller: .agent(agent),
                client: RequestOrigin.clientAddress, request: request
            ) {
                try await agentSpecialists.search(input.body, by: agent)
            })
    }

    public func agentViewUserProfile(_ input: Operations.AgentViewUserProfile.Input) async throws
        -> Operations.AgentViewUserProfile.Output
    {
        let agent = try input.principal.required.agentID
        return .ok(Types.SpecialistProfileEnvelope(user: try await agentSpecialists.profile(of: input.id, by: agent)))
    }
}
