import Generated

/// The Kal tag's Google Calendar operations: the authorization URL, a kal's import and export links, linking a
/// calendar and removing a link (docs/google-calendar.md). The work is in `GoogleCalendar/KalSyncs.swift`; each
/// answers 503 when Google is not configured.
extension CekiAPI {
    public func getKalGoogleOauthUrl(_ input: Operations.GetKalGoogleOauthUrl.Input) async throws
        -> Operations.GetKalGoogleOauthUrl.Output
    {
        .ok(try await kalSyncs.authorizationURL(kal: input.kal, by: Caller(input.principal)))
    }

    public func getKalSync(_ input: Operations.GetKalSync.Input) async throws -> Operations.GetKalSync.Output {
        .ok(try await kalSyncs.settings(kal: input.kal, by: Caller(input.principal)))
    }

    public func setupKalSync(_ input: Operations.SetupKalSync.Input) async throws -> Operations.SetupKalSync.Output {
        .created(try await kalSyncs.link(kal: input.kal, with: input.body, by: Caller(input.principal)))
    }

    public func disconnectKalSync(_ input: Operations.DisconnectKalSync.Input) async throws
        -> Operations.DisconnectKalSync.Output
    {
        .ok(try await kalSyncs.unlink(kal: input.kal, with: input.body, by: Caller(input.principal)))
    }
}
